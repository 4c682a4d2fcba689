// Followed hashtags (docs.joinmastodon.org/methods/tags#follow,
// methods/followed_tags): the public posts using a tag an account follows
// enter its home timeline and its user stream.
//
// A followed tag is not fanned out to its followers: a tag may have many,
// and a post would cost one push per follower. Each tag that someone reads
// has a window of its newest public statuses (the timeline cache's author
// windows, keyed by the tag: `TagWindowKey`), pushed before the post is
// answered (`PushTagWindows`: one push per tag of a public post, whatever
// the number of followers), and a home read merges the windows of the tags
// its viewer follows (from its Relations snapshot) into its slice, as it
// merges the heavy authors' windows. A post both from a followed account and
// with a followed tag is there once. Blocks (CanSee) and mutes (InHome,
// HiddenByMute) keep out what they keep out of a home.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "service/verbs.h"
#include "timeline/timeline_cache.h"

namespace piaf::service {

// A hashtag as the Tag entity shows it to the viewer.
struct TagView {
  std::string name;  // lower-cased
  bool following = false;
};

// `name` lower-cased when it is a hashtag (what twitter-text finds after a
// #), else nullopt.
std::optional<std::string> TagNameOf(std::string_view name);
// Not found for what is no hashtag. Following twice is one follow.
Result<TagView> FollowTag(Context& ctx, const Viewer& viewer, std::string_view name);
Result<TagView> UnfollowTag(Context& ctx, const Viewer& viewer, std::string_view name);
// The tags the viewer follows, newest follow first: (row id, name) pages.
std::vector<std::pair<Id, std::string>> FollowedTags(Context& ctx, const Viewer& viewer,
                                                     const store::Page& page);
// The tags the viewer follows, sorted (from its Relations snapshot).
const std::vector<std::string>& FollowedTagNames(Context& ctx, const Viewer& viewer);
bool FollowsTag(Context& ctx, const Viewer& viewer, const std::string& tag);
// Whether anyone follows the tag (a followed tag is known, as a used one is).
bool AnyoneFollowsTag(Context& ctx, const std::string& tag);
// Whether the status is a public original using a tag the viewer follows.
bool HasFollowedTag(Context& ctx, const Viewer& viewer, const store::Status& status);

// The window key of a tag: never an account's id (those are positive).
Id TagWindowKey(const std::string& tag);
// After a status is stored: its id into the loaded windows of its tags
// (public originals only).
void PushTagWindows(Context& ctx, const store::Status& status);
// `slice` of the tag's newest public statuses (loaded from the store when
// not in memory).
std::vector<Id> TagWindow(Context& ctx, const std::string& tag, const timeline::Slice& slice);

}  // namespace piaf::service
