#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include "store/sqlite_store_internal.h"
#include "store/sqlite_store_schema.h"

namespace piaf::store {

namespace {

// Versioned migrations: migration i brings the schema to version i + 1.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  organization INTEGER NOT NULL DEFAULT 0,
  suspended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE apps(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  client_secret TEXT NOT NULL);
CREATE TABLE tokens(
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  app_id INTEGER NOT NULL,
  account_id INTEGER,
  scopes TEXT NOT NULL);
CREATE TABLE statuses(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  content TEXT NOT NULL,
  spoiler_text TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  visibility INTEGER NOT NULL,
  in_reply_to_id INTEGER,
  in_reply_to_account_id INTEGER,
  reblog_of_id INTEGER,
  application_id INTEGER);
CREATE INDEX statuses_by_account ON statuses(account_id, id);
CREATE INDEX statuses_by_reply ON statuses(in_reply_to_id);
CREATE INDEX statuses_by_reblog ON statuses(reblog_of_id, account_id);
CREATE TABLE mentions(status_id INTEGER NOT NULL, account_id INTEGER NOT NULL,
  PRIMARY KEY(status_id, account_id));
CREATE TABLE status_tags(tag TEXT NOT NULL, status_id INTEGER NOT NULL,
  PRIMARY KEY(tag, status_id));
CREATE TABLE follows(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX follows_by_target ON follows(target_account_id, id);
CREATE TABLE favourites(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX favourites_by_status ON favourites(status_id, id);
CREATE TABLE notifications(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  from_account_id INTEGER NOT NULL, type TEXT NOT NULL, status_id INTEGER);
CREATE INDEX notifications_by_account ON notifications(account_id, id);
CREATE TABLE idempotency_keys(account_id INTEGER NOT NULL, key TEXT NOT NULL,
  status_id INTEGER NOT NULL, PRIMARY KEY(account_id, key));
)sql",
    R"sql(
CREATE TABLE blocks(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE TABLE mutes(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX favourites_by_account ON favourites(account_id, id);
)sql",
    // Reading a status's tags must not scan every tag (found by perf under
    // the home-timeline benchmark).
    R"sql(
CREATE INDEX status_tags_by_status ON status_tags(status_id);
CREATE INDEX blocks_by_target ON blocks(target_account_id);
)sql",
    // Account counters, kept on every write instead of counted on every read.
    R"sql(
CREATE TABLE account_stats(account_id INTEGER PRIMARY KEY, statuses INTEGER NOT NULL DEFAULT 0,
  followers INTEGER NOT NULL DEFAULT 0, following INTEGER NOT NULL DEFAULT 0);
)sql" PIAF_RECOUNT_ACCOUNT_STATS,
    // A post's audience read from the index alone (a table lookup per
    // follower was a third of compose's time, measured with perf).
    R"sql(
DROP INDEX follows_by_target;
CREATE INDEX follows_by_target ON follows(target_account_id, id, account_id);
)sql",
    // Full-text search (FTS5 over the tables, kept by triggers): statuses
    // with English stems, accounts by username and display name; both
    // accent- and case-insensitive.
    R"sql(
CREATE VIRTUAL TABLE status_search USING fts5(text, content='statuses', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');
)sql" PIAF_STATUS_SEARCH_TRIGGERS R"sql(
INSERT INTO status_search(status_search) VALUES('rebuild');
CREATE VIRTUAL TABLE account_search USING fts5(username, display_name, content='accounts',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER account_search_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO account_search(rowid, username, display_name)
    VALUES(new.id, new.username, new.display_name);
END;
CREATE TRIGGER account_search_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, username, display_name)
    VALUES('delete', old.id, old.username, old.display_name);
END;
CREATE TRIGGER account_search_update AFTER UPDATE OF username, display_name ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, username, display_name)
    VALUES('delete', old.id, old.username, old.display_name);
  INSERT INTO account_search(rowid, username, display_name)
    VALUES(new.id, new.username, new.display_name);
END;
INSERT INTO account_search(account_search) VALUES('rebuild');
)sql",
    // What an account reblogged (its relations snapshot) from an index
    // alone: a table lookup per status of the account was a fifth of a cold
    // home read on the large profile (perf).
    R"sql(
CREATE INDEX statuses_reblogs_by_account ON statuses(account_id, reblog_of_id)
  WHERE reblog_of_id IS NOT NULL;
)sql",
    // The reblog index holds reblogs only: "reblog_of_id IS NULL" (original
    // statuses) made the planner walk every original status through it, then
    // sort (the public timeline; trend counters took 30 s to load on the large
    // profile), and every post touched a random page of it.
    R"sql(
DROP INDEX statuses_by_reblog;
CREATE INDEX statuses_by_reblog ON statuses(reblog_of_id, account_id)
  WHERE reblog_of_id IS NOT NULL;
)sql",
    // New statuses enter the full-text index once per batch, in one
    // statement (IndexNewStatuses), not by a trigger per row: FTS5 writes
    // its pending terms out at every statement's savepoint.
    R"sql(
DROP TRIGGER status_search_insert;
)sql",
    // A status's mentions in the order written (rowid) from an index on the
    // status alone: through the primary key (status, account) every status
    // read sorted them in a temporary b-tree.
    R"sql(
CREATE INDEX mentions_by_status ON mentions(status_id);
)sql",
    // What a status shows is on its row: its mentions and tags (written once,
    // with it) and its counts (kept by triggers). Loading a status not in
    // memory read five b-trees and counted in three (about 80 us a status on
    // the large profile against 25 us for the row alone); it now reads one
    // row.
    R"sql(
ALTER TABLE statuses ADD COLUMN mention_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN tag_names TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN replies_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statuses ADD COLUMN reblogs_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statuses ADD COLUMN favourites_count INTEGER NOT NULL DEFAULT 0;
UPDATE statuses SET mention_ids = (SELECT group_concat(account_id) FROM (SELECT account_id
  FROM mentions WHERE status_id = statuses.id ORDER BY rowid))
  WHERE id IN (SELECT status_id FROM mentions);
UPDATE statuses SET tag_names = (SELECT group_concat(tag, char(31)) FROM (SELECT tag
  FROM status_tags WHERE status_id = statuses.id ORDER BY rowid))
  WHERE id IN (SELECT status_id FROM status_tags);
UPDATE statuses SET replies_count = (SELECT COUNT(*) FROM statuses r
  WHERE r.in_reply_to_id = statuses.id)
  WHERE id IN (SELECT in_reply_to_id FROM statuses WHERE in_reply_to_id IS NOT NULL);
UPDATE statuses SET reblogs_count = (SELECT COUNT(*) FROM statuses r
  WHERE r.reblog_of_id = statuses.id)
  WHERE id IN (SELECT reblog_of_id FROM statuses WHERE reblog_of_id IS NOT NULL);
UPDATE statuses SET favourites_count = (SELECT COUNT(*) FROM favourites f
  WHERE f.status_id = statuses.id)
  WHERE id IN (SELECT status_id FROM favourites);
)sql" PIAF_STATUS_COUNT_TRIGGERS,
    // New statuses wait to be indexed together (PIAF_STATUS_SEARCH_DELETE_TRIGGER):
    // once per batch, a few statuses at a time, the index's flushes and
    // merges were a third of a post's CPU on the large profile.
    R"sql(
CREATE TABLE status_search_pending(id INTEGER PRIMARY KEY);
DROP TRIGGER status_search_delete;
)sql" PIAF_STATUS_SEARCH_DELETE_TRIGGER,
    // The reply index holds replies only: every post that answers nothing
    // (most) added an entry under NULL, one more index page to write per
    // batch. "in_reply_to_id = ?" implies IS NOT NULL: the queries use it.
    R"sql(
DROP INDEX statuses_by_reply;
CREATE INDEX statuses_by_reply ON statuses(in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
)sql",
    // Markers: where each account stopped reading its home timeline and its
    // notifications.
    R"sql(
CREATE TABLE markers(account_id INTEGER NOT NULL, timeline TEXT NOT NULL,
  last_read_id INTEGER NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY(account_id, timeline)) WITHOUT ROWID;
)sql",
    // Bookmarks (newest first per account, by row id) and pinned statuses
    // (five at most per account, kept by PutPin). Each indexed by status
    // too: a status deleted takes its bookmarks and pins with it.
    R"sql(
CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX bookmarks_by_account ON bookmarks(account_id, id);
CREATE INDEX bookmarks_by_status ON bookmarks(status_id);
CREATE TABLE pins(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX pins_by_status ON pins(status_id);
)sql",
    // Locked accounts and the follow requests waiting for their approval.
    R"sql(
ALTER TABLE accounts ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE follow_requests(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX follow_requests_by_target ON follow_requests(target_account_id, id);
)sql",
    // Announcements of the administration, and which accounts dismissed
    // each (sqlite_store_announcements.cc).
    R"sql(
CREATE TABLE announcements(id INTEGER PRIMARY KEY, text TEXT NOT NULL, content TEXT NOT NULL,
  starts_at INTEGER, ends_at INTEGER, all_day INTEGER NOT NULL DEFAULT 0,
  published_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE announcement_dismissals(account_id INTEGER NOT NULL,
  announcement_id INTEGER NOT NULL, PRIMARY KEY(account_id, announcement_id)) WITHOUT ROWID;
)sql",
    // Direct conversations per participant, filters with their keywords
    // and statuses, the notification policy and the notifications it
    // filtered, by request (sqlite_store_conversations.cc, _filters.cc,
    // _notification_policy.cc).
    R"sql(
CREATE TABLE conversations(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  root_id INTEGER NOT NULL, participant_ids TEXT NOT NULL, status_ids TEXT NOT NULL,
  last_status_id INTEGER NOT NULL, unread INTEGER NOT NULL DEFAULT 0,
  UNIQUE(account_id, root_id, participant_ids));
CREATE INDEX conversations_by_activity ON conversations(account_id, last_status_id);
CREATE TABLE filters(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, title TEXT NOT NULL,
  context TEXT NOT NULL, expires_at INTEGER, action TEXT NOT NULL DEFAULT 'warn');
CREATE INDEX filters_by_account ON filters(account_id);
CREATE TABLE filter_keywords(id INTEGER PRIMARY KEY, filter_id INTEGER NOT NULL,
  keyword TEXT NOT NULL, whole_word INTEGER NOT NULL DEFAULT 1);
CREATE INDEX filter_keywords_by_filter ON filter_keywords(filter_id);
CREATE TABLE filter_statuses(id INTEGER PRIMARY KEY, filter_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(filter_id, status_id));
CREATE TABLE notification_policies(account_id INTEGER PRIMARY KEY,
  for_not_following TEXT NOT NULL, for_not_followers TEXT NOT NULL,
  for_new_accounts TEXT NOT NULL, for_private_mentions TEXT NOT NULL,
  for_limited_accounts TEXT NOT NULL);
CREATE TABLE notification_requests(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  from_account_id INTEGER NOT NULL, UNIQUE(account_id, from_account_id));
CREATE TABLE filtered_notifications(id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL, from_account_id INTEGER NOT NULL, type TEXT NOT NULL,
  status_id INTEGER);
CREATE INDEX filtered_notifications_by_request ON filtered_notifications(request_id, id);
CREATE INDEX filtered_notifications_by_account ON filtered_notifications(account_id);
)sql",
};

}  // namespace

namespace {

// Waits for a lock in steps of 100 us, up to `limit_ms` (the arg): SQLite's
// own busy timeout sleeps 1, 2, 5, 10, 15, 20, 25... ms in turn, so a writer
// held off by a 2 ms checkpoint could sleep 50 ms (compose p99 tripled).
int WaitBriefly(void* limit_ms, int count) {
  std::this_thread::sleep_for(std::chrono::microseconds(100));
  return static_cast<std::intptr_t>(count) * 100 < reinterpret_cast<std::intptr_t>(limit_ms) * 1000;
}
void SetBusyLimit(sqlite3* db, std::intptr_t limit_ms) {
  sqlite3_busy_handler(db, &WaitBriefly, reinterpret_cast<void*>(limit_ms));
}

sqlite3* Open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  SetBusyLimit(db, 5000);
  return db;
}

sqlite3_stmt* PrepareCached(sqlite3* db, std::unordered_map<const char*, sqlite3_stmt*>& cache,
                            const char* sql) {
  auto it = cache.find(sql);
  if (it == cache.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db) + " in " + sql);
    }
    it = cache.emplace(sql, stmt).first;
  }
  return it->second;
}

std::atomic<std::uint64_t> next_serial{1};

// SQLite's own page cache, per connection (its default, 2 MiB, holds few of
// a large store's b-tree pages: each other page of a lookup was a `pread`
// from the OS). A size, not a reservation: a cache grows as pages are read,
// up to the store's size. A reader's cache is emptied by any commit since
// its last read (WAL), so it pays off between writes; the writer keeps its
// own.
constexpr const char* kWriterCacheSize = "PRAGMA cache_size=-262144";  // 256 MiB
constexpr const char* kReaderCacheSize = "PRAGMA cache_size=-32768";   // 32 MiB

// A walk of a whole table or index (at start) reads its pages once: the
// connection's cache lets them go when it ends (declared before the walk's
// statement, so it runs after the statement is reset).
struct ReleaseCacheAfter {
  sqlite3* db;
  ~ReleaseCacheAfter() { sqlite3_db_release_memory(db); }
};

}  // namespace

// A read connection (sqlite_store_internal.h).
SqliteStore::Conn::Conn(const std::string& path) : db(Open(path, SQLITE_OPEN_READWRITE)) {
  sqlite3_exec(db, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
  sqlite3_exec(db, kReaderCacheSize, nullptr, nullptr, nullptr);
}

SqliteStore::Conn::~Conn() {
  for (auto& [sql, stmt] : statements) sqlite3_finalize(stmt);
  sqlite3_close(db);
}

SqliteStore::Stmt SqliteStore::Conn::Prepare(const char* sql) {
  return Stmt(PrepareCached(db, statements, sql));
}

SqliteStore::Conn& SqliteStore::Reader() {
  // (store serial, connection) pairs of this thread; serials are never reused.
  thread_local std::vector<std::pair<std::uint64_t, Conn*>> mine;
  for (auto [serial, conn] : mine) {
    if (serial == serial_) return *conn;
  }
  auto conn = std::make_unique<Conn>(path_);
  Conn* raw = conn.get();
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(conn));
  }
  mine.emplace_back(serial_, raw);
  return *raw;
}

// Whether a status waits for the full-text index (IndexPendingStatuses).
constexpr const char* kAnyUnindexed = "SELECT 1 FROM status_search_pending LIMIT 1";

SqliteStore::SqliteStore(const std::string& path)
    : path_(path),
      db_(Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)),
      serial_(next_serial++) {
  std::lock_guard lock(mu_);
  Exec("PRAGMA journal_mode=WAL");
  // COMMIT does not sync: Submit syncs the WAL after handing the writer on.
  Exec("PRAGMA synchronous=NORMAL");
  Exec("PRAGMA foreign_keys=ON");
  Exec(kWriterCacheSize);
  // Replaces the checkpoint COMMIT would run past 1000 WAL pages.
  sqlite3_wal_hook(db_, &SqliteStore::OnWalCommit, this);
  Migrate();
  // What was left waiting when the store last closed (a crash) is indexed
  // now; with nothing waiting, opening writes nothing (the admin CLI opens
  // the store beside a running server).
  if (!Prepare(kAnyUnindexed).Step()) return;
  Exec("BEGIN IMMEDIATE");
  try {
    IndexPendingStatuses();
    Exec("COMMIT");
  } catch (...) {
    Exec("ROLLBACK");
    throw;
  }
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(checkpoint_mu_);
    stopping_ = true;
    checkpoint_wake_.notify_one();
  }
  if (checkpointer_.joinable()) checkpointer_.join();
  if (wal_fd_ >= 0) close(wal_fd_);
  readers_.clear();
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void SqliteStore::Exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + message);
  }
}

SqliteStore::Stmt SqliteStore::Prepare(const char* sql) {
  return Stmt(PrepareCached(db_, statements_, sql));
}

void SqliteStore::Submit(PendingWrite& w) {
  std::unique_lock lock(queue_mu_);
  queue_.push_back(&w);
  if (committing_) {
    w.wake.wait(lock, [&] { return w.done || w.lead; });
    if (w.done) {
      if (w.error) std::rethrow_exception(w.error);
      return;
    }
  }
  // Lead: take every write waiting (this one among them) and commit them.
  committing_ = true;
  std::vector<PendingWrite*> batch;
  batch.swap(queue_);
  lock.unlock();
  BatchTimes times = CommitBatch(batch);
  lock.lock();
  // The next batch may start while this one syncs.
  if (!queue_.empty()) {
    queue_.front()->lead = true;
    queue_.front()->wake.notify_one();
  } else {
    committing_ = false;
  }
  lock.unlock();
  std::exception_ptr sync_error;
  std::uint64_t sync_ns = 0;
  try {
    sync_ns = SyncWal();
  } catch (...) {
    sync_error = std::current_exception();
  }
  lock.lock();
  write_stats_.batches++;
  write_stats_.writes += batch.size();
  write_stats_.write_ns += times.write_ns;
  write_stats_.commit_ns += times.commit_ns;
  write_stats_.replays += times.replayed;
  write_stats_.sync_ns += sync_ns;
  for (PendingWrite* p : batch) {
    if (!p->error) p->error = sync_error;
    p->done = true;
    if (p != &w) p->wake.notify_one();
  }
  lock.unlock();
  if (w.error) std::rethrow_exception(w.error);
}

std::uint64_t SqliteStore::SyncWal() {
  auto start = std::chrono::steady_clock::now();
  int fd;
  {
    std::lock_guard lock(wal_mu_);
    struct stat st {};
    // (Re)opened when missing or when the file it named was removed.
    if (wal_fd_ < 0 || (fstat(wal_fd_, &st) == 0 && st.st_nlink == 0)) {
      // The old descriptor is left open: another thread may be syncing it.
      wal_fd_ = open((path_ + "-wal").c_str(), O_RDWR | O_CLOEXEC);
      if (wal_fd_ < 0) throw std::runtime_error("cannot open the WAL file of " + path_);
    }
    fd = wal_fd_;
  }
  if (fdatasync(fd) != 0) throw std::runtime_error("cannot sync the WAL file of " + path_);
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
}

bool SqliteStore::RunBatch(const std::vector<PendingWrite*>& batch, bool savepoints) {
  Prepare("BEGIN IMMEDIATE").Run();
  NoteDataVersion();  // what another process committed before this batch
  for (PendingWrite* p : batch) {
    p->error = nullptr;
    if (!savepoints) {
      try {
        p->run();
      } catch (...) {
        p->error = std::current_exception();
        return false;
      }
      continue;
    }
    Prepare("SAVEPOINT w").Run();
    try {
      p->run();
    } catch (...) {
      p->error = std::current_exception();
      Prepare("ROLLBACK TO w").Run();
    }
    Prepare("RELEASE w").Run();
  }
  if (unindexed_ >= kIndexEvery) IndexPendingStatuses();
  return true;
}

void SqliteStore::IndexPendingStatuses() {
  Prepare(
      "INSERT INTO status_search(rowid, text) SELECT s.id, s.text FROM status_search_pending p "
      "JOIN statuses s ON s.id = p.id ORDER BY p.id")
      .Run();
  Prepare("DELETE FROM status_search_pending").Run();
  unindexed_ = 0;
}

void SqliteStore::IndexStatusesBeforeSearch() {
  Conn& r = Reader();
  if (!r.Prepare(kAnyUnindexed).Step()) return;
  Write([&] { IndexPendingStatuses(); });
}

SqliteStore::BatchTimes SqliteStore::CommitBatch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard lock(mu_);
  using Clock = std::chrono::steady_clock;
  auto ns = [](Clock::duration d) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  };
  auto start = Clock::now(), written = start;
  bool replayed = false;
  auto rollback = [&] {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  };
  try {
    // Writes seldom fail, so the batch first runs without a savepoint per
    // write (a savepoint costs: FTS5 flushes its pending terms at each one).
    // When one fails, the batch is undone and replayed with savepoints, so
    // the failing write alone is undone.
    if (!RunBatch(batch, false)) {
      rollback();
      if (batch.size() > 1) {
        replayed = true;
        RunBatch(batch, true);
      }
    }
    written = Clock::now();
    if (!sqlite3_get_autocommit(db_)) Prepare("COMMIT").Run();
  } catch (...) {
    // The batch could not be committed: none of its writes happened.
    for (PendingWrite* p : batch) {
      if (!p->error) p->error = std::current_exception();
    }
    rollback();
  }
  return {ns(written - start), ns(Clock::now() - written), replayed};
}

int SqliteStore::OnWalCommit(void* self, sqlite3*, const char*, int pages) {
  auto* store = static_cast<SqliteStore*>(self);
  // Woken once kCheckpointPages more frames wait to be copied, not at every
  // commit past that size: the commits made while a RESTART ran woke it
  // again for a second RESTART that held the writer off for nothing (~7 ms).
  // The WAL starting over leaves `pages` below what was copied before.
  int copied = store->copied_frames_.load(std::memory_order_relaxed);
  if (pages < copied) copied = 0;
  if (pages - copied < kCheckpointPages) return SQLITE_OK;
  std::lock_guard lock(store->checkpoint_mu_);
  if (!store->checkpointer_.joinable()) {
    store->checkpointer_ = std::thread([store] { store->CheckpointLoop(); });
  }
  store->checkpoint_wanted_ = true;
  store->checkpoint_wake_.notify_one();
  return SQLITE_OK;
}

void SqliteStore::CheckpointLoop() {
  sqlite3* db = nullptr;
  try {
    db = Open(path_, SQLITE_OPEN_READWRITE);
  } catch (...) {
    return;  // COMMIT's writes go on; the WAL is checkpointed when the store closes
  }
  // A connection knows the database is in WAL mode only once it has read
  // it: until then a checkpoint does nothing (and says it succeeded).
  sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  // A restart waits this long at most for the writer and the readers.
  SetBusyLimit(db, 20);
  std::unique_lock lock(checkpoint_mu_);
  while (true) {
    checkpoint_wake_.wait(lock, [&] { return checkpoint_wanted_ || stopping_; });
    if (stopping_) break;
    checkpoint_wanted_ = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, never waits for readers
    // or the writer; what is left is copied by the next one. A page is then
    // looked for in the WAL only among the frames not copied yet.
    int frames = 0, copied = 0;
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
    // The WAL starts over only when a write begins with all of it copied,
    // which back-to-back batches never see: past kRestartPages a RESTART
    // holds the writer off (20 ms at most) until every reader has left the
    // WAL, so that the next write starts it over.
    if (frames >= kRestartPages) {
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &frames, &copied);
    }
    copied_frames_.store(std::max(copied, 0), std::memory_order_relaxed);
    lock.lock();
  }
  sqlite3_close(db);
}

SqliteStore::WriteStats SqliteStore::GetWriteStats() {
  std::lock_guard lock(queue_mu_);
  return write_stats_;
}

int SqliteStore::SchemaVersion() {
  Conn& r = Reader();
  auto s = r.Prepare("PRAGMA user_version");
  return s.Step() ? static_cast<int>(s.Int(0)) : 0;
}

void SqliteStore::Migrate() {
  int version;
  {
    auto s = Prepare("PRAGMA user_version");
    version = s.Step() ? static_cast<int>(s.Int(0)) : 0;
  }
  constexpr int kLatest = static_cast<int>(std::size(kMigrations));
  if (version > kLatest) throw std::runtime_error("the store is newer than this piaf");
  for (int v = version; v < kLatest; ++v) {
    Exec("BEGIN IMMEDIATE");
    try {
      Exec(kMigrations[v]);
      Exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
      Exec("COMMIT");
    } catch (...) {
      Exec("ROLLBACK");
      throw;
    }
  }
}

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

#define PIAF_COUNT_ACCOUNT                                                                  \
  "SELECT COALESCE(st.statuses, 0), COALESCE(st.followers, 0), COALESCE(st.following, 0), " \
  "(SELECT MAX(id) FROM statuses WHERE account_id = ?1) "                                   \
  "FROM (SELECT ?1 AS account_id) a LEFT JOIN account_stats st ON st.account_id = "         \
  "a.account_id"

template <typename Stmt>
static AccountCounts ReadCounts(Stmt&& s) {
  AccountCounts c;
  if (s.Step()) {
    c.statuses = s.Int(0);
    c.followers = s.Int(1);
    c.following = s.Int(2);
    c.last_status_id = s.OptId(3);
  }
  return c;
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

// ------------------------------------------------------------------ statuses

// A status with its mentions and tags in one statement: the lists come as
// group_concat columns (ids separated by ',', tags by U+001F), in the order
// they were written.
#define PIAF_STATUS_SELECT                                                                   \
  "SELECT s.id, s.account_id, s.text, s.content, s.spoiler_text, s.language, s.visibility, " \
  "s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, s.application_id, "           \
  "s.mention_ids, s.tag_names FROM statuses s "

Status SqliteStore::ReadStatus(Stmt& s) {
  Status st;
  st.id = s.Int(0);
  st.account_id = s.Int(1);
  st.text = s.Text(2);
  st.content = s.Text(3);
  st.spoiler_text = s.Text(4);
  st.language = s.Text(5);
  st.visibility = static_cast<Visibility>(s.Int(6));
  st.in_reply_to_id = s.OptId(7);
  st.in_reply_to_account_id = s.OptId(8);
  st.reblog_of_id = s.OptId(9);
  st.application_id = s.OptId(10);
  std::string mentions = s.Text(11), tags = s.Text(12);
  for (std::size_t i = 0; i < mentions.size();) {
    std::size_t comma = mentions.find(',', i);
    if (comma == std::string::npos) comma = mentions.size();
    if (auto id = core::ParseId(std::string_view(mentions).substr(i, comma - i))) {
      st.mentions.push_back(*id);
    }
    i = comma + 1;
  }
  for (std::size_t i = 0; i < tags.size();) {
    std::size_t sep = tags.find('\x1f', i);
    if (sep == std::string::npos) sep = tags.size();
    st.tags.push_back(tags.substr(i, sep - i));
    i = sep + 1;
  }
  return st;
}

AccountCounts SqliteStore::PutStatus(const Status& st) {
  auto after = Write([&] {
    bool added =
        Prepare(
            "INSERT INTO statuses(id, account_id, text, content, spoiler_text, language, "
            "visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, application_id, "
            "mention_ids, tag_names) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
            .Bind(st.id, st.account_id, st.text, st.content, st.spoiler_text, st.language,
                  static_cast<int>(st.visibility), st.in_reply_to_id, st.in_reply_to_account_id,
                  st.reblog_of_id, st.application_id, MentionIdsColumn(st.mentions),
                  TagNamesColumn(st.tags))
            .Run();
    for (Id m : st.mentions) {
      Prepare("INSERT OR IGNORE INTO mentions(status_id, account_id) VALUES(?1, ?2)")
          .Bind(st.id, m)
          .Run();
    }
    for (const auto& t : st.tags) {
      Prepare("INSERT OR IGNORE INTO status_tags(tag, status_id) VALUES(?1, ?2)")
          .Bind(t, st.id)
          .Run();
    }
    Prepare("UPDATE account_stats SET statuses = statuses + 1 WHERE account_id = ?1")
        .Bind(st.account_id)
        .Run();
    auto counts = ReadCounts(Prepare(PIAF_COUNT_ACCOUNT).Bind(st.account_id));
    if (added) {  // indexed with others (IndexPendingStatuses)
      Prepare("INSERT INTO status_search_pending(id) VALUES(?1)").Bind(st.id).Run();
      ++unindexed_;
    }
    return counts;
  });
  ++statuses_;
  return after;
}

std::optional<Status> SqliteStore::GetStatusById(Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_STATUS_SELECT "WHERE s.id = ?1");
  if (!s.Bind(id).Step()) return std::nullopt;
  return ReadStatus(s);
}

std::vector<RemovedStatus> SqliteStore::DeleteStatus(Id id) {
  auto removed = Write([&] {
    std::vector<RemovedStatus> removed;
    {
      auto s = Prepare("SELECT id, account_id FROM statuses WHERE id = ?1 OR reblog_of_id = ?1");
      s.Bind(id);
      while (s.Step()) removed.push_back({s.Int(0), s.Int(1)});
    }
    for (const auto& r : removed) {
      Prepare("UPDATE account_stats SET statuses = statuses - 1 WHERE account_id = ?1")
          .Bind(r.account_id)
          .Run();
      Prepare("DELETE FROM statuses WHERE id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM mentions WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM status_tags WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM favourites WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM bookmarks WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM pins WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM notifications WHERE status_id = ?1").Bind(r.id).Run();
    }
    return removed;
  });
  statuses_ -= static_cast<std::int64_t>(removed.size());
  return removed;
}

std::optional<Id> SqliteStore::FindReblog(Id account_id, Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT id FROM statuses WHERE reblog_of_id = ?1 AND account_id = ?2");
  if (!s.Bind(status_id, account_id).Step()) return std::nullopt;
  return s.Int(0);
}

std::vector<Status> SqliteStore::ListStatuses(const char* sql_desc, const char* sql_asc, Id key,
                                              std::string_view text_key, const Page& page) {
  Conn& r = Reader();
  // ?1 key, ?2 text key, ?3 below (max_id), ?4 above (since_id/min_id), ?5 limit
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(page.min_id ? sql_asc : sql_desc);
  s.Bind(key, text_key, page.max_id, above, page.limit);
  std::vector<Status> out;
  while (s.Step()) out.push_back(ReadStatus(s));
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

#define PIAF_PAGE_BOUNDS "AND (?3 IS NULL OR s.id < ?3) AND (?4 IS NULL OR s.id > ?4) "

std::vector<Status> SqliteStore::ListAccountStatuses(Id account_id, const Page& page) {
  return ListStatuses(
      PIAF_STATUS_SELECT "WHERE s.account_id = ?1 AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS
                         "ORDER BY s.id DESC LIMIT ?5",
      PIAF_STATUS_SELECT "WHERE s.account_id = ?1 AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS
                         "ORDER BY s.id ASC LIMIT ?5",
      account_id, "", page);
}

std::vector<Status> SqliteStore::ListPublicStatuses(const Page& page) {
  return ListStatuses(PIAF_STATUS_SELECT
                      "WHERE s.visibility = 0 AND s.reblog_of_id IS NULL AND ?1 IS NOT NULL "
                      "AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY s.id DESC LIMIT ?5",
                      PIAF_STATUS_SELECT
                      "WHERE s.visibility = 0 AND s.reblog_of_id IS NULL AND ?1 IS NOT NULL "
                      "AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY s.id ASC LIMIT ?5",
                      0, "", page);
}

std::vector<Status> SqliteStore::ListTagStatuses(std::string_view tag, const Page& page) {
  // Ordered by the index's own column: walked in order, it stops at the limit.
  return ListStatuses(
      PIAF_STATUS_SELECT
      "JOIN status_tags t ON t.status_id = s.id WHERE t.tag = ?2 AND "
      "s.visibility = 0 AND ?1 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY t.status_id DESC LIMIT ?5",
      PIAF_STATUS_SELECT
      "JOIN status_tags t ON t.status_id = s.id WHERE t.tag = ?2 AND "
      "s.visibility = 0 AND ?1 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY t.status_id ASC LIMIT ?5",
      0, tag, page);
}

std::vector<Id> SqliteStore::ListStatusIdsByAuthors(const std::vector<Id>& authors, int limit) {
  Conn& r = Reader();
  // Newest `limit` ids per author, merged: one indexed range scan per author.
  Conn::Txn txn(r);
  std::vector<Id> ids;
  for (Id author : authors) {
    auto s = r.Prepare("SELECT id FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ?2");
    s.Bind(author, limit);
    while (s.Step()) ids.push_back(s.Int(0));
  }
  std::sort(ids.begin(), ids.end(), std::greater<>());
  if (ids.size() > static_cast<std::size_t>(limit)) ids.resize(limit);
  return ids;
}

void SqliteStore::ForEachAuthorStatusIds(int limit,
                                         const std::function<bool(Id, std::vector<Id>&)>& each) {
  Conn& r = Reader();
  ReleaseCacheAfter release{r.db};
  // The covering index in its own order (ascending ids: no sort); each
  // author's ids are reversed and cut once the author's rows end.
  auto s = r.Prepare("SELECT account_id, id FROM statuses ORDER BY account_id, id");
  std::vector<Id> ids;
  Id author = 0;
  auto flush = [&] {
    if (ids.empty()) return true;
    std::reverse(ids.begin(), ids.end());
    if (ids.size() > static_cast<std::size_t>(limit)) ids.resize(limit);
    bool go_on = each(author, ids);
    ids.clear();
    return go_on;
  };
  while (s.Step()) {
    Id a = s.Int(0);
    if (a != author && !flush()) return;
    author = a;
    ids.push_back(s.Int(1));
  }
  flush();
}

std::vector<Status> SqliteStore::ListReplies(Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_STATUS_SELECT "WHERE s.in_reply_to_id = ?1 ORDER BY s.id");
  s.Bind(status_id);
  std::vector<Status> out;
  while (s.Step()) out.push_back(ReadStatus(s));
  return out;
}

std::vector<Id> SqliteStore::SearchStatusIds(const StatusSearch& q) {
  Conn& r = Reader();
  // The statement names only the filters given, so that SQLite plans with
  // the right index: the full-text index leads when there are words (walked
  // in id order, it stops at the limit), else the first tag's rows, else the
  // author's statuses.
  std::vector<std::string> texts;
  std::vector<Id> ids;
  std::string from, key, where = "s.reblog_of_id IS NULL";
  auto text = [&](const std::string& v) {
    texts.push_back(v);
    return "?" + std::to_string(texts.size());
  };
  std::size_t first_tag = 0;
  if (!q.match.empty()) {
    IndexStatusesBeforeSearch();
    from = "status_search f JOIN statuses s ON s.id = f.rowid";
    key = "f.rowid";
    where += " AND status_search MATCH " + text(q.match);
  } else if (!q.tags.empty()) {
    from = "status_tags t0 JOIN statuses s ON s.id = t0.status_id";
    key = "t0.status_id";
    where += " AND t0.tag = " + text(q.tags[0]);
    first_tag = 1;
  } else {
    from = "statuses s";
    key = "s.id";
  }
  for (std::size_t i = first_tag; i < std::min<std::size_t>(q.tags.size(), 8); ++i) {
    where += " AND EXISTS (SELECT 1 FROM status_tags t WHERE t.status_id = s.id AND t.tag = " +
             text(q.tags[i]) + ")";
  }
  // Numbers follow the texts: ?(texts + 1)...
  std::vector<std::pair<std::string, Id>> numbers;
  if (q.account_id) numbers.emplace_back("s.account_id = ", *q.account_id);
  if (q.max_id) numbers.emplace_back(key + " < ", *q.max_id);
  if (q.min_id) numbers.emplace_back(key + " > ", *q.min_id);
  std::size_t n = texts.size();
  for (const auto& [condition, value] : numbers) {
    where += " AND " + condition + "?" + std::to_string(++n);
    ids.push_back(value);
  }
  std::string sql = "SELECT s.id FROM " + from + " WHERE " + where + " ORDER BY " + key +
                    (q.min_id ? " ASC" : " DESC") + " LIMIT " +
                    std::to_string(std::max(1, q.limit));
  // Not cached: a few shapes, each cheap to prepare beside the search.
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(r.db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(r.db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(raw, sqlite3_finalize);
  int i = 0;
  for (const auto& t : texts) {
    sqlite3_bind_text(raw, ++i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
  }
  for (Id v : ids) sqlite3_bind_int64(raw, ++i, v);
  Stmt s(raw);
  std::vector<Id> out;
  while (s.Step()) out.push_back(s.Int(0));
  if (q.min_id) std::reverse(out.begin(), out.end());
  return out;
}

void SqliteStore::ForEachTagUse(Id since_id, Id until_id,
                                const std::function<bool(const TagUse&)>& each) {
  Conn& r = Reader();
  ReleaseCacheAfter release{r.db};
  auto s = r.Prepare(
      "SELECT t.tag, s.account_id, s.id, s.language FROM statuses s JOIN status_tags t ON "
      "t.status_id = s.id WHERE s.id > ?1 AND s.id <= ?2 AND s.visibility = 0 AND "
      "s.reblog_of_id IS NULL ORDER BY s.id");
  s.Bind(since_id, until_id);
  while (s.Step()) {
    if (!each(TagUse{s.Text(0), s.Int(1), s.Int(2), s.Text(3)})) return;
  }
}

std::vector<std::string> SqliteStore::SearchTags(std::string_view prefix, int limit) {
  Conn& r = Reader();
  // A range over the primary key (tag, status_id); the most used first.
  // Only tags of public and unlisted statuses: a tag used only in
  // followers-only or direct posts is not for anyone to find.
  auto s = r.Prepare(
      "SELECT t.tag FROM status_tags t JOIN statuses s ON s.id = t.status_id "
      "WHERE t.tag >= ?1 AND t.tag < ?1 || char(1114111) AND s.visibility <= 1 "
      "GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT ?2");
  s.Bind(prefix, limit);
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

bool SqliteStore::TagInUse(std::string_view tag) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM status_tags t JOIN statuses s ON s.id = t.status_id "
      "WHERE t.tag = ?1 AND s.visibility <= 1 LIMIT 1");
  return s.Bind(tag).Step();
}

StatusCounts SqliteStore::CountStatus(Id id) {
  Conn& r = Reader();
  StatusCounts c;
  // Kept on the status's row by triggers (PIAF_STATUS_COUNT_TRIGGERS).
  auto s = r.Prepare(
      "SELECT replies_count, reblogs_count, favourites_count FROM statuses WHERE id = ?1");
  if (s.Bind(id).Step()) {
    c.replies = s.Int(0);
    c.reblogs = s.Int(1);
    c.favourites = s.Int(2);
  }
  return c;
}

std::optional<Id> SqliteStore::GetIdempotentStatus(Id account_id, std::string_view key) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT status_id FROM idempotency_keys WHERE account_id = ?1 AND key = ?2");
  if (!s.Bind(account_id, key).Step()) return std::nullopt;
  return s.Int(0);
}

void SqliteStore::PutIdempotencyKey(Id account_id, std::string_view key, Id status_id) {
  return Write([&] {
    Prepare(
        "INSERT OR REPLACE INTO idempotency_keys(account_id, key, status_id) VALUES(?1, ?2, ?3)")
        .Bind(account_id, key, status_id)
        .Run();
  });
}

// ------------------------------------------------------------------- follows

namespace {
template <typename Stmt>
std::vector<std::pair<Id, Id>> ReadPairs(Stmt& s, bool reverse) {
  std::vector<std::pair<Id, Id>> out;
  while (s.Step()) out.emplace_back(s.Int(0), s.Int(1));
  if (reverse) std::reverse(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::pair<Id, Id>> SqliteStore::ListPairs(const char* sql_desc, const char* sql_asc,
                                                      Id key, const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(page.min_id ? sql_asc : sql_desc);
  s.Bind(key, page.max_id, above, page.limit);
  return ReadPairs(s, page.min_id.has_value());
}

#define PIAF_PAIRS(select, where)                                                 \
  select " WHERE " where                                                          \
         " AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR id > ?3) ORDER BY id "  \
         "DESC LIMIT ?4",                                                         \
      select " WHERE " where                                                      \
             " AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR id > ?3) ORDER BY " \
             "id ASC LIMIT ?4"

bool SqliteStore::PutFollow(Id id, Id account_id, Id target_id) {
  return Write([&] {
    // Not while a block stands either way: checked in the same write, so a
    // block committed just before cannot be followed through.
    bool added = Prepare(
                     "INSERT INTO follows(id, account_id, target_account_id) SELECT ?1, ?2, ?3 "
                     "WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = ?2 AND "
                     "target_account_id = ?3) OR (account_id = ?3 AND target_account_id = ?2))")
                     .Bind(id, account_id, target_id)
                     .Run() &&
                 sqlite3_changes(db_) > 0;
    if (added) AdjustFollowCounts(account_id, target_id, 1);
    return added;
  });
}

void SqliteStore::AdjustFollowCounts(Id account_id, Id target_id, int delta) {
  Prepare("UPDATE account_stats SET following = following + ?2 WHERE account_id = ?1")
      .Bind(account_id, delta)
      .Run();
  Prepare("UPDATE account_stats SET followers = followers + ?2 WHERE account_id = ?1")
      .Bind(target_id, delta)
      .Run();
}

bool SqliteStore::DeleteFollow(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follows WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    bool removed = sqlite3_changes(db_) > 0;
    if (removed) AdjustFollowCounts(account_id, target_id, -1);
    return removed;
  });
}

bool SqliteStore::IsFollowing(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM follows WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<Id> SqliteStore::ListIds(const char* sql, Id key) {
  Conn& r = Reader();
  auto s = r.Prepare(sql);
  s.Bind(key);
  std::vector<Id> out;
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

std::vector<Id> SqliteStore::ListFollowerIds(Id target_id) {
  return ListIds("SELECT account_id FROM follows WHERE target_account_id = ?1", target_id);
}

std::vector<Id> SqliteStore::ListFollowingIds(Id account_id) {
  return ListIds("SELECT target_account_id FROM follows WHERE account_id = ?1", account_id);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowers(Id target_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM follows", "target_account_id = ?1"),
                   target_id, page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowing(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM follows", "account_id = ?1"),
                   account_id, page);
}

// ---------------------------------------------------------------- favourites

bool SqliteStore::PutFavourite(Id id, Id account_id, Id status_id) {
  return Write([&] {
    return Prepare("INSERT INTO favourites(id, account_id, status_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, status_id)
        .Run();
  });
}

bool SqliteStore::DeleteFavourite(Id account_id, Id status_id) {
  return Write([&] {
    Prepare("DELETE FROM favourites WHERE account_id = ?1 AND status_id = ?2")
        .Bind(account_id, status_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsFavourited(Id account_id, Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM favourites WHERE account_id = ?1 AND status_id = ?2");
  return s.Bind(account_id, status_id).Step();
}

std::vector<Id> SqliteStore::ListFavouritedIds(Id account_id) {
  return ListIds("SELECT status_id FROM favourites WHERE account_id = ?1", account_id);
}

std::vector<Id> SqliteStore::ListRebloggedIds(Id account_id) {
  return ListIds(
      "SELECT reblog_of_id FROM statuses WHERE account_id = ?1 AND reblog_of_id IS NOT NULL",
      account_id);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFavouritedBy(Id status_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM favourites", "status_id = ?1"), status_id,
                   page);
}

// ------------------------------------------------------------ blocks, mutes

// ------------------------------------------------------------ follow requests

bool SqliteStore::PutFollowRequest(Id id, Id account_id, Id target_id) {
  return Write([&] {
    // As PutFollow: not while a block stands either way, checked in the write.
    return Prepare(
               "INSERT INTO follow_requests(id, account_id, target_account_id) "
               "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = ?2 "
               "AND target_account_id = ?3) OR (account_id = ?3 AND target_account_id = ?2))")
               .Bind(id, account_id, target_id)
               .Run() &&
           sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteFollowRequest(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::HasFollowRequest(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowRequests(Id target_id, const Page& page) {
  return ListPairs(
      PIAF_PAIRS("SELECT id, account_id FROM follow_requests", "target_account_id = ?1"),
      target_id, page);
}

std::int64_t SqliteStore::CountFollowRequests(Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT COUNT(*) FROM follow_requests WHERE target_account_id = ?1");
  return s.Bind(target_id).Step() ? s.Int(0) : 0;
}

bool SqliteStore::AcceptFollowRequest(Id follow_id, Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    if (sqlite3_changes(db_) == 0) return false;
    bool added = Prepare(
                     "INSERT OR IGNORE INTO follows(id, account_id, target_account_id) "
                     "VALUES(?1, ?2, ?3)")
                     .Bind(follow_id, account_id, target_id)
                     .Run() &&
                 sqlite3_changes(db_) > 0;
    if (added) AdjustFollowCounts(account_id, target_id, 1);
    return true;
  });
}

bool SqliteStore::PutBlock(Id id, Id account_id, Id target_id) {
  return Write([&] {
    return Prepare("INSERT INTO blocks(id, account_id, target_account_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, target_id)
        .Run();
  });
}

bool SqliteStore::DeleteBlock(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM blocks WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsBlockedEitherWay(Id a, Id b) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM blocks WHERE (account_id = ?1 AND target_account_id = ?2) OR "
      "(account_id = ?2 AND target_account_id = ?1)");
  return s.Bind(a, b).Step();
}

bool SqliteStore::IsBlocking(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM blocks WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListBlocks(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM blocks", "account_id = ?1"),
                   account_id, page);
}

bool SqliteStore::PutMute(Id id, Id account_id, Id target_id) {
  return Write([&] {
    return Prepare("INSERT INTO mutes(id, account_id, target_account_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, target_id)
        .Run();
  });
}

bool SqliteStore::DeleteMute(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM mutes WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsMuting(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM mutes WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListMutes(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM mutes", "account_id = ?1"),
                   account_id, page);
}

std::vector<Id> SqliteStore::ListBlockRelatedIds(Id account_id) {
  // UNION ALL: no temporary b-tree to remove the repeats (a UNION built one
  // per call, a tenth of a cold home read on the large store).
  return ListIds(
      "SELECT target_account_id FROM blocks WHERE account_id = ?1 UNION ALL "
      "SELECT account_id FROM blocks WHERE target_account_id = ?1",
      account_id);
}

std::vector<Id> SqliteStore::ListMutedIds(Id account_id) {
  return ListIds("SELECT target_account_id FROM mutes WHERE account_id = ?1", account_id);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFavourites(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, status_id FROM favourites", "account_id = ?1"),
                   account_id, page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListRebloggedBy(Id status_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM statuses", "reblog_of_id = ?1"),
                   status_id, page);
}

// ------------------------------------------------------------- notifications

void SqliteStore::PutNotification(const Notification& n) {
  return Write([&] {
    Prepare(
        "INSERT INTO notifications(id, account_id, from_account_id, type, status_id) "
        "VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(n.id, n.account_id, n.from_account_id, n.type, n.status_id)
        .Run();
  });
}

std::vector<Notification> SqliteStore::ListNotifications(Id account_id, const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(
      page.min_id ? "SELECT id, account_id, from_account_id, type, status_id FROM notifications "
                    "WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) AND "
                    "(?3 IS NULL OR id > ?3) ORDER BY id ASC LIMIT ?4"
                  : "SELECT id, account_id, from_account_id, type, status_id FROM notifications "
                    "WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) AND "
                    "(?3 IS NULL OR id > ?3) ORDER BY id DESC LIMIT ?4");
  s.Bind(account_id, page.max_id, above, page.limit);
  std::vector<Notification> out;
  while (s.Step()) out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.OptId(4)});
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

std::optional<Notification> SqliteStore::GetNotification(Id account_id, Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, account_id, from_account_id, type, status_id FROM notifications WHERE id = ?1 "
      "AND account_id = ?2");
  if (!s.Bind(id, account_id).Step()) return std::nullopt;
  return Notification{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.OptId(4)};
}

void SqliteStore::DeleteNotification(Id account_id, Id id) {
  return Write([&] {
    Prepare("DELETE FROM notifications WHERE id = ?1 AND account_id = ?2")
        .Bind(id, account_id)
        .Run();
  });
}

void SqliteStore::ClearNotifications(Id account_id) {
  return Write(
      [&] { Prepare("DELETE FROM notifications WHERE account_id = ?1").Bind(account_id).Run(); });
}

// ------------------------------------------------------------------- markers

std::vector<Marker> SqliteStore::GetMarkers(Id account_id,
                                            const std::vector<std::string>& timelines) {
  std::vector<Marker> out;
  if (timelines.empty()) return out;
  Conn& r = Reader();
  Conn::Txn txn(r);
  for (const auto& timeline : timelines) {
    auto s = r.Prepare(
        "SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ?1 AND "
        "timeline = ?2");
    if (s.Bind(account_id, timeline).Step()) {
      out.push_back({timeline, s.Int(0), s.Int(1), s.Int(2)});
    }
  }
  return out;
}

Marker SqliteStore::PutMarker(Id account_id, std::string_view timeline, Id last_read_id,
                              std::int64_t updated_at_ms) {
  return Write([&] {
    auto s = Prepare(
        "INSERT INTO markers(account_id, timeline, last_read_id, version, updated_at) "
        "VALUES(?1, ?2, ?3, 1, ?4) ON CONFLICT(account_id, timeline) DO UPDATE SET "
        "last_read_id = excluded.last_read_id, version = version + 1, "
        "updated_at = excluded.updated_at RETURNING version");
    if (!s.Bind(account_id, timeline, last_read_id, updated_at_ms).Step()) {
      throw std::runtime_error("sqlite: a marker saved returned no version");
    }
    return Marker{std::string(timeline), last_read_id, s.Int(0), updated_at_ms};
  });
}

Id SqliteStore::MaxId() {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM accounts UNION ALL SELECT MAX(id) FROM "
      "statuses UNION ALL SELECT MAX(id) FROM follows UNION ALL SELECT MAX(id) FROM favourites "
      "UNION ALL SELECT MAX(id) FROM notifications UNION ALL SELECT MAX(id) FROM tokens UNION ALL "
      "SELECT MAX(id) FROM apps UNION ALL SELECT MAX(id) FROM blocks UNION ALL SELECT MAX(id) FROM "
      "mutes UNION ALL SELECT MAX(id) FROM bookmarks UNION ALL SELECT MAX(id) FROM pins "
      "UNION ALL SELECT MAX(id) FROM follow_requests UNION ALL SELECT MAX(id) FROM announcements)");
  return s.Step() ? s.Int(0) : 0;
}

void SqliteStore::ReadTogether(const std::function<void()>& reads) {
  Conn::Txn txn(Reader());
  reads();
}

void SqliteStore::NoteDataVersion() {
  // data_version changes only when another connection commits.
  auto s = Prepare("PRAGMA data_version");
  std::int64_t now = s.Step() ? s.Int(0) : 0;
  if (data_version_ >= 0 && now != data_version_) {
    changed_elsewhere_ = true;
    counts_stale_ = true;
  }
  data_version_ = now;
}

InstanceCounts SqliteStore::CountInstance() {
  if (counts_stale_.exchange(false)) {
    Conn& r = Reader();
    auto s = r.Prepare(
        "SELECT (SELECT COUNT(*) FROM accounts), "
        "(SELECT COALESCE(SUM(statuses), 0) FROM account_stats)");
    if (s.Step()) {
      users_ = s.Int(0);
      statuses_ = s.Int(1);
    }
  }
  return {users_.load(), statuses_.load()};
}

bool SqliteStore::ChangedElsewhere() {
  // A busy writer is not waited for (a read would stall behind its batch):
  // it notes the version itself at the start of each batch.
  std::unique_lock lock(mu_, std::try_to_lock);
  if (lock) NoteDataVersion();
  return changed_elsewhere_.exchange(false);
}

}  // namespace piaf::store
