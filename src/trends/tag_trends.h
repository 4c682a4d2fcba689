// Trending tags: velocity, not volume. Each use of a tag in a public status
// is recorded in hourly buckets (kept 7 days) with the account that used it.
// A tag's score compares the distinct accounts using it in the last 6 hours
// (observed) with its own baseline, the average distinct accounts per 6 hours
// over the 3 days before (expected, at least 1):
//   score = (observed - expected)^2 / expected   when observed > expected,
// else 0, and a tag needs at least 2 accounts now. So a burst of new voices
// rises above a tag that is always busy, one account repeating a tag cannot
// make it trend, and a burst fades as it leaves the window and enters the
// baseline. The same score restricted to a set of accounts (those a viewer
// follows) gives the viewer's network trends.
//
// Plain C++, no I/O: time is passed in (the clock seam), so tests drive it.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/id.h"

namespace piaf::trends {

using core::Id;

struct Day {
  std::int64_t day = 0;  // unix seconds of the UTC midnight
  std::int64_t uses = 0, accounts = 0;
};

struct Trend {
  std::string tag;
  double score = 0;
  std::vector<Day> history;  // 7 days, newest first
};

class TagTrends {
 public:
  static constexpr std::int64_t kHourMs = 3600 * 1000;
  static constexpr std::int64_t kWindowHours = 6;
  static constexpr std::int64_t kBaselineHours = 72;
  static constexpr std::int64_t kKeptHours = 7 * 24;

  // A public status with `tag` (lower-cased) by `account` at `at_ms`.
  void Record(const std::string& tag, Id account, std::int64_t at_ms,
              const std::string& language = "");

  // The tags trending at `now_ms`, best first. `language`: only uses in that
  // language count (empty: all). `among`: only these accounts count (sorted;
  // null: everyone).
  std::vector<Trend> Top(std::int64_t now_ms, std::size_t limit, const std::string& language = "",
                         const std::vector<Id>* among = nullptr) const;

  // A tag's 7 days of uses and distinct accounts, newest first.
  std::vector<Day> History(const std::string& tag, std::int64_t now_ms) const;

 private:
  struct Bucket {
    std::int64_t uses = 0;
    // Distinct accounts, each with the first language seen: a table, since
    // a busy tag has tens of thousands an hour (a scan of them was a tenth of
    // a post's CPU on the large profile).
    boost::unordered_flat_map<Id, std::string> users;
  };
  using Buckets = std::map<std::int64_t, Bucket>;  // by hour since the epoch

  double Score(const Buckets& b, std::int64_t now_hour, const std::string& language,
               const std::vector<Id>* among) const;
  std::vector<Day> HistoryOf(const Buckets& b, std::int64_t now_ms) const;
  void Prune(std::int64_t now_hour);

  mutable std::mutex mu_;
  std::map<std::string, Buckets> tags_;
  std::int64_t pruned_hour_ = 0;
};

}  // namespace piaf::trends
