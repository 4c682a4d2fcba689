#include "timeline/memory_timeline_cache.h"

#include <algorithm>
#include <functional>

namespace piaf::timeline {
void MemoryTimelineCache::Bound(Map& map, std::size_t bound) {
  if (map.size() <= bound) return;
  std::vector<std::uint64_t> ticks;
  ticks.reserve(map.size());
  for (const auto& [id, e] : map) ticks.push_back(e.last_read);
  auto middle = ticks.begin() + static_cast<std::ptrdiff_t>(ticks.size() / 4);
  std::nth_element(ticks.begin(), middle, ticks.end());
  std::uint64_t cutoff = *middle;
  boost::unordered::erase_if(map, [&](const auto& kv) { return kv.second.last_read < cutoff; });
}

std::vector<Id> SliceOf(const std::vector<Id>& ids, const Slice& slice) {
  auto begin = ids.begin();
  // The first id older than `below`.
  if (slice.below) begin = std::upper_bound(ids.begin(), ids.end(), *slice.below, std::greater<>());
  auto end = ids.end();
  // The first id not newer than `above`.
  if (slice.above) end = std::partition_point(begin, end, [&](Id id) { return id > *slice.above; });
  auto n = std::min<std::size_t>(slice.count, static_cast<std::size_t>(end - begin));
  return std::vector<Id>(begin, begin + static_cast<std::ptrdiff_t>(n));
}

std::optional<std::vector<Id>> MemoryTimelineCache::Get(Id account, const Slice& slice) {
  std::lock_guard lock(mu_);
  auto it = timelines_.find(account);
  if (it == timelines_.end()) return std::nullopt;
  it->second.last_read = ++tick_;
  return it->second.ids.Slice(slice.below, slice.count, slice.above);
}

std::uint64_t MemoryTimelineCache::Version(Id account) {
  std::lock_guard lock(mu_);
  return Slot(account, false);
}

void MemoryTimelineCache::Load(Id account, std::vector<Id> ids, std::uint64_t version) {
  std::lock_guard lock(mu_);
  if (Slot(account, false) != version) return;
  timelines_[account] = Entry{PackedIds(std::move(ids), kCapacity), ++tick_};
  Bound(timelines_, max_timelines_);
}

void MemoryTimelineCache::Push(const std::vector<Id>& accounts, Id status) {
  std::lock_guard lock(mu_);
  for (Id account : accounts) {
    ++Slot(account, false);
    auto it = timelines_.find(account);
    if (it == timelines_.end()) continue;  // rebuilt from the store when read
    it->second.ids.Insert(status, kCapacity);
  }
}

void MemoryTimelineCache::MarkHeavyAuthor(Id author) {
  std::lock_guard lock(mu_);
  heavy_.insert(author);
}

bool MemoryTimelineCache::IsHeavyAuthor(Id author) {
  std::lock_guard lock(mu_);
  return heavy_.contains(author);
}

std::vector<Id> MemoryTimelineCache::HeavyAuthorsAmong(const std::vector<Id>& accounts) {
  std::vector<Id> out;
  std::lock_guard lock(mu_);
  for (Id a : accounts) {
    if (heavy_.contains(a)) out.push_back(a);
  }
  return out;
}

std::optional<std::vector<Id>> MemoryTimelineCache::GetAuthorWindow(Id author, const Slice& slice) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(author);
  if (it == windows_.end()) return std::nullopt;
  it->second.last_read = ++tick_;
  return it->second.ids.Slice(slice.below, slice.count, slice.above);
}

std::uint64_t MemoryTimelineCache::WindowVersion(Id author) {
  std::lock_guard lock(mu_);
  return Slot(author, true);
}

void MemoryTimelineCache::LoadAuthorWindow(Id author, std::vector<Id> ids, std::uint64_t version) {
  std::lock_guard lock(mu_);
  if (Slot(author, true) != version) return;
  windows_[author] = Entry{PackedIds(std::move(ids), window_capacity_), ++tick_};
  Bound(windows_, max_windows_);
}

void MemoryTimelineCache::PushAuthorWindow(Id author, Id status) {
  std::lock_guard lock(mu_);
  ++Slot(author, true);
  auto it = windows_.find(author);
  if (it != windows_.end()) it->second.ids.Insert(status, window_capacity_);
}

void MemoryTimelineCache::Remove(Id status, Id author, const std::vector<Id>& audience) {
  std::lock_guard lock(mu_);
  // Versions move as for a push: a rebuild that read the store before the
  // delete is not kept.
  for (Id account : audience) {
    ++Slot(account, false);
    auto it = timelines_.find(account);
    if (it != timelines_.end()) it->second.ids.Erase(status);
  }
  ++Slot(author, true);
  // A window that loses an id is dropped: shorter, it would look like all of
  // its author's statuses.
  auto window = windows_.find(author);
  if (window != windows_.end() && window->second.ids.Contains(status)) windows_.erase(window);
}

void MemoryTimelineCache::Drop(Id account) {
  std::lock_guard lock(mu_);
  ++Slot(account, false);
  timelines_.erase(account);
}

std::size_t MemoryTimelineCache::LoadedTimelines() {
  std::lock_guard lock(mu_);
  return timelines_.size();
}

}  // namespace piaf::timeline
