#include "service/conversations.h"

#include <algorithm>

#include "service/streaming.h"

namespace piaf::service {
namespace {

// The first status of the thread `status` belongs to (Mastodon's
// conversation_id), up through the parents still there.
Id ThreadRoot(Context& ctx, const store::Status& status) {
  Id root = status.id;
  std::optional<Id> parent = status.in_reply_to_id;
  for (int depth = 0; parent && depth < 10000; ++depth) {
    auto p = ctx.snapshots.Status(*parent);
    if (!p) break;
    root = p->status.id;
    parent = p->status.in_reply_to_id;
  }
  return root;
}

std::optional<ConversationView> View(Context& ctx, const Viewer& viewer,
                                     const store::Conversation& c) {
  ConversationView v{c, {}, std::nullopt};
  for (Id a : c.participants) {
    if (auto account = ViewAccount(ctx, a); account && !account->account().suspended) {
      v.accounts.push_back(std::move(*account));
    }
  }
  if (v.accounts.empty()) {
    if (auto self = ViewAccount(ctx, c.account_id)) v.accounts.push_back(std::move(*self));
  }
  // The newest of its statuses the viewer may still see.
  for (auto it = c.status_ids.rbegin(); it != c.status_ids.rend() && !v.last_status; ++it) {
    v.last_status = ViewStatusById(ctx, viewer, *it);
  }
  return v;
}

void Publish(Context& ctx, const store::Conversation& c) {
  if (!ctx.streaming || !ctx.streaming->render_conversation) return;
  std::optional<stream::Event> event;
  Viewer viewer{c.account_id, "", 0};
  for (const auto& l : ctx.streaming->bus.Listeners("direct")) {
    if (l.subscriber->account() != c.account_id) continue;
    if (!event) {
      auto view = View(ctx, viewer, c);
      if (!view) return;
      event.emplace("conversation", ctx.streaming->render_conversation(*view));
    }
    l.subscriber->Deliver(l.stream, *event);
  }
}

// Who takes part: the author and the mentioned accounts its mention
// reached (Mastodon adds the status to a recipient's conversation when it
// notifies it) that do not mute the author.
std::vector<Id> Participants(Context& ctx, const store::Status& status,
                             const std::vector<Id>& reached) {
  std::vector<Id> out{status.account_id};
  for (Id m : reached) {
    if (m == status.account_id || Mutes(ctx, Viewer{m, "", 0}, status.account_id)) continue;
    out.push_back(m);
  }
  return out;
}

}  // namespace

void AddToConversations(Context& ctx, const store::Status& status, const std::vector<Id>& reached) {
  if (status.visibility != store::Visibility::kDirect || status.reblog_of_id) return;
  Id root = ThreadRoot(ctx, status);
  std::vector<Id> everyone = status.mentions;
  everyone.push_back(status.account_id);
  std::sort(everyone.begin(), everyone.end());
  everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
  for (Id account : Participants(ctx, status, reached)) {
    std::vector<Id> others;
    for (Id a : everyone) {
      if (a != account) others.push_back(a);
    }
    auto c = ctx.store.AddToConversation(ctx.ids.Next(), account, root, others, status.id,
                                         account != status.account_id);
    Publish(ctx, c);
  }
}

void RemoveFromConversations(Context& ctx, const store::Status& status) {
  if (status.visibility != store::Visibility::kDirect || status.reblog_of_id) return;
  std::vector<Id> accounts = status.mentions;
  accounts.push_back(status.account_id);
  ctx.store.RemoveFromConversations(status.id, accounts);
}

std::vector<ConversationView> ListConversations(Context& ctx, const Viewer& viewer,
                                                const store::Page& page) {
  std::vector<ConversationView> out;
  if (!viewer.account_id) return out;
  for (const auto& c : ctx.store.ListConversations(*viewer.account_id, page)) {
    if (auto v = View(ctx, viewer, c)) out.push_back(std::move(*v));
  }
  return out;
}

Result<ConversationView> MarkConversationRead(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::NotFound();
  if (!ctx.store.MarkConversationRead(*viewer.account_id, id)) return core::NotFound();
  auto c = ctx.store.GetConversation(*viewer.account_id, id);
  if (!c) return core::NotFound();
  auto v = View(ctx, viewer, *c);
  if (!v) return core::NotFound();
  return *v;
}

core::Status RemoveConversation(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id || !ctx.store.DeleteConversation(*viewer.account_id, id)) {
    return core::NotFound();
  }
  return core::Ok();
}

}  // namespace piaf::service
