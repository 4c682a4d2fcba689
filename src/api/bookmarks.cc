// Bookmarks and pins (docs.joinmastodon.org/methods/bookmarks and
// methods/statuses#bookmark, #pin): the viewer's private list of statuses,
// and the statuses it features on its profile (listed by api.cc's
// accounts/:id/statuses?pinned=true).
#include "service/bookmarks.h"

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {

void AddBookmarkRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  // Each answers the status as the viewer now sees it (its bookmarked or
  // pinned flag), as favourite does.
  auto action = [&add, &C](const char* path, const char* scope, auto verb) {
    add("POST", path, scope, true, [&C, verb](Call& c) {
      auto id = ArgId(c);
      if (!id) return ErrorResponse(id.error());
      auto v = verb(C, c.viewer, *id);
      if (!v) return ErrorResponse(v.error());
      return JsonResponse(200, StatusText(*v, C.settings));
    });
  };
  action("/api/v1/statuses/:id/bookmark", "write:bookmarks", service::Bookmark);
  action("/api/v1/statuses/:id/unbookmark", "write:bookmarks", service::Unbookmark);
  action("/api/v1/statuses/:id/pin", "write:accounts", service::Pin);
  action("/api/v1/statuses/:id/unpin", "write:accounts", service::Unpin);

  // Newest bookmark first, paged by the bookmarks' row ids (max_id, since_id,
  // min_id; the Link header's cursors), as /api/v1/favourites pages.
  add("GET", "/api/v1/bookmarks", "read:bookmarks", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto list = service::ListBookmarks(C, c.viewer, *page);
    std::string body = "[";
    body.reserve(list.size() * 2048 + 2);
    for (const auto& [row, view] : list) {
      if (body.size() > 1) body += ',';
      AppendStatus(body, view, C.settings);
    }
    body += ']';
    Response r = JsonResponse(200, std::move(body));
    if (!list.empty()) {
      AddLink(r, C.settings, c.request, c.params, list.back().first, list.front().first);
    }
    return r;
  });
}

}  // namespace piaf::api
