#include "service/markers.h"

#include <gtest/gtest.h>

#include "service/testing.h"

namespace piaf::service {
namespace {

class MarkersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(1, "alice")).ok());
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(2, "bob")).ok());
  }
  Viewer As(Id id) { return Viewer{id, "read write", 0}; }

  TestInstance t_;
};

TEST_F(MarkersTest, EachSaveIsOneVersionMoreAtTheClocksTime) {
  auto saved = SaveMarkers(t_.ctx, As(1), {{"home", 100}, {"notifications", 7}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 100, 1, 1'800'000'000'000},
                                               {"notifications", 7, 1, 1'800'000'000'000}}));
  t_.clock.Advance(5000);
  saved = SaveMarkers(t_.ctx, As(1), {{"home", 120}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 120, 2, 1'800'000'005'000}}));
  EXPECT_EQ(GetMarkers(t_.ctx, As(1), {"home", "notifications"}),
            (std::vector<store::Marker>{{"home", 120, 2, 1'800'000'005'000},
                                        {"notifications", 7, 1, 1'800'000'000'000}}));
  EXPECT_TRUE(GetMarkers(t_.ctx, As(2), {"home", "notifications"}).empty());  // each its own
}

TEST_F(MarkersTest, UnknownTimelinesAreIgnoredAndATimelineGivenTwiceCountsOnce) {
  auto saved = SaveMarkers(t_.ctx, As(1), {{"public", 5}, {"home", 1}, {"home", 2}, {"lists", 9}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 2, 1, 1'800'000'000'000}}));
  EXPECT_EQ(GetMarkers(t_.ctx, As(1), {"public", "home", "home", "notifications"}),
            (std::vector<store::Marker>{{"home", 2, 1, 1'800'000'000'000}}));
  EXPECT_TRUE(GetMarkers(t_.ctx, As(1), {}).empty());
}

}  // namespace
}  // namespace piaf::service
