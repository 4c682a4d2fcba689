// Search (service/search.cc), trends (service/trends.cc) and a hashtag.
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/followed_tags.h"
#include "service/trends.h"
#include "service/verbs.h"
#include "text/char_class.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;

void AddSearchRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;
  // Search (service/search.cc) and trends (service/trends.cc).
  add("GET", "/api/v2/search", "", false, [&C, &S](Call& c) {
    service::SearchInput in;
    in.q = Param(c, "q");
    in.type = Param(c, "type");
    if (!in.type.empty() && in.type != "accounts" && in.type != "hashtags" &&
        in.type != "statuses") {
      return JsonResponse(400, R"({"error":"type must be accounts, hashtags or statuses"})");
    }
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    in.limit = page->limit;
    in.max_id = page->max_id;
    in.min_id = page->min_id;
    auto offset = c.params.GetId("offset");
    if (!offset) return ErrorResponse(offset.error());
    in.offset = static_cast<int>(std::min<Id>(offset->value_or(0), 10000));
    auto account = c.params.GetId("account_id");
    if (!account) return ErrorResponse(account.error());
    in.account_id = *account;
    auto following = c.params.GetBool("following");
    if (!following) return ErrorResponse(following.error());
    in.following = following->value_or(false);
    auto r = service::Search(C, c.viewer, in);
    std::string out = "{\"accounts\":";
    out += JsonArray(r.accounts, [&](std::string& o, const auto& v) { AppendAccount(o, v, S); });
    out += ",\"statuses\":";
    out += JsonArray(r.statuses, [&](std::string& o, const auto& v) { AppendStatus(o, v, S); });
    json::array tags;
    for (const auto& t : r.hashtags) tags.push_back(TagJson(t, service::TagHistory(C, t), S));
    out += ",\"hashtags\":" + json::serialize(tags) + "}";
    return JsonResponse(200, std::move(out));
  });
  auto trending_tags = [&C, &S](Call& c) {
    auto page = ParsePage(c.params, 10, 20);
    if (!page) return ErrorResponse(page.error());
    auto offset = c.params.GetId("offset");
    if (!offset) return ErrorResponse(offset.error());
    bool network = Param(c, "scope") == "network";
    if (network && c.viewer.Anonymous()) {
      return ErrorResponse(
          {core::ErrorCode::kUnauthenticated, "Network trends need a user's token", ""});
    }
    json::array tags;
    for (const auto& t : service::TrendingTags(
             C, c.viewer, page->limit, static_cast<int>(std::min<Id>(offset->value_or(0), 1000)),
             Param(c, "language"), network)) {
      tags.push_back(TagJson(t.tag, t.history, S));
    }
    return Json(tags);
  };
  add("GET", "/api/v1/trends/tags", "", false, trending_tags);
  add("GET", "/api/v1/trends", "", false, trending_tags);
  add("GET", "/api/v1/trends/statuses", "", false, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto offset = c.params.GetId("offset");
    if (!offset) return ErrorResponse(offset.error());
    auto list = service::TrendingStatuses(
        C, c.viewer, page->limit, static_cast<int>(std::min<Id>(offset->value_or(0), 1000)));
    return JsonResponse(200, JsonArray(list, [&](std::string& o, const auto& v) {
                          AppendStatus(o, v, C.settings);
                        }));
  });
  add("GET", "/api/v1/trends/links", "", false, [](Call&) { return Json(json::array()); });
  // A hashtag (Tag entity, with its week of uses): only one used in a public
  // or unlisted status, or that someone follows, is known.
  add("GET", "/api/v1/tags/:name", "", false, [&C, &S](Call& c) {
    std::string name = c.args.at(0);
    if (!name.empty() && name[0] == '#') name.erase(0, 1);
    auto tag = service::FindTag(C, name);
    std::string lower = tag ? *tag : text::LowerCase(name);
    bool following = service::FollowsTag(C, c.viewer, lower);
    if (!tag && !following && !service::AnyoneFollowsTag(C, lower)) {
      return ErrorResponse(tag.error());
    }
    return Json(TagJson(lower, service::TagHistory(C, lower), S, following));
  });
}

}  // namespace piaf::api
