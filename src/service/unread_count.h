// How many notifications the viewer has not read (Mastodon's GET
// /api/v1/notifications/unread_count): those newer than its notifications
// marker (service/markers.h), as the list would show them.
#pragma once

#include <string>
#include <vector>

#include "service/views.h"

namespace piaf::service {

struct UnreadCountInput {
  int limit = 100;  // counted up to this many (Mastodon: 100 by default, 1000 at most)
  std::vector<std::string> types, exclude_types;
  std::optional<Id> account_id;  // only those from this account
};

// Notifications newer than the viewer's notifications marker (all of them
// without a marker), visible to it (the list's filters: muted or blocked
// accounts, statuses it may not see), up to `limit`. The viewer has an
// account.
int UnreadNotificationCount(Context& ctx, const Viewer& viewer, const UnreadCountInput& input);

}  // namespace piaf::service
