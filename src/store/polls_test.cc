// Polls, their votes and the versions of edited statuses in the SQLite store
// (sqlite_store_polls.cc).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::store {
namespace {

class PollsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(dir_.db());
    for (Id a : {1, 2, 3}) {
      ASSERT_TRUE(store_->PutAccount(TestAccount(a, "user" + std::to_string(a))).ok());
    }
  }
  Poll MakePoll(Id id, Id status, bool multiple, std::int64_t expires_at = 10000) {
    Poll p;
    p.id = id;
    p.status_id = status;
    p.account_id = 1;
    p.expires_at_ms = expires_at;
    p.multiple = multiple;
    p.options = {"oui", "non", "peut-être"};
    p.votes = {0, 0, 0};
    return p;
  }
  void PutStatus(Id id, const std::string& text, std::optional<Id> poll = std::nullopt) {
    Status s;
    s.id = id;
    s.account_id = 1;
    s.text = text;
    s.content = "<p>" + text + "</p>";
    s.poll_id = poll;
    store_->PutStatus(s);
  }
  std::vector<Id> Search(const std::string& match) {
    StatusSearch q;
    q.match = match;
    return store_->SearchStatusIds(q);
  }

  TempStoreDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(PollsStoreTest, APollIsReadBackWithItsVotesPerOptionAndItsVoters) {
  store_->PutPoll(MakePoll(50, 10, false));
  PutStatus(10, "sondage", 50);
  EXPECT_EQ(store_->GetStatusById(10)->poll_id, 50);
  EXPECT_EQ(store_->GetPoll(50), MakePoll(50, 10, false));
  EXPECT_EQ(store_->PutPollVotes(50, 2, {1}, 5000), Store::VoteResult::kVoted);
  EXPECT_EQ(store_->PutPollVotes(50, 2, {0}, 5000), Store::VoteResult::kAlreadyVoted);
  EXPECT_EQ(store_->PutPollVotes(50, 3, {1}, 5000), Store::VoteResult::kVoted);
  auto poll = store_->GetPoll(50);
  EXPECT_EQ(poll->votes, (std::vector<std::int64_t>{0, 2, 0}));
  EXPECT_EQ(poll->voters, 2);
  EXPECT_EQ(store_->ListPollVotes(2), (std::vector<std::pair<Id, std::uint32_t>>{{50, 2u}}));
  EXPECT_EQ(store_->ListPollVoterIds(50).size(), 2u);
  EXPECT_FALSE(store_->GetPoll(51));
}

TEST_F(PollsStoreTest, SeveralChoicesAreTakenOnceEachAndNoVoteAfterTheEnd) {
  store_->PutPoll(MakePoll(50, 10, true));
  PutStatus(10, "plusieurs", 50);
  EXPECT_EQ(store_->PutPollVotes(50, 2, {0, 2}, 5000), Store::VoteResult::kVoted);
  EXPECT_EQ(store_->PutPollVotes(50, 2, {2}, 5000), Store::VoteResult::kAlreadyVoted);
  EXPECT_EQ(store_->PutPollVotes(50, 2, {1}, 5000), Store::VoteResult::kVoted);  // another one
  EXPECT_EQ(store_->ListPollVotes(2), (std::vector<std::pair<Id, std::uint32_t>>{{50, 7u}}));
  EXPECT_EQ(store_->GetPoll(50)->voters, 1);
  EXPECT_EQ(store_->PutPollVotes(50, 3, {0}, 10000), Store::VoteResult::kClosed);  // its time
  EXPECT_EQ(store_->PutPollVotes(99, 3, {0}, 5000), Store::VoteResult::kClosed);   // no poll
}

TEST_F(PollsStoreTest, PollsWhoseTimeIsUpAreListedUntilClosed) {
  store_->PutPoll(MakePoll(50, 10, false, 1000));
  store_->PutPoll(MakePoll(51, 11, false, 3000));
  store_->PutPoll(MakePoll(52, 12, false, 2000));
  auto ids = [&](std::int64_t now) {
    std::vector<Id> out;
    for (const auto& p : store_->ListPollsToClose(now, 10)) out.push_back(p.id);
    return out;
  };
  EXPECT_EQ(ids(500), (std::vector<Id>{}));
  EXPECT_EQ(ids(2500), (std::vector<Id>{50, 52}));  // soonest first
  EXPECT_TRUE(store_->ClosePoll(50));
  EXPECT_FALSE(store_->ClosePoll(50));
  EXPECT_TRUE(store_->GetPoll(50)->closed);
  EXPECT_EQ(ids(5000), (std::vector<Id>{52, 51}));
}

TEST_F(PollsStoreTest, AnEditReplacesTheTextTagsMentionsAndSearchAndKeepsItsVersions) {
  PutStatus(10, "avant l'orage");
  PutStatus(11, "rien à voir");
  EXPECT_EQ(Search("orage"), (std::vector<Id>{10}));  // indexed before the edit
  Status edited = *store_->GetStatusById(10);
  edited.text = "après la pluie #beau @user2";
  edited.content = "<p>après la pluie</p>";
  edited.tags = {"beau"};
  edited.mentions = {2};
  edited.edited_at_ms = 7000;
  std::vector<StatusEdit> edits{{100, 10, "avant l'orage", "<p>avant l'orage</p>", "", {}, 1},
                                {101, 10, edited.text, edited.content, "", {"a", "b"}, 7000}};
  store_->PutPoll(MakePoll(50, 10, false));
  ASSERT_TRUE(store_->EditStatus(edited, edits, MakePoll(51, 10, false), 50));
  auto row = store_->GetStatusById(10);
  EXPECT_EQ(row->text, edited.text);
  EXPECT_EQ(row->edited_at_ms, 7000);
  EXPECT_EQ(row->tags, (std::vector<std::string>{"beau"}));
  EXPECT_EQ(row->mentions, (std::vector<Id>{2}));
  EXPECT_EQ(row->poll_id, std::nullopt);  // as `edited` said
  EXPECT_FALSE(store_->GetPoll(50));      // removed
  EXPECT_TRUE(store_->GetPoll(51));
  EXPECT_EQ(store_->ListStatusEdits(10), edits);
  EXPECT_EQ(Search("orage"), (std::vector<Id>{}));
  EXPECT_EQ(Search("pluie"), (std::vector<Id>{10}));
  StatusSearch tagged;
  tagged.tags = {"beau"};
  EXPECT_EQ(store_->SearchStatusIds(tagged), (std::vector<Id>{10}));
  Page page;
  EXPECT_EQ(store_->ListTagStatuses("beau", page).size(), 1u);
  // Edited again before the index caught up: still one entry, the newest text.
  edited.text = "troisième";
  ASSERT_TRUE(store_->EditStatus(edited, {}, std::nullopt, std::nullopt));
  EXPECT_EQ(Search("pluie"), (std::vector<Id>{}));
  EXPECT_EQ(Search("troisième"), (std::vector<Id>{10}));
  Status missing = edited;
  missing.id = 999;
  EXPECT_FALSE(store_->EditStatus(missing, {}, std::nullopt, std::nullopt));
}

TEST_F(PollsStoreTest, ADeletedStatusTakesItsPollVotesAndVersionsWithIt) {
  store_->PutPoll(MakePoll(50, 10, false));
  PutStatus(10, "éphémère", 50);
  store_->PutPollVotes(50, 2, {0}, 5000);
  Status edited = *store_->GetStatusById(10);
  edited.text = "modifié";
  store_->EditStatus(edited, {{100, 10, "a", "a", "", {}, 1}}, std::nullopt, std::nullopt);
  store_->DeleteStatus(10);
  EXPECT_FALSE(store_->GetPoll(50));
  EXPECT_TRUE(store_->ListPollVotes(2).empty());
  EXPECT_TRUE(store_->ListStatusEdits(10).empty());
}

}  // namespace
}  // namespace piaf::store
