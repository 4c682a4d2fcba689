// The token endpoint over a real store: codes issued by the sign-in page
// (through the AuthorizationCodes the Api shares with it) are redeemed at
// POST /oauth/token, with PKCE; the old HTML form is gone from the API.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/api.h"
#include "store/sqlite_store.h"
#include "store/testing.h"
#include "timeline/memory_timeline_cache.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

class OAuthTokenTest : public ::testing::Test {
 protected:
  static constexpr const char* kRedirect = "https://app.example/oauth/callback";
  static constexpr const char* kPassword = "a long enough password";
  static constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  void SetUp() override {
    store_ = std::make_unique<store::SqliteStore>(temp_.db());
    snapshots_ = std::make_unique<service::Snapshots>(*store_);
    ctx_ = std::make_unique<service::Context>(
        service::Context{*store_, timelines_, clock_, ids_, settings_, *snapshots_});
    api_ = std::make_unique<Api>(*ctx_, throttle_, codes_);
    auto app = service::RegisterApp(*ctx_, "web", kRedirect, "read write follow", "");
    ASSERT_TRUE(app);
    app_ = *app;
    ASSERT_TRUE(service::CreateAccount(*ctx_, "carol", "carol@example.org", kPassword, false));
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& type = "application/x-www-form-urlencoded") {
    Request r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.headers["content-type"] = type;
    r.remote_ip = "10.0.0.1";
    return api_->Handle(r);
  }
  // A code for carol, as the sign-in page gets it.
  std::string Code() {
    auto code = service::Authorize(*ctx_, throttle_, codes_, app_.client_id, kRedirect, "read",
                                   "carol", kPassword, "10.0.0.1", kChallenge, "S256");
    EXPECT_TRUE(code);
    return code ? *code : "";
  }

  store::TempStoreDir temp_;
  std::unique_ptr<store::SqliteStore> store_;
  timeline::MemoryTimelineCache timelines_;
  core::FakeClock clock_{1'800'000'000'000};
  core::IdGenerator ids_{clock_};
  service::Settings settings_;
  std::unique_ptr<service::Snapshots> snapshots_;
  std::unique_ptr<service::Context> ctx_;
  service::LoginThrottle throttle_{clock_, 10, 60000};
  service::AuthorizationCodes codes_{clock_};
  std::unique_ptr<Api> api_;
  store::App app_;
};

TEST_F(OAuthTokenTest, ACodeFromTheSharedCodesIsRedeemedWithItsVerifier) {
  std::string code = Code();
  auto r = Call("POST", "/oauth/token",
                json::serialize(json::object{{"grant_type", "authorization_code"},
                                             {"code", code},
                                             {"client_id", app_.client_id},
                                             {"redirect_uri", kRedirect},
                                             {"code_verifier", kVerifier}}),
                "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string token(json::parse(r.body).at("access_token").as_string());
  Request me;
  me.method = "GET";
  me.path = "/api/v1/accounts/verify_credentials";
  me.headers["authorization"] = "Bearer " + token;
  auto who = api_->Handle(me);
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(json::parse(who.body).at("username").as_string(), "carol");
}

TEST_F(OAuthTokenTest, AWrongVerifierIsAnInvalidGrant) {
  std::string code = Code();
  auto r = Call("POST", "/oauth/token",
                "grant_type=authorization_code&client_id=" + app_.client_id + "&code=" + code +
                    "&code_verifier=" + std::string(43, 'x'));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body).at("error").as_string(), "invalid_grant");
}

TEST_F(OAuthTokenTest, TheApiNoLongerServesTheAuthorizePage) {
  // src/web/ renders /oauth/authorize now.
  Request get;
  get.method = "GET";
  get.path = "/oauth/authorize";
  get.query = "client_id=" + app_.client_id + "&redirect_uri=x&response_type=code";
  EXPECT_EQ(api_->Handle(get).status, 404);
  EXPECT_EQ(Call("POST", "/oauth/authorize", "client_id=x").status, 404);
}

}  // namespace
}  // namespace piaf::api
