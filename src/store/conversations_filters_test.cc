// Conversations, filters and the notification policy in the SQLite store
// (sqlite_store_conversations.cc, _filters.cc, _notification_policy.cc).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::store {
namespace {

class ConversationsFiltersStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(path_);
    for (Id a : {1, 2, 3}) {
      ASSERT_TRUE(store_->PutAccount(TestAccount(a, "user" + std::to_string(a))).ok());
    }
  }
  static Page PageOf(int limit, std::optional<Id> max_id = std::nullopt,
                     std::optional<Id> min_id = std::nullopt) {
    Page p;
    p.limit = limit;
    p.max_id = max_id;
    p.min_id = min_id;
    return p;
  }
  std::vector<Id> LastStatuses(Id account, const Page& page) {
    std::vector<Id> out;
    for (const auto& c : store_->ListConversations(account, page)) out.push_back(c.last_status_id);
    return out;
  }

  TempStoreDir temp_;
  std::string path_ = temp_.db();
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(ConversationsFiltersStoreTest, AStatusJoinsTheConversationOfItsThreadAndParticipants) {
  Conversation c = store_->AddToConversation(500, 1, 10, {2}, 10, false);
  EXPECT_EQ(c, (Conversation{500, 1, 10, {2}, {10}, 10, false}));
  // The same thread and people: the same row, its last status moved on.
  c = store_->AddToConversation(501, 1, 10, {2}, 20, true);
  EXPECT_EQ(c, (Conversation{500, 1, 10, {2}, {10, 20}, 20, true}));
  EXPECT_EQ(store_->AddToConversation(502, 1, 10, {2}, 20, true).id, 500);  // again: no change
  // Other people in the same thread: another conversation.
  EXPECT_EQ(store_->AddToConversation(503, 1, 10, {2, 3}, 30, true).id, 503);
  EXPECT_EQ(LastStatuses(1, PageOf(20)), (std::vector<Id>{30, 20}));
  EXPECT_EQ(LastStatuses(1, PageOf(1, 30)), (std::vector<Id>{20}));
  EXPECT_EQ(LastStatuses(1, PageOf(1, std::nullopt, 20)), (std::vector<Id>{30}));
  EXPECT_TRUE(store_->ListConversations(2, PageOf(20)).empty());  // each participant's own
  EXPECT_TRUE(store_->MarkConversationRead(1, 500));
  EXPECT_FALSE(store_->GetConversation(1, 500)->unread);
  EXPECT_FALSE(store_->MarkConversationRead(2, 500));  // not its own
  EXPECT_FALSE(store_->GetConversation(2, 500));
  // A deleted status leaves; a conversation left empty goes.
  store_->RemoveFromConversations(20, {1, 2});
  EXPECT_EQ(store_->GetConversation(1, 500)->last_status_id, 10);
  store_->RemoveFromConversations(30, {1});
  EXPECT_FALSE(store_->GetConversation(1, 503));
  EXPECT_FALSE(store_->DeleteConversation(2, 500));
  EXPECT_TRUE(store_->DeleteConversation(1, 500));
  EXPECT_TRUE(store_->ListConversations(1, PageOf(20)).empty());
}

TEST_F(ConversationsFiltersStoreTest, AFilterIsReadBackWithItsKeywordsAndStatusesAndGoesWithThem) {
  Filter f{100, 1, "Politique", {"home", "public"}, 5000, "hide", {}, {}};
  store_->PutFilter(f);
  store_->PutFilterKeyword({101, 100, "vote", true});
  store_->PutFilterKeyword({102, 100, "élection", false});
  EXPECT_TRUE(store_->PutFilterStatus({103, 100, 42}));
  EXPECT_FALSE(store_->PutFilterStatus({104, 100, 42}));  // once
  store_->PutFilter({200, 2, "Autre", {"thread"}, std::nullopt, "warn", {}, {}});
  auto mine = store_->ListFilters(1);
  ASSERT_EQ(mine.size(), 1u);
  f.keywords = {{101, 100, "vote", true}, {102, 100, "élection", false}};
  f.statuses = {{103, 100, 42}};
  EXPECT_EQ(mine[0], f);
  f.title = "Changé";
  f.expires_at_ms.reset();
  store_->PutFilter(f);  // its row only
  store_->PutFilterKeyword({101, 100, "votes", false});
  EXPECT_TRUE(store_->DeleteFilterKeyword(102));
  EXPECT_TRUE(store_->DeleteFilterStatus(103));
  f.keywords = {{101, 100, "votes", false}};
  f.statuses = {};
  EXPECT_EQ(store_->ListFilters(1)[0], f);
  EXPECT_FALSE(store_->DeleteFilter(2, 100));  // another's
  EXPECT_TRUE(store_->DeleteFilter(1, 100));
  EXPECT_TRUE(store_->ListFilters(1).empty());
  EXPECT_FALSE(store_->DeleteFilterKeyword(101));  // gone with its filter
  EXPECT_EQ(store_->ListFilters(2).size(), 1u);
}

TEST_F(ConversationsFiltersStoreTest, StatusPlainTextsAreTheSpoilerAndTheTextAsWritten) {
  Status s;
  s.id = 10;
  s.account_id = 1;
  s.text = "Le texte";
  store_->PutStatus(s);
  s.id = 11;
  s.spoiler_text = "Attention";
  store_->PutStatus(s);
  EXPECT_EQ(
      store_->StatusPlainTexts({11, 10, 12}),
      (std::vector<std::pair<Id, std::string>>{{11, "Attention\n\nLe texte"}, {10, "Le texte"}}));
}

TEST_F(ConversationsFiltersStoreTest, FilteredNotificationsWaitInARequestPerAccount) {
  EXPECT_EQ(store_->GetNotificationPolicy(1), NotificationPolicy{});  // accept everything
  NotificationPolicy p;
  p.for_not_following = "filter";
  store_->PutNotificationPolicy(1, p);
  EXPECT_EQ(store_->GetNotificationPolicy(1), p);
  store_->PutFilteredNotification({10, 1, 2, "mention", 100}, 900);
  store_->PutFilteredNotification({11, 1, 2, "mention", 101}, 901);  // the same request
  store_->PutFilteredNotification({12, 1, 3, "mention", std::nullopt}, 902);
  auto requests = store_->ListNotificationRequests(1, PageOf(20));
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0], (NotificationRequest{902, 1, 3, std::nullopt, 1, 12}));
  EXPECT_EQ(requests[1], (NotificationRequest{900, 1, 2, 101, 2, 11}));
  EXPECT_EQ(store_->CountFilteredNotifications(1), 3);
  EXPECT_EQ(store_->ListFilteredNotifications(1, 900).size(), 2u);
  EXPECT_FALSE(store_->CloseNotificationRequest(2, 900, true));  // not its own
  EXPECT_TRUE(store_->CloseNotificationRequest(1, 900, true));
  EXPECT_EQ(store_->ListNotifications(1, PageOf(20)).size(), 2u);  // accepted: notifications
  EXPECT_TRUE(store_->CloseNotificationRequest(1, 902, false));
  EXPECT_EQ(store_->ListNotifications(1, PageOf(20)).size(), 2u);  // dismissed: gone
  EXPECT_EQ(store_->CountFilteredNotifications(1), 0);
  EXPECT_TRUE(store_->ListNotificationRequests(1, PageOf(20)).empty());
}

}  // namespace
}  // namespace piaf::store
