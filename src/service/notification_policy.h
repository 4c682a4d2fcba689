// The notification policy (Mastodon 4.3's /api/v2/notifications/policy and
// /api/v1/notifications/requests): an account says how it takes
// notifications from accounts it does not follow, that do not follow it,
// that are new (under 30 days), private mentions from those it does not
// follow (unless they answer it), and limited accounts (none here): accept,
// filter (to a request per account, until accepted or dismissed) or drop.
// Applied to mentions today (the safety work extends it); accept by default,
// so nothing changes for an account that never set it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

enum class PolicyVerdict { kAccept, kFilter, kDrop };
// What the recipient's policy makes of a mention of it in `status`.
PolicyVerdict JudgeMention(Context& ctx, Id recipient, const store::Status& status);

struct PolicyView {
  store::NotificationPolicy policy;
  std::int64_t pending_requests = 0, pending_notifications = 0;
};
PolicyView GetNotificationPolicy(Context& ctx, const Viewer& viewer);
// Each field that is given: accept, filter or drop (422 otherwise).
struct PolicyInput {
  std::optional<std::string> for_not_following, for_not_followers, for_new_accounts,
      for_private_mentions, for_limited_accounts;
};
Result<PolicyView> UpdateNotificationPolicy(Context& ctx, const Viewer& viewer,
                                            const PolicyInput& input);

struct NotificationRequestView {
  store::NotificationRequest request;
  AccountView account;
  std::optional<StatusView> last_status;
};
std::vector<NotificationRequestView> ListNotificationRequests(Context& ctx, const Viewer& viewer,
                                                              const store::Page& page);
Result<NotificationRequestView> GetNotificationRequest(Context& ctx, const Viewer& viewer, Id id);
// Accept: its notifications join the list; dismiss: they go. Not found when
// it is not the viewer's.
core::Status CloseNotificationRequest(Context& ctx, const Viewer& viewer, Id id, bool accept);
// The notifications of a request, as the list shows them.
Result<std::vector<NotificationView>> ListRequestNotifications(Context& ctx, const Viewer& viewer,
                                                               Id id);

}  // namespace piaf::service
