// Snowflake ids: (milliseconds since the Unix epoch << 16) | sequence, as
// Mastodon makes them. They sort by creation time, so every list pages by id,
// and Mastodon.py's datetime-to-id conversion works. Serialized as decimal
// strings.
//
// IdGenerator hands out strictly increasing ids even when the clock stalls or
// goes back (the sequence carries on into the next millisecond). Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace piaf::core {

using Id = std::int64_t;

class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock) : clock_(clock) {}
  Id Next();
  // Never hand out an id at or below `id` (called at start with the store's
  // largest id, so a clock set back cannot reuse ids).
  void AtLeast(Id id);

 private:
  const Clock& clock_;
  std::mutex mu_;
  Id last_ = 0;
};

inline std::int64_t IdToMs(Id id) { return id >> 16; }
inline Id MsToId(std::int64_t ms) { return ms << 16; }

// Ids spread over all 64 bits (the splitmix64 finalizer), for picking shards
// and slots: the low bits of an id are a sequence, often zero.
inline std::uint64_t MixId(Id id) {
  auto x = static_cast<std::uint64_t>(id);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string IdToString(Id id);
// Parses a decimal id; nullopt for anything else (signs, spaces, overflow).
std::optional<Id> ParseId(std::string_view s);

// "2026-11-27T07:44:10.123Z", the format every client parses.
std::string FormatTime(std::int64_t ms);

}  // namespace piaf::core
