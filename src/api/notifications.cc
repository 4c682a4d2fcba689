// Notifications (docs.joinmastodon.org/methods/notifications): list, get,
// dismiss, clear.
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/verbs.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;

void AddNotificationRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;
  add("GET", "/api/v1/notifications", "read:notifications", true, [&C, &S](Call& c) {
    auto page = ParsePage(c.params, 40, 80);
    if (!page) return ErrorResponse(page.error());
    auto list = service::ListNotifications(C, c.viewer, *page, c.params.GetAll("types"),
                                           c.params.GetAll("exclude_types"));
    Response r = JsonResponse(200, JsonArray(list, [&](std::string& out, const auto& n) {
                                AppendNotification(out, n, S);
                              }));
    if (!list.empty()) {
      AddLink(r, S, c.request, c.params, list.back().notification.id, list.front().notification.id);
    }
    return r;
  });
  add("GET", "/api/v1/notifications/:id", "read:notifications", true, [&C, &S](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto n = service::GetNotification(C, c.viewer, *id);
    if (!n) return ErrorResponse(n.error());
    return JsonResponse(200, NotificationText(*n, S));
  });
  add("POST", "/api/v1/notifications/:id/dismiss", "write:notifications", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    service::DismissNotification(C, c.viewer, *id);
    return Json(json::object());
  });
  add("POST", "/api/v1/notifications/clear", "write:notifications", true, [&C](Call& c) {
    service::ClearNotifications(C, c.viewer);
    return Json(json::object());
  });
}

}  // namespace piaf::api
