#include "core/id.h"

#include <charconv>
#include <ctime>

namespace piaf::core {

Id IdGenerator::Next() {
  Id candidate = MsToId(clock_.NowMs());
  std::lock_guard lock(mu_);
  last_ = candidate > last_ ? candidate : last_ + 1;
  return last_;
}

void IdGenerator::AtLeast(Id id) {
  std::lock_guard lock(mu_);
  if (id > last_) last_ = id;
}

std::string IdToString(Id id) { return std::to_string(id); }

std::optional<Id> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  Id id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id < 0) return std::nullopt;
  return id;
}

std::string FormatTime(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace piaf::core
