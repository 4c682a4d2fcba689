// Markers (docs.joinmastodon.org/methods/markers): where the viewer stopped
// reading its home timeline and its notifications.
#include "service/markers.h"

#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

Response MarkersResponse(const std::vector<store::Marker>& markers) {
  return JsonResponse(200, json::serialize(MarkersJson(markers)));
}

}  // namespace

void AddMarkerRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  // ?timeline[]=home&timeline[]=notifications: those saved, keyed by timeline.
  add("GET", "/api/v1/markers", "read:statuses", true, [&C](Call& c) {
    return MarkersResponse(service::GetMarkers(C, c.viewer, c.params.GetAll("timeline")));
  });
  // home[last_read_id]=ID, notifications[last_read_id]=ID (a form, or JSON
  // {"home": {"last_read_id": "ID"}}): answers the markers saved. Every id is
  // checked before any is saved.
  add("POST", "/api/v1/markers", "write:statuses", true, [&C](Call& c) {
    std::vector<service::MarkerInput> markers;
    for (const char* timeline : {"home", "notifications"}) {
      auto value = c.params.Get(std::string(timeline) + "[last_read_id]");
      if (!value) continue;
      auto id = core::ParseId(*value);
      if (!id) return ErrorResponse(core::Unprocessable("Last read id must be an id"));
      markers.push_back({timeline, *id});
    }
    return MarkersResponse(service::SaveMarkers(C, c.viewer, markers));
  });
}

}  // namespace piaf::api
