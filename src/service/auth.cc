#include "service/auth.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "service/rate_limit.h"
#include "service/streaming.h"
#include "text/char_class.h"

namespace piaf::service {
namespace {

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
    return true;
  }();
  (void)ready;
}

// Calls `f(scope)` for each space-separated scope, in order, until it
// returns true; returns whether one did. Allocates nothing: every
// authenticated request checks its token's scopes.
template <class F>
bool AnyScope(std::string_view scopes, F&& f) {
  while (!scopes.empty()) {
    std::size_t start = scopes.find_first_not_of(" \t\n\v\f\r");
    if (start == std::string_view::npos) break;
    scopes.remove_prefix(start);
    std::string_view scope = scopes.substr(0, scopes.find_first_of(" \t\n\v\f\r"));
    if (f(scope)) return true;
    scopes.remove_prefix(scope.size());
  }
  return false;
}

std::vector<std::string_view> SplitScopes(std::string_view scopes) {
  std::vector<std::string_view> out;
  AnyScope(scopes, [&](std::string_view s) {
    out.push_back(s);
    return false;
  });
  return out;
}

// Mastodon's scopes (config/initializers/doorkeeper.rb), and no others.
bool KnownScope(std::string_view s) {
  static const char* const kScopes[] = {
      "read", "write", "follow", "push", "profile", "admin:read", "admin:write",
      "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters",
      "read:follows", "read:lists", "read:mutes", "read:notifications", "read:search",
      "read:statuses", "write:accounts", "write:blocks", "write:bookmarks",
      "write:conversations", "write:favourites", "write:filters", "write:follows",
      "write:lists", "write:media", "write:mutes", "write:notifications", "write:reports",
      "write:statuses", "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
      "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
      "admin:read:canonical_email_blocks", "admin:write:accounts", "admin:write:reports",
      "admin:write:domain_allows", "admin:write:domain_blocks", "admin:write:ip_blocks",
      "admin:write:email_domain_blocks", "admin:write:canonical_email_blocks"};
  for (const char* k : kScopes) {
    if (s == k) return true;
  }
  return false;
}

// One redirect URI an app may register: "urn:ietf:wg:oauth:2.0:oob", or an
// absolute URI (RFC 3986 scheme, no fragment, no spaces or controls) whose
// scheme runs nothing in a browser: http(s) with a host, or an app's own.
bool AcceptableRedirect(std::string_view uri) {
  if (uri == "urn:ietf:wg:oauth:2.0:oob") return true;
  auto colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == uri.size()) return false;
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    auto c = static_cast<unsigned char>(uri[i]);
    bool ok = text::IsAsciiAlnum(c) || (i > 0 && (c == '+' || c == '-' || c == '.'));
    if (!ok || (i == 0 && !std::isalpha(c))) return false;
    scheme += static_cast<char>(std::tolower(c));
  }
  for (char c : uri) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '#') return false;
  }
  static const char* const kRefused[] = {"javascript", "data",       "vbscript", "file",
                                         "blob",       "about",      "filesystem", "view-source",
                                         "chrome",     "jar"};
  for (const char* r : kRefused) {
    if (scheme == r) return false;
  }
  if (scheme == "http" || scheme == "https") {
    std::string_view rest = uri.substr(colon + 1);
    return rest.size() > 2 && rest.starts_with("//") && rest[2] != '/';
  }
  return true;
}

// The scopes granted to a token: those asked for (default "read"), each of
// which the app registered (or is implied by one it registered).
Result<std::string> GrantScopes(const store::App& app, std::string_view requested) {
  auto asked = SplitScopes(requested.empty() ? std::string_view("read") : requested);
  std::string granted;
  for (const auto& s : asked) {
    if (!KnownScope(s) || !ScopeAllows(app.scopes, s)) {
      return core::Error{core::ErrorCode::kInvalidArgument, "invalid_scope", std::string(s)};
    }
    if (!granted.empty()) granted += ' ';
    granted += s;
  }
  return granted;
}

Result<store::App> CheckClient(Context& ctx, std::string_view client_id,
                               std::string_view client_secret) {
  auto app = ctx.store.GetAppByClientId(client_id);
  if (!app || app->client_secret.size() != client_secret.size() ||
      sodium_memcmp(app->client_secret.data(), client_secret.data(), client_secret.size()) != 0) {
    return core::Error{core::ErrorCode::kUnauthenticated, "invalid_client",
                       "bad client credentials"};
  }
  return *app;
}

IssuedToken Issue(Context& ctx, const store::App& app, std::optional<Id> account,
                  std::string scopes) {
  IssuedToken t;
  t.access_token = RandomToken();
  t.scope = scopes;
  t.created_at_s = ctx.clock.NowMs() / 1000;
  store::Token row{ctx.ids.Next(), app.id, account, std::move(scopes)};
  ctx.store.PutToken(row, HashToken(t.access_token));
  return t;
}

bool RedirectAllowed(const store::App& app, std::string_view redirect_uri) {
  std::string_view rest = app.redirect_uris;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    if (rest.substr(0, nl) == redirect_uri) return true;
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return false;
}

// The app of an authorization request and the scopes it would grant.
Result<std::pair<store::App, std::string>> AuthorizeRequest(Context& ctx,
                                                            std::string_view client_id,
                                                            std::string_view redirect_uri,
                                                            std::string_view scope) {
  auto app = ctx.store.GetAppByClientId(client_id);
  if (!app) {
    return core::Error{core::ErrorCode::kUnauthenticated, "invalid_client", "unknown client"};
  }
  if (!RedirectAllowed(*app, redirect_uri)) {
    return core::Invalid("The redirect URI is not registered");
  }
  auto scopes = GrantScopes(*app, scope);
  if (!scopes) return scopes.error();
  return std::pair{*app, *scopes};
}

// A hash no password matches, checked against when there is no account:
// an unknown login costs the same one argon2 run as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = HashPassword(RandomToken());
  return hash;
}

// The account behind a username (or e-mail) and password, throttled per
// account (by its id, however the login was typed) from this IP, and per
// IP; the same work is done whether the account exists or not, is
// suspended or not.
Result<store::Account> CheckCredentials(Context& ctx, LoginThrottle& throttle,
                                        std::string_view username, std::string_view password,
                                        std::string_view ip, core::Error failure) {
  const std::string& dummy = DummyHash();  // made before the first look, not during one
  auto account = ctx.store.GetAccountByLogin(username);
  std::string key = account ? "account:" + std::to_string(account->id)
                            : "login:" + text::LowerCase(username);
  if (!throttle.Begin(key, ip)) {
    return core::Error{core::ErrorCode::kTooManyRequests, "Too many requests", "login throttled"};
  }
  bool verified = VerifyPassword(account ? account->password_hash : dummy, password);
  if (!account || account->suspended || !verified) return failure;
  throttle.Succeeded(key, ip);
  return *account;
}

core::Error InvalidRequest(std::string detail) {
  return core::Error{core::ErrorCode::kInvalidArgument, "invalid_request", std::move(detail)};
}
core::Error InvalidGrant(std::string detail) {
  return core::Error{core::ErrorCode::kInvalidArgument, "invalid_grant", std::move(detail)};
}

// A PKCE code verifier or plain challenge: 43 to 128 characters of
// [A-Za-z0-9-._~] (RFC 7636, 4.1).
bool WellFormedVerifier(std::string_view s) {
  return s.size() >= 43 && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
           return text::IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
                  c == '_' || c == '~';
         });
}

// The challenge method a request names, as kept with its code: "" (no
// PKCE), "S256" or "plain".
Result<std::string> ChallengeMethod(std::string_view challenge, std::string_view method) {
  auto status = CheckCodeChallenge(challenge, method);
  if (!status) return status.error();
  if (challenge.empty()) return std::string();
  return std::string(method.empty() ? "plain" : method);
}

// BASE64URL(SHA256(verifier)) without padding, as S256 challenges are.
std::string S256(std::string_view verifier) {
  EnsureSodium();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
                                     sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, hash, sizeof hash, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

// Whether `verifier` answers the code's challenge (RFC 7636, 4.6).
bool VerifierMatches(const AuthorizationCodes::Grant& grant, std::string_view verifier) {
  if (!WellFormedVerifier(verifier)) return false;
  std::string expected =
      grant.code_challenge_method == "S256" ? S256(verifier) : std::string(verifier);
  return expected.size() == grant.code_challenge.size() &&
         sodium_memcmp(expected.data(), grant.code_challenge.data(), expected.size()) == 0;
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  std::string h(hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::deque<std::int64_t>& LoginThrottle::Recent(const std::string& key, std::int64_t now) {
  auto& q = attempts_by_key_[key];
  while (!q.empty() && q.front() <= now - window_ms_) q.pop_front();
  return q;
}

bool LoginThrottle::Begin(const std::string& account, std::string_view ip) {
  std::int64_t now = clock_.NowMs();
  std::string ip_key = "ip:" + std::string(ip);
  std::lock_guard lock(mu_);
  if (attempts_by_key_.size() > 100000) {
    std::erase_if(attempts_by_key_, [&](auto& kv) {
      return kv.second.empty() || kv.second.back() <= now - window_ms_;
    });
  }
  auto& by_account = Recent(account + " " + ip_key, now);
  auto& by_ip = Recent(ip_key, now);
  if (static_cast<int>(by_account.size()) >= attempts_ ||
      static_cast<int>(by_ip.size()) >= attempts_per_ip_) {
    return false;
  }
  by_account.push_back(now);
  by_ip.push_back(now);
  return true;
}

void LoginThrottle::Succeeded(const std::string& account, std::string_view ip) {
  std::string ip_key = "ip:" + std::string(ip);
  std::lock_guard lock(mu_);
  for (const std::string& key : {account + " " + ip_key, ip_key}) {
    auto it = attempts_by_key_.find(key);
    if (it != attempts_by_key_.end() && !it->second.empty()) it->second.pop_back();
  }
}

bool ScopeAllows(std::string_view granted, std::string_view required) {
  return AnyScope(granted, [&](std::string_view g) {
    if (g == required) return true;
    if ((g == "read" || g == "write" || g == "admin:read" || g == "admin:write") &&
        required.size() > g.size() && required.starts_with(g) && required[g.size()] == ':') {
      return true;
    }
    return g == "follow" && (required == "write:follows" || required == "write:blocks" ||
                             required == "write:mutes" || required == "read:follows" ||
                             required == "read:blocks" || required == "read:mutes");
  });
}

Result<store::App> RegisterApp(Context& ctx, std::string name, std::string redirect_uris,
                               std::string scopes, std::string website) {
  if (name.empty()) return core::Unprocessable("Application name can't be blank");
  if (name.size() > 200 || website.size() > 2000 || redirect_uris.size() > 2000) {
    return core::Unprocessable("Application fields are too long");
  }
  if (redirect_uris.empty()) redirect_uris = "urn:ietf:wg:oauth:2.0:oob";
  for (std::string_view rest = redirect_uris; !rest.empty();) {
    auto nl = rest.find('\n');
    if (!AcceptableRedirect(rest.substr(0, nl))) {
      return core::Unprocessable("Redirect URI must be an absolute URI without a fragment");
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (scopes.empty()) scopes = "read";
  for (const auto& s : SplitScopes(scopes)) {
    if (!KnownScope(s)) return core::Unprocessable("Scopes are invalid: " + std::string(s));
  }
  store::App app;
  app.id = ctx.ids.Next();
  app.name = std::move(name);
  app.website = std::move(website);
  app.redirect_uris = std::move(redirect_uris);
  app.scopes = std::move(scopes);
  app.client_id = RandomToken();
  app.client_secret = RandomToken();
  ctx.store.PutApp(app);
  return app;
}

Result<IssuedToken> PasswordGrant(Context& ctx, LoginThrottle& throttle, std::string_view client_id,
                                  std::string_view client_secret, std::string_view username,
                                  std::string_view password, std::string_view scope,
                                  std::string_view ip) {
  auto app = CheckClient(ctx, client_id, client_secret);
  if (!app) return app.error();
  auto account = CheckCredentials(
      ctx, throttle, username, password, ip,
      core::Error{core::ErrorCode::kInvalidArgument, "invalid_grant", "bad username or password"});
  if (!account) return account.error();
  auto scopes = GrantScopes(*app, scope);
  if (!scopes) return scopes.error();
  return Issue(ctx, *app, account->id, *scopes);
}

std::string AuthorizationCodes::Create(Grant grant) {
  std::string code = RandomToken();
  grant.expires_ms = clock_.NowMs() + 10 * 60 * 1000;
  std::lock_guard lock(mu_);
  std::erase_if(codes_, [&](const auto& kv) { return kv.second.expires_ms < clock_.NowMs(); });
  codes_[code] = std::move(grant);
  return code;
}

std::optional<AuthorizationCodes::Grant> AuthorizationCodes::Take(const std::string& code) {
  std::lock_guard lock(mu_);
  auto it = codes_.find(code);
  if (it == codes_.end()) return std::nullopt;
  Grant g = it->second;
  codes_.erase(it);
  if (g.expires_ms < clock_.NowMs()) return std::nullopt;
  return g;
}

Result<AuthorizeTarget> CheckAuthorizeRequest(Context& ctx, std::string_view client_id,
                                              std::string_view redirect_uri,
                                              std::string_view scope) {
  auto request = AuthorizeRequest(ctx, client_id, redirect_uri, scope);
  if (!request) return request.error();
  return AuthorizeTarget{std::move(request->first), std::move(request->second)};
}

core::Status CheckCodeChallenge(std::string_view code_challenge,
                                std::string_view code_challenge_method) {
  if (code_challenge.empty()) {
    if (code_challenge_method.empty()) return core::Ok();
    return InvalidRequest("a code_challenge_method without a code_challenge");
  }
  if (code_challenge_method == "S256") {
    // BASE64URL of a SHA-256: 43 characters.
    if (code_challenge.size() != 43 || !WellFormedVerifier(code_challenge)) {
      return InvalidRequest("malformed S256 code_challenge");
    }
    return core::Ok();
  }
  if (code_challenge_method != "plain" && !code_challenge_method.empty()) {
    return InvalidRequest("unknown code_challenge_method");
  }
  if (!WellFormedVerifier(code_challenge)) return InvalidRequest("malformed code_challenge");
  return core::Ok();
}

namespace {

// What both ways of authorizing check before they know the account: the
// app, its redirect URI and scopes, the PKCE challenge. The grant's account
// is left to fill.
Result<AuthorizationCodes::Grant> PendingGrant(Context& ctx, std::string_view client_id,
                                               std::string_view redirect_uri,
                                               std::string_view scope,
                                               std::string_view code_challenge,
                                               std::string_view code_challenge_method) {
  auto request = AuthorizeRequest(ctx, client_id, redirect_uri, scope);
  if (!request) return request.error();
  auto method = ChallengeMethod(code_challenge, code_challenge_method);
  if (!method) return method.error();
  return AuthorizationCodes::Grant{request->first.id, 0, request->second,
                                   std::string(redirect_uri), 0, std::string(code_challenge),
                                   *method};
}

}  // namespace

Result<std::string> Authorize(Context& ctx, LoginThrottle& throttle, AuthorizationCodes& codes,
                              std::string_view client_id, std::string_view redirect_uri,
                              std::string_view scope, std::string_view username,
                              std::string_view password, std::string_view ip,
                              std::string_view code_challenge,
                              std::string_view code_challenge_method) {
  auto grant =
      PendingGrant(ctx, client_id, redirect_uri, scope, code_challenge, code_challenge_method);
  if (!grant) return grant.error();
  auto account = CheckCredentials(ctx, throttle, username, password, ip,
                                  core::Invalid("Invalid username or password"));
  if (!account) return account.error();
  grant->account_id = account->id;
  return codes.Create(std::move(*grant));
}

Result<std::string> AuthorizeAccount(Context& ctx, AuthorizationCodes& codes,
                                     std::string_view client_id, std::string_view redirect_uri,
                                     std::string_view scope, Id account_id,
                                     std::string_view code_challenge,
                                     std::string_view code_challenge_method) {
  auto grant =
      PendingGrant(ctx, client_id, redirect_uri, scope, code_challenge, code_challenge_method);
  if (!grant) return grant.error();
  auto account = ctx.store.GetAccountById(account_id);
  if (!account || account->suspended) return core::NotFound();
  grant->account_id = account->id;
  return codes.Create(std::move(*grant));
}

Result<IssuedToken> AuthorizationCodeGrant(Context& ctx, AuthorizationCodes& codes,
                                           std::string_view client_id,
                                           std::string_view client_secret, std::string_view code,
                                           std::string_view redirect_uri,
                                           std::string_view code_verifier) {
  // A public client (PKCE) sends no secret; one that is sent is checked.
  std::optional<store::App> app;
  if (client_secret.empty()) {
    app = ctx.store.GetAppByClientId(client_id);
  } else {
    auto checked = CheckClient(ctx, client_id, client_secret);
    if (!checked) return checked.error();
    app = std::move(*checked);
  }
  core::Error invalid_client{core::ErrorCode::kUnauthenticated, "invalid_client",
                             "bad client credentials"};
  if (!app) return invalid_client;
  // The redirect URI the code was asked with, again (RFC 6749, 4.1.3).
  auto grant = codes.Take(std::string(code));
  if (!grant || grant->app_id != app->id || grant->redirect_uri != redirect_uri) {
    return InvalidGrant("bad code");
  }
  if (grant->code_challenge.empty()) {
    if (client_secret.empty()) return invalid_client;
    // A verifier for a code asked without a challenge: refused, or an
    // attacker could strip the challenge from the request (OAuth 2.1, 4.1.3).
    if (!code_verifier.empty()) return InvalidGrant("a code_verifier without a code_challenge");
  } else if (!VerifierMatches(*grant, code_verifier)) {
    return InvalidGrant("the code_verifier does not match");
  }
  return Issue(ctx, *app, grant->account_id, grant->scopes);
}

Result<Id> SignUp(Context& ctx, std::string_view username, std::string_view email,
                  std::string_view password, bool agreement, std::string_view ip) {
  if (!ctx.settings.registrations_open) {
    return core::Error{core::ErrorCode::kForbidden, "Registrations are closed", ""};
  }
  if (!agreement) return core::Unprocessable("Agreement must be accepted");
  // Only accounts made count: a form sent back with a mistake does not.
  std::string key = "ip:" + std::string(ip);
  if (ctx.limits && !ctx.limits->signups.Take(key)) {
    return core::Error{core::ErrorCode::kTooManyRequests, "Too many requests",
                       "sign-ups throttled"};
  }
  auto id = CreateAccount(ctx, username, email, password, false);
  if (!id && ctx.limits) ctx.limits->signups.Refund(key);
  return id;
}

Result<IssuedToken> Register(Context& ctx, const Viewer& app_viewer, std::string_view username,
                             std::string_view email, std::string_view password, bool agreement,
                             std::string_view ip) {
  auto app = ctx.store.GetAppById(app_viewer.app_id);
  if (!app)
    return core::Error{core::ErrorCode::kUnauthenticated, "The access token is invalid", ""};
  auto id = SignUp(ctx, username, email, password, agreement, ip);
  if (!id) return id.error();
  return Issue(ctx, *app, *id, app_viewer.scopes);
}

Result<IssuedToken> ClientCredentialsGrant(Context& ctx, std::string_view client_id,
                                           std::string_view client_secret, std::string_view scope) {
  auto app = CheckClient(ctx, client_id, client_secret);
  if (!app) return app.error();
  auto scopes = GrantScopes(*app, scope);
  if (!scopes) return scopes.error();
  return Issue(ctx, *app, std::nullopt, *scopes);
}

core::Status Revoke(Context& ctx, std::string_view client_id, std::string_view client_secret,
                    std::string_view token) {
  auto app = CheckClient(ctx, client_id, client_secret);
  if (!app) return app.error();
  auto row = ctx.store.GetTokenByHash(HashToken(token));
  if (row && row->app_id == app->id) {
    ctx.store.DeleteToken(HashToken(token));
    ctx.snapshots.ForgetToken(HashToken(token));
    if (ctx.streaming) ctx.streaming->bus.EndToken(HashToken(token));  // its streams close
  }
  return core::Ok();  // RFC 7009: unknown tokens are not an error
}

Result<Viewer> Authenticate(Context& ctx, std::string_view bearer_token) {
  core::Error invalid{core::ErrorCode::kUnauthenticated, "The access token is invalid", ""};
  if (bearer_token.empty() || bearer_token.size() > 200) return invalid;
  // Tokens are looked up by their hash: the secret itself is never compared.
  auto token = ctx.snapshots.Token(HashToken(bearer_token));
  if (!token) return invalid;
  if (token->account_id) {
    auto account = ctx.snapshots.Account(*token->account_id);
    if (!account || account->account.suspended) return invalid;
  }
  return Viewer{token->account_id, token->scopes, token->app_id};
}

Result<Id> CreateAccount(Context& ctx, std::string_view username, std::string_view email,
                         std::string_view password, bool organization) {
  if (username.empty() || username.size() > 30 ||
      !std::all_of(username.begin(), username.end(), [](char c) {
        return text::IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '_';
      })) {
    return core::Unprocessable("Username must be 1 to 30 letters, digits or underscores");
  }
  if (email.size() < 3 || email.size() > 254 || email.find('@') == std::string_view::npos) {
    return core::Unprocessable("Email is invalid");
  }
  if (password.size() < 8 || password.size() > 256) {
    return core::Unprocessable("Password must be 8 to 256 characters long");
  }
  store::Account a;
  a.id = ctx.ids.Next();
  a.username = std::string(username);
  a.email = std::string(email);
  a.password_hash = HashPassword(password);
  a.organization = organization;
  auto put = ctx.store.PutAccount(a);
  ctx.snapshots.ForgetUsername(a.username);  // known until now as no one's
  if (!put) return put.error();
  return a.id;
}

}  // namespace piaf::service
