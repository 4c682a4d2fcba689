#include "timeline/packed_ids.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace piaf::timeline {
namespace {

// The varint of `id` after `newer` (newer > id >= 0): see the design note.
std::uint64_t Delta(Id newer, Id id) {
  auto n = static_cast<std::uint64_t>(newer);
  auto i = static_cast<std::uint64_t>(id);
  std::uint64_t ms = (n >> 16) - (i >> 16);
  std::uint64_t seq = i & 0xffff;
  return seq == 0 ? ms << 1 : (((ms << 16) | seq) << 1) | 1;
}

Id Undelta(Id newer, std::uint64_t v) {
  auto ms = static_cast<std::uint64_t>(newer) >> 16;
  std::uint64_t seq = 0;
  if (v & 1) {
    seq = (v >> 1) & 0xffff;
    ms -= v >> 17;
  } else {
    ms -= v >> 1;
  }
  return static_cast<Id>((ms << 16) | seq);
}

// Writes the varint of `v` at `out` (room for 10 bytes); returns its length.
std::uint32_t PutVarint(std::uint64_t v, std::uint8_t* out) {
  std::uint32_t n = 0;
  while (v >= 0x80) {
    out[n++] = static_cast<std::uint8_t>(v | 0x80);
    v >>= 7;
  }
  out[n++] = static_cast<std::uint8_t>(v);
  return n;
}

// The varint of `id` after `newer`, then (when `older` is set) that of
// `*older` after `id`, at `out` (room for 20 bytes); returns their length.
std::uint32_t PutDeltas(Id newer, Id id, std::optional<Id> older, std::uint8_t* out) {
  std::uint32_t n = PutVarint(Delta(newer, id), out);
  if (older) n += PutVarint(Delta(id, *older), out + n);
  return n;
}

}  // namespace

PackedIds::PackedIds(std::vector<Id> ids, std::size_t cap) {
  if (ids.size() > cap) ids.resize(cap);
  if (!std::is_sorted(ids.begin(), ids.end(), std::greater<>())) {
    std::sort(ids.begin(), ids.end(), std::greater<>());
  }
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return;
  std::vector<std::uint8_t> bytes(ids.size() * 10);
  std::uint32_t n = 0;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    n += PutVarint(Delta(ids[i - 1], ids[i]), bytes.data() + n);
  }
  if (n > 0) {
    buf_ = std::make_unique<std::uint8_t[]>(n);
    std::memcpy(buf_.get(), bytes.data(), n);
  }
  front_ = ids[0];
  capacity_ = end_ = n;
  size_ = static_cast<std::uint32_t>(ids.size());
}

bool PackedIds::Next(Cursor& c) const {
  if (c.at >= end_) return false;
  std::uint64_t v = 0;
  int shift = 0;
  std::uint8_t b;
  do {
    b = buf_[c.at++];
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  c.id = Undelta(c.id, v);
  return true;
}

PackedIds::Found PackedIds::Seek(Id id) const {
  Found f{First(), First(), 0, size_ == 0};
  if (f.at_end) return f;
  while (f.c.id > id) {
    f.prev = f.c;
    if (!Next(f.c)) {
      f.at_end = true;
      f.index = size_;
      return f;
    }
    ++f.index;
  }
  return f;
}

void PackedIds::Splice(std::uint32_t from, std::uint32_t to, const std::uint8_t* with,
                       std::uint32_t n) {
  std::uint32_t removed = to - from;
  if (from == start_ && n <= start_ + removed) {
    // At the front (a new newest id, the newest erased): into the room ahead.
    start_ = to - n;
    if (n > 0) std::memcpy(buf_.get() + start_, with, n);
    return;
  }
  if (n <= removed || (from != start_ && end_ - removed + n <= capacity_)) {
    // Elsewhere, with room behind: the older bytes move.
    if (end_ > to) std::memmove(buf_.get() + from + n, buf_.get() + to, end_ - to);
    if (n > 0) std::memcpy(buf_.get() + from, with, n);
    end_ = end_ - removed + n;
    return;
  }
  // Laid out again at the end of the allocation, every free byte ahead. It
  // grows by an eighth (at least 16 bytes) when full: a list loaded at its
  // exact size grows a little as pushes come, not to twice its size.
  std::uint32_t used = end_ - start_ - removed + n;
  std::uint32_t capacity = capacity_;
  if (used > capacity) capacity = std::max(used, capacity_ + std::max(capacity_ / 8, 16u));
  auto buf = std::make_unique<std::uint8_t[]>(capacity);
  std::uint8_t* out = buf.get() + capacity - used;
  if (from > start_) std::memcpy(out, buf_.get() + start_, from - start_);
  out += from - start_;
  if (n > 0) std::memcpy(out, with, n);
  out += n;
  if (end_ > to) std::memcpy(out, buf_.get() + to, end_ - to);
  buf_ = std::move(buf);
  capacity_ = capacity;
  start_ = capacity - used;
  end_ = capacity;
}

void PackedIds::DropLast() {
  // The last varint starts after the previous one's last byte (the only
  // byte of a varint without its high bit) or at the start.
  std::uint32_t i = end_ - 1;
  while (i > start_ && (buf_[i - 1] & 0x80)) --i;
  end_ = i;
  --size_;
}

void PackedIds::Insert(Id id, std::size_t cap) {
  if (cap == 0) return;
  std::uint8_t bytes[20];
  if (size_ == 0) {
    front_ = id;
    size_ = 1;
    start_ = end_ = capacity_;
    return;
  }
  if (id > front_) {
    Splice(start_, start_, bytes, PutVarint(Delta(id, front_), bytes));
    front_ = id;
  } else {
    Found f = Seek(id);
    if (!f.at_end && f.c.id == id) return;
    if (f.at_end) {
      if (size_ >= cap) return;  // older than every id kept
      Splice(end_, end_, bytes, PutVarint(Delta(f.prev.id, id), bytes));
    } else {
      // Between prev and c (index >= 1: id is older than the newest).
      Splice(f.prev.at, f.c.at, bytes, PutDeltas(f.prev.id, id, f.c.id, bytes));
    }
  }
  ++size_;
  if (size_ > cap) DropLast();
}

bool PackedIds::Erase(Id id) {
  if (size_ == 0 || id > front_) return false;
  if (id == front_) {
    Cursor second = First();
    if (!Next(second)) {
      size_ = 0;
      start_ = end_ = capacity_;
      return true;
    }
    Splice(start_, second.at, nullptr, 0);
    front_ = second.id;
    --size_;
    return true;
  }
  Found f = Seek(id);
  if (f.at_end || f.c.id != id) return false;
  Cursor older = f.c;
  if (Next(older)) {
    std::uint8_t bytes[20];
    Splice(f.prev.at, older.at, bytes, PutVarint(Delta(f.prev.id, older.id), bytes));
  } else {
    Splice(f.prev.at, f.c.at, nullptr, 0);  // the oldest
  }
  --size_;
  return true;
}

bool PackedIds::Contains(Id id) const {
  if (size_ == 0 || id > front_) return false;
  Found f = Seek(id);
  return !f.at_end && f.c.id == id;
}

std::vector<Id> PackedIds::ToVector() const {
  std::vector<Id> out;
  out.reserve(size_);
  if (size_ == 0) return out;
  Cursor c = First();
  do {
    out.push_back(c.id);
  } while (Next(c));
  return out;
}

std::vector<Id> PackedIds::Slice(std::optional<Id> below, std::size_t count,
                                 std::optional<Id> above) const {
  std::vector<Id> out;
  if (size_ == 0 || count == 0) return out;
  Cursor c = First();
  if (below) {
    while (c.id >= *below) {
      if (!Next(c)) return out;
    }
  }
  out.reserve(std::min<std::size_t>(count, size_));
  do {
    if (above && c.id <= *above) break;
    out.push_back(c.id);
  } while (out.size() < count && Next(c));
  return out;
}

}  // namespace piaf::timeline
