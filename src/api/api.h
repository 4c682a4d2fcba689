// The Mastodon client API: one route table (method, path, scope, handler),
// parameter parsing, authentication and scope checks, and the mapping of
// errors to HTTP statuses. Handlers parse, call one service verb, serialize.
//
// Where to add an endpoint: a line in the table in api.cc (Api::Api) and its
// handler beside it; for a resource with a file of its own (markers.cc), its
// AddXRoutes (routes.h), called from Api::Api.
//
// Thread-safety: Handle may be called concurrently.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/http.h"
#include "api/params.h"
#include "service/auth.h"
#include "service/context.h"

namespace piaf::api {

struct Call {
  const Request& request;
  Params params;
  std::vector<std::string> args;  // the path's :parameters, decoded
  service::Viewer viewer;
};

using Handler = std::function<Response(Call&)>;

struct Route {
  std::string method;
  std::string pattern;                // "/api/v1/statuses/:id"
  std::vector<std::string> segments;  // of the pattern, split at each '/'
  std::string scope;                  // "" = public; else the scope a token must grant
  bool user_required = false;
  Handler handler;
};

class Api {
 public:
  // `codes` are shared with the web pages that issue them (/oauth/authorize,
  // src/web/); the token endpoint redeems them.
  Api(service::Context& ctx, service::LoginThrottle& throttle, service::AuthorizationCodes& codes);
  // Never throws: every failure becomes a JSON error response.
  Response Handle(const Request& request);

 private:
  void Add(std::string method, std::string pattern, std::string scope, bool user, Handler h);
  Response Dispatch(const Request& request);

  service::Context& ctx_;
  service::LoginThrottle& throttle_;
  service::AuthorizationCodes& codes_;
  std::vector<Route> routes_;
  // The routes by their number of segments, each list with the routes of
  // more literal segments first (then in the table's order): the first that
  // matches is the best (/notifications/unread_count before
  // /notifications/:id, wherever each was added). Built once all are added.
  std::vector<std::vector<const Route*>> by_size_;
  void IndexRoutes();
};

Response ErrorResponse(const core::Error& error);
// The token a request carries: Authorization: Bearer, the access_token
// parameter, or (WebSocket) the first subprotocol offered.
std::string BearerToken(const Request& request, const Params& params);
Response JsonResponse(int status, std::string body);

}  // namespace piaf::api
