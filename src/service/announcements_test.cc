#include "service/announcements.h"

#include <gtest/gtest.h>

#include "service/testing.h"

namespace piaf::service {
namespace {

class AnnouncementsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(1, "alice")).ok());
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(2, "bob")).ok());
  }
  Viewer As(Id id) { return Viewer{id, "read write", 0}; }
  std::vector<std::pair<Id, bool>> Listed(Id viewer, bool with_dismissed = false) {
    std::vector<std::pair<Id, bool>> out;
    for (const auto& v : ListAnnouncements(t_.ctx, As(viewer), with_dismissed)) {
      out.emplace_back(v.announcement.id, v.read);
    }
    return out;
  }

  TestInstance t_;
};

TEST_F(AnnouncementsTest, TheTextIsEscapedInParagraphsAndPublishedNow) {
  auto a = PostAnnouncement(t_.ctx, {"Maintenance <tonight> & @alice #tag\n\nBack soon\nSorry"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->content,
            "<p>Maintenance &lt;tonight&gt; &amp; @alice #tag</p><p>Back soon<br />Sorry</p>");
  EXPECT_EQ(a->published_at_ms, 1'800'000'000'000);
  EXPECT_EQ(a->updated_at_ms, a->published_at_ms);
  EXPECT_FALSE(a->starts_at_ms);
  EXPECT_FALSE(a->all_day);
}

TEST_F(AnnouncementsTest, ABlankTextOrHalfAnEventIsRefused) {
  EXPECT_EQ(PostAnnouncement(t_.ctx, {" \n "}).error().code, core::ErrorCode::kUnprocessable);
  EXPECT_EQ(PostAnnouncement(t_.ctx, {"x", 1000, std::nullopt}).error().code,
            core::ErrorCode::kUnprocessable);
  EXPECT_EQ(PostAnnouncement(t_.ctx, {"x", 2000, 1000}).error().code,
            core::ErrorCode::kUnprocessable);
  EXPECT_EQ(PostAnnouncement(t_.ctx, {"x", std::nullopt, std::nullopt, true})->all_day, false);
  EXPECT_TRUE(Listed(1).size() == 1);  // only the last one was stored
}

TEST_F(AnnouncementsTest, ADismissedAnnouncementLeavesItsReadersListOnly) {
  auto first = PostAnnouncement(t_.ctx, {"first"});
  t_.clock.Advance(1000);
  auto second = PostAnnouncement(t_.ctx, {"second"});
  ASSERT_TRUE(first && second);
  EXPECT_EQ(Listed(1), (std::vector<std::pair<Id, bool>>{{first->id, false}, {second->id, false}}));
  EXPECT_TRUE(DismissAnnouncement(t_.ctx, As(1), first->id).ok());
  EXPECT_EQ(Listed(1), (std::vector<std::pair<Id, bool>>{{second->id, false}}));
  EXPECT_EQ(Listed(1, true),
            (std::vector<std::pair<Id, bool>>{{first->id, true}, {second->id, false}}));
  EXPECT_EQ(Listed(2).size(), 2u);
  EXPECT_EQ(DismissAnnouncement(t_.ctx, As(1), 12345).error().code, core::ErrorCode::kNotFound);
}

TEST(ParseIsoTime, DatesTimesAndOffsets) {
  EXPECT_EQ(ParseIsoTime("1970-01-01"), 0);
  EXPECT_EQ(ParseIsoTime("1970-01-02T00:00:01Z"), 86'401'000);
  EXPECT_EQ(ParseIsoTime("2026-12-24T18:30"), ParseIsoTime("2026-12-24T18:30:00.000Z"));
  EXPECT_EQ(*ParseIsoTime("2026-12-24T19:30:00+01:00"), *ParseIsoTime("2026-12-24T18:30:00Z"));
  EXPECT_EQ(*ParseIsoTime("2026-12-24T13:30-0500"), *ParseIsoTime("2026-12-24T18:30Z"));
  EXPECT_EQ(*ParseIsoTime("2000-02-29T00:00:00.5Z") % 1000, 500);
  EXPECT_EQ(core::FormatTime(*ParseIsoTime("2026-11-27T07:44:10.123Z")),
            "2026-11-27T07:44:10.123Z");
  for (const char* bad :
       {"", "2026", "2026-13-01", "2026-02-30", "2025-02-29", "2026-12-24T25:00",
        "2026-12-24T18:30:00X", "2026-12-24T18", "24/12/2026", "2026-12-24T18:30."}) {
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
  }
}

}  // namespace
}  // namespace piaf::service
