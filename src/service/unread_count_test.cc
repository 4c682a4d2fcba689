// Unread notifications: newer than the notifications marker, as the list
// shows them.
#include "service/unread_count.h"

#include <gtest/gtest.h>

#include "service/markers.h"
#include "service/testing.h"
#include "service/verbs.h"

namespace piaf::service {
namespace {

class UnreadCountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [id, name] : {std::pair{1, "alice"}, {2, "bob"}, {3, "carol"}}) {
      ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(id, name)).ok());
    }
  }
  Viewer As(Id id) { return Viewer{id, "read write follow", 0}; }
  Id Mention(Id from) {
    PostStatusInput in;
    in.text = "@alice hello";
    auto v = PostStatus(t_.ctx, As(from), in);
    EXPECT_TRUE(v);
    t_.clock.Advance(1000);
    auto list = ListNotifications(t_.ctx, As(1), store::Page{}, {}, {});
    return list.empty() ? 0 : list.front().notification.id;
  }
  int Count(UnreadCountInput in = {}) { return UnreadNotificationCount(t_.ctx, As(1), in); }

  TestInstance t_;
};

TEST_F(UnreadCountTest, NotificationsNewerThanTheMarkerAreCountedUpToTheLimit) {
  EXPECT_EQ(Count(), 0);
  Mention(2);
  Id second = Mention(2);
  Mention(3);
  Mention(3);
  EXPECT_EQ(Count(), 4);  // no marker: all of them
  SaveMarkers(t_.ctx, As(1), {{"notifications", second}});
  EXPECT_EQ(Count(), 2);
  UnreadCountInput in;
  in.limit = 1;
  EXPECT_EQ(Count(in), 1);
  in = {};
  in.account_id = 2;
  EXPECT_EQ(Count(in), 0);
  in.account_id = 3;
  EXPECT_EQ(Count(in), 2);
  in = {};
  in.types = {"follow"};
  EXPECT_EQ(Count(in), 0);
  in = {};
  in.exclude_types = {"mention"};
  EXPECT_EQ(Count(in), 0);
  EXPECT_EQ(UnreadNotificationCount(t_.ctx, As(2), {}), 0);  // each its own
}

TEST_F(UnreadCountTest, NotificationsTheListHidesAreNotCounted) {
  Mention(2);
  Mention(3);
  ASSERT_TRUE(Mute(t_.ctx, As(1), 3));
  EXPECT_EQ(Count(), 1);
  ASSERT_TRUE(Block(t_.ctx, As(1), 2));
  EXPECT_EQ(Count(), 0);
}

}  // namespace
}  // namespace piaf::service
