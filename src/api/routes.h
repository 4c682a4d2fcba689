// The route table's seam for the files that hold a resource's endpoints
// (markers.cc...): Api's constructor hands each one's AddXRoutes the
// function that adds a route to its table, as Api::Add does for api.cc's.
//
// Where to add a resource with a file of its own: its AddXRoutes here, the
// file beside api.cc, and one call in Api::Api.
#pragma once

#include <functional>
#include <string>

#include "api/api.h"

namespace piaf::api {

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

}  // namespace piaf::api
