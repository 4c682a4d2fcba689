// Friends of friends and familiar followers, from the follows as the verbs
// leave them.
#include "service/suggestions.h"

#include <gtest/gtest.h>

#include "service/testing.h"
#include "service/verbs.h"

namespace piaf::service {
namespace {

class SuggestionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* names[] = {"me", "f1", "f2", "f3", "x", "y", "z", "w"};
    for (Id id = 1; id <= 8; ++id) {
      ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(id, names[id - 1])).ok());
    }
  }
  Viewer As(Id id) { return Viewer{id, "read write follow", 0}; }
  void Follow(Id who, Id whom) { ASSERT_TRUE(service::Follow(t_.ctx, As(who), whom)); }
  std::vector<Id> Suggested(Id viewer, int limit = 40) {
    std::vector<Id> ids;
    for (const auto& a : SuggestAccounts(t_.ctx, As(viewer), limit)) ids.push_back(a.account().id);
    return ids;
  }

  TestInstance t_;
};

TEST_F(SuggestionsTest, AccountsFollowedByThoseTheViewerFollowsComeMostFollowedFirst) {
  Follow(1, 2);
  Follow(1, 3);
  Follow(1, 4);
  Follow(2, 5);
  Follow(3, 5);
  Follow(4, 5);  // x: by three friends
  Follow(2, 6);
  Follow(3, 6);  // y: by two
  Follow(4, 7);  // z: by one
  Follow(8, 6);  // w is no friend: does not count
  EXPECT_EQ(Suggested(1), (std::vector<Id>{5, 6, 7}));
  EXPECT_EQ(Suggested(1, 2), (std::vector<Id>{5, 6}));
  EXPECT_TRUE(Suggested(8).empty());  // follows one account, which follows no one
}

TEST_F(SuggestionsTest, NeverTheViewerNorFollowedBlockedMutedOrSuspendedAccounts) {
  Follow(1, 2);
  Follow(1, 3);
  for (Id target : {1, 3, 4, 5, 6, 7}) Follow(2, target);
  ASSERT_TRUE(Block(t_.ctx, As(1), 4));  // blocked by the viewer
  ASSERT_TRUE(Block(t_.ctx, As(5), 1));  // blocks the viewer
  ASSERT_TRUE(Mute(t_.ctx, As(1), 6));   // muted by the viewer
  ASSERT_TRUE(Mute(t_.ctx, As(7), 1));   // mutes the viewer
  EXPECT_TRUE(Suggested(1).empty());
  Follow(2, 8);
  EXPECT_EQ(Suggested(1), (std::vector<Id>{8}));
  t_.store.SetAccountSuspended(8, true);
  t_.snapshots.ForgetAll();
  EXPECT_TRUE(Suggested(1).empty());
}

TEST_F(SuggestionsTest, FamiliarFollowersAreTheFollowedAccountsThatFollowEachOneAsked) {
  Follow(1, 2);
  Follow(1, 3);
  Follow(2, 5);
  Follow(3, 5);
  Follow(8, 5);  // not followed by the viewer
  Follow(3, 6);
  auto familiar = FamiliarFollowersOf(t_.ctx, As(1), {5, 6, 7, 5, 999});
  ASSERT_EQ(familiar.size(), 3u);  // 5 once, 999 unknown
  std::vector<std::vector<Id>> ids;
  for (const auto& f : familiar) {
    std::vector<Id> accounts;
    for (const auto& a : f.accounts) accounts.push_back(a.account().id);
    ids.push_back(accounts);
  }
  EXPECT_EQ((std::vector<Id>{familiar[0].id, familiar[1].id, familiar[2].id}),
            (std::vector<Id>{5, 6, 7}));
  EXPECT_EQ(ids, (std::vector<std::vector<Id>>{{2, 3}, {3}, {}}));
}

}  // namespace
}  // namespace piaf::service
