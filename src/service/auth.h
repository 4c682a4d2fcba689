// Apps, accounts' credentials and tokens: OAuth 2 grants, argon2id password
// hashes, random tokens stored hashed, and login throttling.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "service/context.h"

namespace piaf::service {

// Hashes a password with argon2id (libsodium crypto_pwhash_str).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

// A random url-safe token of 32 bytes, and the hash it is stored under.
std::string RandomToken();
std::string HashToken(std::string_view token);

// Login attempts in a sliding window, per account from one IP (at most
// `attempts`: an attacker elsewhere cannot lock the owner out) and per IP
// (at most `attempts_per_ip`, whatever the account). An attempt is counted
// before its password is checked, so that concurrent attempts cannot all
// pass one look; a success gives its attempt back. Thread-safe.
class LoginThrottle {
 public:
  LoginThrottle(const core::Clock& clock, int attempts, std::int64_t window_ms,
                int attempts_per_ip = 0)
      : clock_(clock),
        attempts_(attempts),
        attempts_per_ip_(attempts_per_ip > 0 ? attempts_per_ip : attempts),
        window_ms_(window_ms) {}
  // `account`: the account's id as text, or the login as typed (lower-cased)
  // when there is no such account. False, counting nothing, when either
  // budget is spent.
  bool Begin(const std::string& account, std::string_view ip);
  void Succeeded(const std::string& account, std::string_view ip);

 private:
  // Under mu_: the attempts under `key` still in the window.
  std::deque<std::int64_t>& Recent(const std::string& key, std::int64_t now);
  const core::Clock& clock_;
  const int attempts_, attempts_per_ip_;
  const std::int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<std::int64_t>> attempts_by_key_;
};

// One-time authorization codes (authorization_code grant), kept in memory
// for ten minutes. Thread-safe.
class AuthorizationCodes {
 public:
  struct Grant {
    Id app_id = 0;
    Id account_id = 0;
    std::string scopes;
    std::string redirect_uri;
    std::int64_t expires_ms = 0;
    // PKCE (RFC 7636): empty when the request had none; the method is
    // "S256" or "plain".
    std::string code_challenge;
    std::string code_challenge_method;
  };
  explicit AuthorizationCodes(const core::Clock& clock) : clock_(clock) {}
  std::string Create(Grant grant);
  // Consumes the code: a second use fails.
  std::optional<Grant> Take(const std::string& code);

 private:
  const core::Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Grant> codes_;
};

struct IssuedToken {
  std::string access_token;
  std::string scope;
  std::int64_t created_at_s = 0;
};

// Redirect URIs are one per line, each absolute (http, https or an app's
// own scheme) without a fragment, or "urn:ietf:wg:oauth:2.0:oob";
// javascript:, data: and the like are refused. Scopes are Mastodon's.
Result<store::App> RegisterApp(Context& ctx, std::string name, std::string redirect_uris,
                               std::string scopes, std::string website);

// grant_type=password. `username` may be the email. Throttled per account and IP.
Result<IssuedToken> PasswordGrant(Context& ctx, LoginThrottle& throttle, std::string_view client_id,
                                  std::string_view client_secret, std::string_view username,
                                  std::string_view password, std::string_view scope,
                                  std::string_view ip);
// Checks a PKCE challenge (RFC 7636) as an authorization request gives it:
// none at all, or 43 to 128 unreserved characters with the method "S256" or
// "plain" (the default). Fails with "invalid_request" (kInvalidArgument).
core::Status CheckCodeChallenge(std::string_view code_challenge,
                                std::string_view code_challenge_method);
// The sign-in form of /oauth/authorize, posted: checks the app, its redirect
// URI, the scopes, the PKCE challenge and the credentials (throttled per
// account and IP); returns a new code that remembers the challenge.
Result<std::string> Authorize(Context& ctx, LoginThrottle& throttle, AuthorizationCodes& codes,
                              std::string_view client_id, std::string_view redirect_uri,
                              std::string_view scope, std::string_view username,
                              std::string_view password, std::string_view ip,
                              std::string_view code_challenge,
                              std::string_view code_challenge_method);
// A code for an account already authenticated (just created by the sign-up
// form): the same checks as Authorize but the credentials; fails when the
// account does not exist or is suspended.
Result<std::string> AuthorizeAccount(Context& ctx, AuthorizationCodes& codes,
                                     std::string_view client_id, std::string_view redirect_uri,
                                     std::string_view scope, Id account_id,
                                     std::string_view code_challenge,
                                     std::string_view code_challenge_method);
// What an authorization request would give: to which app, which scopes
// (as granted: the ones asked for, space-separated; "read" when none).
struct AuthorizeTarget {
  store::App app;
  std::string scopes;
};
// Checks that the app exists, knows `redirect_uri` and registered the scopes
// (before showing a form).
Result<AuthorizeTarget> CheckAuthorizeRequest(Context& ctx, std::string_view client_id,
                                   std::string_view redirect_uri, std::string_view scope);
// grant_type=authorization_code. A code given with a PKCE challenge needs
// the matching `code_verifier`, and then the client may be public (no
// secret; a secret given must still be right); a code without one needs
// the client's secret and no verifier. Fails with "invalid_client" or
// "invalid_grant"; a code is spent by its first use, failed or not.
Result<IssuedToken> AuthorizationCodeGrant(Context& ctx, AuthorizationCodes& codes,
                                           std::string_view client_id,
                                           std::string_view client_secret, std::string_view code,
                                           std::string_view redirect_uri,
                                           std::string_view code_verifier);
// Creates an account by the registration rules (registrations open, the
// agreement accepted, the fields valid: CreateAccount; at most
// Settings::signups_per_ip accounts from one IP in a window). Returns its id.
Result<Id> SignUp(Context& ctx, std::string_view username, std::string_view email,
                  std::string_view password, bool agreement, std::string_view ip);
// POST /api/v1/accounts with an app token: creates the account (SignUp) and
// returns a token for it with the app token's scopes.
Result<IssuedToken> Register(Context& ctx, const Viewer& app_viewer, std::string_view username,
                             std::string_view email, std::string_view password, bool agreement,
                             std::string_view ip);

Result<IssuedToken> ClientCredentialsGrant(Context& ctx, std::string_view client_id,
                                           std::string_view client_secret, std::string_view scope);
core::Status Revoke(Context& ctx, std::string_view client_id, std::string_view client_secret,
                    std::string_view token);

// The viewer behind a bearer token; kUnauthenticated when it is unknown or
// its account is suspended.
Result<Viewer> Authenticate(Context& ctx, std::string_view bearer_token);

// Does the token's scope set grant `required` ("read", "write:statuses"...)?
// "read" grants every "read:*"; "write" every "write:*"; "follow" grants
// the follow-related writes.
bool ScopeAllows(std::string_view granted, std::string_view required);

// Creates an account (admin command, registration). Returns its id.
Result<Id> CreateAccount(Context& ctx, std::string_view username, std::string_view email,
                         std::string_view password, bool organization);

}  // namespace piaf::service
