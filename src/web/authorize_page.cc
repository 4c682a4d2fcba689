// /oauth/authorize as a page: signing in (or creating an account, under the
// same rules as POST /api/v1/accounts) to give an app, the web app first, an
// authorization code. The form is protected against cross-site request
// forgery twice: a random token in a SameSite=Strict cookie must come back in
// the form (a page of another site can neither read the cookie nor make the
// browser send it), and a POST whose Origin is another site's is refused.
#include <sodium.h>

#include <cctype>
#include <cstring>

#include "api/params.h"
#include "service/auth.h"
#include "web/document.h"
#include "web/pages.h"

namespace piaf::web {

namespace {

constexpr std::string_view kCsrfCookie = "piaf_csrf";
// What the form sends back as it was given (the OAuth request).
constexpr const char* kCarried[] = {"client_id",      "redirect_uri",          "scope",
                                    "state",          "response_type",         "code_challenge",
                                    "code_challenge_method", "lang"};

std::string Param(const api::Params& params, const char* name) {
  return params.Get(name).value_or("");
}

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view item = header.substr(0, semi);
    header.remove_prefix(semi == std::string_view::npos ? header.size() : semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=') {
      return std::string(item.substr(name.size() + 1));
    }
  }
  return "";
}

std::string NewCsrfToken() {
  unsigned char raw[24];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

bool SameToken(const std::string& a, const std::string& b) {
  return a.size() == 48 && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The Origin a POST came from is this server's (host and port as the browser
// reached it). No Origin (an older client, a tool) is left to the token.
bool SameOrigin(const api::Request& request) {
  std::string origin = request.Header("origin");
  if (origin.empty()) return true;
  auto scheme = origin.find("://");
  if (scheme == std::string::npos) return false;  // "null" and the like
  return origin.substr(scheme + 3) == request.Header("host");
}

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

class Form {
 public:
  Form(const PageContext& p, const api::Params& params, std::string csrf)
      : p_(p), params_(params), csrf_(std::move(csrf)) {}

  std::string T(std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& args = {}) const {
    return p_.catalog.T(p_.lang, key, args);
  }

  // The message of a failure, in the page's language when the catalog
  // knows it ("auth.error.<the English message>"), else as the service said.
  std::string ErrorText(const core::Error& e) const {
    std::string key = "auth.error." + e.safe_message;
    std::string text = T(key);
    return text == key ? e.safe_message : text;
  }

  api::Response Render(int status, bool signup, const std::string& app_name,
                       const std::string& error) const {
    const std::string& instance = p_.ctx.settings.instance_name;
    std::string scopes = Param(params_, "scope").empty() ? "read" : Param(params_, "scope");
    std::string html = "<div class=\"auth-page\"><main class=\"auth-card\" id=\"main\">";
    html += "<p class=\"brand\">" + Esc(instance) + "</p>";
    html += "<h1>" + Esc(signup ? T("auth.signup_title") : T("auth.title", {{"instance", instance}})) +
            "</h1>";
    html += "<p class=\"auth-app\">" + Esc(T("auth.asks", {{"app", app_name}})) + "</p>";
    // What the scopes allow, in words: read, write, follow (or a part of one).
    html += "<ul class=\"auth-scopes\">";
    for (const char* family : {"read", "write", "follow", "push"}) {
      bool asked = false;
      for (std::string_view rest = scopes; !rest.empty();) {
        auto space = rest.find(' ');
        std::string_view scope = rest.substr(0, space);
        rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
        asked = asked || scope == family ||
                (scope.starts_with(family) && scope.size() > std::strlen(family) &&
                 scope[std::strlen(family)] == ':');
      }
      if (asked) html += "<li>" + Esc(T(std::string("auth.scope.") + family)) + "</li>";
    }
    html += "</ul>";
    if (!error.empty()) html += "<p class=\"error\" role=\"alert\">" + Esc(error) + "</p>";
    html += "<form method=\"post\" action=\"/oauth/authorize\">";
    for (const char* name : kCarried) {
      html += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
              Esc(Param(params_, name)) + "\">";
    }
    html += "<input type=\"hidden\" name=\"authenticity_token\" value=\"" + Esc(csrf_) + "\">";
    html += "<input type=\"hidden\" name=\"mode\" value=\"" + std::string(signup ? "signup" : "signin") +
            "\">";
    auto field = [&](const char* name, const std::string& label, const char* type,
                     const char* autocomplete, bool keep, const std::string& hint = "") {
      html += "<label for=\"f-" + std::string(name) + "\">" + Esc(label) + "</label>";
      html += "<input id=\"f-" + std::string(name) + "\" name=\"" + name + "\" type=\"" + type +
              "\" autocomplete=\"" + autocomplete + "\" required";
      if (keep) html += " value=\"" + Esc(Param(params_, name)) + "\"";
      if (!hint.empty()) html += " aria-describedby=\"f-" + std::string(name) + "-hint\"";
      html += ">";
      if (!hint.empty()) {
        html += "<p class=\"hint\" id=\"f-" + std::string(name) + "-hint\">" + Esc(hint) + "</p>";
      }
    };
    if (signup) {
      field("username", T("auth.username"), "text", "username", true, T("auth.username_hint"));
      field("email", T("auth.email"), "email", "email", true);
      field("password", T("auth.password"), "password", "new-password", false,
            T("auth.password_hint"));
      html += "<label class=\"check\"><input type=\"checkbox\" name=\"agreement\" value=\"1\" "
              "required> " +
              Esc(T("auth.agreement")) + "</label>";
      html += "<button type=\"submit\" class=\"primary\">" + Esc(T("auth.create")) + "</button>";
    } else {
      field("username", T("auth.username_or_email"), "text", "username", true);
      field("password", T("auth.password"), "password", "current-password", false);
      html += "<button type=\"submit\" class=\"primary\">" + Esc(T("auth.sign_in")) + "</button>";
    }
    html += "</form>";
    // Switching between the two forms: the same request, with or without signup=1.
    std::string query;
    for (const char* name : kCarried) {
      if (auto v = params_.Get(name); v && !v->empty()) {
        query += (query.empty() ? "?" : "&") + std::string(name) + "=" + PercentEncode(*v);
      }
    }
    if (signup) {
      html += "<p class=\"switch\">" + Esc(T("auth.have_account")) + " <a href=\"/oauth/authorize" +
              Esc(query) + "\">" + Esc(T("auth.sign_in")) + "</a></p>";
    } else if (p_.ctx.settings.registrations_open) {
      html += "<p class=\"switch\">" + Esc(T("auth.no_account")) + " <a href=\"/oauth/authorize" +
              Esc(query) + (query.empty() ? "?" : "&amp;") + "signup=1\">" +
              Esc(T("auth.create_link")) + "</a></p>";
    }
    html += "</main></div>";
    return Finish(status, html, signup ? T("auth.signup_title") : T("auth.title", {{"instance", instance}}));
  }

  api::Response Message(int status, const std::string& title, const std::string& body_html) const {
    std::string html = "<div class=\"auth-page\"><main class=\"auth-card\" id=\"main\"><h1>" +
                       Esc(title) + "</h1>" + body_html + "</main></div>";
    return Finish(status, html, title);
  }

 private:
  api::Response Finish(int status, const std::string& html, const std::string& title) const {
    Head head;
    head.lang = p_.lang;
    head.title = title + " · " + p_.ctx.settings.instance_name;
    head.site_name = p_.ctx.settings.instance_name;
    api::Response r = HtmlResponse(status, Document(p_.manifest, head, html));
    std::string cookie = std::string(kCsrfCookie) + "=" + csrf_ +
                         "; Path=/oauth; HttpOnly; SameSite=Strict";
    if (p_.ctx.settings.public_url.starts_with("https:")) cookie += "; Secure";
    r.headers.emplace_back("Set-Cookie", cookie);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }

  const PageContext& p_;
  const api::Params& params_;
  std::string csrf_;
};

}  // namespace

api::Response AuthorizePage(const PageContext& p, service::LoginThrottle& throttle,
                            service::AuthorizationCodes& codes) {
  auto parsed = api::Params::FromRequest(p.request);
  api::Params params = parsed ? std::move(*parsed) : api::Params();
  std::string cookie = CookieValue(p.request.Header("cookie"), kCsrfCookie);
  bool cookie_ok = cookie.size() == 48;
  Form form(p, params, cookie_ok ? cookie : NewCsrfToken());

  std::string client_id = Param(params, "client_id");
  std::string redirect_uri = Param(params, "redirect_uri");
  std::string scope = Param(params, "scope");
  auto ok = service::CheckAuthorizeRequest(p.ctx, client_id, redirect_uri, scope);
  std::string response_type = Param(params, "response_type");
  if (ok && !response_type.empty() && response_type != "code") {
    ok = core::Invalid("The response type must be code");
  }
  // Before anything is done (an account created): a challenge no code could carry.
  if (ok) ok = service::CheckCodeChallenge(Param(params, "code_challenge"),
                                           Param(params, "code_challenge_method"));
  if (!ok) {
    return form.Message(400, form.T("auth.failed_title"),
                        "<p class=\"error\" role=\"alert\">" + Esc(form.ErrorText(ok.error())) +
                            "</p>");
  }
  std::string app_name = p.ctx.store.GetAppByClientId(client_id)->name;
  bool signup_asked = Param(params, "signup") == "1" || Param(params, "mode") == "signup";
  bool signup = signup_asked && p.ctx.settings.registrations_open;
  if (p.request.method != "POST") return form.Render(200, signup, app_name, "");

  if (!cookie_ok || !SameToken(cookie, Param(params, "authenticity_token")) ||
      !SameOrigin(p.request)) {
    return form.Render(403, signup, app_name, form.T("auth.error.expired"));
  }
  if (signup_asked && !signup) {
    return form.Render(403, false, app_name, form.T("auth.error.Registrations are closed"));
  }
  std::string challenge = Param(params, "code_challenge");
  std::string method = Param(params, "code_challenge_method");
  core::Result<std::string> code = core::Invalid("");
  if (signup) {
    auto agreement = params.GetBool("agreement");
    auto id = service::SignUp(p.ctx, Param(params, "username"), Param(params, "email"),
                              Param(params, "password"), agreement && agreement->value_or(false));
    if (!id) {
      int status = id.error().code == core::ErrorCode::kForbidden ? 403 : 422;
      return form.Render(status, true, app_name, form.ErrorText(id.error()));
    }
    code = service::AuthorizeAccount(p.ctx, codes, client_id, redirect_uri, scope, *id, challenge,
                                     method);
  } else {
    code = service::Authorize(p.ctx, throttle, codes, client_id, redirect_uri, scope,
                              Param(params, "username"), Param(params, "password"),
                              p.request.remote_ip, challenge, method);
  }
  if (!code) {
    int status = code.error().code == core::ErrorCode::kTooManyRequests ? 429 : 401;
    if (code.error().code == core::ErrorCode::kInvalidArgument && signup) status = 400;
    return form.Render(status, signup, app_name, form.ErrorText(code.error()));
  }
  if (redirect_uri == "urn:ietf:wg:oauth:2.0:oob") {
    return form.Message(200, form.T("auth.code_title"),
                        "<p>" + Esc(form.T("auth.code_copy", {{"app", app_name}})) +
                            "</p><code class=\"oauth-code\">" + Esc(*code) + "</code>");
  }
  std::string location = redirect_uri +
                         (redirect_uri.find('?') == std::string::npos ? "?" : "&") + "code=" +
                         PercentEncode(*code);
  if (auto state = params.Get("state"); state && !state->empty()) {
    location += "&state=" + PercentEncode(*state);
  }
  api::Response r = HtmlResponse(303, "");
  r.headers.emplace_back("Location", location);
  return r;
}

}  // namespace piaf::web
