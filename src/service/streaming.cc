#include "service/streaming.h"

#include "service/filters.h"
#include "service/followed_tags.h"
#include "service/lists.h"
#include "service/verbs.h"
#include "text/char_class.h"

namespace piaf::service {
namespace {

Viewer ViewerOf(const stream::Subscriber& s) { return Viewer{s.account(), "", 0}; }

// May this viewer see this status on a stream? `home`: the user stream, which
// carries what enters the viewer's home timeline.
bool Sees(Context& ctx, const Viewer& viewer, const std::shared_ptr<const StatusSnapshot>& snap,
          bool home) {
  if (home && !InHome(ctx, viewer, *snap)) return false;
  auto view = ViewStatus(ctx, viewer, snap);  // visibility, blocks, suspended authors
  return view && !HiddenByMute(ctx, viewer, *view);
}

// What may enter the viewer's home: its own, a followed account's, a public
// post with a tag it follows.
bool OnUserStream(Context& ctx, const Viewer& viewer, const store::Status& status) {
  Id author = status.account_id;
  return viewer.account_id && (*viewer.account_id == author || Follows(ctx, viewer, author) ||
                               HasFollowedTag(ctx, viewer, status));
}

// The list of a `list` stream, if its subscriber owns it and the status
// enters it.
bool OnListStream(Context& ctx, const stream::Bus::Listener& l, const store::Status& status) {
  auto list = core::ParseId(l.stream.tag);
  if (!list) return false;
  Viewer viewer = ViewerOf(*l.subscriber);
  const ListMembers* members = FindOwnList(ctx, viewer, *list);
  return members && InList(ctx, viewer, *members, status) && CanSee(ctx, viewer, status);
}

// The public and hashtag streams a public status goes to.
std::vector<std::string> PublicKeys(const store::Status& status) {
  std::vector<std::string> keys;
  if (status.visibility != store::Visibility::kPublic || status.reblog_of_id) return keys;
  keys = {"public", "public:local"};
  if (!status.media.empty()) {
    keys.push_back("public:media");
    keys.push_back("public:local:media");
  }
  for (const auto& tag : status.tags) {
    keys.push_back(MakeStreamName("hashtag", tag).key);
    keys.push_back(MakeStreamName("hashtag:local", tag).key);
  }
  return keys;
}

}  // namespace

stream::StreamName MakeStreamName(std::string name, std::string tag) {
  stream::StreamName s{std::move(name), std::move(tag), ""};
  s.key = s.name == "hashtag" || s.name == "hashtag:local" ? s.name + ":" + text::LowerCase(s.tag)
                                                           : s.name;
  return s;
}

void PublishStatus(Context& ctx, const std::shared_ptr<const StatusSnapshot>& snap,
                   const char* event_name) {
  if (!ctx.streaming || !snap) return;
  stream::Bus& bus = ctx.streaming->bus;
  std::optional<stream::Event> event;  // rendered for the first recipient, then shared
  auto deliver = [&](const stream::Bus::Listener& l, FilterContext where) {
    // The subscriber's filters (service/filters.h): most have none.
    StatusView own;
    switch (FilterForStream(ctx, ViewerOf(*l.subscriber), where, snap, own)) {
      case StreamFilter::kHidden:
        return;
      case StreamFilter::kOwn:
        l.subscriber->Deliver(l.stream, stream::Event("update", ctx.streaming->render_status(own)));
        return;
      case StreamFilter::kShared:
        break;
    }
    if (!event) {
      auto view = ViewStatusForAll(ctx, snap);
      if (!view) return;
      event.emplace(event_name, ctx.streaming->render_status(*view));
    }
    l.subscriber->Deliver(l.stream, *event);
  };
  for (const auto& l : bus.Listeners("user")) {
    Viewer viewer = ViewerOf(*l.subscriber);
    if (OnUserStream(ctx, viewer, snap->status) && Sees(ctx, viewer, snap, true)) {
      deliver(l, FilterContext::kHome);
    }
  }
  for (const auto& l : bus.Listeners("list")) {
    if (OnListStream(ctx, l, snap->status) && Sees(ctx, ViewerOf(*l.subscriber), snap, false)) {
      deliver(l, FilterContext::kHome);
    }
  }
  for (const auto& key : PublicKeys(snap->status)) {
    for (const auto& l : bus.Listeners(key)) {
      if (Sees(ctx, ViewerOf(*l.subscriber), snap, false)) deliver(l, FilterContext::kPublic);
    }
  }
}

void PublishDelete(Context& ctx, const store::Status& status) {
  if (!ctx.streaming) return;
  stream::Bus& bus = ctx.streaming->bus;
  stream::Event event("delete", std::to_string(status.id));
  for (const auto& l : bus.Listeners("user")) {
    Viewer viewer = ViewerOf(*l.subscriber);
    if (OnUserStream(ctx, viewer, status) && CanSee(ctx, viewer, status)) {
      l.subscriber->Deliver(l.stream, event);
    }
  }
  for (const auto& l : bus.Listeners("list")) {
    if (OnListStream(ctx, l, status)) l.subscriber->Deliver(l.stream, event);
  }
  for (const auto& key : PublicKeys(status)) {
    for (const auto& l : bus.Listeners(key)) {
      if (CanSee(ctx, ViewerOf(*l.subscriber), status)) l.subscriber->Deliver(l.stream, event);
    }
  }
}

void PublishNotification(Context& ctx, const store::Notification& n) {
  if (!ctx.streaming) return;
  stream::Bus& bus = ctx.streaming->bus;
  std::optional<stream::Event> event;
  Viewer viewer{n.account_id, "", 0};
  for (const char* key : {"user", "user:notification"}) {
    for (const auto& l : bus.Listeners(key)) {
      if (l.subscriber->account() != n.account_id) continue;
      if (!event) {
        auto view = ViewNotification(ctx, viewer, n);
        if (!view) return;  // muted, blocked, or its status not visible
        // Its status matched by a `hide` filter: not shown, as in the list.
        if (view->status &&
            !ApplyFilters(ctx, viewer, FilterContext::kNotifications, *view->status)) {
          return;
        }
        event.emplace("notification", ctx.streaming->render_notification(*view));
      }
      l.subscriber->Deliver(l.stream, *event);
    }
  }
}

}  // namespace piaf::service
