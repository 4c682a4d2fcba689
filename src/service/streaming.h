// Publishing to the streaming API: after a verb commits, the events it causes
// go to the open streams that may see them. Each event is rendered once (by
// the api's renderers, installed here at start) and shared by its recipients;
// who receives it is decided per subscriber with the same checks as the
// timelines (the one visibility check, blocks, mutes, what enters a home).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "service/views.h"
#include "stream/bus.h"

namespace piaf::service {

struct ConversationView;  // service/conversations.h

struct Streaming {
  stream::Bus bus;
  // Installed by the api layer: a status and a notification as JSON, for
  // everyone (no viewer's flags).
  std::function<std::string(const StatusView&)> render_status;
  std::function<std::string(const NotificationView&)> render_notification;
  // A Conversation as its participant sees it (service/conversations.h).
  std::function<std::string(const ConversationView&)> render_conversation;
};

// A committed status (or reblog): `update` on the user streams whose home it
// enters, and when public, on the public and hashtag streams (`event`:
// `status.update` for an edited one).
void PublishStatus(Context& ctx, const std::shared_ptr<const StatusSnapshot>& status,
                   const char* event = "update");
// A status about to be deleted: `delete` wherever its `update` went.
void PublishDelete(Context& ctx, const store::Status& status);
// A committed notification: on its recipient's user and user:notification streams.
void PublishNotification(Context& ctx, const store::Notification& notification);

// Where a stream's subscriber may listen: user streams need the viewer's own
// account. Hashtag stream keys use the tags' lower-casing.
stream::StreamName MakeStreamName(std::string name, std::string tag);

}  // namespace piaf::service
