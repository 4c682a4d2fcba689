// Trends, read through the service: tags (global, or among the accounts the
// viewer follows), statuses. The counters live in trends::TagTrends, fed by
// PostStatus and rebuilt from the store's last 7 days at start.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/views.h"
#include "trends/tag_trends.h"

namespace piaf::service {

// Counts the public tag uses of the last 7 days in statuses up to
// `until_id` (those posted since the start are counted as they come);
// `stop` ends it early (a server stopping).
void LoadTrends(Context& ctx, Id until_id, const std::function<bool()>& stop = {});

// Trending tags at the clock's now; `network`: among the accounts the viewer
// follows (private to the viewer).
std::vector<trends::Trend> TrendingTags(Context& ctx, const Viewer& viewer, int limit, int offset,
                                        const std::string& language, bool network);
// A tag by its name, however cased: its stored (lower-cased) name, when a
// public or unlisted status uses it; not found otherwise.
Result<std::string> FindTag(Context& ctx, std::string_view name);
// 7 days of a tag's uses (empty days when trends are not kept).
std::vector<trends::Day> TagHistory(Context& ctx, const std::string& tag);
// Public statuses of the last two days with favourites or reblogs, by those
// counts halved every six hours of age; only what the viewer may see.
std::vector<StatusView> TrendingStatuses(Context& ctx, const Viewer& viewer, int limit, int offset);

}  // namespace piaf::service
