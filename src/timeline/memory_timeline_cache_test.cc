#include "timeline/memory_timeline_cache.h"

#include <gtest/gtest.h>

namespace piaf::timeline {
namespace {

TEST(MemoryTimelineCache, PushesOnlyIntoLoadedTimelinesNewestFirst) {
  MemoryTimelineCache cache;
  EXPECT_FALSE(cache.Get(1));
  cache.Load(1, {30, 10});
  cache.Push({1, 2}, 20);
  cache.Push({1}, 40);
  cache.Push({1}, 40);  // twice is once
  EXPECT_EQ(*cache.Get(1), (std::vector<Id>{40, 30, 20, 10}));
  EXPECT_FALSE(cache.Get(2));
  cache.Remove(30);
  EXPECT_EQ(*cache.Get(1), (std::vector<Id>{40, 20, 10}));
  cache.Drop(1);
  EXPECT_FALSE(cache.Get(1));
}

TEST(MemoryTimelineCache, KeepsAtMost800Ids) {
  MemoryTimelineCache cache;
  cache.Load(1, {});
  for (Id id = 1; id <= 1000; ++id) cache.Push({1}, id);
  auto ids = *cache.Get(1);
  EXPECT_EQ(ids.size(), 800u);
  EXPECT_EQ(ids.front(), 1000);
  EXPECT_EQ(ids.back(), 201);
}

}  // namespace
}  // namespace piaf::timeline
