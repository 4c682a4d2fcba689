// What the api layer renders: rows from the store with what a viewer sees of
// them (counts, their own favourite/reblog flags). One hydration function per
// entity, so every endpoint shows the same thing.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "service/context.h"

namespace piaf::service {

// An account as everyone sees it: a shared snapshot.
struct AccountView {
  std::shared_ptr<const AccountSnapshot> snap;
  const store::Account& account() const { return snap->account; }
  const store::AccountCounts& counts() const { return snap->counts; }
};

// One of the viewer's filters matching a status (a FilterResult): the
// keywords' matched text, the filtered statuses among it and its original.
struct FilterResultView {
  std::shared_ptr<const store::Filter> filter;
  std::vector<std::string> keyword_matches;
  std::vector<Id> status_matches;
};

// A status as one viewer sees it: the shared snapshot (rendered once) and the
// viewer's own flags (from its Relations snapshot, taken once per request).
struct StatusView {
  std::shared_ptr<const StatusSnapshot> snap;
  AccountView author;
  bool favourited = false;
  bool reblogged = false;
  bool bookmarked = false;
  // Its author may pin it (not a reblog, not direct): only then does the
  // entity say whether it is pinned, as Mastodon's does.
  bool pinnable = false;
  bool pinned = false;
  bool own = false;                    // the viewer wrote it (sees the application)
  // Of its poll, if it has one: whether its time is up, and the viewer's
  // votes (Mastodon's `voted` and `own_votes`, only for a signed-in viewer;
  // its author counts as having voted).
  bool poll_expired = false;
  bool poll_viewer = false;
  bool voted = false;
  std::uint32_t own_votes = 0;         // bit i: option i
  std::shared_ptr<StatusView> reblog;  // the original, for a reblog wrapper
  // The viewer's filters that match it in the listing's context
  // (service/filters.h); empty for nearly every status.
  std::vector<FilterResultView> filtered;
  const store::Status& status() const { return snap->status; }
};

// A status as it was deleted, with its text as written (which snapshots do
// not keep), for the answer to DELETE.
struct DeletedStatus {
  StatusView view;
  std::string text;
};

struct RelationshipView {
  Id id = 0;
  bool following = false;
  bool followed_by = false;
  bool blocking = false;
  bool blocked_by = false;
  bool muting = false;
  bool requested = false;     // the viewer asked to follow it (a locked account)
  bool requested_by = false;  // it asked to follow the viewer
};

struct NotificationView {
  store::Notification notification;
  AccountView from;
  std::optional<StatusView> status;
};

// nullopt when the account is gone.
std::optional<AccountView> ViewAccount(Context& ctx, Id id);
// nullopt when the status or its author is gone, or the viewer may not see it.
std::optional<StatusView> ViewStatus(Context& ctx, const Viewer& viewer,
                                     std::shared_ptr<const StatusSnapshot> status);
std::optional<StatusView> ViewStatusById(Context& ctx, const Viewer& viewer, Id id);
// A status the viewer has just created: as ViewStatus, its favourited,
// reblogged, bookmarked and pinned flags false (no one has acted on it yet)
// without a look at the viewer's relations.
std::optional<StatusView> ViewNewStatus(Context& ctx, const Viewer& viewer,
                                        std::shared_ptr<const StatusSnapshot> status);
// A status with no viewer's flags and no visibility check, for an event
// rendered once for all its recipients (each one checked before delivery).
std::optional<StatusView> ViewStatusForAll(Context& ctx,
                                           std::shared_ptr<const StatusSnapshot> status);
// Whether a status enters the viewer's home (given it follows the author or is
// the author): a direct message only if mentioned; not from muted accounts.
bool InHome(Context& ctx, const Viewer& viewer, const StatusSnapshot& snap);
// A notification as its recipient (the viewer) sees it; nullopt when it must
// not be shown (from a muted or blocked account, or its status not visible).
std::optional<NotificationView> ViewNotification(Context& ctx, const Viewer& viewer,
                                                 const store::Notification& n);
// The visible ones of `statuses`, in order.
std::vector<StatusView> ViewStatuses(Context& ctx, const Viewer& viewer,
                                     std::vector<std::shared_ptr<const StatusSnapshot>> statuses);

// The one visibility check: may `viewer` see `status`?
bool CanSee(Context& ctx, const Viewer& viewer, const store::Status& status);

// The viewer's relations (a snapshot, taken once per request).
bool Follows(Context& ctx, const Viewer& viewer, Id account);
const std::vector<Id>& Following(Context& ctx, const Viewer& viewer);  // sorted
bool BlockRelated(Context& ctx, const Viewer& viewer, Id account);
bool Mutes(Context& ctx, const Viewer& viewer, Id account);
// Whether the viewer muted who wrote the status or the original it reblogs
// (never hides the viewer's own).
bool HiddenByMute(Context& ctx, const Viewer& viewer, const StatusView& view);
// After a verb changed the relations (follows, blocks, mutes, favourites,
// reblogs, bookmarks, pins) of these accounts: their snapshots go, and the
// viewer's memo.
void ForgetRelations(Context& ctx, const Viewer& viewer, std::initializer_list<Id> accounts);

}  // namespace piaf::service
