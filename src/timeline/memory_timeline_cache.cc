#include "timeline/memory_timeline_cache.h"

#include <algorithm>

namespace piaf::timeline {

std::optional<std::vector<Id>> MemoryTimelineCache::Get(Id account) {
  std::lock_guard lock(mu_);
  auto it = timelines_.find(account);
  if (it == timelines_.end()) return std::nullopt;
  return it->second;
}

void MemoryTimelineCache::Load(Id account, std::vector<Id> ids) {
  if (ids.size() > kCapacity) ids.resize(kCapacity);
  std::lock_guard lock(mu_);
  timelines_[account] = std::move(ids);
}

void MemoryTimelineCache::Push(const std::vector<Id>& accounts, Id status) {
  std::lock_guard lock(mu_);
  for (Id account : accounts) {
    auto it = timelines_.find(account);
    if (it == timelines_.end()) continue;  // rebuilt from the store when read
    auto& ids = it->second;
    // Keep newest first; a status is usually the newest, so this is O(1).
    auto pos = std::upper_bound(ids.begin(), ids.end(), status, std::greater<>());
    if (pos != ids.begin() && *(pos - 1) == status) continue;
    ids.insert(pos, status);
    if (ids.size() > kCapacity) ids.pop_back();
  }
}

void MemoryTimelineCache::Remove(Id status) {
  std::lock_guard lock(mu_);
  for (auto& [account, ids] : timelines_) {
    ids.erase(std::remove(ids.begin(), ids.end(), status), ids.end());
  }
}

void MemoryTimelineCache::Drop(Id account) {
  std::lock_guard lock(mu_);
  timelines_.erase(account);
}

}  // namespace piaf::timeline
