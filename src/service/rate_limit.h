// Fixed-window rate limits per key, as Mastodon's rack-attack and its
// RateLimiter count them: at most `limit` hits in each window of
// `window_ms`. Thread-safe. Used for the budgets the server enforces
// itself: sign-ups per IP, statuses per account.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace piaf::service {

class RateLimit {
 public:
  // `limit` 0: no limit.
  RateLimit(const core::Clock& clock, int limit, std::int64_t window_ms)
      : clock_(clock), limit_(limit), window_ms_(window_ms) {}

  // Takes one from the key's budget; false, taking nothing, when it is
  // spent. Taking first (then Refund if the action fails) keeps concurrent
  // requests from all passing one check.
  bool Take(const std::string& key);
  void Refund(const std::string& key);
  // Seconds until the key's budget is whole again (at least 1).
  std::int64_t RetryAfterSeconds(const std::string& key);

 private:
  struct Window {
    std::int64_t start_ms = 0;
    int used = 0;
  };
  // Under mu_: the key's current window, a new one when the last has ended.
  Window& Current(const std::string& key, std::int64_t now);

  const core::Clock& clock_;
  const int limit_;
  const std::int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
  std::size_t prune_at_ = 1024;
};

// The budgets of one instance (service::Settings says how large).
struct Limits {
  RateLimit signups;   // per IP
  RateLimit statuses;  // per account: posts and reblogs
};

}  // namespace piaf::service
