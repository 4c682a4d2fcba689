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
#include "api/entities.h"

namespace piaf::api {

// Adds one route: method, pattern ("/api/v1/markers"), the scope a token must
// grant ("" = public), whether a user (not an app) token is required, the
// handler.
using AddRoute = std::function<void(std::string method, std::string pattern, std::string scope,
                                    bool user_required, Handler handler)>;

// GET and POST /api/v1/markers (markers.cc).
void AddMarkerRoutes(const AddRoute& add, service::Context& ctx);
// /api/v1/follow_requests: list, authorize, reject (follow_requests.cc).
void AddFollowRequestRoutes(const AddRoute& add, service::Context& ctx);

// Shared by the route files (defined in api.cc):
// limit (clamped to 1..max_limit), max_id, since_id, min_id.
core::Result<store::Page> ParsePage(const Params& p, int default_limit, int max_limit);
// A page of (row id, account) as a JSON array, with its Link header.
Response AccountList(service::Context& ctx, Call& c, const service::AccountPage& page, int limit);
// The viewer's own account (verify_credentials): with its `source`.
json::value CredentialAccountJson(service::Context& ctx, const service::Viewer& viewer,
                                  const service::AccountView& account);

}  // namespace piaf::api
