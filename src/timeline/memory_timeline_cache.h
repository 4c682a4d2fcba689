// MemoryTimelineCache: home timelines in memory, each a capped list of ids
// (800, as Twitter kept), newest first.
//
// Design note: a mutex over a map of vectors is enough for the core
// service; the sharded rings and hybrid fan-out of the speed issue replace it
// behind the same interface.
#pragma once

#include <mutex>
#include <optional>
#include <unordered_map>

#include "timeline/timeline_cache.h"

namespace piaf::timeline {

class MemoryTimelineCache final : public TimelineCache {
 public:
  static constexpr std::size_t kCapacity = 800;

  std::optional<std::vector<Id>> Get(Id account) override;
  void Load(Id account, std::vector<Id> ids) override;
  void Push(const std::vector<Id>& accounts, Id status) override;
  void Remove(Id status) override;
  void Drop(Id account) override;
  void MarkHeavyAuthor(Id author) override;
  bool IsHeavyAuthor(Id author) override;
  std::optional<std::vector<Id>> GetAuthorWindow(Id author) override;
  void LoadAuthorWindow(Id author, std::vector<Id> ids) override;
  void PushAuthorWindow(Id author, Id status) override;

 private:
  std::mutex mu_;
  std::unordered_map<Id, std::vector<Id>> timelines_;
  std::unordered_map<Id, std::optional<std::vector<Id>>> heavy_;  // author -> window
};

}  // namespace piaf::timeline
