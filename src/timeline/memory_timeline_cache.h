// MemoryTimelineCache: home timelines and author windows in memory, each a
// capped list of ids (800, as Twitter kept), newest first.
//
// Design note: one mutex over maps of PackedIds (packed_ids.h: delta-encoded,
// since a large community keeps millions of them); a new status is usually
// the newest, so a push is a short memmove at the front. Timelines are
// bounded in number: past `max_timelines`, the least recently read quarter
// is dropped (rebuilt on their next read), and so are author windows.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "timeline/packed_ids.h"
#include "timeline/timeline_cache.h"

namespace piaf::timeline {

class MemoryTimelineCache final : public TimelineCache {
 public:
  static constexpr std::size_t kCapacity = 800;

  // 1,200,000 home timelines: every home of the large profile (a million,
  // packed: about 4 bytes an id, a few hundred ids each, see
  // bench/REPORT.md); one not kept is rebuilt from the author windows.
  // Author windows are all loaded at start (most are short): four million.
  explicit MemoryTimelineCache(std::size_t max_timelines = 1200000,
                               std::size_t window_capacity = kCapacity,
                               std::size_t max_windows = 4000000)
      : max_timelines_(max_timelines),
        max_windows_(max_windows),
        window_capacity_(window_capacity) {}

  std::optional<std::vector<Id>> Get(Id account, const Slice& slice = {}) override;
  std::uint64_t Version(Id account) override;
  void Load(Id account, std::vector<Id> ids, std::uint64_t version) override;
  void Push(const std::vector<Id>& accounts, Id status) override;
  void Remove(Id status, Id author, const std::vector<Id>& audience) override;
  void Drop(Id account) override;
  void MarkHeavyAuthor(Id author) override;
  bool IsHeavyAuthor(Id author) override;
  std::vector<Id> HeavyAuthorsAmong(const std::vector<Id>& accounts) override;
  std::optional<std::vector<Id>> GetAuthorWindow(Id author, const Slice& slice = {}) override;
  std::uint64_t WindowVersion(Id author) override;
  void LoadAuthorWindow(Id author, std::vector<Id> ids, std::uint64_t version) override;
  void PushAuthorWindow(Id author, Id status) override;
  std::size_t WindowCapacity() const override { return window_capacity_; }

  std::size_t LoadedTimelines();

 private:
  struct Entry {
    PackedIds ids;
    std::uint64_t last_read = 0;
  };
  // Open addressing: a push to a follower's home is one probe into the
  // table, not a bucket then a node (a tenth of compose's CPU went to it).
  using Map = boost::unordered_flat_map<Id, Entry>;
  // Drops the least recently read quarter when `map` is over the bound.
  static void Bound(Map& map, std::size_t bound);

  std::size_t max_timelines_;
  std::size_t max_windows_;
  std::size_t window_capacity_;
  std::mutex mu_;
  std::uint64_t tick_ = 0;
  Map timelines_;
  Map windows_;
  boost::unordered_flat_set<Id> heavy_;
  // Change counters, by hashed key (a shared slot only costs a rebuild).
  static constexpr std::size_t kSlots = 4096;
  std::uint64_t& Slot(Id key, bool window) {
    return slots_[(core::MixId(key) * 2 + window) % kSlots];
  }
  std::uint64_t slots_[kSlots] = {};
};

}  // namespace piaf::timeline
