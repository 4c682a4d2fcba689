// Accounts, follows, relationships and notifications.
#include <algorithm>

#include "core/utf8.h"

#include "search/query.h"
#include "service/filters.h"
#include "service/paging.h"
#include "service/streaming.h"
#include "service/verbs.h"

namespace piaf::service {
namespace {

Result<AccountView> Live(Context& ctx, Id id) {
  auto a = ViewAccount(ctx, id);
  if (!a || a->account().suspended) return core::NotFound();
  return *a;
}

// After a follow, unfollow or block between two accounts: their counters
// and relations changed.
void ForgetPair(Context& ctx, const Viewer& viewer, Id a, Id b) {
  ForgetRelations(ctx, viewer, {a, b});
  ctx.snapshots.ForgetAccount(a);
  ctx.snapshots.ForgetAccount(b);
}

}  // namespace

Result<AccountView> GetAccount(Context& ctx, Id id) { return Live(ctx, id); }

Result<AccountView> LookupAccount(Context& ctx, std::string_view acct) {
  if (!acct.empty() && acct[0] == '@') acct.remove_prefix(1);
  auto at = acct.find('@');
  if (at != std::string_view::npos) {
    if (acct.substr(at + 1) != ctx.settings.Domain()) return core::NotFound();
    acct = acct.substr(0, at);
  }
  auto a = ctx.store.GetAccountByUsername(acct);
  if (!a) return core::NotFound();
  return Live(ctx, a->id);
}

std::vector<AccountView> SearchAccounts(Context& ctx, std::string_view query, int limit) {
  std::string_view q = query;
  while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
  while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
  if (!q.empty() && q[0] == '@') q.remove_prefix(1);
  auto at = q.find('@');
  if (at != std::string_view::npos) q = q.substr(0, at);
  std::vector<AccountView> out;
  std::string match = search::MatchExpression(search::ParseQuery(q).words);
  for (const auto& a : ctx.store.SearchAccounts(match, q, limit)) {
    if (auto v = Live(ctx, a.id)) out.push_back(std::move(*v));
  }
  return out;
}

Result<AccountView> UpdateProfile(Context& ctx, const Viewer& viewer,
                                  std::optional<std::string> display_name,
                                  std::optional<std::string> note, std::optional<bool> locked) {
  if (!viewer.account_id) return core::Forbidden();
  auto a = Live(ctx, *viewer.account_id);
  if (!a) return a.error();
  // Mastodon's limits, in characters (code points).
  auto characters = [](const std::string& s) { return core::DecodeUtf8(s).value_or(U"").size(); };
  if (display_name && characters(*display_name) > 30) {
    return core::Unprocessable("Display name is too long (maximum is 30 characters)");
  }
  if (note && characters(*note) > 500) {
    return core::Unprocessable("Note is too long (maximum is 500 characters)");
  }
  Id id = a->account().id;
  ctx.store.UpdateAccountProfile(id, display_name.value_or(a->account().display_name),
                                 note.value_or(a->account().note));
  if (locked && *locked != a->account().locked) {
    ctx.store.SetAccountLocked(id, *locked);
    // Unlocked: the requests waiting are accepted, as Mastodon does.
    if (!*locked) AcceptAllFollowRequests(ctx, viewer);
  }
  ctx.snapshots.ForgetAccount(id);
  return GetAccount(ctx, id);
}

RelationshipView Relationship(Context& ctx, const Viewer& viewer, Id target) {
  RelationshipView r;
  r.id = target;
  if (viewer.account_id) {
    r.following = ctx.store.IsFollowing(*viewer.account_id, target);
    r.followed_by = ctx.store.IsFollowing(target, *viewer.account_id);
    r.blocking = ctx.store.IsBlocking(*viewer.account_id, target);
    r.blocked_by = ctx.store.IsBlocking(target, *viewer.account_id);
    r.muting = ctx.store.IsMuting(*viewer.account_id, target);
    r.requested = !r.following && ctx.store.HasFollowRequest(*viewer.account_id, target);
    r.requested_by = !r.followed_by && ctx.store.HasFollowRequest(target, *viewer.account_id);
  }
  return r;
}

Result<RelationshipView> Block(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  if (target == *viewer.account_id) return core::Unprocessable("You can't block yourself");
  if (ctx.store.PutBlock(ctx.ids.Next(), *viewer.account_id, target)) {
    // A block ends follows and follow requests both ways.
    ctx.store.DeleteFollow(*viewer.account_id, target);
    ctx.store.DeleteFollow(target, *viewer.account_id);
    ctx.store.DeleteFollowRequest(*viewer.account_id, target);
    ctx.store.DeleteFollowRequest(target, *viewer.account_id);
    ForgetPair(ctx, viewer, *viewer.account_id, target);
    ctx.timelines.Drop(*viewer.account_id);
    ctx.timelines.Drop(target);
  }
  return Relationship(ctx, viewer, target);
}

Result<RelationshipView> Unblock(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  if (ctx.store.DeleteBlock(*viewer.account_id, target)) {
    ForgetPair(ctx, viewer, *viewer.account_id, target);
  }
  return Relationship(ctx, viewer, target);
}

Result<RelationshipView> Mute(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  if (target == *viewer.account_id) return core::Unprocessable("You can't mute yourself");
  ctx.store.PutMute(ctx.ids.Next(), *viewer.account_id, target);
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return Relationship(ctx, viewer, target);
}

Result<RelationshipView> Unmute(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  ctx.store.DeleteMute(*viewer.account_id, target);
  ForgetRelations(ctx, viewer, {*viewer.account_id});
  return Relationship(ctx, viewer, target);
}

Result<RelationshipView> Follow(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  if (target == *viewer.account_id) return core::Unprocessable("You can't follow yourself");
  // A block either way forbids the follow (as Mastodon's FollowService):
  // otherwise the blocked account would follow again and, once unblocked,
  // read the blocker's followers-only posts.
  if (ctx.store.IsBlockedEitherWay(*viewer.account_id, target)) return core::Forbidden();
  // A locked account approves its followers: until then the follow is a
  // request, and nothing of its followers-only posts reaches the requester.
  if (t->account().locked && !ctx.store.IsFollowing(*viewer.account_id, target)) {
    if (ctx.store.PutFollowRequest(ctx.ids.Next(), *viewer.account_id, target)) {
      ctx.snapshots.ForgetAccount(target);  // follow_requests_count
      store::Notification n{ctx.ids.Next(), target, *viewer.account_id, "follow_request",
                            std::nullopt};
      ctx.store.PutNotification(n);
      PublishNotification(ctx, n);
    }
    return Relationship(ctx, viewer, target);
  }
  if (ctx.store.PutFollow(ctx.ids.Next(), *viewer.account_id, target)) {
    ForgetPair(ctx, viewer, *viewer.account_id, target);
    ctx.timelines.Drop(*viewer.account_id);  // rebuilt with the new author on the next read
    store::Notification n{ctx.ids.Next(), target, *viewer.account_id, "follow", std::nullopt};
    ctx.store.PutNotification(n);
    PublishNotification(ctx, n);
  }
  return Relationship(ctx, viewer, target);
}

Result<RelationshipView> Unfollow(Context& ctx, const Viewer& viewer, Id target) {
  if (!viewer.account_id) return core::Forbidden();
  auto t = Live(ctx, target);
  if (!t) return t.error();
  if (ctx.store.DeleteFollow(*viewer.account_id, target)) {
    ForgetPair(ctx, viewer, *viewer.account_id, target);
    ctx.timelines.Drop(*viewer.account_id);
  }
  // Unfollowing withdraws a request not yet answered.
  if (ctx.store.DeleteFollowRequest(*viewer.account_id, target)) {
    ctx.snapshots.ForgetAccount(target);
  }
  return Relationship(ctx, viewer, target);
}

bool NoteExternalChanges(Context& ctx) {
  if (!ctx.snapshots.Refresh()) return false;
  if (ctx.streaming) {
    for (Id account : ctx.streaming->bus.Accounts()) {
      auto a = ctx.store.GetAccountById(account);
      if (!a || a->suspended) ctx.streaming->bus.EndAccount(account);
    }
  }
  return true;
}

AccountPage Blocks(Context& ctx, const Viewer& viewer, const store::Page& page) {
  if (!viewer.account_id) return {};
  return AccountRows(ctx, ctx.store.ListBlocks(*viewer.account_id, page));
}

AccountPage Mutes(Context& ctx, const Viewer& viewer, const store::Page& page) {
  if (!viewer.account_id) return {};
  return AccountRows(ctx, ctx.store.ListMutes(*viewer.account_id, page));
}

Result<AccountPage> Followers(Context& ctx, Id account, const store::Page& page) {
  auto a = Live(ctx, account);
  if (!a) return a.error();
  return AccountRows(ctx, ctx.store.ListFollowers(account, page));
}

Result<AccountPage> Following(Context& ctx, Id account, const store::Page& page) {
  auto a = Live(ctx, account);
  if (!a) return a.error();
  return AccountRows(ctx, ctx.store.ListFollowing(account, page));
}

std::optional<NotificationView> ViewNotification(Context& ctx, const Viewer& viewer,
                                                 const store::Notification& n) {
  auto from = Live(ctx, n.from_account_id);
  if (!from) return std::nullopt;
  // The notified account is the viewer.
  if (BlockRelated(ctx, viewer, n.from_account_id) || Mutes(ctx, viewer, n.from_account_id)) {
    return std::nullopt;
  }
  NotificationView v{n, std::move(*from), std::nullopt};
  if (n.status_id) {
    v.status = ViewStatusById(ctx, viewer, *n.status_id);
    if (!v.status) return std::nullopt;  // gone or no longer visible
  }
  return v;
}

std::vector<NotificationView> ListNotifications(Context& ctx, const Viewer& viewer,
                                                const store::Page& page,
                                                const std::vector<std::string>& types,
                                                const std::vector<std::string>& exclude_types) {
  std::vector<NotificationView> out;
  if (!viewer.account_id) return out;
  auto wanted = [&](const std::string& type) {
    if (!types.empty() && std::find(types.begin(), types.end(), type) == types.end()) return false;
    return std::find(exclude_types.begin(), exclude_types.end(), type) == exclude_types.end();
  };
  return FillPage(
      page,
      [&](const store::Page& p) { return ctx.store.ListNotifications(*viewer.account_id, p); },
      [&](const store::Notification& n) {
        auto v = wanted(n.type) ? ViewNotification(ctx, viewer, n) : std::nullopt;
        // A status a `hide` filter matches takes its notification with it.
        if (v && v->status &&
            !ApplyFilters(ctx, viewer, FilterContext::kNotifications, *v->status)) {
          return std::optional<NotificationView>();
        }
        return v;
      });
}

Result<NotificationView> GetNotification(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::NotFound();
  auto n = ctx.store.GetNotification(*viewer.account_id, id);
  if (!n) return core::NotFound();
  auto v = ViewNotification(ctx, viewer, *n);
  if (!v) return core::NotFound();
  return *v;
}

void DismissNotification(Context& ctx, const Viewer& viewer, Id id) {
  if (viewer.account_id) ctx.store.DeleteNotification(*viewer.account_id, id);
}

void ClearNotifications(Context& ctx, const Viewer& viewer) {
  if (viewer.account_id) ctx.store.ClearNotifications(*viewer.account_id);
}

}  // namespace piaf::service
