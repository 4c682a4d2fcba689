// Announcements (docs.joinmastodon.org/methods/announcements): posted with
// `piaf admin announce`, read and dismissed by each account. Reactions are
// not kept: adding one is refused (422), removing one finds none (404).
#include "service/announcements.h"

#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {

namespace json = boost::json;

void AddAnnouncementRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  // Those the viewer dismissed only with ?with_dismissed=true (Mastodon's
  // parameter), then with `read`.
  add("GET", "/api/v1/announcements", "read", true, [&C](Call& c) {
    auto with_dismissed = c.params.GetBool("with_dismissed");
    if (!with_dismissed) return ErrorResponse(with_dismissed.error());
    json::array out;
    for (const auto& a : service::ListAnnouncements(C, c.viewer, with_dismissed->value_or(false))) {
      out.push_back(AnnouncementJson(a));
    }
    return JsonResponse(200, json::serialize(out));
  });
  add("POST", "/api/v1/announcements/:id/dismiss", "write:accounts", true, [&C](Call& c) {
    auto id = core::ParseId(c.args[0]);
    if (!id) return ErrorResponse(core::NotFound());
    auto done = service::DismissAnnouncement(C, c.viewer, *id);
    if (!done) return ErrorResponse(done.error());
    return JsonResponse(200, "{}");
  });
  // The announcement must exist either way (404 before 422).
  auto exists = [&C](const Call& c) {
    auto id = core::ParseId(c.args[0]);
    if (!id) return false;
    for (const auto& a : service::ListAnnouncements(C, c.viewer, true)) {
      if (a.announcement.id == *id) return true;
    }
    return false;
  };
  add("PUT", "/api/v1/announcements/:id/reactions/:name", "write:favourites", true,
      [exists](Call& c) {
        if (!exists(c)) return ErrorResponse(core::NotFound());
        return ErrorResponse(core::Unprocessable("Reactions to announcements are not supported"));
      });
  // No reaction was ever added: there is none to remove.
  add("DELETE", "/api/v1/announcements/:id/reactions/:name", "write:favourites", true,
      [](Call&) { return ErrorResponse(core::NotFound()); });
}

}  // namespace piaf::api
