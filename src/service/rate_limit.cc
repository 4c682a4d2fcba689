#include "service/rate_limit.h"

#include <algorithm>

namespace piaf::service {

RateLimit::Window& RateLimit::Current(const std::string& key, std::int64_t now) {
  if (windows_.size() >= prune_at_) {
    // Ended windows are forgotten now and then: the map holds the keys seen
    // in the last window, not every key ever seen.
    std::erase_if(windows_, [&](const auto& kv) { return kv.second.start_ms + window_ms_ <= now; });
    prune_at_ = std::max<std::size_t>(1024, windows_.size() * 2);
  }
  auto [it, added] = windows_.try_emplace(key, Window{now, 0});
  Window& w = it->second;
  if (w.start_ms + window_ms_ <= now) w = Window{now, 0};
  return w;
}

bool RateLimit::Take(const std::string& key) {
  if (limit_ <= 0) return true;
  std::lock_guard lock(mu_);
  Window& w = Current(key, clock_.NowMs());
  if (w.used >= limit_) return false;
  ++w.used;
  return true;
}

void RateLimit::Refund(const std::string& key) {
  if (limit_ <= 0) return;
  std::lock_guard lock(mu_);
  auto it = windows_.find(key);
  if (it != windows_.end() && it->second.used > 0) --it->second.used;
}

std::int64_t RateLimit::RetryAfterSeconds(const std::string& key) {
  std::lock_guard lock(mu_);
  std::int64_t now = clock_.NowMs();
  auto it = windows_.find(key);
  if (it == windows_.end()) return 1;
  return std::max<std::int64_t>(1, (it->second.start_ms + window_ms_ - now + 999) / 1000);
}

}  // namespace piaf::service
