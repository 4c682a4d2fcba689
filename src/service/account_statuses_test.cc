// An account's statuses without replies or reblogs (the profile's "Posts"
// tab): from the author's window and, past it, from the store.
#include <gtest/gtest.h>

#include "service/verbs.h"
#include "store/sqlite_store.h"
#include "store/testing.h"
#include "timeline/memory_timeline_cache.h"

namespace piaf::service {
namespace {

class AccountStatusesTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<store::SqliteStore>(temp_.db());
    snapshots_ = std::make_unique<Snapshots>(*store_);
    timelines_ = std::make_unique<timeline::MemoryTimelineCache>(1000, GetParam());
    ctx_ = std::make_unique<Context>(
        Context{*store_, *timelines_, clock_, ids_, settings_, *snapshots_});
    ASSERT_TRUE(store_->PutAccount(store::TestAccount(1, "alice")).ok());
    ASSERT_TRUE(store_->PutAccount(store::TestAccount(2, "bob")).ok());
  }
  Viewer As(Id id) { return Viewer{id, "read write", 0}; }
  Id Post(Id author, std::string text, std::optional<Id> reply_to = std::nullopt) {
    PostStatusInput in;
    in.text = std::move(text);
    in.in_reply_to_id = reply_to;
    auto v = PostStatus(*ctx_, As(author), in);
    EXPECT_TRUE(v);
    clock_.Advance(1000);
    return v ? v->status().id : 0;
  }
  std::vector<Id> Read(const AccountStatusesFilter& filter, int limit = 20) {
    store::Page page;
    page.limit = limit;
    auto list = ReadAccountStatuses(*ctx_, As(2), 1, page, filter);
    EXPECT_TRUE(list);
    std::vector<Id> ids;
    for (const auto& v : *list) ids.push_back(v.status().id);
    return ids;
  }

  store::TempStoreDir temp_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<timeline::MemoryTimelineCache> timelines_;
  core::FakeClock clock_{1'800'000'000'000};
  core::IdGenerator ids_{clock_};
  Settings settings_;
  std::unique_ptr<Snapshots> snapshots_;
  std::unique_ptr<Context> ctx_;
};

TEST_P(AccountStatusesTest, RepliesToOthersAndReblogsAreLeftOutWhenAsked) {
  Id bobs = Post(2, "bob's post");
  Id first = Post(1, "a thread");
  Id to_bob = Post(1, "@bob an answer", bobs);
  Id own_thread = Post(1, "the thread goes on", first);  // a reply to herself stays
  auto reblog = Reblog(*ctx_, As(1), bobs, std::nullopt);
  ASSERT_TRUE(reblog);
  Id reblog_id = reblog->status().id;
  clock_.Advance(1000);
  std::vector<Id> older;
  for (int i = 0; i < 5; ++i) older.push_back(Post(1, "@bob more " + std::to_string(i), bobs));
  Id last = Post(1, "the newest");

  std::vector<Id> all = {last};
  all.insert(all.end(), older.rbegin(), older.rend());
  all.insert(all.end(), {reblog_id, own_thread, to_bob, first});
  EXPECT_EQ(Read({}), all);
  EXPECT_EQ(Read({.exclude_replies = true}), (std::vector<Id>{last, reblog_id, own_thread, first}));
  EXPECT_EQ(Read({.exclude_reblogs = true}),
            (std::vector<Id>{last, older[4], older[3], older[2], older[1], older[0], own_thread,
                             to_bob, first}));
  EXPECT_EQ(Read({.exclude_replies = true, .exclude_reblogs = true}),
            (std::vector<Id>{last, own_thread, first}));
  // A short page fills past the statuses left out.
  EXPECT_EQ(Read({.exclude_replies = true}, 2), (std::vector<Id>{last, reblog_id}));
}

// Windows of 800 (the page from memory) and of 2 (from the store past it).
INSTANTIATE_TEST_SUITE_P(Windows, AccountStatusesTest, ::testing::Values(800, 2));

}  // namespace
}  // namespace piaf::service
