// What Mastodon apps ask for as they start, beside the timelines: each
// answered as docs.joinmastodon.org documents it. Some resources do not
// exist in Piaf (featured tags, endorsements, Web Push): their lists are
// empty and their writes are refused, as the documentation allows.
#include <algorithm>
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/suggestions.h"
#include "service/unread_count.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

// `limit`: `fallback` when absent, clamped to 1..max; an error when not a
// number.
core::Result<int> Limit(const Call& c, int fallback, int max) {
  auto l = c.params.Get("limit");
  if (!l) return fallback;
  auto n = core::ParseId(*l);
  if (!n) return core::Invalid("limit must be a number");
  return static_cast<int>(std::clamp<core::Id>(*n, 1, max));
}

}  // namespace

void AddInstanceExtraRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;

  add("GET", "/api/v1/preferences", "read:accounts", true,
      [](Call&) { return Json(PreferencesJson()); });
  add("GET", "/api/v1/instance/rules", "", false, [&S](Call&) { return Json(RulesJson(S.rules)); });

  // Featured tags and endorsements: none can be made here.
  add("GET", "/api/v1/featured_tags", "read:accounts", true,
      [](Call&) { return Json(json::array()); });
  add("GET", "/api/v1/featured_tags/suggestions", "read:accounts", true,
      [](Call&) { return Json(json::array()); });
  add("GET", "/api/v1/accounts/:id/featured_tags", "", false, [&C](Call& c) {
    auto id = core::ParseId(c.args[0]);
    if (!id) return ErrorResponse(core::NotFound());
    auto account = service::GetAccount(C, *id);
    if (!account) return ErrorResponse(account.error());
    return Json(json::array());
  });
  add("GET", "/api/v1/endorsements", "read:accounts", true,
      [](Call&) { return Json(json::array()); });

  // ?id[]=1&id[]=2: for each account, those the viewer follows that follow it.
  add("GET", "/api/v1/accounts/familiar_followers", "read:follows", true, [&C, &S](Call& c) {
    std::vector<core::Id> ids;
    for (const auto& s : c.params.GetAll("id")) {
      if (auto id = core::ParseId(s)) ids.push_back(*id);  // others match no account
    }
    std::string out = "[";
    for (const auto& f : service::FamiliarFollowersOf(C, c.viewer, ids)) {
      if (out.size() > 1) out += ',';
      AppendFamiliarFollowers(out, f, S);
    }
    out += ']';
    return JsonResponse(200, std::move(out));
  });

  // Friends of friends (service/suggestions.h); v1 lists the accounts alone.
  add("GET", "/api/v2/suggestions", "read", true, [&C, &S](Call& c) {
    auto limit = Limit(c, 40, 80);
    if (!limit) return ErrorResponse(limit.error());
    std::string out = "[";
    for (const auto& a : service::SuggestAccounts(C, c.viewer, *limit)) {
      if (out.size() > 1) out += ',';
      AppendSuggestion(out, a, S);
    }
    out += ']';
    return JsonResponse(200, std::move(out));
  });
  add("GET", "/api/v1/suggestions", "read", true, [&C, &S](Call& c) {
    auto limit = Limit(c, 40, 80);
    if (!limit) return ErrorResponse(limit.error());
    std::string out = "[";
    for (const auto& a : service::SuggestAccounts(C, c.viewer, *limit)) {
      if (out.size() > 1) out += ',';
      AppendAccount(out, a, S);
    }
    out += ']';
    return JsonResponse(200, std::move(out));
  });
  // The documentation: "successful even if the account id provided is
  // invalid or is not a suggested account". Nothing is remembered: the
  // account is suggested again while it stays a friend of friends.
  add("DELETE", "/api/v1/suggestions/:account_id", "read", true,
      [](Call&) { return Json(json::object()); });

  // Notifications newer than the viewer's notifications marker.
  add("GET", "/api/v1/notifications/unread_count", "read:notifications", true, [&C](Call& c) {
    service::UnreadCountInput in;
    auto limit = Limit(c, 100, 1000);
    if (!limit) return ErrorResponse(limit.error());
    in.limit = *limit;
    in.types = c.params.GetAll("types");
    in.exclude_types = c.params.GetAll("exclude_types");
    auto account = c.params.GetId("account_id");
    if (!account) return ErrorResponse(account.error());
    in.account_id = *account;
    return Json(json::object{{"count", service::UnreadNotificationCount(C, c.viewer, in)}});
  });

  // Web Push: not offered (no VAPID key; the instance shows none). A
  // subscription is refused, and there is never one to show or change; a
  // delete succeeds, as Mastodon's does without a subscription.
  add("POST", "/api/v1/push/subscription", "push", true, [](Call&) {
    return ErrorResponse(core::Unprocessable("Web Push is not offered by this server"));
  });
  add("GET", "/api/v1/push/subscription", "push", true,
      [](Call&) { return ErrorResponse(core::NotFound()); });
  add("PUT", "/api/v1/push/subscription", "push", true,
      [](Call&) { return ErrorResponse(core::NotFound()); });
  add("DELETE", "/api/v1/push/subscription", "push", true,
      [](Call&) { return Json(json::object()); });
}

}  // namespace piaf::api
