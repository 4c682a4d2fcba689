#include "service/announcements.h"

#include <cctype>

#include "core/utf8.h"
#include "text/html.h"

namespace piaf::service {

Result<store::Announcement> PostAnnouncement(Context& ctx, const AnnouncementInput& input) {
  auto text = core::DecodeUtf8(input.text);
  if (!text) return core::Unprocessable("Text must be UTF-8");
  if (input.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return core::Unprocessable("Text can't be blank");
  }
  // Mastodon's rule: an event has a start and an end, or neither.
  if (input.starts_at_ms.has_value() != input.ends_at_ms.has_value()) {
    return core::Unprocessable("Starts at and ends at go together");
  }
  if (input.starts_at_ms && *input.ends_at_ms < *input.starts_at_ms) {
    return core::Unprocessable("Ends at must not be before starts at");
  }
  store::Announcement a;
  a.id = ctx.ids.Next();
  a.text = input.text;
  // Escaped, paragraphs at blank lines, <br /> at line breaks; nothing is
  // linked (mentions, tags and statuses stay empty in the entity).
  a.content = text::RenderHtml(*text, text::Entities{}, text::LinkTargets{});
  a.starts_at_ms = input.starts_at_ms;
  a.ends_at_ms = input.ends_at_ms;
  a.all_day = input.all_day && input.starts_at_ms.has_value();
  a.published_at_ms = a.updated_at_ms = ctx.clock.NowMs();
  ctx.store.PutAnnouncement(a);
  return a;
}

std::vector<AnnouncementView> ListAnnouncements(Context& ctx, const Viewer& viewer,
                                                bool with_dismissed) {
  std::vector<AnnouncementView> out;
  if (!viewer.account_id) return out;
  for (auto& [a, dismissed] : ctx.store.ListAnnouncements(*viewer.account_id)) {
    if (dismissed && !with_dismissed) continue;
    out.push_back({std::move(a), dismissed});
  }
  return out;
}

core::Status DismissAnnouncement(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id || !ctx.store.DismissAnnouncement(*viewer.account_id, id)) {
    return core::NotFound();
  }
  return core::Ok();
}

namespace {

// Reads `n` digits at `i` into `out`.
bool Digits(std::string_view s, std::size_t& i, int n, int& out) {
  if (i + n > s.size()) return false;
  out = 0;
  for (int k = 0; k < n; ++k, ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
// days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<std::int64_t> ParseIsoTime(std::string_view s) {
  std::size_t i = 0;
  int year, month, day, hour = 0, minute = 0, second = 0, ms = 0;
  if (!Digits(s, i, 4, year) || i >= s.size() || s[i++] != '-' || !Digits(s, i, 2, month) ||
      i >= s.size() || s[i++] != '-' || !Digits(s, i, 2, day)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && LeapYear(year))) {
    return std::nullopt;
  }
  std::int64_t offset_minutes = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    if (!Digits(s, i, 2, hour) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, minute)) {
      return std::nullopt;
    }
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!Digits(s, i, 2, second)) return std::nullopt;
      if (i < s.size() && s[i] == '.') {
        ++i;
        int digits = 0;
        for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits) {
          if (digits < 3) ms = ms * 10 + (s[i] - '0');
        }
        if (digits == 0) return std::nullopt;
        for (; digits < 3; ++digits) ms *= 10;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i++] == '-' ? -1 : 1, oh, om;
      if (!Digits(s, i, 2, oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!Digits(s, i, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    }
    if (i != s.size()) return std::nullopt;
  }
  std::int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                         second - offset_minutes * 60;
  return seconds * 1000 + ms;
}

}  // namespace piaf::service
