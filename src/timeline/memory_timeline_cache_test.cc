#include "timeline/memory_timeline_cache.h"

#include <gtest/gtest.h>

namespace piaf::timeline {
namespace {

TEST(MemoryTimelineCache, PushesOnlyIntoLoadedTimelinesNewestFirst) {
  MemoryTimelineCache cache;
  EXPECT_FALSE(cache.Get(1));
  cache.Load(1, {30, 10}, cache.Version(1));
  cache.Push({1, 2}, 20);
  cache.Push({1}, 40);
  cache.Push({1}, 40);  // twice is once
  EXPECT_EQ(*cache.Get(1), (std::vector<Id>{40, 30, 20, 10}));
  EXPECT_FALSE(cache.Get(2));
  cache.Remove(30, 9, {1});
  EXPECT_EQ(*cache.Get(1), (std::vector<Id>{40, 20, 10}));
  cache.Drop(1);
  EXPECT_FALSE(cache.Get(1));
}

TEST(MemoryTimelineCache, KeepsAtMost800Ids) {
  MemoryTimelineCache cache;
  cache.Load(1, {}, cache.Version(1));
  for (Id id = 1; id <= 1000; ++id) cache.Push({1}, id);
  auto ids = *cache.Get(1);
  EXPECT_EQ(ids.size(), 800u);
  EXPECT_EQ(ids.front(), 1000);
  EXPECT_EQ(ids.back(), 201);
}

TEST(MemoryTimelineCache, DropsTheLeastRecentlyReadTimelinesPastTheBound) {
  MemoryTimelineCache cache(4);
  for (Id account = 1; account <= 4; ++account)
    cache.Load(account, {account * 10}, cache.Version(account));
  cache.Get(1);  // 1 is read again: 2 is now the least recently read
  cache.Load(5, {50}, cache.Version(5));
  EXPECT_TRUE(cache.Get(1));
  EXPECT_TRUE(cache.Get(5));
  EXPECT_FALSE(cache.Get(2));
  EXPECT_LE(cache.LoadedTimelines(), 4u);
}

TEST(MemoryTimelineCache, AuthorWindowsHaveTheirOwnBound) {
  MemoryTimelineCache cache(1, MemoryTimelineCache::kCapacity, 4);
  for (Id author = 1; author <= 4; ++author)
    cache.LoadAuthorWindow(author, {author * 10}, cache.WindowVersion(author));
  for (Id author = 1; author <= 4; ++author) EXPECT_TRUE(cache.GetAuthorWindow(author)) << author;
  cache.LoadAuthorWindow(5, {50}, cache.WindowVersion(5));
  EXPECT_FALSE(cache.GetAuthorWindow(1));  // the least recently read quarter went
  EXPECT_TRUE(cache.GetAuthorWindow(5));
}

TEST(MemoryTimelineCache, AuthorWindowsForAnyAuthor) {
  MemoryTimelineCache cache;
  EXPECT_FALSE(cache.GetAuthorWindow(7));
  cache.PushAuthorWindow(7, 5);  // not loaded: nothing
  EXPECT_FALSE(cache.GetAuthorWindow(7));
  cache.LoadAuthorWindow(7, {3, 1}, cache.WindowVersion(7));
  cache.PushAuthorWindow(7, 5);
  EXPECT_EQ(*cache.GetAuthorWindow(7), (std::vector<Id>{5, 3, 1}));
  EXPECT_FALSE(cache.IsHeavyAuthor(7));
  cache.Remove(3, 7, {});
  EXPECT_FALSE(cache.GetAuthorWindow(7));  // rebuilt from the store when read
}

TEST(MemoryTimelineCache, ADeleteTouchesOnlyItsAudienceAndItsAuthorsWindow) {
  MemoryTimelineCache cache;
  for (Id account = 1; account <= 3; ++account)
    cache.Load(account, {30, 20}, cache.Version(account));
  cache.LoadAuthorWindow(7, {30, 10}, cache.WindowVersion(7));
  cache.LoadAuthorWindow(8, {30}, cache.WindowVersion(8));  // not its author: not looked at
  auto rebuilding = cache.Version(4);                       // 4 is being rebuilt from the store
  cache.Remove(30, 7, {1, 2, 4});
  EXPECT_EQ(*cache.Get(1), (std::vector<Id>{20}));
  EXPECT_EQ(*cache.Get(2), (std::vector<Id>{20}));
  EXPECT_EQ(*cache.Get(3), (std::vector<Id>{30, 20}));  // not among the audience
  EXPECT_FALSE(cache.Get(4));
  EXPECT_FALSE(cache.GetAuthorWindow(7));
  EXPECT_TRUE(cache.GetAuthorWindow(8));
  // A rebuild that read the store before the delete is not kept.
  cache.Load(4, {30, 20}, rebuilding);
  EXPECT_FALSE(cache.Get(4));
}

TEST(MemoryTimelineCache, TheHeavyAuthorsAmongSomeAccountsComeInTheirOrder) {
  MemoryTimelineCache cache;
  EXPECT_TRUE(cache.HeavyAuthorsAmong({1, 2, 3}).empty());
  cache.MarkHeavyAuthor(3);
  cache.MarkHeavyAuthor(1);
  cache.MarkHeavyAuthor(9);  // not asked about
  EXPECT_EQ(cache.HeavyAuthorsAmong({1, 2, 3}), (std::vector<Id>{1, 3}));
  EXPECT_EQ(cache.HeavyAuthorsAmong({3, 2, 1}), (std::vector<Id>{3, 1}));
}

TEST(MemoryTimelineCache, ARebuildThatRacedWithAPushIsNotKept) {
  MemoryTimelineCache cache;
  auto version = cache.Version(1);
  cache.Push({1}, 99);  // lands while the rebuild reads the store
  cache.Load(1, {10}, version);
  EXPECT_FALSE(cache.Get(1));
  auto window = cache.WindowVersion(2);
  cache.PushAuthorWindow(2, 5);
  cache.LoadAuthorWindow(2, {1}, window);
  EXPECT_FALSE(cache.GetAuthorWindow(2));
  cache.Load(1, {99, 10}, cache.Version(1));
  EXPECT_TRUE(cache.Get(1));
}

}  // namespace
}  // namespace piaf::timeline
