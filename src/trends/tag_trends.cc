#include "trends/tag_trends.h"

#include <algorithm>
#include <set>

namespace piaf::trends {
namespace {

std::int64_t HourOf(std::int64_t ms) { return ms / TagTrends::kHourMs; }

}  // namespace

void TagTrends::Record(const std::string& tag, Id account, std::int64_t at_ms,
                       const std::string& language) {
  std::lock_guard lock(mu_);
  Bucket& b = tags_[tag][HourOf(at_ms)];
  ++b.uses;
  b.users.try_emplace(account, language);
  Prune(HourOf(at_ms));
}

void TagTrends::Prune(std::int64_t now_hour) {
  // At most once an hour: buckets older than 7 days go, and empty tags.
  if (now_hour <= pruned_hour_) return;
  pruned_hour_ = now_hour;
  for (auto it = tags_.begin(); it != tags_.end();) {
    auto& buckets = it->second;
    buckets.erase(buckets.begin(), buckets.lower_bound(now_hour - kKeptHours));
    it = buckets.empty() ? tags_.erase(it) : std::next(it);
  }
}

double TagTrends::Score(const Buckets& buckets, std::int64_t now_hour, const std::string& language,
                        const std::vector<Id>* among) const {
  auto counts = [&](Id account, const std::string& used_in) {
    if (!language.empty() && used_in != language) return false;
    return !among || std::binary_search(among->begin(), among->end(), account);
  };
  // Distinct accounts per 6-hour window, newest window first (window 0 = now).
  constexpr std::int64_t kWindows = 1 + kBaselineHours / kWindowHours;
  std::vector<std::set<Id>> windows(kWindows);
  for (auto it = buckets.lower_bound(now_hour - kWindows * kWindowHours + 1);
       it != buckets.end() && it->first <= now_hour; ++it) {
    std::int64_t w = (now_hour - it->first) / kWindowHours;
    for (const auto& [account, used_in] : it->second.users) {
      if (counts(account, used_in)) windows[w].insert(account);
    }
  }
  double observed = static_cast<double>(windows[0].size());
  if (observed < 2) return 0;
  double past = 0;
  for (std::int64_t w = 1; w < kWindows; ++w) past += static_cast<double>(windows[w].size());
  double expected = std::max(1.0, past / static_cast<double>(kWindows - 1));
  if (observed <= expected) return 0;
  return (observed - expected) * (observed - expected) / expected;
}

std::vector<Day> TagTrends::HistoryOf(const Buckets& buckets, std::int64_t now_ms) const {
  constexpr std::int64_t kDayMs = 24 * kHourMs;
  std::int64_t today = now_ms / kDayMs;
  std::vector<Day> days;
  for (std::int64_t d = today; d > today - 7; --d) {
    Day day;
    day.day = d * 24 * 3600;
    std::set<Id> accounts;
    for (auto it = buckets.lower_bound(d * 24); it != buckets.end() && it->first < (d + 1) * 24;
         ++it) {
      day.uses += it->second.uses;
      for (const auto& [account, used_in] : it->second.users) accounts.insert(account);
    }
    day.accounts = static_cast<std::int64_t>(accounts.size());
    days.push_back(day);
  }
  return days;
}

std::vector<Trend> TagTrends::Top(std::int64_t now_ms, std::size_t limit,
                                  const std::string& language, const std::vector<Id>* among) const {
  std::lock_guard lock(mu_);
  std::vector<Trend> out;
  std::int64_t now_hour = HourOf(now_ms);
  for (const auto& [tag, buckets] : tags_) {
    double score = Score(buckets, now_hour, language, among);
    if (score > 0) out.push_back({tag, score, {}});
  }
  std::sort(out.begin(), out.end(), [](const Trend& a, const Trend& b) {
    return a.score != b.score ? a.score > b.score : a.tag < b.tag;
  });
  if (out.size() > limit) out.resize(limit);
  for (Trend& t : out) t.history = HistoryOf(tags_.at(t.tag), now_ms);
  return out;
}

std::vector<Day> TagTrends::History(const std::string& tag, std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = tags_.find(tag);
  static const Buckets kNone;
  return HistoryOf(it == tags_.end() ? kNone : it->second, now_ms);
}

}  // namespace piaf::trends
