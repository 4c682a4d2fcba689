#include "service/notification_policy.h"

namespace piaf::service {
namespace {

constexpr std::int64_t kNewAccountMs = 30LL * 24 * 3600 * 1000;

PolicyVerdict Verdict(const std::string& v) {
  if (v == "drop") return PolicyVerdict::kDrop;
  if (v == "filter") return PolicyVerdict::kFilter;
  return PolicyVerdict::kAccept;
}

bool Valid(const std::optional<std::string>& v) {
  return !v || *v == "accept" || *v == "filter" || *v == "drop";
}

std::optional<NotificationRequestView> View(Context& ctx, const Viewer& viewer,
                                            const store::NotificationRequest& r) {
  auto account = ViewAccount(ctx, r.from_account_id);
  if (!account || account->account().suspended) return std::nullopt;
  NotificationRequestView v{r, std::move(*account), std::nullopt};
  if (r.last_status_id) v.last_status = ViewStatusById(ctx, viewer, *r.last_status_id);
  return v;
}

}  // namespace

PolicyVerdict JudgeMention(Context& ctx, Id recipient, const store::Status& status) {
  auto p = ctx.store.GetNotificationPolicy(recipient);
  if (p == store::NotificationPolicy{}) return PolicyVerdict::kAccept;  // nearly everyone
  Id from = status.account_id;
  Viewer to{recipient, "", 0};
  bool following = Follows(ctx, to, from);
  bool follower = ctx.store.IsFollowing(from, recipient);
  bool young = ctx.clock.NowMs() - core::IdToMs(from) < kNewAccountMs;
  bool answers = status.in_reply_to_account_id == recipient;
  bool private_mention = status.visibility == store::Visibility::kDirect && !following && !answers;
  PolicyVerdict worst = PolicyVerdict::kAccept;
  auto consider = [&](bool applies, const std::string& what) {
    if (applies) worst = std::max(worst, Verdict(what));
  };
  consider(!following, p.for_not_following);
  consider(!follower, p.for_not_followers);
  consider(young, p.for_new_accounts);
  consider(private_mention, p.for_private_mentions);
  return worst;
}

PolicyView GetNotificationPolicy(Context& ctx, const Viewer& viewer) {
  PolicyView v;
  if (!viewer.account_id) return v;
  v.policy = ctx.store.GetNotificationPolicy(*viewer.account_id);
  store::Page all;
  all.limit = 1000;
  v.pending_requests =
      static_cast<std::int64_t>(ctx.store.ListNotificationRequests(*viewer.account_id, all).size());
  v.pending_notifications = ctx.store.CountFilteredNotifications(*viewer.account_id);
  return v;
}

Result<PolicyView> UpdateNotificationPolicy(Context& ctx, const Viewer& viewer,
                                            const PolicyInput& in) {
  if (!viewer.account_id) return core::Forbidden();
  for (const auto* v : {&in.for_not_following, &in.for_not_followers, &in.for_new_accounts,
                        &in.for_private_mentions, &in.for_limited_accounts}) {
    if (!Valid(*v)) {
      return core::Error{core::ErrorCode::kUnprocessable, "'" + **v + "' is not a valid policy",
                         ""};
    }
  }
  auto p = ctx.store.GetNotificationPolicy(*viewer.account_id);
  if (in.for_not_following) p.for_not_following = *in.for_not_following;
  if (in.for_not_followers) p.for_not_followers = *in.for_not_followers;
  if (in.for_new_accounts) p.for_new_accounts = *in.for_new_accounts;
  if (in.for_private_mentions) p.for_private_mentions = *in.for_private_mentions;
  if (in.for_limited_accounts) p.for_limited_accounts = *in.for_limited_accounts;
  ctx.store.PutNotificationPolicy(*viewer.account_id, p);
  return GetNotificationPolicy(ctx, viewer);
}

std::vector<NotificationRequestView> ListNotificationRequests(Context& ctx, const Viewer& viewer,
                                                              const store::Page& page) {
  std::vector<NotificationRequestView> out;
  if (!viewer.account_id) return out;
  for (const auto& r : ctx.store.ListNotificationRequests(*viewer.account_id, page)) {
    if (auto v = View(ctx, viewer, r)) out.push_back(std::move(*v));
  }
  return out;
}

Result<NotificationRequestView> GetNotificationRequest(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::NotFound();
  auto r = ctx.store.GetNotificationRequest(*viewer.account_id, id);
  if (!r) return core::NotFound();
  auto v = View(ctx, viewer, *r);
  if (!v) return core::NotFound();
  return *v;
}

core::Status CloseNotificationRequest(Context& ctx, const Viewer& viewer, Id id, bool accept) {
  if (!viewer.account_id || !ctx.store.CloseNotificationRequest(*viewer.account_id, id, accept)) {
    return core::NotFound();
  }
  return core::Ok();
}

Result<std::vector<NotificationView>> ListRequestNotifications(Context& ctx, const Viewer& viewer,
                                                               Id id) {
  if (!viewer.account_id) return core::NotFound();
  if (!ctx.store.GetNotificationRequest(*viewer.account_id, id)) return core::NotFound();
  std::vector<NotificationView> out;
  for (const auto& n : ctx.store.ListFilteredNotifications(*viewer.account_id, id)) {
    if (auto v = ViewNotification(ctx, viewer, n)) out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace piaf::service
