// Lists and followed tags in the SQLite store (sqlite_store_lists.cc).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::store {
namespace {

using Rows = std::vector<std::pair<Id, Id>>;

class ListsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(path_);
    for (Id a : {1, 2, 3}) {
      ASSERT_TRUE(store_->PutAccount(TestAccount(a, "user" + std::to_string(a))).ok());
    }
    ASSERT_TRUE(store_->PutFollow(100, 1, 2));
    store_->PutList(List{10, 1, "friends", "list", false});
  }
  static Page PageOf(int limit) {
    Page p;
    p.limit = limit;
    return p;
  }
  TempStoreDir temp_;
  std::string path_ = temp_.db();
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(ListsStoreTest, AListIsItsOwnersAndUpdatedOrDeletedOnlyByThem) {
  EXPECT_EQ(store_->ListLists(1), (std::vector<List>{List{10, 1, "friends", "list", false}}));
  EXPECT_TRUE(store_->ListLists(2).empty());
  EXPECT_FALSE(store_->UpdateList(List{10, 2, "mine now", "none", true}));
  EXPECT_TRUE(store_->UpdateList(List{10, 1, "pals", "followed", true}));
  EXPECT_EQ(store_->ListLists(1)[0], (List{10, 1, "pals", "followed", true}));
  EXPECT_FALSE(store_->DeleteList(2, 10));
  EXPECT_TRUE(store_->DeleteList(1, 10));
  EXPECT_TRUE(store_->ListLists(1).empty());
}

TEST_F(ListsStoreTest, OnlyFollowedAccountsOrTheOwnerJoinAListAllOrNone) {
  EXPECT_EQ(store_->PutListAccounts(10, {{200, 2}, {201, 3}}), Store::ListAddResult::kNotFollowed);
  EXPECT_TRUE(store_->ListListAccounts(10, PageOf(40)).empty());  // nothing written
  EXPECT_EQ(store_->PutListAccounts(10, {{200, 2}, {201, 1}}), Store::ListAddResult::kAdded);
  EXPECT_EQ(store_->ListListAccounts(10, PageOf(40)), (Rows{{201, 1}, {200, 2}}));
  EXPECT_EQ(store_->PutListAccounts(10, {{202, 2}}), Store::ListAddResult::kAlreadyMember);
  EXPECT_EQ(store_->ListListMemberships(1), (Rows{{10, 1}, {10, 2}}));
  store_->DeleteListAccounts(10, {1});
  EXPECT_EQ(store_->ListListMemberships(1), (Rows{{10, 2}}));
}

TEST_F(ListsStoreTest, AnUnfollowTakesTheAccountOutOfTheFollowersListsOnly) {
  ASSERT_TRUE(store_->PutFollow(101, 3, 2));
  store_->PutList(List{11, 3, "theirs", "list", false});
  ASSERT_EQ(store_->PutListAccounts(10, {{200, 2}}), Store::ListAddResult::kAdded);
  ASSERT_EQ(store_->PutListAccounts(11, {{201, 2}}), Store::ListAddResult::kAdded);
  ASSERT_TRUE(store_->DeleteFollow(1, 2));
  EXPECT_TRUE(store_->ListListMemberships(1).empty());
  EXPECT_EQ(store_->ListListMemberships(3), (Rows{{11, 2}}));
}

TEST_F(ListsStoreTest, AFollowedTagIsOncePerAccountNewestFirst) {
  EXPECT_FALSE(store_->TagFollowed("piaf"));
  EXPECT_TRUE(store_->PutFollowedTag(1, 1, "piaf"));
  EXPECT_FALSE(store_->PutFollowedTag(2, 1, "piaf"));
  EXPECT_TRUE(store_->PutFollowedTag(3, 1, "birds"));
  EXPECT_TRUE(store_->TagFollowed("piaf"));
  auto page = store_->ListFollowedTags(1, PageOf(10));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].second, "birds");
  EXPECT_EQ(store_->ListFollowedTagNames(1), (std::vector<std::string>{"birds", "piaf"}));
  EXPECT_TRUE(store_->DeleteFollowedTag(1, "piaf"));
  EXPECT_FALSE(store_->DeleteFollowedTag(1, "piaf"));
  EXPECT_FALSE(store_->TagFollowed("piaf"));
}

TEST_F(ListsStoreTest, ATagsStatusIdsArePublicOnesNewestFirst) {
  for (auto [id, visibility] : {std::pair{50, Visibility::kPublic}, {51, Visibility::kUnlisted},
                                {52, Visibility::kPrivate}, {53, Visibility::kPublic}}) {
    Status s;
    s.id = id;
    s.account_id = 2;
    s.text = "#piaf";
    s.visibility = visibility;
    s.tags = {"piaf"};
    store_->PutStatus(s);
  }
  EXPECT_EQ(store_->ListTagStatusIds("piaf", 10), (std::vector<Id>{53, 50}));
  EXPECT_EQ(store_->ListTagStatusIds("piaf", 1), (std::vector<Id>{53}));
}

}  // namespace
}  // namespace piaf::store
