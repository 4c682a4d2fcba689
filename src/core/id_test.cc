#include "core/id.h"

#include <gtest/gtest.h>

#include <map>

namespace piaf::core {
namespace {

TEST(IdGenerator, IdsGrowWithTimeAndStayUniqueWhenTheClockStalls) {
  FakeClock clock(1'700'000'000'000);
  IdGenerator ids(clock);
  Id a = ids.Next(), b = ids.Next();
  EXPECT_LT(a, b);
  EXPECT_EQ(IdToMs(a), 1'700'000'000'000);
  clock.Advance(-5000);  // the clock goes back
  EXPECT_GT(ids.Next(), b);
  clock.Advance(10000);
  Id c = ids.Next();
  EXPECT_EQ(IdToMs(c), 1'700'000'005'000);
}

TEST(IdGenerator, NeverReusesIdsBelowTheStoredOnes) {
  FakeClock clock(1000);
  IdGenerator ids(clock);
  ids.AtLeast(MsToId(5000));
  EXPECT_GT(ids.Next(), MsToId(5000));
}

TEST(ParseId, AcceptsOnlyPlainDecimals) {
  EXPECT_EQ(ParseId("123"), 123);
  EXPECT_FALSE(ParseId("").has_value());
  EXPECT_FALSE(ParseId("-1").has_value());
  EXPECT_FALSE(ParseId("12a").has_value());
  EXPECT_FALSE(ParseId(" 1").has_value());
  EXPECT_FALSE(ParseId("99999999999999999999").has_value());
}

TEST(FormatTime, HasMillisecondsAndZ) {
  EXPECT_EQ(FormatTime(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
}

}  // namespace
}  // namespace piaf::core

namespace piaf::core {
namespace {

TEST(MixId, IdsWithAZeroSequenceSpreadOverShards) {
  std::map<std::uint64_t, int> shards;
  for (std::int64_t ms = 1'800'000'000'000; ms < 1'800'000'001'600; ++ms) {
    ++shards[MixId(MsToId(ms)) % 16];
  }
  ASSERT_EQ(shards.size(), 16u);
  for (auto [shard, n] : shards) EXPECT_GT(n, 50) << shard;  // 100 each if even
}

}  // namespace
}  // namespace piaf::core
