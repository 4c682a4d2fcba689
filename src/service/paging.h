// Filling a page when some rows are filtered out after reading (invisible
// statuses, unwanted notification types): read more batches, keep the rows
// `convert` accepts. Internal to service/.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "store/store.h"

namespace piaf::service {

// `fetch(page)` returns rows newest first (each with an `id`), as the store
// does; `convert(row)` returns an optional view. With min_id, the page is the
// oldest `limit` accepted rows after it; otherwise the newest before max_id.
// The result is newest first. Reads at most five batches (of 40 rows or more).
template <typename Fetch, typename Convert>
auto FillPage(const store::Page& page, Fetch fetch, Convert convert) {
  using Row = typename decltype(fetch(page))::value_type;
  using View = typename decltype(convert(std::declval<const Row&>()))::value_type;
  std::vector<std::pair<core::Id, View>> kept;
  auto take = [&](const Row& row) {
    if (static_cast<int>(kept.size()) >= page.limit) return;
    if (auto v = convert(row)) kept.emplace_back(row.id, std::move(*v));
  };
  store::Page batch_page = page;
  batch_page.limit = std::max(page.limit, 40);  // rows are read 40 at least at a time
  for (int round = 0; round < 5 && static_cast<int>(kept.size()) < page.limit; ++round) {
    auto batch = fetch(batch_page);
    if (batch.empty()) break;
    if (page.min_id) {
      std::for_each(batch.rbegin(), batch.rend(), take);  // oldest first
      batch_page.min_id = batch.front().id;
    } else {
      std::for_each(batch.begin(), batch.end(), take);
      batch_page.max_id = batch.back().id;
    }
    if (static_cast<int>(batch.size()) < batch_page.limit) break;
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<View> out;
  for (auto& [id, view] : kept) out.push_back(std::move(view));
  return out;
}

}  // namespace piaf::service
