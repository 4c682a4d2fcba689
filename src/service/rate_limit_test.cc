#include "service/rate_limit.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace piaf::service {
namespace {

TEST(RateLimit, TakesUpToTheLimitInAWindowThenRefuses) {
  core::FakeClock clock(1000);
  RateLimit limit(clock, 3, 60000);
  EXPECT_TRUE(limit.Take("a"));
  EXPECT_TRUE(limit.Take("a"));
  EXPECT_TRUE(limit.Take("a"));
  EXPECT_FALSE(limit.Take("a"));
  EXPECT_TRUE(limit.Take("b"));  // each key its own budget
  EXPECT_EQ(limit.RetryAfterSeconds("a"), 60);
  clock.Advance(30000);
  EXPECT_FALSE(limit.Take("a"));
  EXPECT_EQ(limit.RetryAfterSeconds("a"), 30);
  clock.Advance(30000);
  EXPECT_TRUE(limit.Take("a"));  // a new window
}

TEST(RateLimit, ARefundGivesBackWhatATakeTook) {
  core::FakeClock clock(0);
  RateLimit limit(clock, 1, 1000);
  EXPECT_TRUE(limit.Take("k"));
  limit.Refund("k");
  EXPECT_TRUE(limit.Take("k"));
  EXPECT_FALSE(limit.Take("k"));
}

TEST(RateLimit, ZeroMeansNoLimit) {
  core::FakeClock clock(0);
  RateLimit limit(clock, 0, 1000);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limit.Take("k"));
}

TEST(RateLimit, ForgetsEndedWindows) {
  core::FakeClock clock(0);
  RateLimit limit(clock, 1, 1000);
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(limit.Take("key" + std::to_string(i)));
  clock.Advance(1000);
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(limit.Take("key" + std::to_string(i)));
  EXPECT_FALSE(limit.Take("key1"));
}

}  // namespace
}  // namespace piaf::service
