#include "timeline/id_ring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>

#include "timeline/timeline_cache.h"

namespace piaf::timeline {
namespace {

TEST(IdRing, KeepsIdsNewestFirstAndDropsTheOldestPastItsCap) {
  IdRing ring({30, 10}, 3);
  ring.Insert(20, 3);
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{30, 20, 10}));
  ring.Insert(40, 3);  // full: 10 goes
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{40, 30, 20}));
  ring.Insert(5, 3);   // older than all it keeps: nothing
  ring.Insert(30, 3);  // present: nothing
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{40, 30, 20}));
  EXPECT_TRUE(ring.Erase(30));
  EXPECT_FALSE(ring.Erase(30));
  EXPECT_FALSE(ring.Contains(30));
  EXPECT_TRUE(ring.Contains(20));
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{40, 20}));
}

TEST(IdRing, SortsWhatItIsGivenAndKeepsTheNewest) {
  IdRing ring({10, 50, 30, 50, 20}, 3);
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{50, 30, 10}));  // the first three, in order
  EXPECT_TRUE(IdRing({}, 5).empty());
}

// Random inserts and erases, wrapping around the ring many times, against a
// sorted vector.
TEST(IdRing, MatchesASortedVectorOverRandomOperations) {
  std::mt19937 rng(7);
  for (std::size_t cap : {1u, 2u, 5u, 16u, 800u}) {
    IdRing ring;
    std::vector<Id> model;
    Id newest = 1000;
    for (int step = 0; step < 5000; ++step) {
      int op = static_cast<int>(rng() % 10);
      if (op < 6) {
        newest += 1 + static_cast<Id>(rng() % 3);
        ring.Insert(newest, cap);
        model.insert(model.begin(), newest);
      } else if (op < 8) {
        Id id = newest - static_cast<Id>(rng() % 50);
        ring.Insert(id, cap);
        if (std::find(model.begin(), model.end(), id) == model.end()) {
          model.insert(std::upper_bound(model.begin(), model.end(), id, std::greater<>()), id);
        }
      } else {
        Id id = newest - static_cast<Id>(rng() % 50);
        auto it = std::find(model.begin(), model.end(), id);
        EXPECT_EQ(ring.Erase(id), it != model.end());
        if (it != model.end()) model.erase(it);
      }
      if (model.size() > cap) model.resize(cap);
      ASSERT_EQ(ring.ToVector(), model) << "cap " << cap << " step " << step;
      // A slice: below an id kept, absent or past either end; any count.
      std::optional<Id> below;
      if (rng() % 4 != 0) below = newest + 2 - static_cast<Id>(rng() % 60);
      std::size_t count = rng() % 8 == 0 ? SIZE_MAX : rng() % 30;
      // Above an id kept, absent, past either end, or above `below`.
      std::optional<Id> above;
      if (rng() % 2 != 0) above = newest + 2 - static_cast<Id>(rng() % 80);
      std::vector<Id> want;
      for (Id id : model) {
        if ((!below || id < *below) && (!above || id > *above) && want.size() < count) {
          want.push_back(id);
        }
      }
      ASSERT_EQ(ring.Slice(below, count, above), want) << "cap " << cap << " step " << step;
      ASSERT_EQ(SliceOf(model, {below, count, above}), want) << "cap " << cap << " step " << step;
    }
  }
}

}  // namespace
}  // namespace piaf::timeline
