#include "service/markers.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store/testing.h"
#include "timeline/memory_timeline_cache.h"

namespace piaf::service {
namespace {

class MarkersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<store::SqliteStore>(temp_.db());
    snapshots_ = std::make_unique<Snapshots>(*store_);
    ctx_ = std::make_unique<Context>(
        Context{*store_, timelines_, clock_, ids_, settings_, *snapshots_});
    ASSERT_TRUE(store_->PutAccount(store::TestAccount(1, "alice")).ok());
    ASSERT_TRUE(store_->PutAccount(store::TestAccount(2, "bob")).ok());
  }
  Viewer As(Id id) { return Viewer{id, "read write", 0}; }

  store::TempStoreDir temp_;
  std::unique_ptr<store::SqliteStore> store_;
  timeline::MemoryTimelineCache timelines_;
  core::FakeClock clock_{1'800'000'000'000};
  core::IdGenerator ids_{clock_};
  Settings settings_;
  std::unique_ptr<Snapshots> snapshots_;
  std::unique_ptr<Context> ctx_;
};

TEST_F(MarkersTest, EachSaveIsOneVersionMoreAtTheClocksTime) {
  auto saved = SaveMarkers(*ctx_, As(1), {{"home", 100}, {"notifications", 7}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 100, 1, 1'800'000'000'000},
                                               {"notifications", 7, 1, 1'800'000'000'000}}));
  clock_.Advance(5000);
  saved = SaveMarkers(*ctx_, As(1), {{"home", 120}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 120, 2, 1'800'000'005'000}}));
  EXPECT_EQ(GetMarkers(*ctx_, As(1), {"home", "notifications"}),
            (std::vector<store::Marker>{{"home", 120, 2, 1'800'000'005'000},
                                        {"notifications", 7, 1, 1'800'000'000'000}}));
  EXPECT_TRUE(GetMarkers(*ctx_, As(2), {"home", "notifications"}).empty());  // each its own
}

TEST_F(MarkersTest, UnknownTimelinesAreIgnoredAndATimelineGivenTwiceCountsOnce) {
  auto saved = SaveMarkers(*ctx_, As(1), {{"public", 5}, {"home", 1}, {"home", 2}, {"lists", 9}});
  EXPECT_EQ(saved, (std::vector<store::Marker>{{"home", 2, 1, 1'800'000'000'000}}));
  EXPECT_EQ(GetMarkers(*ctx_, As(1), {"public", "home", "home", "notifications"}),
            (std::vector<store::Marker>{{"home", 2, 1, 1'800'000'000'000}}));
  EXPECT_TRUE(GetMarkers(*ctx_, As(1), {}).empty());
}

}  // namespace
}  // namespace piaf::service
