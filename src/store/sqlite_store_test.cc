#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "store/testing.h"

namespace piaf::store {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::make_unique<SqliteStore>(path_); }
  static Account Make(Id id, const std::string& name) { return TestAccount(id, name); }
  // Writes status `id` by `author`, a reply or a reblog when asked.
  void PutTestStatus(Id id, Id author, std::optional<Id> reply_to = std::nullopt,
                     std::optional<Id> reblog_of = std::nullopt) {
    Status s;
    s.id = id;
    s.account_id = author;
    s.text = "t";
    s.in_reply_to_id = reply_to;
    s.reblog_of_id = reblog_of;
    store_->PutStatus(s);
  }
  // Writes status `id` by `author` with these mentions and tags.
  void PutTaggedStatus(Id id, Id author, const std::string& text, std::vector<Id> mentions,
                       std::vector<std::string> tags) {
    Status s;
    s.id = id;
    s.account_id = author;
    s.text = text;
    s.mentions = std::move(mentions);
    s.tags = std::move(tags);
    store_->PutStatus(s);
  }
  // Runs `fn` as one write of the store's group commit.
  template <typename F>
  static auto WriteOn(SqliteStore& store, F&& fn) {
    return store.Write(std::forward<F>(fn));
  }
  static void ExecOn(SqliteStore& store, const std::string& sql) { store.Exec(sql.c_str()); }
  static std::string InsertApp(int id) {
    return "INSERT INTO apps(id, name, redirect_uris, scopes, client_id, client_secret) VALUES(" +
           std::to_string(id) + ", 'a', '', 'read', 'c" + std::to_string(id) + "', 's')";
  }
  // The first column of `sql`'s first row, read by another connection.
  std::int64_t CountOf(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::int64_t n = stmt && sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }
  std::int64_t Pending() { return CountOf("SELECT COUNT(*) FROM status_search_pending"); }
  std::int64_t Indexed(const std::string& word) {
    return CountOf("SELECT COUNT(*) FROM status_search WHERE status_search MATCH '" + word + "'");
  }
  // FTS5's own check of the statuses' index against their rows.
  void ExpectSearchIndexWhole() {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, "INSERT INTO status_search(status_search) VALUES('integrity-check')",
                           nullptr, nullptr, &error),
              SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  // SQLite's plan for `sql` on this store, its steps joined by "; ".
  std::string PlanOf(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sql;
    std::string plan;
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
      plan += "; ";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return plan;
  }
  TempStoreDir temp_;
  std::string path_ = temp_.db();
  std::unique_ptr<SqliteStore> store_;
};

namespace {

// The checkpointer copies the WAL into the database as writes go on, so
// the WAL starts over instead of growing with every write since the start
// (a lookup of a page in the WAL costs more the longer it is, and a large
// store's WAL had grown by 40 MB a second under posts).
TEST_F(SqliteStoreTest, TheWalStaysBoundedWhileWritesGoOn) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "author")).ok());
  const std::string text(3000, 'x');
  for (Id id = 100; id < 3100; ++id) {
    Status s;
    s.id = id;
    s.account_id = 1;
    s.text = text + std::to_string(id);
    store_->PutStatus(s);
  }
  std::uintmax_t wal = std::filesystem::file_size(path_ + "-wal");
  // Each status is several pages (3 KB of text, its indexes): 3,000 of them
  // are some 150 MB of WAL; it starts over past 4,000 pages (16 MB), once the
  // checkpointer finds a gap between two batches (20-35 MB here).
  EXPECT_LT(wal, 48u << 20) << "the WAL grew to " << wal << " bytes";
}

TEST_F(SqliteStoreTest, AChangeByAnotherProcessIsReportedOnceEvenWhenABatchSawItFirst) {
  store_->ChangedElsewhere();  // the first look notes where the store is
  EXPECT_FALSE(store_->ChangedElsewhere());
  store_->PutAccount(Make(1, "alice"));  // our own writes are not another's
  EXPECT_FALSE(store_->ChangedElsewhere());
  SqliteStore other(path_);  // as the admin CLI would
  other.PutAccount(Make(2, "bob"));
  EXPECT_TRUE(store_->ChangedElsewhere());
  EXPECT_FALSE(store_->ChangedElsewhere());
  // The writer's next batch sees the change before any look does (a look
  // does not wait for a busy writer): it is reported all the same.
  other.PutAccount(Make(3, "carol"));
  store_->PutAccount(Make(4, "dave"));
  EXPECT_TRUE(store_->ChangedElsewhere());
  EXPECT_FALSE(store_->ChangedElsewhere());
}

TEST_F(SqliteStoreTest, ALookForAnotherProcessesChangesDoesNotWaitForABusyWriter) {
  store_->ChangedElsewhere();
  std::promise<void> release, started;
  auto released = release.get_future().share();
  auto write = std::async(std::launch::async, [&] {
    WriteOn(*store_, [&] {
      started.set_value();
      released.wait();  // the writer stays busy until the look is done
      return 0;
    });
  });
  started.get_future().wait();
  auto look = std::async(std::launch::async, [&] { return store_->ChangedElsewhere(); });
  bool answered = look.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  release.set_value();
  write.get();
  ASSERT_TRUE(answered) << "the look waited for the writer";
  EXPECT_FALSE(look.get());
}

TEST_F(SqliteStoreTest, ConcurrentWritesAreGroupCommittedAndEachKeepsItsOwnResult) {
  // Eight threads write at once: accounts (some names taken twice, refused),
  // then follows of one target (each twice, the second a no-op). Every write
  // gets its own answer and the counters add up, however they were batched.
  constexpr int kThreads = 8, kPerThread = 40;
  ASSERT_TRUE(store_->PutAccount(Make(1, "target")).ok());
  std::vector<std::thread> threads;
  std::atomic<int> refused{0}, followed{0}, repeated{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Id id = 100 + t * kPerThread + i;
        if (!store_->PutAccount(Make(id, "u" + std::to_string(id))).ok()) refused++;
        if (!store_->PutAccount(Make(id + 100000, "u" + std::to_string(id))).ok()) refused++;
        if (store_->PutFollow(id + 200000, id, 1)) followed++;
        if (!store_->PutFollow(id + 300000, id, 1)) repeated++;
      }
    });
  }
  for (auto& th : threads) th.join();
  constexpr int kTotal = kThreads * kPerThread;
  EXPECT_EQ(refused, kTotal);
  EXPECT_EQ(followed, kTotal);
  EXPECT_EQ(repeated, kTotal);
  EXPECT_EQ(store_->ListAccounts().size(), kTotal + 1u);
  EXPECT_EQ(store_->CountAccount(1).followers, kTotal);
  EXPECT_EQ(store_->ListFollowerIds(1).size(), static_cast<std::size_t>(kTotal));
  auto stats = store_->GetWriteStats();
  EXPECT_EQ(stats.writes, 4u * kTotal + 1);
  EXPECT_LE(stats.batches, stats.writes);
  // Reopened, everything acknowledged is there.
  store_.reset();
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_EQ(store_->CountAccount(1).followers, kTotal);
}

TEST_F(SqliteStoreTest, AWriteThatFailsHalfwayIsUndoneAloneWithinItsBatch) {
  // The first write holds the writer while the others queue into one batch;
  // among them, every third writes a row and then fails.
  constexpr int kWrites = 12;
  std::atomic<bool> started{false};
  std::thread first([&] {
    WriteOn(*store_, [&] {
      started = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      ExecOn(*store_, InsertApp(1));
    });
  });
  while (!started) std::this_thread::yield();
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int i = 0; i < kWrites; ++i) {
    threads.emplace_back([&, i] {
      try {
        WriteOn(*store_, [&] {
          ExecOn(*store_, InsertApp(100 + i));
          if (i % 3 == 0) throw std::runtime_error("failed halfway");
        });
      } catch (const std::runtime_error&) {
        failed++;
      }
    });
  }
  for (auto& th : threads) th.join();
  first.join();
  EXPECT_EQ(failed, kWrites / 3);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id FROM apps ORDER BY id", -1, &stmt, nullptr),
            SQLITE_OK);
  std::vector<int> ids;
  while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(sqlite3_column_int(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::vector<int> expected{1};
  for (int i = 0; i < kWrites; ++i) {
    if (i % 3 != 0) expected.push_back(100 + i);
  }
  EXPECT_EQ(ids, expected);
  EXPECT_GE(store_->GetWriteStats().replays, 1u);
}

TEST_F(SqliteStoreTest, FollowersAndReblogsOfAnAccountAreReadFromIndexesAlone) {
  for (const char* sql :
       {"SELECT account_id FROM follows WHERE target_account_id = 1",
        "SELECT reblog_of_id FROM statuses WHERE account_id = 1 AND reblog_of_id IS NOT NULL"}) {
    std::string plan = PlanOf(sql);
    EXPECT_NE(plan.find("COVERING INDEX"), std::string::npos) << sql << ": " << plan;
  }
}

TEST_F(SqliteStoreTest, EveryAuthorsNewestStatusIdsAreWalkedAuthorByAuthorFromTheirIndex) {
  for (Id a = 1; a <= 3; ++a)
    ASSERT_TRUE(store_->PutAccount(Make(a, "a" + std::to_string(a))).ok());
  // Account 1: five statuses; 2: none; 3: two, written out of order.
  for (Id id : {10, 11, 12, 13, 14, 31, 30}) {
    Status s;
    s.id = id;
    s.account_id = id < 30 ? 1 : 3;
    s.text = "t";
    store_->PutStatus(s);
  }
  std::vector<std::pair<Id, std::vector<Id>>> seen;
  store_->ForEachAuthorStatusIds(3, [&](Id author, std::vector<Id>& ids) {
    seen.emplace_back(author, ids);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::pair<Id, std::vector<Id>>>{{1, {14, 13, 12}}, {3, {31, 30}}}));
  int calls = 0;
  store_->ForEachAuthorStatusIds(3, [&](Id, std::vector<Id>&) { return ++calls < 1; });
  EXPECT_EQ(calls, 1);  // stops when told
  std::string plan = PlanOf("SELECT account_id, id FROM statuses ORDER BY account_id, id");
  EXPECT_NE(plan.find("COVERING INDEX"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_F(SqliteStoreTest, MigratesToTheLatestVersion) { EXPECT_EQ(store_->SchemaVersion(), kLatestSchemaVersion); }

// What the migrations after version 14 added, undone: the tests below take a
// store back to an older version by hand.
const char* const kUndoAfter14[] = {"DROP TABLE bookmarks", "DROP TABLE pins",
                                    "ALTER TABLE accounts DROP COLUMN locked",
                                    "DROP TABLE follow_requests", "DROP TABLE announcements",
                                    "DROP TABLE announcement_dismissals",
                                    "DROP TRIGGER list_accounts_unfollow", "DROP TABLE lists",
                                    "DROP TABLE list_accounts", "DROP TABLE followed_tags",
                                    "DROP TABLE media_attachments",
                                    "ALTER TABLE statuses DROP COLUMN media",
                                    "DROP INDEX accounts_by_avatar",
                                    "DROP INDEX accounts_by_header",
                                    "ALTER TABLE accounts DROP COLUMN avatar",
                                    "ALTER TABLE accounts DROP COLUMN header",
                                    "DROP TABLE status_edits", "DROP TABLE polls",
                                    "DROP TABLE poll_votes",
                                    "ALTER TABLE statuses DROP COLUMN edited_at",
                                    "ALTER TABLE statuses DROP COLUMN poll_id",
                                    // conversations, filters, the notification policy
                                    "DROP TABLE conversations", "DROP TABLE filters",
                                    "DROP TABLE filter_keywords", "DROP TABLE filter_statuses",
                                    "DROP TABLE notification_policies",
                                    "DROP TABLE notification_requests",
                                    "DROP TABLE filtered_notifications"};

TEST_F(SqliteStoreTest, AMarkerIsSavedPerAccountAndTimelineEachSaveOneVersionMore) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  ASSERT_TRUE(store_->PutAccount(Make(2, "b")).ok());
  EXPECT_TRUE(store_->GetMarkers(1, {"home", "notifications"}).empty());  // never saved
  EXPECT_EQ(store_->PutMarker(1, "home", 100, 5000), (Marker{"home", 100, 1, 5000}));
  EXPECT_EQ(store_->PutMarker(1, "home", 90, 6000), (Marker{"home", 90, 2, 6000}));  // as told
  EXPECT_EQ(store_->PutMarker(1, "notifications", 7, 6500), (Marker{"notifications", 7, 1, 6500}));
  EXPECT_EQ(store_->PutMarker(2, "home", 300, 7000), (Marker{"home", 300, 1, 7000}));
  EXPECT_EQ(store_->GetMarkers(1, {"notifications", "home"}),
            (std::vector<Marker>{{"notifications", 7, 1, 6500}, {"home", 90, 2, 6000}}));
  EXPECT_EQ(store_->GetMarkers(1, {"home"}), (std::vector<Marker>{{"home", 90, 2, 6000}}));
  EXPECT_EQ(store_->GetMarkers(2, {"home", "notifications", "lists"}),
            (std::vector<Marker>{{"home", 300, 1, 7000}}));
  EXPECT_TRUE(store_->GetMarkers(1, {}).empty());
}

TEST_F(SqliteStoreTest, AStoreOfVersion13GetsTheMarkersTable) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  PutTestStatus(10, 1);
  store_.reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    for (const char* sql : kUndoAfter14) {
      EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    }
    for (const char* sql : {"DROP TABLE markers", "PRAGMA user_version=13"}) {
      EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    }
    sqlite3_close(db);
  }
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_EQ(store_->SchemaVersion(), kLatestSchemaVersion);
  EXPECT_TRUE(store_->GetStatusById(10));  // what it held is still there
  EXPECT_TRUE(store_->GetMarkers(1, {"home"}).empty());
  EXPECT_EQ(store_->PutMarker(1, "home", 10, 5000).version, 1);
  EXPECT_EQ(store_->GetMarkers(1, {"home"}), (std::vector<Marker>{{"home", 10, 1, 5000}}));
}

TEST_F(SqliteStoreTest, AnnouncementsComeByTheDateTheyAnnounceEachDismissedPerAccount) {
  Announcement plain{100, "a", "<p>a</p>", std::nullopt, std::nullopt, false, 5000, 5000};
  Announcement event{200, "b", "<p>b</p>", 1000, 2000, true, 6000, 6000};
  store_->PutAnnouncement(plain);
  store_->PutAnnouncement(event);
  using Listed = std::vector<std::pair<Announcement, bool>>;
  EXPECT_EQ(store_->ListAnnouncements(1), (Listed{{event, false}, {plain, false}}));
  EXPECT_TRUE(store_->DismissAnnouncement(1, 100));
  EXPECT_TRUE(store_->DismissAnnouncement(1, 100));   // again: no change
  EXPECT_FALSE(store_->DismissAnnouncement(1, 300));  // no such announcement
  EXPECT_EQ(store_->ListAnnouncements(1), (Listed{{event, false}, {plain, true}}));
  EXPECT_EQ(store_->ListAnnouncements(2), (Listed{{event, false}, {plain, false}}));
  EXPECT_TRUE(store_->DeleteAnnouncement(100));
  EXPECT_FALSE(store_->DeleteAnnouncement(100));
  EXPECT_EQ(store_->ListAnnouncements(1), (Listed{{event, false}}));
  EXPECT_EQ(CountOf("SELECT COUNT(*) FROM announcement_dismissals"), 0);
}

TEST_F(SqliteStoreTest, OnlyRepliesEnterTheReplyIndex) {
  // A post that answers nothing writes no entry (the index is partial), and
  // the replies of a status are still found through it.
  std::string plan = PlanOf("SELECT id FROM statuses WHERE in_reply_to_id = 1 ORDER BY id");
  EXPECT_NE(plan.find("INDEX statuses_by_reply (in_reply_to_id=?)"), std::string::npos) << plan;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = 'statuses_by_reply'",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_NE(sql.find("WHERE in_reply_to_id IS NOT NULL"), std::string::npos) << sql;
}

TEST_F(SqliteStoreTest, ReadingAStatusUsesIndexesOnly) {
  // Every query that finds a status's rows in other tables (deleting it;
  // migration 11 counting) must search an index, never scan a table.
  for (const char* sql : {"SELECT tag FROM status_tags WHERE status_id = 1",
                          "SELECT account_id FROM mentions WHERE status_id = 1",
                          "SELECT COUNT(*) FROM statuses WHERE in_reply_to_id = 1",
                          "SELECT COUNT(*) FROM statuses WHERE reblog_of_id = 1",
                          "SELECT COUNT(*) FROM favourites WHERE status_id = 1"}) {
    std::string plan = PlanOf(sql);
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << sql << ": " << plan;
  }
}

TEST_F(SqliteStoreTest, StatusRangesAreWalkedInOrderNotSorted) {
  // The public timeline and the trend counters read original statuses (no
  // reblog) by id range: walked by id, never over every original status
  // through the reblog index then sorted (a full scan on a large store).
  for (const char* sql :
       {"SELECT s.id FROM statuses s WHERE s.visibility = 0 AND s.reblog_of_id IS NULL AND "
        "s.id < 5 ORDER BY s.id DESC LIMIT 20",
        "SELECT t.tag, s.account_id, s.id, s.language FROM statuses s JOIN status_tags t ON "
        "t.status_id = s.id WHERE s.id > 1 AND s.id <= 2 AND s.visibility = 0 AND "
        "s.reblog_of_id IS NULL ORDER BY s.id",
        // A tag's timeline: its index walked in order.
        "SELECT s.id FROM statuses s JOIN status_tags t ON t.status_id = s.id WHERE t.tag = 'x' "
        "AND s.visibility = 0 AND (?3 IS NULL OR s.id < ?3) ORDER BY t.status_id DESC LIMIT 20"}) {
    std::string plan = PlanOf(sql);
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << ": " << plan;
    EXPECT_EQ(plan.find("statuses_by_reblog"), std::string::npos) << sql << ": " << plan;
  }
}

TEST_F(SqliteStoreTest, AStatusIsReadFromItsRowAloneWithItsMentionsAndTagsInOrderWritten) {
  // As PIAF_STATUS_SELECT and CountStatus read a status: one row by its key,
  // no other table.
  EXPECT_EQ(PlanOf("SELECT s.id, s.account_id, s.text, s.content, s.spoiler_text, s.language, "
                   "s.visibility, s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, "
                   "s.application_id, s.mention_ids, s.tag_names FROM statuses s WHERE s.id = 1"),
            "SEARCH s USING INTEGER PRIMARY KEY (rowid=?); ");
  EXPECT_EQ(PlanOf("SELECT replies_count, reblogs_count, favourites_count FROM statuses "
                   "WHERE id = 1"),
            "SEARCH statuses USING INTEGER PRIMARY KEY (rowid=?); ");
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  for (Id id = 2; id <= 4; ++id) {
    ASSERT_TRUE(store_->PutAccount(Make(id, "m" + std::to_string(id))).ok());
  }
  PutTaggedStatus(10, 1, "@m4 @m2 @m3 @m2 #b #a #b", {4, 2, 3, 2}, {"b", "a", "b"});
  auto read = store_->GetStatusById(10);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->mentions, (std::vector<Id>{4, 2, 3}));
  EXPECT_EQ(read->tags, (std::vector<std::string>{"b", "a"}));
}

// The counts as the tables hold them (what CountStatus counted before they
// were kept on the row).
StatusCounts CountedIn(const std::string& path, Id id) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string n = std::to_string(id);
  std::string sql = "SELECT (SELECT COUNT(*) FROM statuses WHERE in_reply_to_id = " + n +
                    "), (SELECT COUNT(*) FROM statuses WHERE reblog_of_id = " + n +
                    "), (SELECT COUNT(*) FROM favourites WHERE status_id = " + n + ")";
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
  StatusCounts c;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    c.replies = sqlite3_column_int64(stmt, 0);
    c.reblogs = sqlite3_column_int64(stmt, 1);
    c.favourites = sqlite3_column_int64(stmt, 2);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return c;
}

void ExpectSameCounts(const StatusCounts& a, const StatusCounts& b, const std::string& step) {
  EXPECT_EQ(a.replies, b.replies) << step;
  EXPECT_EQ(a.reblogs, b.reblogs) << step;
  EXPECT_EQ(a.favourites, b.favourites) << step;
}

TEST_F(SqliteStoreTest, AStatusCountsFollowItsRepliesReblogsAndFavouritesAsTheyComeAndGo) {
  for (Id id = 1; id <= 3; ++id) {
    ASSERT_TRUE(store_->PutAccount(Make(id, "u" + std::to_string(id))).ok());
  }
  auto check = [&](const std::string& step, StatusCounts want) {
    for (Id id : {10, 11}) ExpectSameCounts(store_->CountStatus(id), CountedIn(path_, id), step);
    ExpectSameCounts(store_->CountStatus(10), want, step);
  };
  PutTestStatus(10, 1);
  check("posted", {0, 0, 0});
  PutTestStatus(11, 2, 10);
  PutTestStatus(12, 3, 10);
  check("two replies", {2, 0, 0});
  PutTestStatus(13, 2, std::nullopt, 10);
  check("a reblog", {2, 1, 0});
  EXPECT_TRUE(store_->PutFavourite(20, 2, 10));
  EXPECT_TRUE(store_->PutFavourite(21, 3, 10));
  EXPECT_FALSE(store_->PutFavourite(22, 3, 10));  // already favourited
  EXPECT_TRUE(store_->PutFavourite(23, 3, 11));
  check("favourites", {2, 1, 2});
  store_->DeleteStatus(12);
  store_->DeleteStatus(13);
  EXPECT_TRUE(store_->DeleteFavourite(2, 10));
  check("a reply, the reblog and a favourite gone", {1, 0, 1});
  // Deleting the status takes its reblogs and favourites with it; the reply
  // left behind keeps its own counts.
  PutTestStatus(14, 3, std::nullopt, 10);
  auto removed = store_->DeleteStatus(10);
  std::sort(removed.begin(), removed.end(), [](auto& a, auto& b) { return a.id < b.id; });
  EXPECT_EQ(removed, (std::vector<RemovedStatus>{{10, 1}, {14, 3}}));  // with their authors
  EXPECT_TRUE(store_->DeleteStatus(10).empty());                       // gone already
  ExpectSameCounts(store_->CountStatus(11), {0, 0, 1}, "parent deleted");
  ExpectSameCounts(store_->CountStatus(10), {0, 0, 0}, "parent deleted");
}

TEST_F(SqliteStoreTest, AStoreOfVersion10GetsItsStatusesMentionsTagsAndCountsOnTheirRows) {
  for (Id id = 1; id <= 3; ++id) {
    ASSERT_TRUE(store_->PutAccount(Make(id, "u" + std::to_string(id))).ok());
  }
  PutTaggedStatus(10, 1, "@u3 @u2 #b #a", {3, 2}, {"b", "a"});
  PutTestStatus(11, 2, 10);
  PutTestStatus(12, 2, 10);
  PutTestStatus(13, 3, std::nullopt, 10);
  EXPECT_TRUE(store_->PutFavourite(20, 2, 10));
  StatusSearch q;  // indexes the statuses waiting, as version 10 did at once
  q.match = "u3";
  EXPECT_EQ(store_->SearchStatusIds(q), std::vector<Id>{10});
  // Back to version 10: no columns, no triggers, no index queue, no markers,
  // no bookmarks, pins, follow requests or announcements (the tables hold the same).
  store_.reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    for (const char* sql : kUndoAfter14) {
      EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    }
    for (const char* sql :
         {"DROP TRIGGER status_counts_insert", "DROP TRIGGER status_counts_delete",
          "DROP TRIGGER favourite_counts_insert", "DROP TRIGGER favourite_counts_delete",
          "ALTER TABLE statuses DROP COLUMN mention_ids",
          "ALTER TABLE statuses DROP COLUMN tag_names",
          "ALTER TABLE statuses DROP COLUMN replies_count",
          "ALTER TABLE statuses DROP COLUMN reblogs_count",
          "ALTER TABLE statuses DROP COLUMN favourites_count", "DROP TRIGGER status_search_delete",
          "DROP TABLE status_search_pending", "DROP TABLE markers",
          "CREATE TRIGGER status_search_delete AFTER DELETE ON statuses BEGIN INSERT INTO "
          "status_search(status_search, rowid, text) VALUES('delete', old.id, old.text); END",
          "PRAGMA user_version=10"}) {
      EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    }
    sqlite3_close(db);
  }
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_EQ(store_->SchemaVersion(), kLatestSchemaVersion);
  auto read = store_->GetStatusById(10);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->mentions, (std::vector<Id>{3, 2}));
  EXPECT_EQ(read->tags, (std::vector<std::string>{"b", "a"}));
  ExpectSameCounts(store_->CountStatus(10), {2, 1, 1}, "migrated");
  // And the triggers keep them from then on.
  EXPECT_TRUE(store_->PutFavourite(21, 3, 10));
  ExpectSameCounts(store_->CountStatus(10), {2, 1, 2}, "favourited after");
  EXPECT_EQ(store_->DeleteStatus(10).size(), 2u);  // with its reblog
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, StatusesWrittenTogetherAreSearchableOnceCommittedAndTheIndexStaysWhole) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  constexpr int kThreads = 8, kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status s;
        s.id = 1000 + t * kPerThread + i;
        s.account_id = 1;
        s.text = "word" + std::to_string(s.id) + " common";
        store_->PutStatus(s);
      }
    });
  }
  for (auto& th : threads) th.join();
  Status again;  // an id taken: refused, and not indexed twice
  again.id = 1000;
  again.account_id = 1;
  again.text = "word1000 common";
  store_->PutStatus(again);
  EXPECT_GT(store_->GetWriteStats().writes, store_->GetWriteStats().batches);  // some batched
  for (Id id = 1000; id < 1000 + kThreads * kPerThread; ++id) {
    StatusSearch q;
    q.match = "word" + std::to_string(id);
    ASSERT_EQ(store_->SearchStatusIds(q), std::vector<Id>{id});
  }
  StatusSearch all;
  all.match = "common";
  all.limit = 1000;
  EXPECT_EQ(store_->SearchStatusIds(all).size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(store_->DeleteStatus(1010).size(), 1u);
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, NewStatusesWaitToBeIndexedTogetherAndASearchIndexesThemFirst) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  PutTaggedStatus(10, 1, "alpha common", {}, {});
  PutTaggedStatus(11, 1, "beta common", {}, {});
  EXPECT_EQ(Pending(), 2);
  EXPECT_EQ(Indexed("common"), 0);
  StatusSearch q;
  q.match = "common";
  EXPECT_EQ(store_->SearchStatusIds(q), (std::vector<Id>{11, 10}));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("common"), 2);
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, ABatchIndexesTheWaitingStatusesOnceEnoughWait) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  for (Id id = 1; id <= static_cast<Id>(SqliteStore::kIndexEvery); ++id) {
    PutTaggedStatus(100 + id, 1, "word", {}, {});
  }
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("word"), static_cast<std::int64_t>(SqliteStore::kIndexEvery));
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, AStatusDeletedBeforeItIsIndexedIsNeverFoundAndTheIndexStaysWhole) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  PutTaggedStatus(10, 1, "alpha common", {}, {});
  PutTaggedStatus(11, 1, "beta common", {}, {});
  EXPECT_EQ(store_->DeleteStatus(10).size(), 1u);  // waiting: never indexed
  EXPECT_EQ(Pending(), 1);
  ExpectSearchIndexWhole();
  StatusSearch q;
  q.match = "common";
  EXPECT_EQ(store_->SearchStatusIds(q), std::vector<Id>{11});
  EXPECT_EQ(store_->DeleteStatus(11).size(), 1u);  // indexed: taken out of the index
  EXPECT_EQ(Indexed("common"), 0);
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, StatusesLeftWaitingWhenTheStoreClosedAreIndexedWhenItOpens) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  PutTaggedStatus(10, 1, "alpha", {}, {});
  store_.reset();
  EXPECT_EQ(Pending(), 1);
  EXPECT_EQ(Indexed("alpha"), 0);
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Indexed("alpha"), 1);
  ExpectSearchIndexWhole();
}

TEST_F(SqliteStoreTest, UsernamesAndEmailsAreUniqueCaseInsensitively) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "simon")).ok());
  auto again = store_->PutAccount(Make(2, "Simon"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kUnprocessable);
  EXPECT_EQ(store_->GetAccountByLogin("SIMON@example.org")->id, 1);
}

TEST_F(SqliteStoreTest, StatusesKeepMentionsAndTagsAndPageByCursor) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  for (Id id = 10; id <= 14; ++id) {
    Status s;
    s.id = id;
    s.account_id = 1;
    s.text = "t";
    s.content = "<p>t</p>";
    s.mentions = {1};
    s.tags = {"ong", "écoute"};
    store_->PutStatus(s);
  }
  auto got = store_->GetStatusById(12);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->mentions, std::vector<Id>{1});
  EXPECT_EQ(got->tags, (std::vector<std::string>{"ong", "écoute"}));

  Page page;
  page.limit = 2;
  auto first = store_->ListAccountStatuses(1, page);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, 14);
  page.max_id = first[1].id;
  auto second = store_->ListAccountStatuses(1, page);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, 12);
  Page min;
  min.min_id = 10;
  min.limit = 2;
  auto after = store_->ListAccountStatuses(1, min);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].id, 12);  // the oldest two after 10, newest first
  EXPECT_EQ(after[1].id, 11);
  EXPECT_EQ(store_->ListTagStatuses("ong", page).size(), 2u);
}

TEST_F(SqliteStoreTest, FollowsAreIdempotentAndSurviveARestart) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  ASSERT_TRUE(store_->PutAccount(Make(2, "b")).ok());
  EXPECT_TRUE(store_->PutFollow(100, 1, 2));
  EXPECT_FALSE(store_->PutFollow(101, 1, 2));
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_TRUE(store_->IsFollowing(1, 2));
  EXPECT_EQ(store_->ListFollowerIds(2), std::vector<Id>{1});
  EXPECT_EQ(store_->CountAccount(2).followers, 1);
  EXPECT_EQ(store_->CountAccount(1).following, 1);
  EXPECT_TRUE(store_->DeleteFollow(1, 2));
  EXPECT_FALSE(store_->DeleteFollow(1, 2));
  EXPECT_EQ(store_->CountAccount(2).followers, 0);
  EXPECT_EQ(store_->CountAccount(1).following, 0);
  EXPECT_EQ(store_->MaxId(), 2);  // follows gone; accounts remain
}

TEST_F(SqliteStoreTest, DeletingAStatusRemovesItsReblogsAndFavourites) {
  ASSERT_TRUE(store_->PutAccount(Make(1, "a")).ok());
  Status s;
  s.id = 10;
  s.account_id = 1;
  store_->PutStatus(s);
  Status r;
  r.id = 11;
  r.account_id = 1;
  r.reblog_of_id = 10;
  store_->PutStatus(r);
  store_->PutFavourite(12, 1, 10);
  EXPECT_EQ(store_->ListFavouritedIds(1), std::vector<Id>{10});
  EXPECT_EQ(store_->ListRebloggedIds(1), std::vector<Id>{10});
  EXPECT_TRUE(store_->ListFavouritedIds(2).empty());
  EXPECT_TRUE(store_->ListRebloggedIds(2).empty());
  EXPECT_EQ(store_->CountStatus(10).reblogs, 1);
  EXPECT_EQ(store_->CountAccount(1).statuses, 2);
  EXPECT_EQ(store_->CountAccount(1).last_status_id, 11);
  auto removed = store_->DeleteStatus(10);
  EXPECT_EQ(store_->CountAccount(1).statuses, 0);
  EXPECT_FALSE(store_->CountAccount(1).last_status_id.has_value());
  EXPECT_EQ(removed.size(), 2u);
  EXPECT_FALSE(store_->GetStatusById(11));
  EXPECT_FALSE(store_->IsFavourited(1, 10));
}

}  // namespace
}  // namespace piaf::store
