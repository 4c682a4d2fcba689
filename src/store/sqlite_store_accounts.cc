// SqliteStore: accounts, apps and tokens.
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

// ------------------------------------------------------------------ accounts

#define PIAF_ACCOUNT_SELECT                                                                      \
  "SELECT id, username, email, password_hash, display_name, note, organization, suspended, "     \
  "locked FROM accounts "

static Account ReadAccount(SqliteStore::Stmt& s);

core::Status SqliteStore::PutAccount(const Account& a) {
  auto put = Write([&]() -> core::Status {
    auto s = Prepare(
        "INSERT INTO accounts(id, username, email, password_hash, display_name, note, "
        "organization, suspended, locked) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!s.Bind(a.id, a.username, a.email, a.password_hash, a.display_name, a.note, a.organization,
                a.suspended, a.locked)
             .Run()) {
      return core::Unprocessable("Username or email has already been taken");
    }
    Prepare("INSERT OR IGNORE INTO account_stats(account_id) VALUES(?1)").Bind(a.id).Run();
    return core::Ok();
  });
  if (put) ++users_;
  return put;
}

std::optional<Account> SqliteStore::GetAccountById(Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_ACCOUNT_SELECT "WHERE id = ?1");
  if (!s.Bind(id).Step()) return std::nullopt;
  return ReadAccount(s);
}

std::optional<Account> SqliteStore::GetAccountByUsername(std::string_view username) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_ACCOUNT_SELECT "WHERE username = ?1");
  if (!s.Bind(username).Step()) return std::nullopt;
  return ReadAccount(s);
}

std::optional<Account> SqliteStore::GetAccountByLogin(std::string_view login) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_ACCOUNT_SELECT "WHERE username = ?1 OR email = ?1");
  if (!s.Bind(login).Step()) return std::nullopt;
  return ReadAccount(s);
}

std::vector<Account> SqliteStore::ListAccounts() {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_ACCOUNT_SELECT "ORDER BY id");
  std::vector<Account> out;
  while (s.Step()) out.push_back(ReadAccount(s));
  return out;
}

std::vector<Account> SqliteStore::SearchAccounts(const std::string& match, std::string_view exact,
                                                 int limit) {
  if (match.empty()) return {};
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_ACCOUNT_SELECT
                     "WHERE suspended = 0 AND id IN (SELECT rowid FROM account_search WHERE "
                     "account_search MATCH ?1) ORDER BY (username = ?2 COLLATE NOCASE) DESC, "
                     "username LIMIT ?3");
  s.Bind(match, exact, limit);
  std::vector<Account> out;
  while (s.Step()) out.push_back(ReadAccount(s));
  return out;
}

void SqliteStore::SetAccountSuspended(Id id, bool suspended) {
  return Write([&] {
    Prepare("UPDATE accounts SET suspended = ?2 WHERE id = ?1").Bind(id, suspended).Run();
  });
}

void SqliteStore::SetAccountLocked(Id id, bool locked) {
  Write([&] { Prepare("UPDATE accounts SET locked = ?2 WHERE id = ?1").Bind(id, locked).Run(); });
}

void SqliteStore::UpdateAccountProfile(Id id, const std::string& display_name,
                                       const std::string& note) {
  return Write([&] {
    Prepare("UPDATE accounts SET display_name = ?2, note = ?3 WHERE id = ?1")
        .Bind(id, display_name, note)
        .Run();
  });
}

AccountCounts SqliteStore::CountAccount(Id id) {
  return ReadCounts(Reader().Prepare(PIAF_COUNT_ACCOUNT).Bind(id));
}

static Account ReadAccount(SqliteStore::Stmt& s) {
  Account a;
  a.id = s.Int(0);
  a.username = s.Text(1);
  a.email = s.Text(2);
  a.password_hash = s.Text(3);
  a.display_name = s.Text(4);
  a.note = s.Text(5);
  a.organization = s.Int(6) != 0;
  a.suspended = s.Int(7) != 0;
  a.locked = s.Int(8) != 0;
  return a;
}

// ------------------------------------------------------------ apps, tokens

void SqliteStore::PutApp(const App& app) {
  return Write([&] {
    Prepare(
        "INSERT INTO apps(id, name, website, redirect_uris, scopes, client_id, client_secret) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .Bind(app.id, app.name, app.website, app.redirect_uris, app.scopes, app.client_id,
              app.client_secret)
        .Run();
  });
}

static App ReadApp(SqliteStore::Stmt& s) {
  return App{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
}

std::optional<App> SqliteStore::GetAppByClientId(std::string_view client_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, name, website, redirect_uris, scopes, client_id, client_secret FROM apps "
      "WHERE client_id = ?1");
  if (!s.Bind(client_id).Step()) return std::nullopt;
  return ReadApp(s);
}

std::optional<App> SqliteStore::GetAppById(Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, name, website, redirect_uris, scopes, client_id, client_secret FROM apps "
      "WHERE id = ?1");
  if (!s.Bind(id).Step()) return std::nullopt;
  return ReadApp(s);
}

void SqliteStore::PutToken(const Token& token, std::string_view token_hash) {
  return Write([&] {
    Prepare(
        "INSERT INTO tokens(id, token_hash, app_id, account_id, scopes) VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(token.id, token_hash, token.app_id, token.account_id, token.scopes)
        .Run();
  });
}

std::optional<Token> SqliteStore::GetTokenByHash(std::string_view token_hash) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT id, app_id, account_id, scopes FROM tokens WHERE token_hash = ?1");
  if (!s.Bind(token_hash).Step()) return std::nullopt;
  return Token{s.Int(0), s.Int(1), s.OptId(2), s.Text(3)};
}

void SqliteStore::DeleteToken(std::string_view token_hash) {
  return Write([&] { Prepare("DELETE FROM tokens WHERE token_hash = ?1").Bind(token_hash).Run(); });
}

}  // namespace piaf::store
