// The web app's side of the server: the app's files (compiled in, or from
// `--web-dir`), the pages that start it (each with its posts rendered in the
// HTML, readable without JavaScript, and the meta tags of a link preview),
// and the OAuth authorize page the app signs in through. Everything else is
// the API's (api::Api).
//
// A page is opened: Handle matches the path (`/@simon/123`), the page's
// reader (pages.cc) reads what a visitor may see through the same service
// verbs and entities as the API, and Document (document.cc) writes the HTML
// around it with the script of the app, which then takes over.
//
// Thread-safety: Handle may be called concurrently.
#pragma once

#include <memory>
#include <optional>

#include "api/http.h"
#include "service/auth.h"
#include "service/context.h"
#include "web/assets.h"
#include "web/catalog.h"

namespace piaf::web {

class Site {
 public:
  Site(service::Context& ctx, service::LoginThrottle& throttle, service::AuthorizationCodes& codes,
       std::unique_ptr<Assets> assets);
  // nullopt when the request is not the web app's (the API's, then).
  std::optional<api::Response> Handle(const api::Request& request);

 private:
  std::optional<api::Response> Route(const api::Request& request);
  api::Response ServeAsset(const api::Request& request);
  api::Response ServeMedia(const api::Request& request);

  service::Context& ctx_;
  service::LoginThrottle& throttle_;
  service::AuthorizationCodes& codes_;
  std::unique_ptr<Assets> assets_;
  Catalog catalog_;
};

}  // namespace piaf::web
