#include "service/unread_count.h"

#include <algorithm>

#include "service/paging.h"

namespace piaf::service {

int UnreadNotificationCount(Context& ctx, const Viewer& viewer, const UnreadCountInput& input) {
  if (!viewer.account_id || input.limit <= 0) return 0;
  store::Page page;
  page.limit = input.limit;
  auto marker = ctx.store.GetMarkers(*viewer.account_id, {"notifications"});
  if (!marker.empty()) page.since_id = marker.front().last_read_id;
  auto wanted = [&](const store::Notification& n) {
    if (!input.types.empty() &&
        std::find(input.types.begin(), input.types.end(), n.type) == input.types.end()) {
      return false;
    }
    if (input.account_id && n.from_account_id != *input.account_id) return false;
    return std::find(input.exclude_types.begin(), input.exclude_types.end(), n.type) ==
           input.exclude_types.end();
  };
  // As the list fills its pages (FillPage): what it would show is counted.
  auto shown = FillPage(
      page,
      [&](const store::Page& p) { return ctx.store.ListNotifications(*viewer.account_id, p); },
      [&](const store::Notification& n) {
        return wanted(n) ? ViewNotification(ctx, viewer, n) : std::nullopt;
      });
  return static_cast<int>(shown.size());
}

}  // namespace piaf::service
