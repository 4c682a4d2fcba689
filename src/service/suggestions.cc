#include "service/suggestions.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

namespace piaf::service {
namespace {

constexpr std::size_t kMaxFamiliarIds = 100;

std::optional<AccountView> Live(Context& ctx, Id id) {
  auto a = ViewAccount(ctx, id);
  if (!a || a->account().suspended) return std::nullopt;
  return a;
}

}  // namespace

std::vector<FamiliarFollowers> FamiliarFollowersOf(Context& ctx, const Viewer& viewer,
                                                   const std::vector<Id>& ids) {
  std::vector<FamiliarFollowers> out;
  const std::vector<Id>& following = Following(ctx, viewer);  // sorted
  for (Id id : ids) {
    if (out.size() >= kMaxFamiliarIds) break;
    bool seen = std::any_of(out.begin(), out.end(), [&](const auto& f) { return f.id == id; });
    if (seen || !Live(ctx, id)) continue;
    auto followers = ctx.snapshots.FollowersOf(id);  // sorted
    std::vector<Id> both;
    std::set_intersection(following.begin(), following.end(), followers->begin(), followers->end(),
                          std::back_inserter(both));
    FamiliarFollowers f{id, {}};
    for (Id a : both) {
      if (auto v = Live(ctx, a)) f.accounts.push_back(std::move(*v));
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<AccountView> SuggestAccounts(Context& ctx, const Viewer& viewer, int limit) {
  std::vector<AccountView> out;
  if (!viewer.account_id || limit <= 0) return out;
  const Id me = *viewer.account_id;
  const std::vector<Id>& following = Following(ctx, viewer);
  std::unordered_map<Id, int> followed_by;  // candidate -> how many of the viewer's follows
  ctx.store.ReadTogether([&] {
    std::size_t n = std::min(following.size(), kSuggestionSources);
    for (std::size_t i = 0; i < n; ++i) {
      for (Id target : ctx.store.ListFollowingIds(following[i])) ++followed_by[target];
    }
  });
  std::vector<std::pair<Id, int>> ranked(followed_by.begin(), followed_by.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (auto [id, count] : ranked) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (id == me || Follows(ctx, viewer, id) || BlockRelated(ctx, viewer, id) ||
        Mutes(ctx, viewer, id) || ctx.store.IsMuting(id, me)) {
      continue;
    }
    if (auto v = Live(ctx, id)) out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace piaf::service
