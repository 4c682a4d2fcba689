// What the api layer renders: rows from the store with what a viewer sees of
// them (counts, their own favourite/reblog flags). One hydration function per
// entity, so every endpoint shows the same thing.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "service/context.h"

namespace piaf::service {

struct AccountView {
  store::Account account;
  store::AccountCounts counts;
};

struct StatusView {
  store::Status status;
  AccountView author;
  store::StatusCounts counts;
  bool favourited = false;
  bool reblogged = false;
  std::vector<store::Account> mentions;
  std::shared_ptr<StatusView> reblog;  // the original, for a reblog wrapper
  std::optional<std::string> application_name;
};

struct RelationshipView {
  Id id = 0;
  bool following = false;
  bool followed_by = false;
  bool blocking = false;
  bool blocked_by = false;
  bool muting = false;
};

struct NotificationView {
  store::Notification notification;
  AccountView from;
  std::optional<StatusView> status;
};

AccountView ViewAccount(Context& ctx, const store::Account& account);
// nullopt when the status or its author is gone, or the viewer may not see it.
std::optional<StatusView> ViewStatus(Context& ctx, const Viewer& viewer,
                                     const store::Status& status);
std::optional<StatusView> ViewStatusById(Context& ctx, const Viewer& viewer, Id id);

// The one visibility check: may `viewer` see `status`?
bool CanSee(Context& ctx, const Viewer& viewer, const store::Status& status);

// The viewer's relations, loaded once per request (ViewerMemo).
bool Follows(Context& ctx, const Viewer& viewer, Id account);
bool BlockRelated(Context& ctx, const Viewer& viewer, Id account);
bool Mutes(Context& ctx, const Viewer& viewer, Id account);

}  // namespace piaf::service
