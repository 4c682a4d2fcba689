#include "service/distribution.h"

#include <algorithm>
#include <chrono>

#include "service/context.h"

namespace piaf::service {
namespace {

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Distributor::Distributor() : thread_([this] { Loop(); }) {}

Distributor::~Distributor() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Distributor::Post(std::function<void()> job, core::Id author) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Job{std::move(job), NowNs(), author});
    ++posted_;
    ++pending_[author];
    unsettled_.fetch_add(1);
  }
  wake_.notify_one();
}

void Distributor::Settle() {
  if (unsettled_.load(std::memory_order_acquire) == 0) return;
  std::unique_lock lock(mu_);
  std::uint64_t target = posted_;
  settled_.wait(lock, [&] { return done_ >= target; });
}

bool Distributor::AnyPending(const std::vector<core::Id>& authors) const {
  // The shorter of the two is walked (an account may follow thousands).
  if (pending_.size() < authors.size()) {
    return std::any_of(pending_.begin(), pending_.end(), [&](const auto& p) {
      return std::binary_search(authors.begin(), authors.end(), p.first);
    });
  }
  return std::any_of(authors.begin(), authors.end(),
                     [&](core::Id a) { return pending_.contains(a); });
}

void Distributor::SettleAuthors(const std::vector<core::Id>& authors) {
  // Nothing pending: every job posted so far has run (its effects are
  // seen: released by the count's decrement).
  if (unsettled_.load(std::memory_order_acquire) == 0) return;
  std::unique_lock lock(mu_);
  settled_.wait(lock, [&] { return !AnyPending(authors); });
}

Distributor::Stats Distributor::GetStats() {
  std::lock_guard lock(mu_);
  return stats_;
}

void Distributor::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and nothing is left
    // Every job waiting, in one go.
    std::deque<Job> batch;
    batch.swap(queue_);
    lock.unlock();
    std::int64_t start = NowNs();
    std::uint64_t queued = 0, failed = 0;
    for (Job& job : batch) {
      queued += static_cast<std::uint64_t>(start - job.posted_ns);
      try {
        job.run();
      } catch (...) {
        ++failed;  // what it would have derived is rebuilt from the store
      }
      // Each job's readers go on as soon as it has run.
      {
        std::lock_guard done(mu_);
        ++done_;
        auto it = pending_.find(job.author);
        if (--it->second == 0) pending_.erase(it);
        unsettled_.fetch_sub(1, std::memory_order_release);
      }
      settled_.notify_all();
    }
    lock.lock();
    stats_.jobs += batch.size();
    stats_.queued_ns += queued;
    stats_.failed += failed;
    settled_.notify_all();
  }
}

void Distribute(Context& ctx, std::function<void()> job, core::Id author) {
  if (ctx.distribution) {
    ctx.distribution->Post(std::move(job), author);
  } else {
    job();
  }
}

void Settle(Context& ctx) {
  if (ctx.distribution) ctx.distribution->Settle();
}

void SettleAuthors(Context& ctx, const std::vector<core::Id>& authors) {
  if (ctx.distribution) ctx.distribution->SettleAuthors(authors);
}

}  // namespace piaf::service
