// What the files defining SqliteStore's methods share (sqlite_store.cc, and
// a resource's own file such as sqlite_store_bookmarks.cc): the cached
// statement and the read connection. Nothing outside src/store/ includes it.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite_store.h"

namespace piaf::store {

// A cached prepared statement, reset and unbound when the wrapper goes.
class SqliteStore::Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;

  // Binds in order, ?1 ?2 ...; parameters the SQL does not use are skipped.
  template <typename... Args>
  Stmt& Bind(const Args&... args) {
    int i = 0;
    (BindOne(++i, args), ...);
    return *this;
  }
  bool Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(s_)));
  }
  // Runs a write; returns false on a constraint violation (duplicate).
  bool Run() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
    if ((rc & 0xFF) == SQLITE_CONSTRAINT) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(s_)));
  }
  std::int64_t Int(int col) { return sqlite3_column_int64(s_, col); }
  std::optional<Id> OptId(int col) {
    if (sqlite3_column_type(s_, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(s_, col);
  }
  std::string Text(int col) {
    const auto* p = sqlite3_column_text(s_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s_, col)) : "";
  }

 private:
  bool Unused(int i) { return i > sqlite3_bind_parameter_count(s_); }
  void BindOne(int i, std::int64_t v) {
    if (!Unused(i)) sqlite3_bind_int64(s_, i, v);
  }
  void BindOne(int i, int v) { BindOne(i, static_cast<std::int64_t>(v)); }
  void BindOne(int i, bool v) { BindOne(i, static_cast<std::int64_t>(v)); }
  void BindOne(int i, std::nullptr_t) {
    if (!Unused(i)) sqlite3_bind_null(s_, i);
  }
  void BindOne(int i, const std::optional<Id>& v) {
    if (v) {
      BindOne(i, *v);
    } else {
      BindOne(i, nullptr);
    }
  }
  void BindOne(int i, std::string_view v) {
    if (!Unused(i))
      sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindOne(int i, const std::string& v) { BindOne(i, std::string_view(v)); }
  void BindOne(int i, const std::optional<std::string>& v) {
    if (v) {
      BindOne(i, std::string_view(*v));
    } else {
      BindOne(i, nullptr);
    }
  }
  void BindOne(int i, const char* v) { BindOne(i, std::string_view(v)); }

  sqlite3_stmt* s_;
};

// A read connection: used by one thread only, so it needs no lock.
struct SqliteStore::Conn {
  explicit Conn(const std::string& path);
  ~Conn();
  Stmt Prepare(const char* sql);

  // One read transaction around several statements: one lock instead of one
  // per statement. Nested ones join the outermost.
  class Txn {
   public:
    explicit Txn(Conn& c) : c_(c) {
      if (c_.depth++ == 0) c_.Prepare("BEGIN").Run();
    }
    ~Txn() {
      if (--c_.depth == 0) c_.Prepare("COMMIT").Run();
    }

   private:
    Conn& c_;
  };

  sqlite3* db;
  int depth = 0;  // of Txn
  std::unordered_map<const char*, sqlite3_stmt*> statements;
};

// A walk of a whole table or index (at start) reads its pages once: the
// connection's cache lets them go when it ends (declared before the walk's
// statement, so it runs after the statement is reset).
struct ReleaseCacheAfter {
  sqlite3* db;
  ~ReleaseCacheAfter() { sqlite3_db_release_memory(db); }
};

// A page of (row id, other id) pairs: the newest first, or from min_id up
// (the two statements ListPairs takes).
#define PIAF_PAIRS(select, where)                                                 \
  select " WHERE " where                                                          \
         " AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR id > ?3) ORDER BY id "  \
         "DESC LIMIT ?4",                                                         \
      select " WHERE " where                                                      \
             " AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR id > ?3) ORDER BY " \
             "id ASC LIMIT ?4"

// An account's counters (account_stats) and its newest status id; ?1 the
// account (CountAccount, and PutStatus after its write).
#define PIAF_COUNT_ACCOUNT                                                                  \
  "SELECT COALESCE(st.statuses, 0), COALESCE(st.followers, 0), COALESCE(st.following, 0), " \
  "(SELECT MAX(id) FROM statuses WHERE account_id = ?1) "                                   \
  "FROM (SELECT ?1 AS account_id) a LEFT JOIN account_stats st ON st.account_id = "         \
  "a.account_id"

template <typename Stmt>
AccountCounts ReadCounts(Stmt&& s) {
  AccountCounts c;
  if (s.Step()) {
    c.statuses = s.Int(0);
    c.followers = s.Int(1);
    c.following = s.Int(2);
    c.last_status_id = s.OptId(3);
  }
  return c;
}

}  // namespace piaf::store
