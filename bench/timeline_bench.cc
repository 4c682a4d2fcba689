// The fan-out's inner step alone: a new status id pushed into loaded home
// timelines (PackedIds::Insert), as MemoryTimelineCache::Push does for each
// follower. Homes are loaded at their exact size from older ids (hours
// apart, as a seeded store gives), then receive new ids a few milliseconds
// apart, each into a home picked at random (most of them out of the CPU's
// caches, as on a server). A page read (Slice of 20) is measured too.
//
//   build-bench/timeline_bench   (cmake -DPIAF_BUILD_BENCH=ON)
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "core/id.h"
#include "timeline/packed_ids.h"

namespace {

using piaf::core::Id;
using piaf::core::MsToId;
using piaf::timeline::PackedIds;

constexpr std::size_t kCap = 800;
constexpr int kHomes = 10'000;
const Id kNow = MsToId(1'764'000'000'000);

// kHomes homes of `ids_each` ids, the newest at most ~17 minutes before kNow.
std::vector<PackedIds> LoadHomes(std::mt19937_64& rng, int ids_each) {
  std::vector<PackedIds> out;
  out.reserve(kHomes);
  for (int h = 0; h < kHomes; ++h) {
    std::vector<Id> ids;
    Id t = kNow - MsToId(static_cast<std::int64_t>(rng() % 1'000'000));
    for (int i = 0; i < ids_each; ++i) {
      ids.push_back(t);
      t -= MsToId(static_cast<std::int64_t>(rng() % 3'600'000));
    }
    out.emplace_back(std::move(ids), kCap);
  }
  return out;
}

// state.range(0): ids per home when loaded (500: not full; 900: full, so
// every push drops the oldest).
void BM_PushIntoLoadedHomes(benchmark::State& state) {
  std::mt19937_64 rng(2026);
  auto homes = LoadHomes(rng, static_cast<int>(state.range(0)));
  Id now = kNow;
  for (auto _ : state) {
    now += 1 + (rng() % 2 ? MsToId(static_cast<std::int64_t>(rng() % 3)) : 0);
    homes[rng() % kHomes].Insert(now, kCap);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PushIntoLoadedHomes)->Arg(500)->Arg(900);

void BM_FirstPageOfAHome(benchmark::State& state) {
  std::mt19937_64 rng(2026);
  auto homes = LoadHomes(rng, 500);
  for (auto _ : state) {
    benchmark::DoNotOptimize(homes[rng() % kHomes].Slice(std::nullopt, 20));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FirstPageOfAHome);

}  // namespace

BENCHMARK_MAIN();
