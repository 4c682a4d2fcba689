// Followed hashtags (docs.joinmastodon.org/methods/tags#follow,
// methods/followed_tags): follow and unfollow a tag (answered with the Tag
// entity, `following` set), and the tags the viewer follows. GET
// /api/v1/tags/:name is search.cc's.
#include "service/followed_tags.h"

#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/trends.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

}  // namespace

void AddFollowedTagRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  auto action = [&add, &C](const char* path, auto verb) {
    add("POST", path, "write:follows", true, [&C, verb](Call& c) {
      auto tag = verb(C, c.viewer, c.args.at(0));
      if (!tag) return ErrorResponse(tag.error());
      return JsonResponse(200, json::serialize(TagJson(tag->name, service::TagHistory(C, tag->name),
                                                       C.settings, tag->following)));
    });
  };
  action("/api/v1/tags/:name/follow", service::FollowTag);
  action("/api/v1/tags/:name/unfollow", service::UnfollowTag);

  // Newest follow first, 100 a page by default and 200 at most (Mastodon's),
  // paged by the follows' rows with a Link header.
  add("GET", "/api/v1/followed_tags", "read:follows", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 100, 200);
    if (!page) return ErrorResponse(page.error());
    auto tags = service::FollowedTags(C, c.viewer, *page);
    json::array out;
    for (const auto& [row, name] : tags) {
      out.push_back(TagJson(name, service::TagHistory(C, name), C.settings, true));
    }
    Response r = JsonResponse(200, json::serialize(out));
    if (!tags.empty()) {
      std::optional<core::Id> next;
      if (static_cast<int>(tags.size()) >= page->limit) next = tags.back().first;
      AddLink(r, C.settings, c.request, c.params, next, tags.front().first, true);
    }
    return r;
  });
}

}  // namespace piaf::api
