// Grouped notifications (Mastodon 4.3's /api/v2/notifications): favourites
// and reblogs of one status, and follows, within one 12-hour span, make one
// group; every other notification is a group of its own
// ("ungrouped-<id>"). Groups are computed when read from the notifications
// as the v1 list shows them (service/verbs.h ListNotifications' checks): no
// column stores them. Mastodon extends a group for up to 12 hours from its
// first notification; here the span is the 12-hour bucket of the epoch the
// notification falls in (its key's last part), so a key needs no state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

// The types grouped by default (grouped_types absent).
const std::vector<std::string>& DefaultGroupedTypes();
std::string GroupKey(const store::Notification& n, const std::vector<std::string>& grouped_types);

struct NotificationGroupView {
  std::string group_key;
  std::string type;
  std::int64_t notifications_count = 0;
  Id most_recent_id = 0, page_min_id = 0, page_max_id = 0;
  std::vector<AccountView> sample_accounts;  // 8 at most, distinct, newest first
  std::optional<StatusView> status;
};

struct GroupedInput {
  store::Page page;  // limit: groups
  std::vector<std::string> types, exclude_types;
  std::vector<std::string> grouped_types = DefaultGroupedTypes();
  std::optional<Id> account_id;  // only those from this account
};
// The newest `limit` groups below max_id (the oldest above min_id), newest
// first; a group holds its notifications within the notifications read.
std::vector<NotificationGroupView> ListNotificationGroups(Context& ctx, const Viewer& viewer,
                                                          const GroupedInput& input);
// One group, all its notifications (among the newest 2,000); not found
// when it has none the viewer may see.
Result<NotificationGroupView> GetNotificationGroup(Context& ctx, const Viewer& viewer,
                                                   const std::string& key);
// Every account of the group, newest first.
Result<std::vector<AccountView>> NotificationGroupAccounts(Context& ctx, const Viewer& viewer,
                                                           const std::string& key);
// Removes the group's notifications (none: nothing happens).
void DismissNotificationGroup(Context& ctx, const Viewer& viewer, const std::string& key);
// Groups newer than the notifications marker, up to `limit`.
int UnreadGroupCount(Context& ctx, const Viewer& viewer, const GroupedInput& input);

}  // namespace piaf::service
