// The pages of the web app (pages.cc) and the authorize page
// (authorize_page.cc): what Site::Handle calls once it knows the path.
#pragma once

#include <string>

#include "api/http.h"
#include "api/params.h"
#include "service/auth.h"
#include "service/context.h"
#include "web/assets.h"
#include "web/catalog.h"

namespace piaf::web {

// What every page is written with.
struct PageContext {
  service::Context& ctx;
  const Catalog& catalog;
  Manifest manifest;
  std::string lang;  // the interface's: "en" or "fr"
  const api::Request& request;

  // The catalog's string for `key` in the page's language.
  std::string T(std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& args = {}) const {
    return catalog.T(lang, key, args);
  }
};

// `s` percent-encoded but for unreserved characters (RFC 3986), for a URL.
using api::PercentEncode;

// An HTML answer with the headers every page has (CSP, no-cache...).
api::Response HtmlResponse(int status, std::string body);

// "/", "/search", "/settings"...: the app alone; `/` also shows the public
// timeline to those without JavaScript.
api::Response AppPage(const PageContext& p, const std::string& path);
// A page that does not exist, for a browser (404, the app then says so too).
api::Response NotFoundPage(const PageContext& p);
// "/@username" (and its /followers, /following): the profile and its posts.
api::Response ProfilePage(const PageContext& p, const std::string& username);
// "/@username/ID": the post and its conversation.
api::Response StatusPage(const PageContext& p, const std::string& username, const std::string& id);
// "/tags/NAME": the hashtag's posts.
api::Response TagPage(const PageContext& p, const std::string& tag);

// GET and POST /oauth/authorize: sign in (or create an account), then back
// to the app with a code.
api::Response AuthorizePage(const PageContext& p, service::LoginThrottle& throttle,
                            service::AuthorizationCodes& codes);

}  // namespace piaf::web
