// Follow requests: a follow of a locked account waits here until the
// account accepts (then it is a follow) or rejects it.
#include "service/verbs.h"

namespace piaf::service {

AccountPage ListFollowRequests(Context& ctx, const Viewer& viewer, const store::Page& page) {
  if (!viewer.account_id) return {};
  return AccountRows(ctx, ctx.store.ListFollowRequests(*viewer.account_id, page));
}

Result<RelationshipView> AuthorizeFollowRequest(Context& ctx, const Viewer& viewer,
                                                Id requester) {
  if (!viewer.account_id) return core::Forbidden();
  Id me = *viewer.account_id;
  if (!ctx.store.AcceptFollowRequest(ctx.ids.Next(), requester, me)) return core::NotFound();
  // As a follow: both counters, both relation snapshots, and the
  // requester's home (rebuilt with the viewer's posts on its next read).
  ForgetRelations(ctx, viewer, {me, requester});
  ctx.snapshots.ForgetAccount(me);
  ctx.snapshots.ForgetAccount(requester);
  ctx.timelines.Drop(requester);
  return Relationship(ctx, viewer, requester);
}

Result<RelationshipView> RejectFollowRequest(Context& ctx, const Viewer& viewer, Id requester) {
  if (!viewer.account_id) return core::Forbidden();
  if (!ctx.store.DeleteFollowRequest(requester, *viewer.account_id)) return core::NotFound();
  ctx.snapshots.ForgetAccount(*viewer.account_id);
  return Relationship(ctx, viewer, requester);
}

std::int64_t CountFollowRequests(Context& ctx, const Viewer& viewer) {
  return viewer.account_id ? ctx.store.CountFollowRequests(*viewer.account_id) : 0;
}

void AcceptAllFollowRequests(Context& ctx, const Viewer& viewer) {
  if (!viewer.account_id) return;
  store::Page all;
  all.limit = 1 << 30;
  for (auto [row, requester] : ctx.store.ListFollowRequests(*viewer.account_id, all)) {
    AuthorizeFollowRequest(ctx, viewer, requester);
  }
}

}  // namespace piaf::service
