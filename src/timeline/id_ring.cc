#include "timeline/id_ring.h"

#include <algorithm>

namespace piaf::timeline {

IdRing::IdRing(const std::vector<Id>& ids, std::size_t cap) {
  std::size_t n = std::min(ids.size(), cap);
  if (n == 0) return;
  buf_ = std::make_unique<Id[]>(n);
  std::copy_n(ids.begin(), n, buf_.get());
  if (!std::is_sorted(buf_.get(), buf_.get() + n, std::greater<>())) {
    std::sort(buf_.get(), buf_.get() + n, std::greater<>());
  }
  n = static_cast<std::size_t>(std::unique(buf_.get(), buf_.get() + n) - buf_.get());
  cap_ = static_cast<std::uint32_t>(std::min(ids.size(), cap));
  size_ = static_cast<std::uint32_t>(n);
}

std::size_t IdRing::LowerBound(Id id) const {
  std::size_t lo = 0, hi = size_;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if ((*this)[mid] > id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

std::size_t IdRing::Find(Id id) const {
  std::size_t i = LowerBound(id);
  return i < size_ && (*this)[i] == id ? i : size_;
}

void IdRing::Grow(std::size_t cap) {
  auto buf = std::make_unique<Id[]>(cap);
  for (std::size_t i = 0; i < size_; ++i) buf[i] = (*this)[i];
  buf_ = std::move(buf);
  cap_ = static_cast<std::uint32_t>(cap);
  head_ = 0;
}

void IdRing::Insert(Id id, std::size_t cap) {
  if (cap == 0) return;
  std::size_t pos = size_ == 0 || id > front() ? 0 : LowerBound(id);
  if (pos < size_ && (*this)[pos] == id) return;
  if (size_ == cap) {
    if (pos == size_) return;  // older than every id kept
    --size_;                   // the oldest makes room
  } else if (size_ == cap_) {
    // By an eighth (at least 8): a timeline loaded at its exact size grows
    // a little as pushes come, not to twice its size.
    Grow(std::min<std::size_t>(cap_ + std::max<std::size_t>(cap_ / 8, 8), cap));
  }
  if (pos == 0) {
    head_ = head_ == 0 ? cap_ - 1 : head_ - 1;
  } else {
    for (std::size_t i = size_; i > pos; --i) At(i) = At(i - 1);
  }
  ++size_;
  At(pos) = id;
}

bool IdRing::Erase(Id id) {
  std::size_t pos = Find(id);
  if (pos == size_) return false;
  for (std::size_t i = pos; i + 1 < size_; ++i) At(i) = At(i + 1);
  --size_;
  return true;
}

std::vector<Id> IdRing::Slice(std::optional<Id> below, std::size_t count,
                              std::optional<Id> above) const {
  std::size_t begin = 0;
  if (below) {
    begin = LowerBound(*below);  // the first id not newer than `below`
    if (begin < size_ && (*this)[begin] == *below) ++begin;
  }
  std::size_t n = std::min(count, size_ - begin);
  std::vector<Id> out;
  out.reserve(n);
  // A scan, not a search, for `above`: few ids are newer, and each probe of
  // a search into a ring not read lately would be a cache miss.
  for (std::size_t i = begin; i < begin + n; ++i) {
    Id id = (*this)[i];
    if (above && id <= *above) break;
    out.push_back(id);
  }
  return out;
}

std::vector<Id> IdRing::ToVector() const {
  std::vector<Id> out(size_);
  for (std::size_t i = 0; i < size_; ++i) out[i] = (*this)[i];
  return out;
}

}  // namespace piaf::timeline
