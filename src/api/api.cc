#include "api/api.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "api/entities.h"
#include "api/routes.h"
#include "service/verbs.h"

namespace piaf::api {

namespace json = boost::json;
using core::Id;
using service::Viewer;

Response JsonResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response ErrorResponse(const core::Error& error) {
  int status = 500;
  switch (error.code) {
    case core::ErrorCode::kInvalidArgument:
      status = 400;
      break;
    case core::ErrorCode::kUnauthenticated:
      status = 401;
      break;
    case core::ErrorCode::kForbidden:
      status = 403;
      break;
    case core::ErrorCode::kNotFound:
      status = 404;
      break;
    case core::ErrorCode::kUnprocessable:
      status = 422;
      break;
    case core::ErrorCode::kTooManyRequests:
      status = 429;
      break;
    case core::ErrorCode::kInternal:
      status = 500;
      break;
  }
  if (status >= 500) spdlog::error("internal error: {}", error.detail);
  return JsonResponse(status, json::serialize(json::object{{"error", error.safe_message}}));
}

Response Json(const json::value& v, int status) {
  return JsonResponse(status, json::serialize(v));
}

namespace {

// An OAuth error: {"error": code, "error_description": text}.
Response OAuthError(const core::Error& e) {
  if (e.code == core::ErrorCode::kTooManyRequests) return ErrorResponse(e);
  std::string description = e.safe_message == "invalid_client" ? "Client authentication failed"
                            : e.safe_message == "invalid_grant"
                                ? "The provided authorization grant is invalid"
                            : e.safe_message == "invalid_scope" ? "The requested scope is invalid"
                            : e.safe_message == "invalid_request"
                                ? "The request is missing a required parameter, includes an "
                                  "unsupported parameter value, or is otherwise malformed"
                                : e.safe_message;
  int status = e.code == core::ErrorCode::kUnauthenticated ? 401 : 400;
  return JsonResponse(status, json::serialize(json::object{{"error", e.safe_message},
                                                           {"error_description", description}}));
}

}  // namespace

// Shared with the route files (routes.h).
core::Result<store::Page> ParsePage(const Params& p, int default_limit, int max_limit) {
  store::Page page;
  page.limit = default_limit;
  if (auto l = p.Get("limit")) {
    auto n = core::ParseId(*l);
    if (!n) return core::Invalid("limit must be a number");
    page.limit = static_cast<int>(std::clamp<Id>(*n, 1, max_limit));
  }
  for (auto [name, field] :
       {std::pair{"max_id", &page.max_id}, std::pair{"since_id", &page.since_id},
        std::pair{"min_id", &page.min_id}}) {
    auto id = p.GetId(name);
    if (!id) return id.error();
    *field = *id;
  }
  return page;
}

// Link: <BASE/path?kept&max_id=X>; rel="next", <BASE/path?kept&min_id=Y>; rel="prev"
void AddLink(Response& r, const service::Settings& s, const Request& req, const Params& p,
             std::optional<Id> next_max, std::optional<Id> prev_min, bool prev_since) {
  if (!next_max && !prev_min) return;
  // What the client sent is encoded again: a value with ">" or "," in it
  // would otherwise end the link and start another, to anywhere.
  std::string kept;
  for (const char* name : {"limit", "local", "only_media", "exclude_replies", "exclude_reblogs"}) {
    if (auto v = p.Get(name)) kept += std::string(name) + "=" + PercentEncode(*v) + "&";
  }
  for (const char* name : {"types", "exclude_types"}) {
    for (const auto& v : p.GetAll(name)) {
      kept += std::string(name) + "%5B%5D=" + PercentEncode(v) + "&";
    }
  }
  std::string base = s.public_url + PercentEncode(req.path, "/%:@") + "?" + kept;
  std::string link;
  if (next_max) link += "<" + base + "max_id=" + core::IdToString(*next_max) + ">; rel=\"next\"";
  if (prev_min) {
    if (!link.empty()) link += ", ";
    link += "<" + base + (prev_since ? "since_id=" : "min_id=") + core::IdToString(*prev_min) +
            ">; rel=\"prev\"";
  }
  r.headers.emplace_back("Link", link);
}

core::Result<Id> ArgId(const Call& c, std::size_t i) {
  auto id = core::ParseId(c.args.at(i));
  if (!id) return core::NotFound();
  return *id;
}

// Written in pieces (Pieces): most of a page is its statuses' JSON, rendered
// once and pointed at; the body holds the page's views. `link`: a Link header
// with the first and last statuses' ids as cursors.
Response StatusList(service::Context& ctx, Call& c, std::vector<service::StatusView> views,
                    bool link) {
  auto held = std::make_shared<const std::vector<service::StatusView>>(std::move(views));
  const auto& list = *held;
  auto pieces = std::make_shared<Pieces>();
  pieces->Hold(held);
  *pieces += "[";
  for (const auto& v : list) {
    if (pieces->size() > 1) *pieces += ",";
    AppendStatus(*pieces, v, ctx.settings);
  }
  *pieces += "]";
  Response r = JsonResponse(200, "");
  r.pieces = std::move(pieces);
  if (link && !list.empty()) {
    AddLink(r, ctx.settings, c.request, c.params, list.back().status().id,
            list.front().status().id);
  }
  return r;
}


Response AccountList(service::Context& ctx, Call& c, const service::AccountPage& page, int limit) {
  Response r = JsonResponse(200, JsonArray(page.items, [&](std::string& out, const auto& item) {
                              AppendAccount(out, item.second, ctx.settings);
                            }));
  if (!page.items.empty()) {
    std::optional<Id> next;
    if (static_cast<int>(page.items.size()) >= limit) next = page.items.back().first;
    AddLink(r, ctx.settings, c.request, c.params, next, page.items.front().first, true);
  }
  return r;
}

json::value CredentialAccountJson(service::Context& ctx, const service::Viewer& viewer,
                                  const service::AccountView& account) {
  json::value v = AccountJson(account, ctx.settings, true);
  v.at("source").as_object()["follow_requests_count"] = service::CountFollowRequests(ctx, viewer);
  return v;
}

std::string Param(const Call& c, const char* name) { return c.params.Get(name).value_or(""); }

namespace {

// `path` split at each '/' (an empty segment where two meet or at an end).
template <class Segment>
std::vector<Segment> SplitPath(std::string_view path) {
  std::vector<Segment> out;
  for (std::size_t i = 0;;) {
    std::size_t end = std::min(path.find('/', i), path.size());
    out.emplace_back(path.substr(i, end - i));
    if (end == path.size()) return out;
    i = end + 1;
  }
}

// Whether a path's segments match a route's ("/api/v1/statuses/:id"); the
// `:name` segments' values, decoded, go to `args`.
bool IsParam(const std::string& segment) { return !segment.empty() && segment[0] == ':'; }

// Whether the path has the pattern's literal segments where it has them and
// something where it has a :param (as many segments: the caller looks only
// at patterns of the path's length).
bool LiteralsMatch(const std::vector<std::string>& pattern,
                   const std::vector<std::string_view>& path) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

// The :params' values, percent-decoded; nullopt when one is malformed.
std::optional<std::vector<std::string>> Arguments(const std::vector<std::string>& pattern,
                                                  const std::vector<std::string_view>& path) {
  std::vector<std::string> args;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!IsParam(pattern[i])) continue;
    auto decoded = DecodePathSegment(path[i]);
    if (!decoded) return std::nullopt;
    args.push_back(std::move(*decoded));
  }
  return args;
}

}  // namespace

std::string BearerToken(const Request& req, const Params& p) {
  std::string auth = req.Header("authorization");
  if (auth.size() > 7 && (auth.starts_with("Bearer ") || auth.starts_with("bearer "))) {
    return auth.substr(7);
  }
  if (auto token = p.Get("access_token")) return *token;
  // WebSocket clients (masto) send the token as the subprotocol.
  if (req.websocket) {
    std::string protocol = req.Header("sec-websocket-protocol");
    return protocol.substr(0, protocol.find(','));
  }
  return "";
}

void Api::Add(std::string method, std::string pattern, std::string scope, bool user, Handler h) {
  auto segments = SplitPath<std::string>(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(scope),
                     user, std::move(h)});
}

namespace {

// Cross-origin use of the API from browser clients served elsewhere, as
// Mastodon allows it (rack-cors: any origin, no credentials; the API's and
// the token endpoints' paths). Only for requests that say their Origin.
bool CorsPath(std::string_view path) {
  return path.starts_with("/api/") || path == "/oauth/token" || path == "/oauth/revoke" ||
         path.starts_with("/.well-known/") || path.starts_with("/nodeinfo/");
}

void AddCorsHeaders(Response& r) {
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.headers.emplace_back("Access-Control-Allow-Methods", "POST, PUT, DELETE, GET, PATCH, OPTIONS");
  r.headers.emplace_back("Access-Control-Expose-Headers",
                         "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, "
                         "X-Request-Id, Idempotency-Key");
  r.headers.emplace_back("Access-Control-Max-Age", "7200");
  r.headers.emplace_back("Vary", "Origin");
}

}  // namespace

Response Api::Handle(const Request& request) {
  bool cors = CorsPath(request.path) && request.headers.contains("origin");
  if (cors && request.method == "OPTIONS" &&
      !request.Header("access-control-request-method").empty()) {
    // A preflight: answered before any route, as the middleware does.
    Response r;
    r.content_type = "text/plain";
    r.body.clear();
    AddCorsHeaders(r);
    std::string asked = request.Header("access-control-request-headers");
    if (!asked.empty()) r.headers.emplace_back("Access-Control-Allow-Headers", asked);
    return r;
  }
  Response r;
  try {
    r = Dispatch(request);
  } catch (const std::exception& e) {
    r = ErrorResponse(core::Internal(e.what()));
  }
  if (cors) AddCorsHeaders(r);
  return r;
}

void Api::IndexRoutes() {
  by_size_.clear();
  for (const Route& r : routes_) {
    if (by_size_.size() <= r.segments.size()) by_size_.resize(r.segments.size() + 1);
    by_size_[r.segments.size()].push_back(&r);
  }
  for (auto& list : by_size_) {
    std::stable_sort(list.begin(), list.end(), [](const Route* a, const Route* b) {
      return std::count_if(a->segments.begin(), a->segments.end(), IsParam) <
             std::count_if(b->segments.begin(), b->segments.end(), IsParam);
    });
  }
}

Response Api::Dispatch(const Request& request) {
  std::string path = request.path;
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  auto segments = SplitPath<std::string_view>(path);
  const Route* route = nullptr;
  bool path_known = false;
  if (segments.size() < by_size_.size()) {
    for (const Route* r : by_size_[segments.size()]) {
      if (!LiteralsMatch(r->segments, segments)) continue;
      path_known = true;
      if (r->method == request.method || (r->method == "GET" && request.method == "HEAD")) {
        route = r;
        break;
      }
    }
  }
  if (!route) {
    return path_known ? JsonResponse(405, R"({"error":"Method not allowed"})")
                      : ErrorResponse(core::NotFound());
  }
  auto args = Arguments(route->segments, segments);
  if (!args) return ErrorResponse(core::NotFound());
  service::NoteExternalChanges(ctx_);
  auto params = Params::FromRequest(request);
  if (!params) return ErrorResponse(params.error());
  Call call{request, std::move(*params), std::move(*args), Viewer{}};

  std::string token = BearerToken(request, call.params);
  if (!token.empty()) {
    auto viewer = service::Authenticate(ctx_, token);
    if (!viewer) return ErrorResponse(viewer.error());
    call.viewer = *viewer;
  }
  if (!route->scope.empty()) {
    if (token.empty())
      return ErrorResponse({core::ErrorCode::kUnauthenticated, "The access token is invalid", ""});
    if (!service::ScopeAllows(call.viewer.scopes, route->scope)) {
      return JsonResponse(403, R"({"error":"This action is outside the authorized scopes"})");
    }
  }
  if (route->user_required && call.viewer.Anonymous()) {
    return JsonResponse(422, R"({"error":"This method requires an authenticated user"})");
  }
  return route->handler(call);
}

Api::Api(service::Context& ctx, service::LoginThrottle& throttle,
         service::AuthorizationCodes& codes)
    : ctx_(ctx), throttle_(throttle), codes_(codes) {
  auto& C = ctx_;
  const auto& S = ctx_.settings;

  // ------------------------------------------------ instance, apps, OAuth
  // The figures are kept by the store, never counted here: on an I/O thread
  // a count over every account stalled the other requests.
  // Both with the server's rules (--rule), as GET /api/v1/instance/rules.
  Add("GET", "/api/v1/instance", "", false, [&C, &S](Call&) {
    auto counts = C.store.CountInstance();
    json::value v = InstanceV1Json(S, counts.users, counts.statuses);
    v.as_object()["rules"] = RulesJson(S.rules);
    return Json(v);
  });
  Add("GET", "/api/v2/instance", "", false, [&C, &S](Call&) {
    json::value v = InstanceV2Json(S, C.store.CountInstance().users);
    v.as_object()["rules"] = RulesJson(S.rules);
    return Json(v);
  });
  Add("GET", "/api/v1/custom_emojis", "", false, [](Call&) { return Json(json::array()); });
  Add("POST", "/api/v1/apps", "", false, [&C](Call& c) {
    std::string uris;
    for (const auto& u : c.params.GetAll("redirect_uris")) {
      if (!uris.empty()) uris += '\n';
      uris += u;
    }
    for (char& ch : uris) {
      if (ch == ' ') ch = '\n';
    }
    auto app = service::RegisterApp(C, Param(c, "client_name"), uris, Param(c, "scopes"),
                                    Param(c, "website"));
    if (!app) return ErrorResponse(app.error());
    return Json(AppJson(*app, true));
  });
  Add("GET", "/api/v1/apps/verify_credentials", "read", false, [&C](Call& c) {
    auto app = C.store.GetAppById(c.viewer.app_id);
    if (!app) return ErrorResponse(core::NotFound());
    return Json(AppJson(*app, false));
  });
  Add("POST", "/oauth/token", "", false, [this, &C](Call& c) {
    std::string grant = Param(c, "grant_type");
    core::Result<service::IssuedToken> t = core::Invalid("unsupported_grant_type");
    if (grant == "password") {
      t = service::PasswordGrant(C, throttle_, Param(c, "client_id"), Param(c, "client_secret"),
                                 Param(c, "username"), Param(c, "password"), Param(c, "scope"),
                                 c.request.remote_ip);
    } else if (grant == "authorization_code") {
      t = service::AuthorizationCodeGrant(C, codes_, Param(c, "client_id"),
                                          Param(c, "client_secret"), Param(c, "code"),
                                          Param(c, "redirect_uri"), Param(c, "code_verifier"));
    } else if (grant == "client_credentials") {
      t = service::ClientCredentialsGrant(C, Param(c, "client_id"), Param(c, "client_secret"),
                                          Param(c, "scope"));
    } else {
      return JsonResponse(
          400,
          R"({"error":"unsupported_grant_type","error_description":"The authorization grant type is not supported"})");
    }
    if (!t) return OAuthError(t.error());
    return Json(json::object{{"access_token", t->access_token},
                             {"token_type", "Bearer"},
                             {"scope", t->scope},
                             {"created_at", t->created_at_s}});
  });
  Add("POST", "/oauth/revoke", "", false, [&C](Call& c) {
    auto r =
        service::Revoke(C, Param(c, "client_id"), Param(c, "client_secret"), Param(c, "token"));
    if (!r) return OAuthError(r.error());
    return Json(json::object());
  });

  // ------------------------------- resources in a file each (routes.h)
  AddRoute add = [this](std::string method, std::string pattern, std::string scope, bool user,
                        Handler h) {
    Add(std::move(method), std::move(pattern), std::move(scope), user, std::move(h));
  };
  AddAccountRoutes(add, C);
  AddStatusRoutes(add, C);
  AddTimelineRoutes(add, C);
  AddSearchRoutes(add, C);
  AddNotificationRoutes(add, C);
  AddMarkerRoutes(add, C);
  AddFollowRequestRoutes(add, C);
  AddBookmarkRoutes(add, C);
  AddMediaRoutes(add, C);
  AddListRoutes(add, C);
  AddFollowedTagRoutes(add, C);
  AddPollRoutes(add, C);
  AddDiscoveryRoutes(add, C);
  AddInstanceExtraRoutes(add, C);
  AddAnnouncementRoutes(add, C);
  AddConversationRoutes(add, C);
  AddFilterRoutes(add, C);
  AddNotificationV2Routes(add, C);
  IndexRoutes();
}

}  // namespace piaf::api
