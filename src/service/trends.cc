#include "service/trends.h"

#include <algorithm>
#include <cmath>

#include "service/distribution.h"
#include "text/char_class.h"

namespace piaf::service {

void LoadTrends(Context& ctx, Id until_id, const std::function<bool()>& stop) {
  if (!ctx.trends) return;
  std::int64_t since =
      ctx.clock.NowMs() - trends::TagTrends::kKeptHours * trends::TagTrends::kHourMs;
  ctx.store.ForEachTagUse(core::MsToId(std::max<std::int64_t>(0, since)), until_id,
                          [&](const store::Store::TagUse& use) {
                            ctx.trends->Record(use.tag, use.account_id, core::IdToMs(use.status_id),
                                               use.language);
                            return !stop || !stop();
                          });
}

std::vector<trends::Trend> TrendingTags(Context& ctx, const Viewer& viewer, int limit, int offset,
                                        const std::string& language, bool network) {
  if (!ctx.trends) return {};
  Settle(ctx);  // the posts already answered are counted
  const std::vector<Id>* among = nullptr;
  if (network) {
    if (!viewer.account_id) return {};
    among = &Following(ctx, viewer);
  }
  auto top =
      ctx.trends->Top(ctx.clock.NowMs(), static_cast<std::size_t>(offset + limit), language, among);
  top.erase(top.begin(), top.begin() + std::min<std::size_t>(offset, top.size()));
  return top;
}

Result<std::string> FindTag(Context& ctx, std::string_view name) {
  std::string lower = text::LowerCase(name);
  if (lower.empty() || !ctx.store.TagInUse(lower)) return core::NotFound();
  return lower;
}

std::vector<trends::Day> TagHistory(Context& ctx, const std::string& tag) {
  if (!ctx.trends) return {};
  Settle(ctx);
  return ctx.trends->History(tag, ctx.clock.NowMs());
}

std::vector<StatusView> TrendingStatuses(Context& ctx, const Viewer& viewer, int limit,
                                         int offset) {
  std::int64_t now = ctx.clock.NowMs();
  store::Page page;
  page.limit = 400;
  page.min_id = core::MsToId(now - 48 * trends::TagTrends::kHourMs);
  std::vector<std::pair<double, std::shared_ptr<const StatusSnapshot>>> scored;
  for (const auto& s : ctx.store.ListPublicStatuses(page)) {
    auto snap = ctx.snapshots.Status(s.id);
    if (!snap) continue;
    double interactions = static_cast<double>(snap->counts.reblogs + snap->counts.favourites);
    if (interactions <= 0) continue;
    double age_hours = static_cast<double>(now - core::IdToMs(s.id)) / trends::TagTrends::kHourMs;
    scored.emplace_back(interactions * std::pow(0.5, std::max(0.0, age_hours) / 6), snap);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<StatusView> out;
  int skipped = 0;
  for (auto& [score, snap] : scored) {
    if (static_cast<int>(out.size()) >= limit) break;
    auto v = ViewStatus(ctx, viewer, snap);
    if (!v || HiddenByMute(ctx, viewer, *v)) continue;
    if (skipped++ < offset) continue;
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace piaf::service
