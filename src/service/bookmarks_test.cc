#include "service/bookmarks.h"

#include <gtest/gtest.h>

#include "service/testing.h"

namespace piaf::service {
namespace {

class BookmarksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [id, name] : {std::pair<Id, const char*>{1, "alice"}, {2, "bob"}, {3, "carol"}}) {
      ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(id, name)).ok());
    }
  }
  Viewer As(Id id) { return Viewer{id, "read write follow", 0}; }
  Id Post(Id author, std::string text, store::Visibility visibility = store::Visibility::kPublic) {
    PostStatusInput in;
    in.text = std::move(text);
    in.visibility = visibility;
    auto v = PostStatus(t_.ctx, As(author), in);
    EXPECT_TRUE(v);
    t_.clock.Advance(1000);
    return v ? v->status().id : 0;
  }
  // The ids of a bookmarks page, and of its rows.
  std::vector<Id> Statuses(const std::vector<std::pair<Id, StatusView>>& page) {
    std::vector<Id> ids;
    for (const auto& [row, v] : page) ids.push_back(v.status().id);
    return ids;
  }
  std::vector<Id> Ids(const std::vector<StatusView>& views) {
    std::vector<Id> ids;
    for (const auto& v : views) ids.push_back(v.status().id);
    return ids;
  }
  static store::Page PageOf(int limit, std::optional<Id> max_id = std::nullopt) {
    store::Page p;
    p.limit = limit;
    p.max_id = max_id;
    return p;
  }
  template <class T>
  static void ExpectError(const Result<T>& r, core::ErrorCode code, const std::string& message) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().safe_message, message);
  }
  bool Flag(Id viewer, Id status) {
    auto v = GetStatus(t_.ctx, As(viewer), status);
    EXPECT_TRUE(v);
    return v && v->bookmarked;
  }

  TestInstance t_;
};

TEST_F(BookmarksTest, ABookmarkIsTheViewersOwnFlagInEveryViewOfTheStatus) {
  ASSERT_TRUE(Follow(t_.ctx, As(2), 1));
  Id post = Post(1, "hello");
  EXPECT_FALSE(Flag(2, post));  // the relations snapshot is loaded before the bookmark
  auto marked = Bookmark(t_.ctx, As(2), post);
  ASSERT_TRUE(marked);
  EXPECT_TRUE(marked->bookmarked);
  EXPECT_TRUE(Flag(2, post));
  EXPECT_FALSE(Flag(1, post));  // only bob's
  auto home = ReadHomeTimeline(t_.ctx, As(2), PageOf(20));
  ASSERT_EQ(home.size(), 1u);
  EXPECT_TRUE(home[0].bookmarked);
  ASSERT_TRUE(Bookmark(t_.ctx, As(2), post));  // twice: one bookmark
  EXPECT_EQ(t_.store.ListBookmarkedIds(2), std::vector<Id>{post});
  auto unmarked = Unbookmark(t_.ctx, As(2), post);
  ASSERT_TRUE(unmarked);
  EXPECT_FALSE(unmarked->bookmarked);
  EXPECT_FALSE(Flag(2, post));
  EXPECT_FALSE(ReadHomeTimeline(t_.ctx, As(2), PageOf(20))[0].bookmarked);
  ASSERT_TRUE(Unbookmark(t_.ctx, As(2), post));  // not bookmarked: still answered
}

TEST_F(BookmarksTest, BookmarkingAReblogBookmarksTheStatusItReblogs) {
  Id post = Post(1, "worth keeping");
  auto reblog = Reblog(t_.ctx, As(2), post, std::nullopt);
  ASSERT_TRUE(reblog);
  Id wrapper = reblog->status().id;
  auto marked = Bookmark(t_.ctx, As(3), wrapper);
  ASSERT_TRUE(marked);
  EXPECT_EQ(marked->status().id, wrapper);  // the status asked about, as Mastodon answers
  ASSERT_TRUE(marked->reblog);
  EXPECT_TRUE(marked->reblog->bookmarked);
  EXPECT_EQ(t_.store.ListBookmarkedIds(3), std::vector<Id>{post});
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(3), PageOf(20))), std::vector<Id>{post});
  ASSERT_TRUE(Unbookmark(t_.ctx, As(3), wrapper));
  EXPECT_TRUE(t_.store.ListBookmarkedIds(3).empty());
}

TEST_F(BookmarksTest, WhatTheViewerMayNotSeeIsNeitherBookmarkedNorListed) {
  ExpectError(Bookmark(t_.ctx, As(2), 999), core::ErrorCode::kNotFound, "Record not found");
  Id secret = Post(1, "followers only", store::Visibility::kPrivate);
  ExpectError(Bookmark(t_.ctx, As(2), secret), core::ErrorCode::kNotFound, "Record not found");
  ExpectError(Unbookmark(t_.ctx, As(2), secret), core::ErrorCode::kNotFound, "Record not found");
  EXPECT_TRUE(t_.store.ListBookmarkedIds(2).empty());

  // Bookmarked while bob followed alice and while carol was party to a
  // direct message: neither shows once that is over.
  ASSERT_TRUE(Follow(t_.ctx, As(2), 1));
  ASSERT_TRUE(Bookmark(t_.ctx, As(2), secret));
  Id open = Post(1, "for everyone");
  ASSERT_TRUE(Bookmark(t_.ctx, As(2), open));
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(2), PageOf(20))), (std::vector<Id>{open, secret}));
  ASSERT_TRUE(Unfollow(t_.ctx, As(2), 1));
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(2), PageOf(20))), std::vector<Id>{open});

  Id direct = Post(1, "@carol between us", store::Visibility::kDirect);
  ASSERT_TRUE(Bookmark(t_.ctx, As(3), direct));
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(3), PageOf(20))), std::vector<Id>{direct});
  ASSERT_TRUE(Block(t_.ctx, As(1), 3));
  EXPECT_TRUE(ListBookmarks(t_.ctx, As(3), PageOf(20)).empty());
  ExpectError(Bookmark(t_.ctx, As(3), direct), core::ErrorCode::kNotFound, "Record not found");
}

TEST_F(BookmarksTest, BookmarksArePagedNewestBookmarkFirstAndPagesFillPastHiddenOnes) {
  ASSERT_TRUE(Follow(t_.ctx, As(2), 1));
  std::vector<Id> posts;
  for (int i = 0; i < 5; ++i) {
    posts.push_back(Post(1, "post " + std::to_string(i),
                         i == 4 ? store::Visibility::kPrivate : store::Visibility::kPublic));
  }
  // Bookmarked in another order than posted: the list is in the bookmarks'.
  for (int i : {2, 0, 4, 1, 3}) ASSERT_TRUE(Bookmark(t_.ctx, As(2), posts[i]));
  auto first = ListBookmarks(t_.ctx, As(2), PageOf(2));
  EXPECT_EQ(Statuses(first), (std::vector<Id>{posts[3], posts[1]}));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_GT(first[0].first, first[1].first);  // row ids, newest first
  ASSERT_TRUE(Unfollow(t_.ctx, As(2), 1));    // posts[4] is hidden now
  auto second = ListBookmarks(t_.ctx, As(2), PageOf(2, first.back().first));
  EXPECT_EQ(Statuses(second), (std::vector<Id>{posts[0], posts[2]}));
  EXPECT_TRUE(ListBookmarks(t_.ctx, As(2), PageOf(2, second.back().first)).empty());
  store::Page newer;
  newer.limit = 1;
  newer.min_id = second.front().first;
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(2), newer)), std::vector<Id>{posts[1]});
  EXPECT_TRUE(ListBookmarks(t_.ctx, As(1), PageOf(20)).empty());  // alice has none
}

TEST_F(BookmarksTest, ADeletedStatusGoesFromTheBookmarksAndFromTheBookmarkersFlags) {
  Id post = Post(1, "soon gone");
  Id kept = Post(1, "stays");
  ASSERT_TRUE(Bookmark(t_.ctx, As(2), post));
  ASSERT_TRUE(Bookmark(t_.ctx, As(2), kept));
  EXPECT_EQ(t_.snapshots.RelationsOf(2)->bookmarked, (std::vector<Id>{post, kept}));
  ASSERT_TRUE(DeleteStatus(t_.ctx, As(1), post));
  EXPECT_EQ(t_.store.ListBookmarkedIds(2), std::vector<Id>{kept});
  EXPECT_EQ(t_.snapshots.RelationsOf(2)->bookmarked, std::vector<Id>{kept});
  EXPECT_EQ(Statuses(ListBookmarks(t_.ctx, As(2), PageOf(20))), std::vector<Id>{kept});
}

TEST_F(BookmarksTest, AnAuthorPinsFiveOfItsStatusesAtMostNewestPinFirst) {
  std::vector<Id> posts;
  for (int i = 0; i < 6; ++i) posts.push_back(Post(1, "post " + std::to_string(i)));
  for (int i : {3, 0, 4, 1, 2}) {
    auto pinned = Pin(t_.ctx, As(1), posts[i]);
    ASSERT_TRUE(pinned);
    EXPECT_TRUE(pinned->pinned);
  }
  // Again: still one pin, and Mastodon's unique index answers "Duplicate record".
  ExpectError(Pin(t_.ctx, As(1), posts[0]), core::ErrorCode::kUnprocessable, "Duplicate record");
  ExpectError(Pin(t_.ctx, As(1), posts[5]), core::ErrorCode::kUnprocessable,
              "Validation failed: You have already pinned the maximum number of posts");
  auto listed = ReadPinnedStatuses(t_.ctx, As(2), 1, PageOf(20));
  ASSERT_TRUE(listed);
  EXPECT_EQ(Ids(*listed), (std::vector<Id>{posts[2], posts[1], posts[4], posts[0], posts[3]}));
  auto limited = ReadPinnedStatuses(t_.ctx, As(2), 1, PageOf(2));
  ASSERT_TRUE(limited);
  EXPECT_EQ(Ids(*limited), (std::vector<Id>{posts[2], posts[1]}));
  auto unpinned = Unpin(t_.ctx, As(1), posts[4]);
  ASSERT_TRUE(unpinned);
  EXPECT_FALSE(unpinned->pinned);
  EXPECT_TRUE(unpinned->pinnable);
  ASSERT_TRUE(Pin(t_.ctx, As(1), posts[5]));
  EXPECT_EQ(Ids(*ReadPinnedStatuses(t_.ctx, As(1), 1, PageOf(20))),
            (std::vector<Id>{posts[5], posts[2], posts[1], posts[0], posts[3]}));
  ExpectError(ReadPinnedStatuses(t_.ctx, As(1), 999, PageOf(20)), core::ErrorCode::kNotFound,
              "Record not found");
}

TEST_F(BookmarksTest, OnlyOnesOwnStatusesNeitherReblogsNorDirectOnesArePinned) {
  ASSERT_TRUE(Follow(t_.ctx, As(1), 2));
  Id bobs = Post(2, "bob's");
  ExpectError(Pin(t_.ctx, As(1), bobs), core::ErrorCode::kUnprocessable,
              "Validation failed: Someone else's post cannot be pinned");
  auto reblog = Reblog(t_.ctx, As(1), bobs, std::nullopt);
  ASSERT_TRUE(reblog);
  ExpectError(Pin(t_.ctx, As(1), reblog->status().id), core::ErrorCode::kUnprocessable,
              "Validation failed: A boost cannot be pinned");
  Id direct = Post(1, "@bob psst", store::Visibility::kDirect);
  ExpectError(Pin(t_.ctx, As(1), direct), core::ErrorCode::kUnprocessable,
              "Validation failed: Posts that are only visible to mentioned users cannot be "
              "pinned");
  ExpectError(Pin(t_.ctx, As(2), direct), core::ErrorCode::kUnprocessable,
              "Validation failed: Someone else's post cannot be pinned, Posts that are only "
              "visible to mentioned users cannot be pinned");
  Id secret = Post(2, "followers only", store::Visibility::kPrivate);
  ExpectError(Pin(t_.ctx, As(3), secret), core::ErrorCode::kNotFound, "Record not found");
  ExpectError(Pin(t_.ctx, As(1), 999), core::ErrorCode::kNotFound, "Record not found");
  ExpectError(Unpin(t_.ctx, As(3), secret), core::ErrorCode::kNotFound, "Record not found");
  EXPECT_TRUE(t_.store.ListPinnedIds(1).empty());
  EXPECT_TRUE(t_.store.ListPinnedIds(2).empty());
  // Its own followers-only and unlisted statuses may be pinned.
  EXPECT_TRUE(Pin(t_.ctx, As(2), secret));
  EXPECT_TRUE(Pin(t_.ctx, As(2), Post(2, "unlisted", store::Visibility::kUnlisted)));
}

TEST_F(BookmarksTest, APinnedStatusSaysSoToItsAuthorOnlyAndShowsAsItsVisibilityAllows) {
  Id open = Post(1, "public");
  Id secret = Post(1, "followers only", store::Visibility::kPrivate);
  ASSERT_TRUE(Pin(t_.ctx, As(1), open));
  ASSERT_TRUE(Pin(t_.ctx, As(1), secret));
  auto own = GetStatus(t_.ctx, As(1), open);
  ASSERT_TRUE(own);
  EXPECT_TRUE(own->pinnable);
  EXPECT_TRUE(own->pinned);
  auto others = GetStatus(t_.ctx, As(2), open);
  ASSERT_TRUE(others);
  EXPECT_FALSE(others->pinnable);
  EXPECT_FALSE(others->pinned);
  auto as = [&](const Viewer& v) {
    auto list = ReadPinnedStatuses(t_.ctx, v, 1, PageOf(20));
    EXPECT_TRUE(list);
    return list ? Ids(*list) : std::vector<Id>{};
  };
  EXPECT_EQ(as(As(2)), std::vector<Id>{open});
  EXPECT_EQ(as(Viewer{}), std::vector<Id>{open});
  ASSERT_TRUE(Follow(t_.ctx, As(2), 1));
  EXPECT_EQ(as(As(2)), (std::vector<Id>{secret, open}));
  EXPECT_EQ(as(As(1)), (std::vector<Id>{secret, open}));
  // A deleted status is unpinned with it.
  ASSERT_TRUE(DeleteStatus(t_.ctx, As(1), secret));
  EXPECT_EQ(as(As(2)), std::vector<Id>{open});
  EXPECT_EQ(t_.snapshots.RelationsOf(1)->pinned, std::vector<Id>{open});
}

}  // namespace
}  // namespace piaf::service
