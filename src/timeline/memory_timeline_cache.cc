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

namespace {

// Inserts into ids kept newest first and capped; a new status is usually the
// newest, so this is O(1) in practice.
void InsertNewestFirst(std::vector<Id>& ids, Id status, std::size_t capacity) {
  auto pos = std::upper_bound(ids.begin(), ids.end(), status, std::greater<>());
  if (pos != ids.begin() && *(pos - 1) == status) return;
  ids.insert(pos, status);
  if (ids.size() > capacity) ids.pop_back();
}

}  // namespace

void MemoryTimelineCache::Push(const std::vector<Id>& accounts, Id status) {
  std::lock_guard lock(mu_);
  for (Id account : accounts) {
    auto it = timelines_.find(account);
    if (it == timelines_.end()) continue;  // rebuilt from the store when read
    InsertNewestFirst(it->second, status, kCapacity);
  }
}

void MemoryTimelineCache::MarkHeavyAuthor(Id author) {
  std::lock_guard lock(mu_);
  heavy_.try_emplace(author);
}

bool MemoryTimelineCache::IsHeavyAuthor(Id author) {
  std::lock_guard lock(mu_);
  return heavy_.contains(author);
}

std::optional<std::vector<Id>> MemoryTimelineCache::GetAuthorWindow(Id author) {
  std::lock_guard lock(mu_);
  auto it = heavy_.find(author);
  if (it == heavy_.end()) return std::nullopt;
  return it->second;
}

void MemoryTimelineCache::LoadAuthorWindow(Id author, std::vector<Id> ids) {
  if (ids.size() > kCapacity) ids.resize(kCapacity);
  std::lock_guard lock(mu_);
  heavy_[author] = std::move(ids);
}

void MemoryTimelineCache::PushAuthorWindow(Id author, Id status) {
  std::lock_guard lock(mu_);
  auto it = heavy_.find(author);
  if (it != heavy_.end() && it->second) InsertNewestFirst(*it->second, status, kCapacity);
}

void MemoryTimelineCache::Remove(Id status) {
  std::lock_guard lock(mu_);
  for (auto& [account, ids] : timelines_) {
    ids.erase(std::remove(ids.begin(), ids.end(), status), ids.end());
  }
  for (auto& [author, window] : heavy_) {
    if (window) window->erase(std::remove(window->begin(), window->end(), status), window->end());
  }
}

void MemoryTimelineCache::Drop(Id account) {
  std::lock_guard lock(mu_);
  timelines_.erase(account);
}

}  // namespace piaf::timeline
