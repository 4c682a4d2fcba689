#include "service/views.h"

#include <algorithm>

namespace piaf::service {

std::string Settings::Domain() const {
  std::string_view url = public_url;
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  auto slash = url.find('/');
  return std::string(url.substr(0, slash));
}

std::optional<AccountView> ViewAccount(Context& ctx, Id id) {
  auto snap = ctx.snapshots.Account(id);
  if (!snap) return std::nullopt;
  return AccountView{std::move(snap)};
}

namespace {

const Relations& RelationsOf(Context& ctx, const Viewer& viewer) {
  auto& slot = viewer.memo->relations;
  if (!slot) slot = ctx.snapshots.RelationsOf(*viewer.account_id);
  return *slot;
}

}  // namespace

const std::vector<Id>& Following(Context& ctx, const Viewer& viewer) {
  static const std::vector<Id> kNone;
  return viewer.account_id ? RelationsOf(ctx, viewer).following : kNone;
}

bool Follows(Context& ctx, const Viewer& viewer, Id account) {
  return viewer.account_id && Relations::Has(RelationsOf(ctx, viewer).following, account);
}

bool BlockRelated(Context& ctx, const Viewer& viewer, Id account) {
  return viewer.account_id && Relations::Has(RelationsOf(ctx, viewer).block_related, account);
}

bool Mutes(Context& ctx, const Viewer& viewer, Id account) {
  return viewer.account_id && Relations::Has(RelationsOf(ctx, viewer).muted, account);
}

void ForgetRelations(Context& ctx, const Viewer& viewer, std::initializer_list<Id> accounts) {
  for (Id a : accounts) ctx.snapshots.ForgetRelations(a);
  viewer.memo->Clear();
}

bool HiddenByMute(Context& ctx, const Viewer& viewer, const StatusView& view) {
  auto muted = [&](Id author) { return viewer.account_id != author && Mutes(ctx, viewer, author); };
  return muted(view.status().account_id) ||
         (view.reblog && muted(view.reblog->status().account_id));
}

bool CanSee(Context& ctx, const Viewer& viewer, const store::Status& status) {
  if (viewer.account_id == status.account_id) return true;
  // Blocks hide both ways.
  if (BlockRelated(ctx, viewer, status.account_id)) return false;
  auto mentioned = [&] {
    return viewer.account_id && std::find(status.mentions.begin(), status.mentions.end(),
                                          *viewer.account_id) != status.mentions.end();
  };
  switch (status.visibility) {
    case store::Visibility::kPublic:
    case store::Visibility::kUnlisted:
      return true;
    case store::Visibility::kPrivate:
      return viewer.account_id && (mentioned() || Follows(ctx, viewer, status.account_id));
    case store::Visibility::kDirect:
      return mentioned();
  }
  return false;
}

namespace {

// `fresh`: the status was just created, so no one has favourited,
// reblogged, bookmarked or pinned it yet (its flags are false without a look
// at the viewer's relations, which a poster's request otherwise loads for
// nothing).
std::optional<StatusView> View(Context& ctx, const Viewer& viewer,
                               std::shared_ptr<const StatusSnapshot> snap, bool fresh) {
  if (!snap) return std::nullopt;
  const store::Status& status = snap->status;
  if (!CanSee(ctx, viewer, status)) return std::nullopt;
  auto author = ctx.snapshots.Account(status.account_id);
  if (!author || author->account.suspended) return std::nullopt;
  StatusView v;
  v.author = AccountView{std::move(author)};
  v.own = viewer.account_id == status.account_id;
  if (status.reblog_of_id) {
    auto inner = ViewStatusById(ctx, viewer, *status.reblog_of_id);
    if (!inner) return std::nullopt;
    v.reblog = std::make_shared<StatusView>(std::move(*inner));
    v.snap = std::move(snap);
    return v;  // a wrapper has no counts, mentions or flags of its own
  }
  // Only its author may pin it, and not a direct one (Mastodon's rule).
  v.pinnable = v.own && status.visibility != store::Visibility::kDirect;
  if (viewer.account_id && !fresh) {
    // The request's one Relations snapshot: a status costs a lookup in a
    // few sorted vectors in memory, no read of the store.
    const Relations& mine = RelationsOf(ctx, viewer);
    v.favourited = Relations::Has(mine.favourited, status.id);
    v.reblogged = Relations::Has(mine.reblogged, status.id);
    v.bookmarked = Relations::Has(mine.bookmarked, status.id);
    v.pinned = v.pinnable && Relations::Has(mine.pinned, status.id);
  }
  v.snap = std::move(snap);
  return v;
}

}  // namespace

std::optional<StatusView> ViewStatus(Context& ctx, const Viewer& viewer,
                                     std::shared_ptr<const StatusSnapshot> snap) {
  return View(ctx, viewer, std::move(snap), false);
}

std::optional<StatusView> ViewNewStatus(Context& ctx, const Viewer& viewer,
                                        std::shared_ptr<const StatusSnapshot> snap) {
  return View(ctx, viewer, std::move(snap), true);
}

std::optional<StatusView> ViewStatusForAll(Context& ctx,
                                           std::shared_ptr<const StatusSnapshot> snap) {
  if (!snap) return std::nullopt;
  auto author = ctx.snapshots.Account(snap->status.account_id);
  if (!author || author->account.suspended) return std::nullopt;
  StatusView v;
  v.author = AccountView{std::move(author)};
  if (snap->status.reblog_of_id) {
    auto inner = ViewStatusForAll(ctx, ctx.snapshots.Status(*snap->status.reblog_of_id));
    if (!inner) return std::nullopt;
    v.reblog = std::make_shared<StatusView>(std::move(*inner));
  }
  v.snap = std::move(snap);
  return v;
}

bool InHome(Context& ctx, const Viewer& viewer, const StatusSnapshot& snap) {
  const store::Status& status = snap.status;
  Id me = *viewer.account_id;
  if (status.account_id == me) return true;
  if (status.visibility == store::Visibility::kDirect &&
      std::find(status.mentions.begin(), status.mentions.end(), me) == status.mentions.end()) {
    return false;
  }
  // The members of the viewer's exclusive lists are read in those lists only.
  if (Relations::Has(RelationsOf(ctx, viewer).exclusive_members, status.account_id)) return false;
  return !Mutes(ctx, viewer, status.account_id);
}

std::vector<StatusView> ViewStatuses(Context& ctx, const Viewer& viewer,
                                     std::vector<std::shared_ptr<const StatusSnapshot>> statuses) {
  std::vector<StatusView> out;
  out.reserve(statuses.size());
  for (auto& s : statuses) {
    if (auto v = ViewStatus(ctx, viewer, std::move(s))) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<StatusView> ViewStatusById(Context& ctx, const Viewer& viewer, Id id) {
  return ViewStatus(ctx, viewer, ctx.snapshots.Status(id));
}

}  // namespace piaf::service
