#include "trends/tag_trends.h"

#include <gtest/gtest.h>

namespace piaf::trends {
namespace {

constexpr std::int64_t kHour = TagTrends::kHourMs;
constexpr std::int64_t kStart = 1'800'000'000'000;  // a fake clock's start

std::vector<std::string> Names(const std::vector<Trend>& trends) {
  std::vector<std::string> out;
  for (const auto& t : trends) out.push_back(t.tag);
  return out;
}

TEST(TagTrends, ABurstOfNewVoicesBeatsATagThatIsAlwaysBusy) {
  TagTrends t;
  // #news: 20 accounts every 6 hours for three days, and now as well.
  for (std::int64_t h = 0; h <= 72; h += 1) {
    for (Id a = 0; a < 20; ++a) t.Record("news", 1000 + a, kStart + h * kHour);
  }
  // #interview: nothing before; now, 8 accounts.
  for (Id a = 0; a < 8; ++a) t.Record("interview", 2000 + a, kStart + 72 * kHour);
  auto top = t.Top(kStart + 72 * kHour, 10);
  ASSERT_FALSE(top.empty());
  EXPECT_EQ(top[0].tag, "interview");
  EXPECT_EQ(Names(top), std::vector<std::string>{"interview"});  // steady news does not trend
}

TEST(TagTrends, OneAccountRepeatingATagNeverTrends) {
  TagTrends t;
  for (int i = 0; i < 500; ++i) t.Record("spam", 7, kStart + i * 1000);
  EXPECT_TRUE(t.Top(kStart + kHour, 10).empty());
  // Its history still counts the uses, and one account.
  auto history = t.History("spam", kStart + kHour);
  ASSERT_EQ(history.size(), 7u);
  std::int64_t uses = 0, accounts = 0;
  for (const auto& d : history) {
    uses += d.uses;
    accounts = std::max(accounts, d.accounts);
  }
  EXPECT_EQ(uses, 500);
  EXPECT_EQ(accounts, 1);
}

TEST(TagTrends, ABurstDecaysAsItLeavesTheWindowAndEntersTheBaseline) {
  TagTrends t;
  for (Id a = 0; a < 10; ++a) t.Record("live", a, kStart);
  double at_once = t.Top(kStart, 1).at(0).score;
  EXPECT_GT(at_once, 0);
  // Later the same day, a few of them go on: less than the burst.
  for (Id a = 0; a < 3; ++a) t.Record("live", a, kStart + 7 * kHour);
  auto later = t.Top(kStart + 7 * kHour, 1);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_LT(later[0].score, at_once);
  // A day later, silence: it no longer trends.
  EXPECT_TRUE(t.Top(kStart + 24 * kHour, 1).empty());
}

TEST(TagTrends, HistoryHasSevenDaysNewestFirstFromUtcMidnight) {
  TagTrends t;
  std::int64_t day_ms = 24 * kHour;
  std::int64_t midnight = (kStart / day_ms) * day_ms;
  t.Record("x", 1, midnight + kHour);
  t.Record("x", 2, midnight + 2 * kHour);
  t.Record("x", 2, midnight - kHour);  // the day before
  auto h = t.History("x", midnight + 3 * kHour);
  ASSERT_EQ(h.size(), 7u);
  EXPECT_EQ(h[0].day, midnight / 1000);
  EXPECT_EQ(h[0].uses, 2);
  EXPECT_EQ(h[0].accounts, 2);
  EXPECT_EQ(h[1].day, midnight / 1000 - 86400);
  EXPECT_EQ(h[1].uses, 1);
  EXPECT_EQ(h[6].uses, 0);
}

TEST(TagTrends, NetworkTrendsCountOnlyTheAccountsGiven) {
  TagTrends t;
  for (Id a = 1; a <= 6; ++a) t.Record("global", 100 + a, kStart);
  for (Id a = 1; a <= 3; ++a) t.Record("friends", a, kStart);
  std::vector<Id> mine{1, 2, 3};
  EXPECT_EQ(Names(t.Top(kStart, 10, "", &mine)), std::vector<std::string>{"friends"});
  EXPECT_EQ(Names(t.Top(kStart, 10)), (std::vector<std::string>{"global", "friends"}));
  std::vector<Id> none;
  EXPECT_TRUE(t.Top(kStart, 10, "", &none).empty());
}

TEST(TagTrends, LanguageFilterCountsOnlyThatLanguage) {
  TagTrends t;
  for (Id a = 1; a <= 4; ++a) t.Record("fr", a, kStart, "fr");
  for (Id a = 5; a <= 8; ++a) t.Record("en", a, kStart, "en");
  EXPECT_EQ(Names(t.Top(kStart, 10, "fr")), std::vector<std::string>{"fr"});
}

}  // namespace
}  // namespace piaf::trends
