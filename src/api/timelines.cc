// The home, public and hashtag timelines, and streaming (api/streaming.cc opens the streams;
// events are rendered once, here).
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "api/streaming.h"
#include "service/streaming.h"
#include "service/verbs.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;

void AddTimelineRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  const auto& S = ctx.settings;
  add("GET", "/api/v1/timelines/home", "read:statuses", true, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    return StatusList(C, c, service::ReadHomeTimeline(C, c.viewer, *page));
  });
  add("GET", "/api/v1/timelines/public", "", false, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    auto remote = c.params.GetBool("remote");
    if (!remote) return ErrorResponse(remote.error());
    if (remote->value_or(false)) return Json(json::array());  // a single community: nothing remote
    return StatusList(C, c, service::ReadPublicTimeline(C, c.viewer, *page));
  });
  add("GET", "/api/v1/timelines/tag/:tag", "", false, [&C](Call& c) {
    auto page = ParsePage(c.params, 20, 40);
    if (!page) return ErrorResponse(page.error());
    return StatusList(C, c, service::ReadTagTimeline(C, c.viewer, c.args[0], *page));
  });
  // Streaming (api/streaming.cc): events are rendered once, here.
  if (C.streaming) {
    C.streaming->render_status = [&S](const service::StatusView& v) { return StatusText(v, S); };
    C.streaming->render_notification = [&S](const service::NotificationView& n) {
      return NotificationText(n, S);
    };
  }
  add("GET", "/api/v1/streaming/health", "", false, [](Call&) {
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "OK";
    return r;
  });
  add("GET", "/api/v1/streaming", "", false,
      [&C](Call& c) { return OpenStream(C, c, c.params.Get("stream").value_or("")); });
  for (auto [path, name] : std::initializer_list<std::pair<const char*, const char*>>{
           {"/api/v1/streaming/user", "user"},
           {"/api/v1/streaming/user/notification", "user:notification"},
           {"/api/v1/streaming/public", "public"},
           {"/api/v1/streaming/public/local", "public:local"},
           {"/api/v1/streaming/hashtag", "hashtag"},
           {"/api/v1/streaming/hashtag/local", "hashtag:local"},
           // direct: conversation events (service/conversations.cc); list:
           // accepted, and quiet (api/streaming.cc, QuietStream).
           {"/api/v1/streaming/direct", "direct"},
           {"/api/v1/streaming/list", "list"},
           {"/api/v1/streaming/public/remote", "public:remote"},
           {"/api/v1/streaming/public/media", "public:media"},
           {"/api/v1/streaming/public/local/media", "public:local:media"},
           {"/api/v1/streaming/public/remote/media", "public:remote:media"}}) {
    add("GET", path, "", false,
        [&C, name = std::string(name)](Call& c) { return OpenStream(C, c, name); });
  }
}

}  // namespace piaf::api
