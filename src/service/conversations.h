// Direct conversations (Mastodon's /api/v1/conversations and the `direct`
// stream), as Mastodon's AccountConversation keeps them: each participant of
// a direct status (its author and the accounts it mentions that may see it
// and neither block nor mute the author, those who get its mention) has a
// conversation per thread and set of other participants, which the status
// joins; unread for those it reached, read for its author. Each change is
// sent as a `conversation` event to the participant's `direct` streams.
#pragma once

#include <optional>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

struct ConversationView {
  store::Conversation conversation;
  std::vector<AccountView> accounts;  // the others; the viewer when there are none
  std::optional<StatusView> last_status;
};

// After a direct status is committed (PostStatus): into the conversations
// of its author and of `reached`, the mentioned accounts its mention
// notified (not those whose policy filtered or dropped it), then on their
// streams.
void AddToConversations(Context& ctx, const store::Status& status, const std::vector<Id>& reached);
// A direct status deleted: out of its participants' conversations.
void RemoveFromConversations(Context& ctx, const store::Status& status);

// The viewer's conversations, newest activity first, paged by their last
// status's id.
std::vector<ConversationView> ListConversations(Context& ctx, const Viewer& viewer,
                                                const store::Page& page);
Result<ConversationView> MarkConversationRead(Context& ctx, const Viewer& viewer, Id id);
// Removes it for the viewer only; not found when it is not the viewer's.
core::Status RemoveConversation(Context& ctx, const Viewer& viewer, Id id);

}  // namespace piaf::service
