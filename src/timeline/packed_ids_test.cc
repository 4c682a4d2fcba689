#include "timeline/packed_ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>

#include "timeline/timeline_cache.h"

namespace piaf::timeline {
namespace {

TEST(PackedIds, KeepsIdsNewestFirstAndDropsTheOldestPastItsCap) {
  PackedIds ring({30, 10}, 3);
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

TEST(PackedIds, KeepsAnIdInAFewBytes) {
  const Id start = core::MsToId(1'764'000'000'000);
  auto bytes_per_id = [&](Id gap, Id seq) {
    std::vector<Id> ids;
    for (Id i = 0; i < 801; ++i) ids.push_back(start - i * gap + (i % 2 ? seq : 0));
    PackedIds ring(ids, 801);
    EXPECT_EQ(ring.ToVector(), ids);
    return static_cast<double>(ring.bytes()) / 800;
  };
  EXPECT_LE(bytes_per_id(core::MsToId(86'400'000), 0), 4);  // a day apart
  EXPECT_LE(bytes_per_id(core::MsToId(1000), 0), 2);        // a second apart
  EXPECT_LE(bytes_per_id(core::MsToId(1000), 7), 3.5);      // with sequences
  // Either end of the id space.
  PackedIds ends({0, 1, std::numeric_limits<Id>::max(), 65536, 65535}, 10);
  EXPECT_EQ(ends.ToVector(), (std::vector<Id>{std::numeric_limits<Id>::max(), 65536, 65535, 1, 0}));
  EXPECT_TRUE(ends.Erase(65536));
  ends.Insert(std::numeric_limits<Id>::max() - 1, 10);
  EXPECT_EQ(ends.ToVector(), (std::vector<Id>{std::numeric_limits<Id>::max(),
                                              std::numeric_limits<Id>::max() - 1, 65535, 1, 0}));
}

TEST(PackedIds, SortsWhatItIsGivenAndKeepsTheNewest) {
  PackedIds ring({10, 50, 30, 50, 20}, 3);
  EXPECT_EQ(ring.ToVector(), (std::vector<Id>{50, 30, 10}));  // the first three, in order
  EXPECT_TRUE(PackedIds({}, 5).empty());
}

// `spread`: the usual gap between two new ids; `loaded`: ids the list
// starts with (loaded at its exact size, as from the store).
void RandomOperations(std::mt19937_64& rng, Id spread, std::size_t cap, std::size_t loaded = 0) {
  Id newest = core::MsToId(1'764'000'000'000);
  std::vector<Id> model;
  for (std::size_t i = 0; i < loaded; ++i) model.push_back(newest - static_cast<Id>(i) * spread);
  if (model.size() > cap) model.resize(cap);
  PackedIds ring(model, cap);
  // An id kept, half the time; else any id up to ~50 steps back.
  auto older = [&]() -> Id {
    if (!model.empty() && rng() % 2) return model[rng() % model.size()];
    return newest - static_cast<Id>(rng() % static_cast<std::uint64_t>(50 * spread + 50));
  };
  for (int step = 0; step < 5000; ++step) {
    int op = static_cast<int>(rng() % 10);
    if (op < 6) {
      newest += 1 + static_cast<Id>(rng() % 3) * spread +
                (rng() % 2 ? 0 : static_cast<Id>(rng() % 65536));
      ring.Insert(newest, cap);
      model.insert(model.begin(), newest);
    } else if (op < 8) {
      Id id = older();
      ring.Insert(id, cap);
      if (std::find(model.begin(), model.end(), id) == model.end()) {
        model.insert(std::upper_bound(model.begin(), model.end(), id, std::greater<>()), id);
      }
    } else {
      Id id = older();
      auto it = std::find(model.begin(), model.end(), id);
      EXPECT_EQ(ring.Erase(id), it != model.end());
      if (it != model.end()) model.erase(it);
    }
    if (model.size() > cap) model.resize(cap);
    ASSERT_EQ(ring.ToVector(), model) << "spread " << spread << " cap " << cap << " step " << step;
    // A slice: below an id kept, absent or past either end; any count.
    std::optional<Id> below;
    if (rng() % 4 != 0) below = rng() % 2 ? older() + 1 : older();
    std::size_t count = rng() % 8 == 0 ? SIZE_MAX : rng() % 30;
    // Above an id kept, absent, past either end, or above `below`.
    std::optional<Id> above;
    if (rng() % 2 != 0) above = rng() % 2 ? older() - 1 : older();
    std::vector<Id> want;
    for (Id id : model) {
      if ((!below || id < *below) && (!above || id > *above) && want.size() < count) {
        want.push_back(id);
      }
    }
    ASSERT_EQ(ring.Slice(below, count, above), want)
        << "spread " << spread << " cap " << cap << " step " << step;
    ASSERT_EQ(SliceOf(model, {below, count, above}), want)
        << "spread " << spread << " cap " << cap << " step " << step;
  }
}

// Random inserts and erases, past the cap many times, against a sorted
// vector; ids close together (sequences within a millisecond) and far apart.
TEST(PackedIds, MatchesASortedVectorOverRandomOperations) {
  std::mt19937_64 rng(7);
  for (Id spread : {Id{1}, Id{3} << 16, Id{86'400'000} << 16}) {
    for (std::size_t cap : {1u, 2u, 5u, 16u, 800u}) {
      RandomOperations(rng, spread, cap);
      RandomOperations(rng, spread, cap, cap);
    }
  }
}

}  // namespace
}  // namespace piaf::timeline
