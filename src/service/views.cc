#include "service/views.h"

#include <algorithm>
#include <functional>

namespace piaf::service {

std::string Settings::Domain() const {
  std::string_view url = public_url;
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  auto slash = url.find('/');
  return std::string(url.substr(0, slash));
}

AccountView ViewAccount(Context& ctx, const store::Account& account) {
  return AccountView{account, ctx.store.CountAccount(account.id)};
}

namespace {

using IdSet = std::unordered_set<Id>;

const IdSet& Load(std::optional<IdSet>& slot, const std::function<std::vector<Id>()>& fetch) {
  if (!slot) {
    auto ids = fetch();
    slot.emplace(ids.begin(), ids.end());
  }
  return *slot;
}

// An account and its counters, once per request.
const std::optional<std::pair<store::Account, store::AccountCounts>>& Author(Context& ctx,
                                                                             const Viewer& viewer,
                                                                             Id id) {
  auto& slot = viewer.memo->accounts[id];
  if (!slot) {
    if (auto a = ctx.store.GetAccountById(id)) slot.emplace(*a, ctx.store.CountAccount(id));
  }
  return slot;
}

}  // namespace

bool Follows(Context& ctx, const Viewer& viewer, Id account) {
  if (!viewer.account_id) return false;
  return Load(viewer.memo->following,
              [&] { return ctx.store.ListFollowingIds(*viewer.account_id); })
      .contains(account);
}

bool BlockRelated(Context& ctx, const Viewer& viewer, Id account) {
  if (!viewer.account_id) return false;
  return Load(viewer.memo->block_related,
              [&] { return ctx.store.ListBlockRelatedIds(*viewer.account_id); })
      .contains(account);
}

bool Mutes(Context& ctx, const Viewer& viewer, Id account) {
  if (!viewer.account_id) return false;
  return Load(viewer.memo->muted, [&] { return ctx.store.ListMutedIds(*viewer.account_id); })
      .contains(account);
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

std::optional<StatusView> ViewStatus(Context& ctx, const Viewer& viewer,
                                     const store::Status& status) {
  if (!CanSee(ctx, viewer, status)) return std::nullopt;
  const auto& author = Author(ctx, viewer, status.account_id);
  if (!author || author->first.suspended) return std::nullopt;
  StatusView v;
  v.status = status;
  v.author = AccountView{author->first, author->second};
  if (status.reblog_of_id) {
    auto original = ctx.store.GetStatusById(*status.reblog_of_id);
    if (!original) return std::nullopt;
    auto inner = ViewStatus(ctx, viewer, *original);
    if (!inner) return std::nullopt;
    v.reblog = std::make_shared<StatusView>(std::move(*inner));
    return v;  // a wrapper has no counts, mentions or flags of its own
  }
  v.counts = ctx.store.CountStatus(status.id);
  if (viewer.account_id) {
    auto flags = ctx.store.GetViewerFlags(*viewer.account_id, status.id);
    v.favourited = flags.favourited;
    v.reblogged = flags.reblogged;
  }
  for (Id m : status.mentions) {
    if (const auto& a = Author(ctx, viewer, m)) v.mentions.push_back(a->first);
  }
  if (status.application_id && viewer.account_id == status.account_id) {
    if (auto app = ctx.store.GetAppById(*status.application_id)) v.application_name = app->name;
  }
  return v;
}

std::optional<StatusView> ViewStatusById(Context& ctx, const Viewer& viewer, Id id) {
  auto status = ctx.store.GetStatusById(id);
  if (!status) return std::nullopt;
  return ViewStatus(ctx, viewer, *status);
}

}  // namespace piaf::service
