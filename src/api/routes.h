// The route table's seam for the files that hold a resource's endpoints
// (markers.cc...): Api's constructor hands each one's AddXRoutes the
// function that adds a route to its table, as Api::Add does for api.cc's.
//
// Where to add a resource with a file of its own: its AddXRoutes here, the
// file beside api.cc, and one call in Api::Api.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "api/api.h"
#include "api/entities.h"

namespace piaf::api {

namespace json = boost::json;

// Adds one route: method, pattern ("/api/v1/markers"), the scope a token must
// grant ("" = public), whether a user (not an app) token is required, the
// handler.
using AddRoute = std::function<void(std::string method, std::string pattern, std::string scope,
                                    bool user_required, Handler handler)>;

// GET and POST /api/v1/markers (markers.cc).
void AddMarkerRoutes(const AddRoute& add, service::Context& ctx);
// NodeInfo and WebFinger (discovery.cc): /.well-known/nodeinfo,
// /nodeinfo/2.0, /.well-known/webfinger.
void AddDiscoveryRoutes(const AddRoute& add, service::Context& ctx);
// What Mastodon apps ask for at start (instance_extras.cc): preferences,
// instance rules, featured tags, endorsements, familiar followers,
// suggestions, the unread notifications count, Web Push (not offered).
void AddInstanceExtraRoutes(const AddRoute& add, service::Context& ctx);
// /api/v1/announcements, dismiss and reactions (announcements.cc).
void AddAnnouncementRoutes(const AddRoute& add, service::Context& ctx);
// /api/v1/follow_requests: list, authorize, reject (follow_requests.cc).
void AddFollowRequestRoutes(const AddRoute& add, service::Context& ctx);
// GET /api/v1/bookmarks, POST /api/v1/statuses/:id/{bookmark,unbookmark,pin,
// unpin} (bookmarks.cc; the pinned statuses are listed by api.cc's
// accounts/:id/statuses?pinned=true).
void AddBookmarkRoutes(const AddRoute& add, service::Context& ctx);
// POST /api/v1/media, /api/v2/media, GET and PUT /api/v1/media/:id
// (media.cc).
void AddMediaRoutes(const AddRoute& add, service::Context& ctx);
// /api/v1/conversations: list, read, remove; the `conversation` stream
// event's renderer (conversations.cc).
void AddConversationRoutes(const AddRoute& add, service::Context& ctx);
// /api/v2/filters (with keywords and statuses) and /api/v1/filters
// (filters.cc).
void AddFilterRoutes(const AddRoute& add, service::Context& ctx);
// /api/v2/notifications (grouped), the notification policy (v1 and v2) and
// /api/v1/notifications/requests (notifications_v2.cc).
void AddNotificationV2Routes(const AddRoute& add, service::Context& ctx);
// /api/v1/lists (CRUD), lists/:id/accounts, accounts/:id/lists,
// timelines/list/:id (lists.cc).
void AddListRoutes(const AddRoute& add, service::Context& ctx);
// POST /api/v1/tags/:name/{follow,unfollow}, GET /api/v1/followed_tags
// (followed_tags.cc).
void AddFollowedTagRoutes(const AddRoute& add, service::Context& ctx);
// GET /api/v1/polls/:id, POST /api/v1/polls/:id/votes, and editing a status:
// PUT /api/v1/statuses/:id, GET .../history and .../source (polls.cc).
void AddPollRoutes(const AddRoute& add, service::Context& ctx);
// A new or edited status's poll[options][], poll[expires_in],
// poll[multiple], poll[hide_totals] (none without options); 422 when
// malformed (polls.cc).
core::Result<std::optional<service::PollInput>> ParsePoll(const Params& p);

// The route files of the first resources (Api::Api calls them in turn).
void AddAccountRoutes(const AddRoute& add, service::Context& ctx);
void AddStatusRoutes(const AddRoute& add, service::Context& ctx);
// Home, public and hashtag timelines, and the streams (timelines.cc).
void AddTimelineRoutes(const AddRoute& add, service::Context& ctx);
// Search, trends and a hashtag (search.cc).
void AddSearchRoutes(const AddRoute& add, service::Context& ctx);
void AddNotificationRoutes(const AddRoute& add, service::Context& ctx);

// What every route file parses and answers as api.cc does (defined there).
// A JSON answer, serialized.
Response Json(const json::value& v, int status = 200);
// A parameter's value, "" when absent.
std::string Param(const Call& c, const char* name);
// A page of statuses as a JSON array written in pieces (each status's shared
// JSON pointed at, not copied), with a Link header unless `link` is false.
Response StatusList(service::Context& ctx, Call& c, std::vector<service::StatusView> views,
                    bool link = true);
// A JSON array of rendered entities: `append(out, item)` writes one.
template <class List, class Append>
std::string JsonArray(const List& list, Append append) {
  std::string out = "[";
  out.reserve(list.size() * 2048);
  for (const auto& item : list) {
    if (out.size() > 1) out += ',';
    append(out, item);
  }
  out += ']';
  return out;
}

// limit (clamped to 1..max_limit), max_id, since_id, min_id.
core::Result<store::Page> ParsePage(const Params& p, int default_limit, int max_limit);
// Link: <...max_id=next_max>; rel="next", <...min_id=prev_min>; rel="prev"
// (since_id when `prev_since`), on the request's path with its paging
// parameters kept.
void AddLink(Response& r, const service::Settings& s, const Request& req, const Params& p,
             std::optional<core::Id> next_max, std::optional<core::Id> prev_min,
             bool prev_since = false);
// The path's i-th :parameter as an id; not found when it is not one.
core::Result<core::Id> ArgId(const Call& c, std::size_t i = 0);
// A page of (row id, account) as a JSON array, with its Link header.
Response AccountList(service::Context& ctx, Call& c, const service::AccountPage& page, int limit);
// The viewer's own account (verify_credentials): with its `source`.
json::value CredentialAccountJson(service::Context& ctx, const service::Viewer& viewer,
                                  const service::AccountView& account);

}  // namespace piaf::api
