// IdRing: a capped list of status ids, newest first, in one allocation.
//
// Design note: home timelines and author windows are kept for up to millions
// of accounts, most of them short (an author with ten statuses). A deque
// costs over 500 bytes even when nearly empty; the ring costs its ids plus 16
// bytes, grows by an eighth up to its cap, and pushes a new newest id at the
// front in constant time (dropping the oldest once full). Inserts elsewhere
// (an id older than the newest: rare) shift the ids after it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/id.h"

namespace piaf::timeline {

using core::Id;

class IdRing {
 public:
  IdRing() = default;
  // `ids` newest first; the first `cap` are kept.
  IdRing(const std::vector<Id>& ids, std::size_t cap);

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Id operator[](std::size_t i) const { return buf_[Slot(i)]; }
  Id front() const { return (*this)[0]; }

  // Inserts `id` in order (nothing if present); past `cap` ids, the oldest is
  // dropped.
  void Insert(Id id, std::size_t cap);
  // Removes `id`; returns whether it was there.
  bool Erase(Id id);
  bool Contains(Id id) const { return Find(id) < size_; }
  std::vector<Id> ToVector() const;
  // Up to `count` ids older than `below` (from the newest when unset) and
  // newer than `above` (when set).
  std::vector<Id> Slice(std::optional<Id> below, std::size_t count,
                        std::optional<Id> above = std::nullopt) const;

 private:
  std::size_t Slot(std::size_t i) const {
    std::size_t s = head_ + i;
    return s >= cap_ ? s - cap_ : s;
  }
  Id& At(std::size_t i) { return buf_[Slot(i)]; }
  // Index of `id` (binary search), or size() when absent.
  std::size_t Find(Id id) const;
  // First index whose id is older than `id`.
  std::size_t LowerBound(Id id) const;
  void Grow(std::size_t cap);

  std::unique_ptr<Id[]> buf_;
  std::uint32_t cap_ = 0;
  std::uint32_t head_ = 0;
  std::uint32_t size_ = 0;
};

}  // namespace piaf::timeline
