#include "service/auth.h"

#include <gtest/gtest.h>

#include "service/rate_limit.h"
#include "service/testing.h"

namespace piaf::service {
namespace {

TEST(ScopeAllows, AGrantedScopeAllowsItselfAndItsSubScopes) {
  EXPECT_TRUE(ScopeAllows("read write follow", "read"));
  EXPECT_TRUE(ScopeAllows("read write follow", "write:statuses"));
  EXPECT_TRUE(ScopeAllows("read", "read:accounts"));
  EXPECT_TRUE(ScopeAllows("admin:read", "admin:read:accounts"));
  EXPECT_TRUE(ScopeAllows("read:statuses", "read:statuses"));
}

TEST(ScopeAllows, FollowAllowsTheRelationScopesOnly) {
  for (const char* s : {"write:follows", "write:blocks", "write:mutes", "read:follows",
                        "read:blocks", "read:mutes"}) {
    EXPECT_TRUE(ScopeAllows("follow", s)) << s;
  }
  EXPECT_FALSE(ScopeAllows("follow", "read"));
  EXPECT_FALSE(ScopeAllows("follow", "write:statuses"));
}

TEST(ScopeAllows, ANameThatMerelyStartsTheSameAllowsNothing) {
  EXPECT_FALSE(ScopeAllows("read", "readx"));
  EXPECT_FALSE(ScopeAllows("read", "reading:x"));
  EXPECT_FALSE(ScopeAllows("write", "read:accounts"));
  EXPECT_FALSE(ScopeAllows("read:statuses", "read:accounts"));
  EXPECT_FALSE(ScopeAllows("read:statuses", "read"));
  EXPECT_FALSE(ScopeAllows("admin:read", "admin:write:accounts"));
}

TEST(ScopeAllows, ScopesAreSeparatedByAnyWhitespace) {
  EXPECT_TRUE(ScopeAllows("  push\tread\n", "read:notifications"));
  EXPECT_TRUE(ScopeAllows("read   write", "write"));
  EXPECT_FALSE(ScopeAllows("", "read"));
  EXPECT_FALSE(ScopeAllows("   ", "read"));
}

// The OAuth grants over a real store: authorization codes with and without
// PKCE (RFC 7636), codes for an account already signed in, and sign-up.
class AuthFlow : public ::testing::Test {
 protected:
  static constexpr const char* kRedirect = "https://app.example/oauth/callback";
  static constexpr const char* kPassword = "a long enough password";
  // RFC 7636, appendix B.
  static constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static constexpr const char* kS256Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  void SetUp() override {
    auto app = RegisterApp(t_.ctx, "web", kRedirect, "read write follow", "");
    ASSERT_TRUE(app);
    app_ = *app;
    auto carol = CreateAccount(t_.ctx, "carol", "carol@example.org", kPassword, false);
    ASSERT_TRUE(carol);
    carol_ = *carol;
  }

  // A code for carol through the login form, with this challenge.
  Result<std::string> LogIn(std::string_view challenge, std::string_view method) {
    return Authorize(t_.ctx, throttle_, codes_, app_.client_id, kRedirect, "read write", "carol",
                     kPassword, "10.0.0.1", challenge, method);
  }
  Result<IssuedToken> Redeem(const std::string& code, std::string_view secret,
                             std::string_view verifier) {
    return AuthorizationCodeGrant(t_.ctx, codes_, app_.client_id, secret, code, kRedirect, verifier);
  }
  // The account a token stands for.
  std::optional<Id> AccountOf(const IssuedToken& t) {
    auto viewer = Authenticate(t_.ctx, t.access_token);
    return viewer ? viewer->account_id : std::nullopt;
  }
  static std::string ErrorOf(const auto& result) {
    return result ? "(none)" : result.error().safe_message;
  }

  TestInstance t_;
  LoginThrottle throttle_{t_.clock, 10, 60000};
  AuthorizationCodes codes_{t_.clock};
  store::App app_;
  Id carol_ = 0;
};

TEST_F(AuthFlow, AnS256CodeIsRedeemedWithItsVerifierAndNoSecret) {
  auto code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code) << ErrorOf(code);
  auto token = Redeem(*code, "", kVerifier);  // a public client: no secret
  ASSERT_TRUE(token) << ErrorOf(token);
  EXPECT_EQ(token->scope, "read write");
  EXPECT_EQ(AccountOf(*token), carol_);
  EXPECT_EQ(ErrorOf(Redeem(*code, "", kVerifier)), "invalid_grant");  // once only
}

TEST_F(AuthFlow, AWrongOrMissingVerifierFailsAndSpendsTheCode) {
  for (std::string_view wrong : {"", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK",
                                 "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short"}) {
    auto code = LogIn(kS256Challenge, "S256");
    ASSERT_TRUE(code);
    EXPECT_EQ(ErrorOf(Redeem(*code, "", wrong)), "invalid_grant") << wrong;
    EXPECT_EQ(ErrorOf(Redeem(*code, "", kVerifier)), "invalid_grant") << "spent: " << wrong;
  }
}

TEST_F(AuthFlow, APlainChallengeIsTheVerifierItselfAndIsTheDefaultMethod) {
  std::string verifier(64, 'a');
  for (std::string_view method : {"plain", ""}) {
    auto code = LogIn(verifier, method);
    ASSERT_TRUE(code) << ErrorOf(code);
    EXPECT_EQ(ErrorOf(Redeem(*code, "", std::string(64, 'b'))), "invalid_grant");
    code = LogIn(verifier, method);
    ASSERT_TRUE(code);
    auto token = Redeem(*code, "", verifier);
    ASSERT_TRUE(token) << ErrorOf(token);
    EXPECT_EQ(AccountOf(*token), carol_);
  }
}

TEST_F(AuthFlow, AnUnknownMethodOrAMalformedChallengeIsAnInvalidRequest) {
  EXPECT_EQ(ErrorOf(LogIn(kS256Challenge, "S512")), "invalid_request");
  EXPECT_EQ(ErrorOf(LogIn(kS256Challenge, "s256")), "invalid_request");
  EXPECT_EQ(ErrorOf(LogIn("", "S256")), "invalid_request");  // a method without a challenge
  EXPECT_EQ(ErrorOf(LogIn("too short", "plain")), "invalid_request");
  EXPECT_EQ(ErrorOf(LogIn(std::string(129, 'a'), "plain")), "invalid_request");
  EXPECT_EQ(ErrorOf(LogIn(std::string(43, '+'), "plain")), "invalid_request");
  EXPECT_TRUE(CheckCodeChallenge(kS256Challenge, "S256").ok());
  EXPECT_TRUE(CheckCodeChallenge("", "").ok());  // no PKCE at all
  EXPECT_FALSE(CheckCodeChallenge(kS256Challenge, "S512").ok());
  EXPECT_EQ(ErrorOf(AuthorizeAccount(t_.ctx, codes_, app_.client_id, kRedirect, "read", carol_,
                                     kS256Challenge, "md5")),
            "invalid_request");
}

TEST_F(AuthFlow, ASecretGivenWithPkceMustStillBeRight) {
  auto code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code);
  EXPECT_EQ(ErrorOf(Redeem(*code, "not the secret", kVerifier)), "invalid_client");
  code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code);
  auto token = Redeem(*code, app_.client_secret, kVerifier);
  ASSERT_TRUE(token) << ErrorOf(token);
  EXPECT_EQ(AccountOf(*token), carol_);
}

TEST_F(AuthFlow, WithoutPkceTheSecretIsNeededAndNoVerifierIsTaken) {
  auto code = LogIn("", "");
  ASSERT_TRUE(code);
  EXPECT_EQ(ErrorOf(Redeem(*code, "", "")), "invalid_client");
  code = LogIn("", "");
  ASSERT_TRUE(code);
  // A verifier for a code that had no challenge: a downgrade, refused.
  EXPECT_EQ(ErrorOf(Redeem(*code, app_.client_secret, kVerifier)), "invalid_grant");
  code = LogIn("", "");
  ASSERT_TRUE(code);
  auto token = Redeem(*code, app_.client_secret, "");
  ASSERT_TRUE(token) << ErrorOf(token);
  EXPECT_EQ(AccountOf(*token), carol_);
}

TEST_F(AuthFlow, ACodeIsForItsOwnAppAndRedirectUri) {
  auto other = RegisterApp(t_.ctx, "other", kRedirect, "read", "");
  ASSERT_TRUE(other);
  auto code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code);
  EXPECT_EQ(ErrorOf(AuthorizationCodeGrant(t_.ctx, codes_, other->client_id, "", *code, kRedirect,
                                           kVerifier)),
            "invalid_grant");
  code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code);
  EXPECT_EQ(ErrorOf(AuthorizationCodeGrant(t_.ctx, codes_, app_.client_id, "", *code,
                                           "https://elsewhere.example/", kVerifier)),
            "invalid_grant");
  EXPECT_EQ(ErrorOf(AuthorizationCodeGrant(t_.ctx, codes_, "no such client", "", "x", kRedirect,
                                           kVerifier)),
            "invalid_client");
}

TEST_F(AuthFlow, ACodeForAnAccountAlreadySignedIn) {
  auto code = AuthorizeAccount(t_.ctx, codes_, app_.client_id, kRedirect, "read write", carol_,
                               kS256Challenge, "S256");
  ASSERT_TRUE(code) << ErrorOf(code);
  auto token = Redeem(*code, "", kVerifier);
  ASSERT_TRUE(token) << ErrorOf(token);
  EXPECT_EQ(AccountOf(*token), carol_);
  EXPECT_EQ(token->scope, "read write");
  // Checked as the login form's request is: the app, its redirect URI, the scopes.
  EXPECT_EQ(ErrorOf(AuthorizeAccount(t_.ctx, codes_, app_.client_id, "https://elsewhere.example/",
                                     "read", carol_, "", "")),
            "The redirect URI is not registered");
  EXPECT_EQ(ErrorOf(AuthorizeAccount(t_.ctx, codes_, app_.client_id, kRedirect, "admin:write",
                                     carol_, "", "")),
            "invalid_scope");
  EXPECT_FALSE(AuthorizeAccount(t_.ctx, codes_, app_.client_id, kRedirect, "read", 424242, "", ""));
  t_.store.SetAccountSuspended(carol_, true);
  t_.snapshots.ForgetAccount(carol_);
  EXPECT_FALSE(AuthorizeAccount(t_.ctx, codes_, app_.client_id, kRedirect, "read", carol_, "", ""));
}

TEST_F(AuthFlow, ACodeLastsTenMinutes) {
  auto code = LogIn(kS256Challenge, "S256");
  ASSERT_TRUE(code);
  t_.clock.Advance(10 * 60 * 1000 + 1);
  EXPECT_EQ(ErrorOf(Redeem(*code, "", kVerifier)), "invalid_grant");
}

TEST_F(AuthFlow, SignUpAppliesTheRegistrationRules) {
  auto dora = SignUp(t_.ctx, "dora", "dora@example.org", kPassword, true, "192.0.2.1");
  ASSERT_TRUE(dora) << ErrorOf(dora);
  EXPECT_EQ(t_.store.GetAccountById(*dora)->username, "dora");
  EXPECT_TRUE(VerifyPassword(t_.store.GetAccountById(*dora)->password_hash, kPassword));
  EXPECT_EQ(ErrorOf(SignUp(t_.ctx, "eve", "eve@example.org", kPassword, false, "192.0.2.1")),
            "Validation failed: Agreement must be accepted");
  EXPECT_EQ(ErrorOf(SignUp(t_.ctx, "dora", "dora2@example.org", kPassword, true, "192.0.2.1")),
            "Validation failed: Username or email has already been taken");
  EXPECT_EQ(SignUp(t_.ctx, "bad name", "x@example.org", kPassword, true, "192.0.2.1").error().code,
            core::ErrorCode::kUnprocessable);
  EXPECT_EQ(SignUp(t_.ctx, "eve", "eve@example.org", "short", true, "192.0.2.1").error().code,
            core::ErrorCode::kUnprocessable);
  t_.settings.registrations_open = false;
  auto closed = SignUp(t_.ctx, "eve", "eve@example.org", kPassword, true, "192.0.2.1");
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, core::ErrorCode::kForbidden);
  // Register (POST /api/v1/accounts) applies the same rules.
  auto app_token = ClientCredentialsGrant(t_.ctx, app_.client_id, app_.client_secret, "read write");
  ASSERT_TRUE(app_token);
  auto app_viewer = Authenticate(t_.ctx, app_token->access_token);
  ASSERT_TRUE(app_viewer);
  auto registered = Register(t_.ctx, *app_viewer, "eve", "eve@example.org", kPassword, true, "192.0.2.1");
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, core::ErrorCode::kForbidden);
  t_.settings.registrations_open = true;
  EXPECT_EQ(ErrorOf(Register(t_.ctx, *app_viewer, "eve", "eve@example.org", kPassword, false, "192.0.2.1")),
            "Validation failed: Agreement must be accepted");
  registered = Register(t_.ctx, *app_viewer, "eve", "eve@example.org", kPassword, true, "192.0.2.1");
  ASSERT_TRUE(registered) << ErrorOf(registered);
  EXPECT_EQ(t_.store.GetAccountById(*AccountOf(*registered))->username, "eve");
}

TEST_F(AuthFlow, ACodeIsRedeemedOnlyWithTheRedirectUriItWasAskedWith) {
  auto code = LogIn("", "");
  ASSERT_TRUE(code);
  EXPECT_EQ(ErrorOf(AuthorizationCodeGrant(t_.ctx, codes_, app_.client_id, app_.client_secret,
                                           *code, "", "")),
            "invalid_grant");
  code = LogIn("", "");
  ASSERT_TRUE(code);
  EXPECT_TRUE(AuthorizationCodeGrant(t_.ctx, codes_, app_.client_id, app_.client_secret, *code,
                                     kRedirect, ""));
}

TEST_F(AuthFlow, AppsRegisterOnlyRedirectsThatRunNothingInABrowser) {
  for (const char* bad :
       {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x",
        "file:///etc/passwd", "https://app.example/cb#frag", "https:/no-host", "https://",
        "not a uri", ":nothing", "https://ok.example\njavascript:alert(1)", "1http://x"}) {
    auto app = RegisterApp(t_.ctx, "x", bad, "read", "");
    EXPECT_FALSE(app) << bad;
  }
  for (const char* good : {"https://app.example/cb", "http://localhost:3000/cb",
                           "com.example.app:/oauth", "urn:ietf:wg:oauth:2.0:oob",
                           "https://a.example/cb\nurn:ietf:wg:oauth:2.0:oob"}) {
    EXPECT_TRUE(RegisterApp(t_.ctx, "x", good, "read", "")) << good;
  }
}

TEST_F(AuthFlow, OnlyMastodonsScopesAreKnown) {
  EXPECT_FALSE(RegisterApp(t_.ctx, "x", kRedirect, "read:everything", ""));
  EXPECT_FALSE(RegisterApp(t_.ctx, "x", kRedirect, "write:x", ""));
  EXPECT_TRUE(RegisterApp(t_.ctx, "x", kRedirect, "read:statuses write:media profile", ""));
  EXPECT_EQ(ErrorOf(PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, "carol",
                                  kPassword, "read:everything", "10.0.0.1")),
            "invalid_scope");
}

TEST_F(AuthFlow, TheThrottleKnowsAnAccountHoweverItsNameIsTyped) {
  for (const char* typed : {"carol", "CAROL", "Carol", "carol@example.org", "CAROL@EXAMPLE.ORG"}) {
    for (int i = 0; i < 2; ++i) {
      PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, typed, "wrong!!!",
                    "read", "10.0.0.1");
    }
  }
  // Ten failures under five spellings: the eleventh is refused, right or not.
  auto right = PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, "carol",
                             kPassword, "read", "10.0.0.1");
  ASSERT_FALSE(right);
  EXPECT_EQ(right.error().code, core::ErrorCode::kTooManyRequests);
}

TEST_F(AuthFlow, FailuresFromOneAddressDoNotLockTheOwnerOutFromAnother) {
  for (int i = 0; i < 10; ++i) {
    PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, "carol", "wrong!!!",
                  "read", "203.0.113.9");
  }
  EXPECT_EQ(PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, "carol",
                          kPassword, "read", "203.0.113.9")
                .error()
                .code,
            core::ErrorCode::kTooManyRequests);
  EXPECT_TRUE(PasswordGrant(t_.ctx, throttle_, app_.client_id, app_.client_secret, "carol",
                            kPassword, "read", "10.0.0.1"));
}

TEST(LoginThrottle, AttemptsAreCountedBeforeTheyAreCheckedAndASuccessGivesItsBack) {
  core::FakeClock clock(0);
  LoginThrottle throttle(clock, 3, 1000, 5);
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.1"));
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.1"));
  throttle.Succeeded("account:1", "10.0.0.1");
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.1"));
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.1"));
  EXPECT_FALSE(throttle.Begin("account:1", "10.0.0.1"));  // 3 in flight or failed
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.2"));   // the same account elsewhere
  EXPECT_TRUE(throttle.Begin("account:2", "10.0.0.1"));
  EXPECT_TRUE(throttle.Begin("account:2", "10.0.0.1"));   // 5 from this IP now
  EXPECT_FALSE(throttle.Begin("account:3", "10.0.0.1"));  // the IP's budget is spent
  clock.Advance(1000);
  EXPECT_TRUE(throttle.Begin("account:1", "10.0.0.1"));
}

TEST_F(AuthFlow, SignUpsFromOneAddressAreLimited) {
  Limits limits{RateLimit(t_.clock, 2, 60000), RateLimit(t_.clock, 0, 1)};
  t_.ctx.limits = &limits;
  EXPECT_TRUE(SignUp(t_.ctx, "u1", "u1@example.org", kPassword, true, "198.51.100.7"));
  // A failed one is not counted.
  EXPECT_FALSE(SignUp(t_.ctx, "u1", "u1@example.org", kPassword, true, "198.51.100.7"));
  EXPECT_TRUE(SignUp(t_.ctx, "u2", "u2@example.org", kPassword, true, "198.51.100.7"));
  auto third = SignUp(t_.ctx, "u3", "u3@example.org", kPassword, true, "198.51.100.7");
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, core::ErrorCode::kTooManyRequests);
  EXPECT_TRUE(SignUp(t_.ctx, "u3", "u3@example.org", kPassword, true, "198.51.100.8"));
  t_.ctx.limits = nullptr;
}

}  // namespace
}  // namespace piaf::service
