// Accounts (docs.joinmastodon.org/methods/accounts): register, credentials,
// lookup and search, relationships, an account's statuses and followers,
// follow, block, mute; the viewer's blocks, mutes and favourites.
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/bookmarks.h"
#include "service/verbs.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;

void AddAccountRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;
  add("POST", "/api/v1/accounts", "write:accounts", false, [&C](Call& c) {
    auto agreement = c.params.GetBool("agreement");
    if (!agreement) return ErrorResponse(agreement.error());
    auto t = service::Register(C, c.viewer, Param(c, "username"), Param(c, "email"),
                               Param(c, "password"), agreement->value_or(false),
                               c.request.remote_ip);
    if (!t) return ErrorResponse(t.error());
    return Json(json::object{{"access_token", t->access_token},
                             {"token_type", "Bearer"},
                             {"scope", t->scope},
                             {"created_at", t->created_at_s}});
  });
  add("GET", "/api/v1/accounts/verify_credentials", "read:accounts", true, [&C, &S](Call& c) {
    auto a = service::GetAccount(C, *c.viewer.account_id);
    if (!a) return ErrorResponse(a.error());
    return Json(CredentialAccountJson(C, c.viewer, *a));
  });
  add("PATCH", "/api/v1/accounts/update_credentials", "write:accounts", true, [&C, &S](Call& c) {
    auto locked = c.params.GetBool("locked");
    if (!locked) return ErrorResponse(locked.error());
    auto a = service::UpdateProfile(C, c.viewer, c.params.Get("display_name"),
                                    c.params.Get("note"), *locked);
    if (!a) return ErrorResponse(a.error());
    return Json(CredentialAccountJson(C, c.viewer, *a));
  });
  add("GET", "/api/v1/accounts/lookup", "", false, [&C, &S](Call& c) {
    auto a = service::LookupAccount(C, Param(c, "acct"));
    if (!a) return ErrorResponse(a.error());
    return Json(AccountJson(*a, S));
  });
  add("GET", "/api/v1/accounts/search", "read:accounts", false, [&C, &S](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    return JsonResponse(
        200, JsonArray(service::SearchAccounts(C, Param(c, "q"), page->limit),
                       [&](std::string& out, const auto& v) { AppendAccount(out, v, S); }));
  });
  add("GET", "/api/v1/accounts/relationships", "read:follows", true, [&C](Call& c) {
    json::array a;
    for (const auto& s : c.params.GetAll("id")) {
      auto id = core::ParseId(s);
      if (!id || !C.store.GetAccountById(*id)) continue;  // unknown ids are dropped
      a.push_back(RelationshipJson(service::Relationship(C, c.viewer, *id)));
    }
    return Json(a);
  });
  add("GET", "/api/v1/accounts/:id", "", false, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto a = service::GetAccount(C, *id);
    if (!a) return ErrorResponse(a.error());
    return Json(AccountJson(*a, S));
  });
  add("GET", "/api/v1/accounts/:id/statuses", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    service::AccountStatusesFilter filter;
    for (auto [name, flag] : {std::pair{"exclude_replies", &filter.exclude_replies},
                              std::pair{"exclude_reblogs", &filter.exclude_reblogs}}) {
      auto value = c.params.GetBool(name);
      if (!value) return ErrorResponse(value.error());
      *flag = value->value_or(false);
    }
    auto only_media = c.params.GetBool("only_media");
    if (!only_media) return ErrorResponse(only_media.error());
    if (only_media->value_or(false)) return Json(json::array());  // no media yet
    auto pinned = c.params.GetBool("pinned");
    if (!pinned) return ErrorResponse(pinned.error());
    if (pinned->value_or(false)) {
      // Five at most, in the order pinned: one page, no cursors.
      auto list = service::ReadPinnedStatuses(C, c.viewer, *id, *page, filter);
      if (!list) return ErrorResponse(list.error());
      return StatusList(C, c, std::move(*list), false);
    }
    auto list = service::ReadAccountStatuses(C, c.viewer, *id, *page, filter);
    if (!list) return ErrorResponse(list.error());
    return StatusList(C, c, std::move(*list));
  });
  add("GET", "/api/v1/accounts/:id/followers", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::Followers(C, *id, *page);
    if (!list) return ErrorResponse(list.error());
    return AccountList(C, c, *list, page->limit);
  });
  add("GET", "/api/v1/accounts/:id/following", "", false, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::Following(C, *id, *page);
    if (!list) return ErrorResponse(list.error());
    return AccountList(C, c, *list, page->limit);
  });
  add("POST", "/api/v1/accounts/:id/follow", "write:follows", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto r = service::Follow(C, c.viewer, *id);
    if (!r) return ErrorResponse(r.error());
    return Json(RelationshipJson(*r));
  });
  add("POST", "/api/v1/accounts/:id/unfollow", "write:follows", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto r = service::Unfollow(C, c.viewer, *id);
    if (!r) return ErrorResponse(r.error());
    return Json(RelationshipJson(*r));
  });
  auto relation = [&add, &C](const char* path, const char* scope, auto verb) {
    add("POST", path, scope, true, [&C, verb](Call& c) {
      auto id = ArgId(c);
      if (!id) return ErrorResponse(id.error());
      auto r = verb(C, c.viewer, *id);
      if (!r) return ErrorResponse(r.error());
      return Json(RelationshipJson(*r));
    });
  };
  relation("/api/v1/accounts/:id/block", "write:blocks", service::Block);
  relation("/api/v1/accounts/:id/unblock", "write:blocks", service::Unblock);
  relation("/api/v1/accounts/:id/mute", "write:mutes", service::Mute);
  relation("/api/v1/accounts/:id/unmute", "write:mutes", service::Unmute);
  add("GET", "/api/v1/blocks", "read:blocks", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    return AccountList(C, c, service::Blocks(C, c.viewer, *page), page->limit);
  });
  add("GET", "/api/v1/mutes", "read:mutes", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    return AccountList(C, c, service::Mutes(C, c.viewer, *page), page->limit);
  });
  add("GET", "/api/v1/favourites", "read:favourites", true, [&C, &S](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto list = service::Favourites(C, c.viewer, *page);
    Response r = JsonResponse(200, JsonArray(list, [&](std::string& out, const auto& item) {
                                AppendStatus(out, item.second, S);
                              }));
    if (!list.empty()) AddLink(r, S, c.request, c.params, list.back().first, list.front().first);
    return r;
  });
}

}  // namespace piaf::api
