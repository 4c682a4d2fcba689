// SqliteStore's announcements (migration 16): the administration's
// announcements and which accounts dismissed each.
//
// A file of its own, apart from sqlite_store.cc: its statements are prepared
// here for each use (they run seldom: an app's start, an admin's command),
// writes go through the store's group commit (Write) on the writer
// connection, reads through a read connection of its own (SideReader), so
// that they never wait for a batch being written.
#include <sqlite3.h>

#include <stdexcept>

#include "store/sqlite_store.h"

namespace piaf::store {
namespace {

// A statement prepared for one use, finalized when it goes.
class OneStatement {
 public:
  OneStatement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
    }
  }
  ~OneStatement() { sqlite3_finalize(s_); }
  OneStatement(const OneStatement&) = delete;
  OneStatement& operator=(const OneStatement&) = delete;

  OneStatement& Bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  OneStatement& Bind(int i, const std::optional<std::int64_t>& v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(s_, i);
    return *this;
  }
  OneStatement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  bool Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  std::int64_t Int(int col) { return sqlite3_column_int64(s_, col); }
  std::optional<std::int64_t> OptInt(int col) {
    if (sqlite3_column_type(s_, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(s_, col);
  }
  std::string Text(int col) {
    const auto* p = sqlite3_column_text(s_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s_, col)) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

}  // namespace

SqliteStore::SideReader::~SideReader() {
  if (db) sqlite3_close(db);
}

void SqliteStore::PutAnnouncement(const Announcement& a) {
  Write([&] {
    OneStatement(db_,
                 "INSERT INTO announcements(id, text, content, starts_at, ends_at, all_day, "
                 "published_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(1, a.id)
        .Bind(2, a.text)
        .Bind(3, a.content)
        .Bind(4, a.starts_at_ms)
        .Bind(5, a.ends_at_ms)
        .Bind(6, std::int64_t{a.all_day})
        .Bind(7, a.published_at_ms)
        .Bind(8, a.updated_at_ms)
        .Step();
  });
}

std::vector<std::pair<Announcement, bool>> SqliteStore::ListAnnouncements(Id account_id) {
  std::lock_guard lock(side_reader_.mu);
  if (!side_reader_.db) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      std::string message = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + path_ + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
    side_reader_.db = db;
  }
  // One statement: one snapshot of both tables. Mastodon's order: by the
  // date announced, else by publication.
  OneStatement s(side_reader_.db,
                 "SELECT a.id, a.text, a.content, a.starts_at, a.ends_at, a.all_day, "
                 "a.published_at, a.updated_at, d.account_id IS NOT NULL FROM announcements a "
                 "LEFT JOIN announcement_dismissals d ON d.announcement_id = a.id AND "
                 "d.account_id = ?1 ORDER BY COALESCE(a.starts_at, a.published_at), a.id");
  s.Bind(1, account_id);
  std::vector<std::pair<Announcement, bool>> out;
  while (s.Step()) {
    Announcement a;
    a.id = s.Int(0);
    a.text = s.Text(1);
    a.content = s.Text(2);
    a.starts_at_ms = s.OptInt(3);
    a.ends_at_ms = s.OptInt(4);
    a.all_day = s.Int(5) != 0;
    a.published_at_ms = s.Int(6);
    a.updated_at_ms = s.Int(7);
    out.emplace_back(std::move(a), s.Int(8) != 0);
  }
  return out;
}

bool SqliteStore::DismissAnnouncement(Id account_id, Id announcement_id) {
  return Write([&] {
    if (!OneStatement(db_, "SELECT 1 FROM announcements WHERE id = ?1")
             .Bind(1, announcement_id)
             .Step()) {
      return false;
    }
    OneStatement(db_,
                 "INSERT OR IGNORE INTO announcement_dismissals(account_id, announcement_id) "
                 "VALUES(?1, ?2)")
        .Bind(1, account_id)
        .Bind(2, announcement_id)
        .Step();
    return true;
  });
}

bool SqliteStore::DeleteAnnouncement(Id announcement_id) {
  return Write([&] {
    OneStatement(db_, "DELETE FROM announcement_dismissals WHERE announcement_id = ?1")
        .Bind(1, announcement_id)
        .Step();
    OneStatement(db_, "DELETE FROM announcements WHERE id = ?1").Bind(1, announcement_id).Step();
    return sqlite3_changes(db_) > 0;
  });
}

}  // namespace piaf::store
