// Bookmarks and pins in the SQLite store (sqlite_store_bookmarks.cc,
// migration 15).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::store {
namespace {

using Rows = std::vector<std::pair<Id, Id>>;

class BookmarksStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(path_);
    for (Id a : {1, 2}) {
      ASSERT_TRUE(store_->PutAccount(TestAccount(a, "user" + std::to_string(a))).ok());
    }
  }
  void PutStatus(Id id, Id author, std::optional<Id> reblog_of = std::nullopt) {
    Status s;
    s.id = id;
    s.account_id = author;
    s.text = "t";
    s.reblog_of_id = reblog_of;
    store_->PutStatus(s);
  }
  static Page PageOf(int limit, std::optional<Id> max_id = std::nullopt,
                     std::optional<Id> since_id = std::nullopt,
                     std::optional<Id> min_id = std::nullopt) {
    Page p;
    p.limit = limit;
    p.max_id = max_id;
    p.since_id = since_id;
    p.min_id = min_id;
    return p;
  }
  // Runs `sql` on another connection (an older store's schema, by hand).
  void Exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
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

TEST_F(BookmarksStoreTest, ABookmarkIsKeptOncePerAccountAndStatusAndPagedNewestFirstByItsRow) {
  for (Id s : {10, 11, 12}) PutStatus(s, 2);
  // Bookmarked in another order than written: rows page, not statuses.
  EXPECT_TRUE(store_->PutBookmark(100, 1, 12));
  EXPECT_TRUE(store_->PutBookmark(101, 1, 10));
  EXPECT_TRUE(store_->PutBookmark(102, 1, 11));
  EXPECT_FALSE(store_->PutBookmark(103, 1, 10));  // already
  EXPECT_TRUE(store_->PutBookmark(104, 2, 10));   // each account its own
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(20)), (Rows{{102, 11}, {101, 10}, {100, 12}}));
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(2)), (Rows{{102, 11}, {101, 10}}));
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(20, 101)), (Rows{{100, 12}}));
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(1, std::nullopt, 100)), (Rows{{102, 11}}));
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(1, std::nullopt, std::nullopt, 100)),
            (Rows{{101, 10}}));  // min_id: the oldest after it
  EXPECT_EQ(store_->ListBookmarks(2, PageOf(20)), (Rows{{104, 10}}));
  auto sorted = [](std::vector<Id> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(store_->ListBookmarkedIds(1)), (std::vector<Id>{10, 11, 12}));
  EXPECT_EQ(sorted(store_->ListBookmarkerIds(10)), (std::vector<Id>{1, 2}));
  EXPECT_TRUE(store_->DeleteBookmark(1, 10));
  EXPECT_FALSE(store_->DeleteBookmark(1, 10));
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(20)), (Rows{{102, 11}, {100, 12}}));
  EXPECT_EQ(store_->ListBookmarkerIds(10), std::vector<Id>{2});
}

TEST_F(BookmarksStoreTest, PinsStopAtTheLimitInTheWriteAndAreListedNewestPinFirst) {
  for (Id s = 10; s < 17; ++s) PutStatus(s, 1);
  // Pin rows in another order than the statuses: the newest pin first.
  std::vector<Id> order{13, 10, 15, 11, 14};
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(store_->PutPin(200 + static_cast<Id>(i), 1, order[i], 5), Store::PinResult::kPinned);
  }
  EXPECT_EQ(store_->PutPin(210, 1, 10, 5), Store::PinResult::kAlreadyPinned);
  EXPECT_EQ(store_->PutPin(211, 1, 16, 5), Store::PinResult::kFull);
  EXPECT_EQ(store_->ListPinnedIds(1), (std::vector<Id>{14, 11, 15, 10, 13}));
  EXPECT_TRUE(store_->ListPinnedIds(2).empty());
  EXPECT_TRUE(store_->DeletePin(1, 15));
  EXPECT_FALSE(store_->DeletePin(1, 15));
  EXPECT_EQ(store_->PutPin(212, 1, 16, 5), Store::PinResult::kPinned);
  EXPECT_EQ(store_->ListPinnedIds(1), (std::vector<Id>{16, 14, 11, 10, 13}));
}

TEST_F(BookmarksStoreTest, ADeletedStatusTakesItsBookmarksAndPinsWithIt) {
  PutStatus(10, 1);
  PutStatus(11, 2, 10);  // a reblog of it
  PutStatus(12, 1);
  EXPECT_TRUE(store_->PutBookmark(100, 1, 10));
  EXPECT_TRUE(store_->PutBookmark(101, 2, 10));
  EXPECT_TRUE(store_->PutBookmark(102, 2, 12));
  EXPECT_EQ(store_->PutPin(103, 1, 10, 5), Store::PinResult::kPinned);
  EXPECT_EQ(store_->PutPin(104, 1, 12, 5), Store::PinResult::kPinned);
  EXPECT_EQ(store_->DeleteStatus(10).size(), 2u);
  EXPECT_TRUE(store_->ListBookmarkedIds(1).empty());
  EXPECT_EQ(store_->ListBookmarkedIds(2), std::vector<Id>{12});
  EXPECT_TRUE(store_->ListBookmarkerIds(10).empty());
  EXPECT_EQ(store_->ListPinnedIds(1), std::vector<Id>{12});
  EXPECT_EQ(store_->ListBookmarks(2, PageOf(20)), (Rows{{102, 12}}));
}

// Ids never go back after a restart: a bookmark's or a pin's row may hold
// the largest id handed out.
TEST_F(BookmarksStoreTest, TheLargestIdCountsBookmarksAndPins) {
  PutStatus(10, 1);
  EXPECT_TRUE(store_->PutBookmark(500, 1, 10));
  EXPECT_EQ(store_->MaxId(), 500);
  EXPECT_EQ(store_->PutPin(600, 1, 10, 5), Store::PinResult::kPinned);
  EXPECT_EQ(store_->MaxId(), 600);
}

TEST_F(BookmarksStoreTest, BookmarksArePagedAndStatusesDeletedThroughTheirIndexes) {
  EXPECT_NE(PlanOf("SELECT id, status_id FROM bookmarks WHERE account_id = 1 AND id < 5 "
                   "ORDER BY id DESC LIMIT 20")
                .find("bookmarks_by_account"),
            std::string::npos);
  EXPECT_EQ(PlanOf("SELECT id, status_id FROM bookmarks WHERE account_id = 1 ORDER BY id DESC "
                   "LIMIT 20")
                .find("TEMP B-TREE"),
            std::string::npos);  // walked in order, not sorted
  EXPECT_NE(PlanOf("DELETE FROM bookmarks WHERE status_id = 10").find("bookmarks_by_status"),
            std::string::npos);
  EXPECT_NE(PlanOf("DELETE FROM pins WHERE status_id = 10").find("pins_by_status"),
            std::string::npos);
}

TEST_F(BookmarksStoreTest, AStoreOfVersion14GetsTheBookmarksAndPinsTables) {
  PutStatus(10, 1);
  store_.reset();
  Exec("DROP TABLE bookmarks; DROP TABLE pins; ALTER TABLE accounts DROP COLUMN locked; "
       "DROP TABLE follow_requests; DROP TABLE announcements; DROP TABLE announcement_dismissals; "
       "DROP TABLE media_attachments; ALTER TABLE statuses DROP COLUMN media; "
       "DROP INDEX accounts_by_avatar; DROP INDEX accounts_by_header; "
       "ALTER TABLE accounts DROP COLUMN avatar; ALTER TABLE accounts DROP COLUMN header; "
       "DROP TRIGGER list_accounts_unfollow; DROP TABLE lists; DROP TABLE list_accounts; "
       "DROP TABLE followed_tags; "
       "DROP TABLE status_edits; DROP TABLE polls; DROP TABLE poll_votes; "
       "ALTER TABLE statuses DROP COLUMN edited_at; ALTER TABLE statuses DROP COLUMN poll_id; "
       "DROP TABLE conversations; DROP TABLE filters; DROP TABLE filter_keywords; "
       "DROP TABLE filter_statuses; DROP TABLE notification_policies; "
       "DROP TABLE notification_requests; DROP TABLE filtered_notifications; "
       "PRAGMA user_version=14");
  store_ = std::make_unique<SqliteStore>(path_);
  EXPECT_EQ(store_->SchemaVersion(), kLatestSchemaVersion);
  EXPECT_TRUE(store_->GetStatusById(10));  // what it held is still there
  EXPECT_TRUE(store_->ListBookmarkedIds(1).empty());
  EXPECT_TRUE(store_->PutBookmark(100, 1, 10));
  EXPECT_EQ(store_->PutPin(101, 1, 10, 5), Store::PinResult::kPinned);
  EXPECT_EQ(store_->ListBookmarks(1, PageOf(20)), (Rows{{100, 10}}));
  EXPECT_EQ(store_->ListPinnedIds(1), std::vector<Id>{10});
}

}  // namespace
}  // namespace piaf::store
