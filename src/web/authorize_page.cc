// /oauth/authorize as a page: signing in (or creating an account, under the
// same rules as POST /api/v1/accounts) to give an app, the web app first, an
// authorization code. The form is protected against cross-site request
// forgery twice: a random token in a SameSite=Strict cookie must come back in
// the form (a page of another site can neither read the cookie nor make the
// browser send it), and a POST whose Origin is another site's is refused.
#include <sodium.h>

#include <algorithm>

#include "api/params.h"
#include "service/auth.h"
#include "web/document.h"
#include "web/pages.h"

namespace piaf::web {

namespace {

constexpr std::string_view kCsrfCookie = "piaf_csrf";
// What the form sends back as it was given (the OAuth request).
constexpr const char* kCarried[] = {
    "client_id",      "redirect_uri",          "scope", "state", "response_type",
    "code_challenge", "code_challenge_method", "lang"};

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

// The Origin a POST came from is this server's: the public URL's, or the
// host and port the browser reached (Host). No Origin (an older client, a
// tool) is left to the token.
bool SameOrigin(const api::Request& request, const std::string& public_url) {
  std::string origin = request.Header("origin");
  if (origin.empty()) return true;
  if (origin == public_url.substr(0, public_url.find('/', public_url.find("://") + 3))) return true;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.starts_with(scheme)) return origin.substr(scheme.size()) == request.Header("host");
  }
  return false;  // "null" and the like
}

// The families of the granted scopes, in words: one line each.
std::vector<std::string> ScopeLines(std::string_view scopes) {
  std::vector<std::string> keys;
  for (std::string_view rest = scopes; !rest.empty();) {
    auto space = rest.find(' ');
    std::string_view scope = rest.substr(0, space);
    rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
    std::string family(scope.substr(0, scope.find(':')));
    if (family != "read" && family != "write" && family != "follow" && family != "push" &&
        family != "admin") {
      family = "other";
    }
    std::string key = "auth.scope." + family;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

// A page with the form's cookie or a code: kept by no cache.
void NoStore(api::Response& r) {
  for (auto& [name, value] : r.headers) {
    if (name == "Cache-Control") value = "no-store";
  }
}

class Form {
 public:
  Form(const PageContext& p, const api::Params& params, std::string csrf)
      : p_(p), params_(params), csrf_(std::move(csrf)) {}

  std::string T(std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& args = {}) const {
    return p_.T(key, args);
  }

  // The message of a failure, in the page's language when the catalog
  // knows it ("auth.error.<the English message>"), else as the service said.
  std::string ErrorText(const core::Error& e) const {
    std::string_view message = e.safe_message;
    if (message.starts_with("Validation failed: ")) message.remove_prefix(19);
    std::string key = "auth.error." + std::string(message);
    std::string text = T(key);
    return text == key ? std::string(message) : text;
  }

  api::Response Render(int status, bool signup, const service::AuthorizeTarget& target,
                       const std::string& error) const {
    const std::string& instance = p_.ctx.settings.instance_name;
    const std::string& app_name = target.app.name;
    std::string html = "<div class=\"auth-page\"><main class=\"auth-card\" id=\"main\">";
    html += "<p class=\"brand\">" + std::string(kBrandMark) + Esc(instance) + "</p>";
    html += "<h1>" +
            Esc(signup ? T("auth.signup_title") : T("auth.title", {{"instance", instance}})) +
            "</h1>";
    html += "<p class=\"auth-app\">" + Esc(T("auth.asks", {{"app", app_name}})) + "</p>";
    // What the granted scopes allow, in words.
    html += "<ul class=\"auth-scopes\">";
    for (const auto& key : ScopeLines(target.scopes)) html += "<li>" + Esc(T(key)) + "</li>";
    html += "</ul>";
    if (!error.empty()) html += "<p class=\"error\" role=\"alert\">" + Esc(error) + "</p>";
    html += "<form method=\"post\" action=\"/oauth/authorize\">";
    for (const char* name : kCarried) {
      html += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
              Esc(Param(params_, name)) + "\">";
    }
    html += "<input type=\"hidden\" name=\"authenticity_token\" value=\"" + Esc(csrf_) + "\">";
    html += "<input type=\"hidden\" name=\"mode\" value=\"" +
            std::string(signup ? "signup" : "signin") + "\">";
    // `extra`: the browser's own checks of the rules the server applies.
    auto field = [&](const char* name, const std::string& label, const char* type,
                     const char* autocomplete, bool keep, const std::string& hint = "",
                     const char* extra = "") {
      html += "<label for=\"f-" + std::string(name) + "\">" + Esc(label) + "</label>";
      html += "<input id=\"f-" + std::string(name) + "\" name=\"" + name + "\" type=\"" + type +
              "\" autocomplete=\"" + autocomplete + "\" required" + extra;
      if (keep) html += " value=\"" + Esc(Param(params_, name)) + "\"";
      if (!hint.empty()) html += " aria-describedby=\"f-" + std::string(name) + "-hint\"";
      html += ">";
      if (!hint.empty()) {
        html += "<p class=\"hint\" id=\"f-" + std::string(name) + "-hint\">" + Esc(hint) + "</p>";
      }
    };
    if (signup) {
      field("username", T("auth.username"), "text", "username", true, T("auth.username_hint"),
            " maxlength=\"30\" pattern=\"[A-Za-z0-9_]+\" autocapitalize=\"none\"");
      field("email", T("auth.email"), "email", "email", true);
      field("password", T("auth.password"), "password", "new-password", false,
            T("auth.password_hint"), " minlength=\"8\" maxlength=\"256\"");
      auto agreed = params_.GetBool("agreement");
      bool checked = agreed && agreed->value_or(false);
      html += std::string(
                  "<label class=\"check\"><input type=\"checkbox\" name=\"agreement\" "
                  "value=\"1\" required") +
              (checked ? " checked" : "") + "> " + Esc(T("auth.agreement")) + "</label>";
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
    return Finish(status, html,
                  signup ? T("auth.signup_title") : T("auth.title", {{"instance", instance}}));
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
    NoStore(r);
    std::string cookie =
        std::string(kCsrfCookie) + "=" + csrf_ + "; Path=/oauth; HttpOnly; SameSite=Strict";
    if (p_.ctx.settings.public_url.starts_with("https:")) cookie += "; Secure";
    r.headers.emplace_back("Set-Cookie", cookie);
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
  auto target = service::CheckAuthorizeRequest(p.ctx, client_id, redirect_uri, scope);
  core::Status ok = target ? core::Ok() : core::Status(target.error());
  std::string response_type = Param(params, "response_type");
  if (ok && response_type != "code") {  // the only grant here: no implicit tokens
    ok = core::Invalid("The response type must be code");
  }
  // Before anything is done (an account created): a challenge no code could carry.
  if (ok) {
    ok = service::CheckCodeChallenge(Param(params, "code_challenge"),
                                     Param(params, "code_challenge_method"));
  }
  if (!ok) {
    return form.Message(
        400, form.T("auth.failed_title"),
        "<p class=\"error\" role=\"alert\">" + Esc(form.ErrorText(ok.error())) + "</p>");
  }
  bool signup_asked = Param(params, "signup") == "1" || Param(params, "mode") == "signup";
  bool signup = signup_asked && p.ctx.settings.registrations_open;
  if (p.request.method != "POST") return form.Render(200, signup, *target, "");

  if (!cookie_ok || !SameToken(cookie, Param(params, "authenticity_token")) ||
      !SameOrigin(p.request, p.ctx.settings.public_url)) {
    return form.Render(403, signup, *target, form.T("auth.error.expired"));
  }
  if (signup_asked && !signup) {
    return form.Render(403, false, *target, form.T("auth.error.Registrations are closed"));
  }
  std::string challenge = Param(params, "code_challenge");
  std::string method = Param(params, "code_challenge_method");
  core::Result<std::string> code = core::Invalid("");
  if (signup) {
    auto agreement = params.GetBool("agreement");
    auto id = service::SignUp(p.ctx, Param(params, "username"), Param(params, "email"),
                              Param(params, "password"), agreement && agreement->value_or(false),
                              p.request.remote_ip);
    if (!id) {
      int status = id.error().code == core::ErrorCode::kForbidden          ? 403
                   : id.error().code == core::ErrorCode::kTooManyRequests ? 429
                                                                           : 422;
      return form.Render(status, true, *target, form.ErrorText(id.error()));
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
    return form.Render(status, signup, *target, form.ErrorText(code.error()));
  }
  if (redirect_uri == "urn:ietf:wg:oauth:2.0:oob") {
    return form.Message(200, form.T("auth.code_title"),
                        "<p>" + Esc(form.T("auth.code_copy", {{"app", target->app.name}})) +
                            "</p><code class=\"oauth-code\">" + Esc(*code) + "</code>");
  }
  std::string location = redirect_uri + (redirect_uri.find('?') == std::string::npos ? "?" : "&") +
                         "code=" + PercentEncode(*code);
  if (auto state = params.Get("state"); state && !state->empty()) {
    location += "&state=" + PercentEncode(*state);
  }
  api::Response r = HtmlResponse(303, "");
  NoStore(r);
  r.headers.emplace_back("Location", location);
  return r;
}

}  // namespace piaf::web
