#include "web/site.h"

#include <spdlog/spdlog.h>

#include "api/api.h"
#include "api/params.h"
#include "service/media.h"
#include "service/verbs.h"
#include "web/embedded.h"
#include "web/pages.h"

namespace piaf::web {

namespace {

// The app's routes that are pages of their own (the app draws them).
bool IsAppRoute(std::string_view path) {
  for (std::string_view p :
       {"/", "/search", "/explore", "/notifications", "/conversations", "/settings",
        "/oauth/callback", "/lists"}) {
    if (path == p) return true;
  }
  // A list's own page, /lists/ID (the app checks that it is the viewer's).
  return path.starts_with("/lists/") && path.size() > 7 &&
         path.find_first_not_of("0123456789", 7) == std::string_view::npos;
}

// Whether `header` (Accept-Encoding) accepts `coding` (q=0 refuses it).
bool Accepts(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header.remove_prefix(comma == std::string_view::npos ? header.size() : comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding && name != "*") continue;
    auto q = item.find("q=");
    return q == std::string_view::npos ||
           item.substr(q + 2).find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

// The headers of a file that never changes (its name carries its content's
// hash); a 304 when the client has it already (true).
bool Immutable(const api::Request& request, std::string etag, api::Response& r) {
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (request.Header("if-none-match") != etag) return false;
  r.status = 304;
  r.body.clear();
  return true;
}

}  // namespace

Site::Site(service::Context& ctx, service::LoginThrottle& throttle,
           service::AuthorizationCodes& codes, std::unique_ptr<Assets> assets)
    : ctx_(ctx),
      throttle_(throttle),
      codes_(codes),
      assets_(std::move(assets)),
      catalog_(EmbeddedCatalog("en"), EmbeddedCatalog("fr")) {}

api::Response Site::ServeAsset(const api::Request& request) {
  auto asset = assets_->Find(request.path);
  if (!asset) {
    api::Response r = api::JsonResponse(404, R"({"error":"Record not found"})");
    return r;
  }
  // The name carries the content's hash: the file never changes.
  std::string etag = "\"";
  etag.append(request.path, request.path.rfind('/') + 1);
  etag += '"';
  api::Response r;
  r.content_type = asset->content_type;
  r.headers.emplace_back("Vary", "Accept-Encoding");
  if (Immutable(request, etag, r)) return r;
  std::string accept = request.Header("accept-encoding");
  if (!asset->brotli.empty() && Accepts(accept, "br")) {
    r.body = std::move(asset->brotli);
    r.headers.emplace_back("Content-Encoding", "br");
  } else if (!asset->gzip.empty() && Accepts(accept, "gzip")) {
    r.body = std::move(asset->gzip);
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.body = std::move(asset->body);
  }
  return r;
}

// An uploaded image (service::MediaFiles), named by the hash of its bytes:
// it never changes, and its name cannot be guessed without the bytes. Its
// type is what the server encoded it as (the name's extension), never what
// the uploader said; nosniff keeps browsers to it.
api::Response Site::ServeMedia(const api::Request& request) {
  std::string_view name = std::string_view(request.path).substr(7);  // after "/media/"
  std::optional<std::string> bytes = ctx_.media ? ctx_.media->Read(name) : std::nullopt;
  if (!bytes) return api::JsonResponse(404, R"({"error":"Record not found"})");
  std::string etag = "\"" + std::string(name.substr(3, 64)) + "\"";
  api::Response r;
  r.content_type = name.ends_with(".png") ? "image/png" : "image/jpeg";
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  if (Immutable(request, etag, r)) return r;
  r.body = std::move(*bytes);
  return r;
}

std::optional<api::Response> Site::Handle(const api::Request& request) {
  try {
    return Route(request);
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", e.what());
    return HtmlResponse(
        500, "<!DOCTYPE html>\n<title>500</title><h1>" +
                 catalog_.T(PickLanguage("", request.Header("accept-language")), "page.error") +
                 "</h1>\n");
  }
}

std::optional<api::Response> Site::Route(const api::Request& request) {
  const std::string& path = request.path;
  if (path.starts_with("/api/")) return std::nullopt;  // the hot path: one look
  bool read = request.method == "GET" || request.method == "HEAD";
  if (path.starts_with("/assets/")) {
    if (!read) return api::JsonResponse(405, R"({"error":"Method not allowed"})");
    return ServeAsset(request);
  }
  if (path.starts_with("/media/")) {
    if (!read) return api::JsonResponse(405, R"({"error":"Method not allowed"})");
    return ServeMedia(request);
  }
  bool authorize = path == "/oauth/authorize";
  if (!authorize && !read) return std::nullopt;

  std::optional<std::string> user, status_id, tag;
  bool not_found = false;
  std::string_view rest = path;
  if (rest.size() > 1 && rest.back() == '/') rest.remove_suffix(1);
  if (rest.starts_with("/@") && rest.size() > 2) {
    rest.remove_prefix(2);
    auto slash = rest.find('/');
    user = api::DecodePathSegment(rest.substr(0, slash));
    if (!user) return std::nullopt;
    if (slash != std::string_view::npos) {
      std::string_view tail = rest.substr(slash + 1);
      if (tail != "followers" && tail != "following") {
        if (tail.empty() || tail.find_first_not_of("0123456789") != std::string_view::npos) {
          return std::nullopt;
        }
        status_id = std::string(tail);
      }
    }
  } else if (rest.starts_with("/tags/") && rest.size() > 6 &&
             rest.find('/', 6) == std::string_view::npos) {
    tag = api::DecodePathSegment(rest.substr(6));
    if (!tag) return std::nullopt;
  } else if (!authorize && !IsAppRoute(rest)) {
    // A browser asking for a page that is not there gets one saying so; an
    // API client, the API's JSON.
    if (!read || request.Header("accept").find("text/html") == std::string::npos ||
        path.starts_with("/oauth/") || path.starts_with("/.well-known/") ||
        path.starts_with("/nodeinfo/")) {
      return std::nullopt;
    }
    not_found = true;
  }

  auto params = api::Params::FromRequest(request);
  std::string lang_param = params ? params->Get("lang").value_or("") : "";
  Manifest manifest;
  try {
    manifest = assets_->GetManifest();
  } catch (const std::exception& e) {
    spdlog::error("web app: {}", e.what());
  }
  service::NoteExternalChanges(ctx_);
  PageContext p{ctx_, catalog_, std::move(manifest),
                PickLanguage(lang_param, request.Header("accept-language")), request};
  if (authorize) return AuthorizePage(p, throttle_, codes_);
  if (not_found) return NotFoundPage(p);
  if (status_id) return StatusPage(p, *user, *status_id);
  if (user) return ProfilePage(p, *user);
  if (tag) return TagPage(p, *tag);
  return AppPage(p, std::string(rest));
}

}  // namespace piaf::web
