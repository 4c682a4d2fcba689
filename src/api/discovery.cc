// How other software finds out what this server is and who lives here:
// NodeInfo 2.0 (nodeinfo.diaspora.software; megalodon's detector() and
// Mastodon.py's instance_nodeinfo() read it) and WebFinger (RFC 7033, as
// docs.joinmastodon.org/spec/webfinger describes Mastodon's use of it).
// Outside /api/: web::Site passes /.well-known/ and /nodeinfo/ to the API.
#include <boost/json.hpp>
#include <cctype>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The local username a WebFinger resource names: acct:user@domain (or
// user@domain), or the profile's URL (PUBLIC/@user, PUBLIC/users/user).
// nullopt: another domain, no domain, another site's URL (404, as Mastodon
// answers); an empty string: a scheme WebFinger does not serve here (400).
std::optional<std::string> LocalUsername(std::string_view resource, const service::Settings& s) {
  for (std::string_view prefix : {"/@", "/users/"}) {
    std::string base = s.public_url + std::string(prefix);
    if (resource.size() > base.size() && Lower(resource.substr(0, base.size())) == Lower(base)) {
      std::string_view name = resource.substr(base.size());
      if (name.find('/') != std::string_view::npos) return std::nullopt;
      return std::string(name);
    }
  }
  if (resource.starts_with("acct:")) {
    resource.remove_prefix(5);
  } else if (resource.starts_with("http://") || resource.starts_with("https://")) {
    return std::nullopt;  // not a profile here
  } else if (auto colon = resource.find(':');
             colon != std::string_view::npos && colon < resource.find('@')) {
    return std::string();  // another scheme (mailto:...); a colon after '@' is a port
  }
  if (!resource.empty() && resource.front() == '@') resource.remove_prefix(1);
  auto at = resource.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  if (Lower(resource.substr(at + 1)) != Lower(s.Domain())) return std::nullopt;
  return std::string(resource.substr(0, at));
}

}  // namespace

void AddDiscoveryRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  add("GET", "/.well-known/nodeinfo", "", false,
      [&C](Call&) { return JsonResponse(200, json::serialize(NodeInfoLinksJson(C.settings))); });
  // The figures are the store's, kept by its writes (Store::CountInstance).
  add("GET", "/nodeinfo/2.0", "", false, [&C](Call&) {
    auto counts = C.store.CountInstance();
    Response r =
        JsonResponse(200, json::serialize(NodeInfoJson(C.settings, counts.users, counts.statuses)));
    r.content_type =
        R"(application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.0#")";
    return r;
  });
  add("GET", "/.well-known/webfinger", "", false, [&C](Call& c) {
    auto resource = c.params.Get("resource");
    if (!resource || resource->empty()) return ErrorResponse(core::Invalid("resource is required"));
    auto username = LocalUsername(*resource, C.settings);
    if (username && username->empty()) {
      return ErrorResponse(core::Invalid("resource must be an acct: URI or a profile's URL"));
    }
    if (!username) return ErrorResponse(core::NotFound());
    auto account = service::LookupAccount(C, *username);  // not suspended ones
    if (!account) return ErrorResponse(account.error());
    Response r = JsonResponse(200, json::serialize(WebFingerJson(account->account(), C.settings)));
    r.content_type = "application/jrd+json; charset=utf-8";
    return r;
  });
}

}  // namespace piaf::api
