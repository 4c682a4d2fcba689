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
#include "store/sqlite_store_migrations.h"

namespace piaf::store {

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
