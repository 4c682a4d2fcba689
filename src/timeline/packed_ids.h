// PackedIds: a capped list of status ids, newest first, delta-encoded in one
// allocation.
//
// Design note: home timelines and author windows are kept for up to millions
// of accounts (a home of the large profile holds a few hundred ids), so their
// size is most of the server's memory. Ids are snowflakes (milliseconds << 16
// | sequence, non-negative) and a list is sorted, so each id after the first
// is stored as one LEB128 varint relative to the id before it (newer):
// twice the milliseconds between them when its sequence is zero (the usual
// case), else ((milliseconds << 16 | sequence) << 1) | 1. A day apart takes 4
// bytes, a second apart 3, against 8 for a plain id. Reads go from the newest
// (a page is near the front, so a slice decodes a few dozen varints). The
// bytes sit at the end of their allocation, its free bytes ahead of them, so
// a new newest id (a fan-out's insert) writes its varint just ahead of the
// others; only when no room is left ahead are the bytes moved back to the end
// (or a larger allocation made). Moving them at every new newest id was half
// of the fan-out's CPU. The oldest is dropped past the cap by scanning back
// over its varint (the last byte of a varint is the only one without its
// high bit). Inserts and erases elsewhere (rare) re-encode the neighbour.
// A deque cost over 500 bytes even for an author with ten statuses; a list
// costs 32 bytes plus its varints and grows by an eighth.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/id.h"

namespace piaf::timeline {

using core::Id;

class PackedIds {
 public:
  PackedIds() = default;
  // `ids` newest first; the first `cap` are kept (sorted and deduplicated
  // if they are not).
  PackedIds(std::vector<Id> ids, std::size_t cap);
  PackedIds(PackedIds&&) noexcept = default;
  PackedIds& operator=(PackedIds&&) noexcept = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Bytes of ids held (for tests and measurements).
  std::size_t bytes() const { return end_ - start_; }

  // Inserts `id` in order (nothing if present); past `cap` ids, the oldest is
  // dropped.
  void Insert(Id id, std::size_t cap);
  // Removes `id`; returns whether it was there.
  bool Erase(Id id);
  bool Contains(Id id) const;
  std::vector<Id> ToVector() const;
  // Up to `count` ids older than `below` (from the newest when unset) and
  // newer than `above` (when set).
  std::vector<Id> Slice(std::optional<Id> below, std::size_t count,
                        std::optional<Id> above = std::nullopt) const;

 private:
  // Walks the ids from the newest: `id` is the current one, `at` the offset
  // in buf_ of the varint of the next one (end_ past the last).
  struct Cursor {
    Id id;
    std::uint32_t at;
  };
  Cursor First() const { return {front_, start_}; }
  bool Next(Cursor& c) const;
  // The position of the first id not newer than `id`: `c` is there (or at
  // the end), `prev` at the id before it (when there is one), `index` its
  // rank.
  struct Found {
    Cursor c;
    Cursor prev;
    std::size_t index;
    bool at_end;
  };
  Found Seek(Id id) const;
  // Replaces bytes [from, to) of buf_ by `with` (of length `n`).
  void Splice(std::uint32_t from, std::uint32_t to, const std::uint8_t* with, std::uint32_t n);
  void DropLast();

  std::unique_ptr<std::uint8_t[]> buf_;
  Id front_ = 0;                // the newest id, when size_ > 0
  std::uint32_t capacity_ = 0;  // of buf_, in bytes
  std::uint32_t start_ = 0;     // the varints are buf_[start_, end_)
  std::uint32_t end_ = 0;
  std::uint32_t size_ = 0;  // ids, the newest included
};

}  // namespace piaf::timeline
