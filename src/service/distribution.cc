#include "service/distribution.h"

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

void Distributor::Post(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Job{std::move(job), NowNs()});
    ++posted_;
  }
  wake_.notify_one();
}

void Distributor::Settle() {
  std::unique_lock lock(mu_);
  std::uint64_t target = posted_;
  settled_.wait(lock, [&] { return done_ >= target; });
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
    }
    lock.lock();
    done_ += batch.size();
    stats_.jobs += batch.size();
    stats_.queued_ns += queued;
    stats_.failed += failed;
    settled_.notify_all();
  }
}

void Distribute(Context& ctx, std::function<void()> job) {
  if (ctx.distribution) {
    ctx.distribution->Post(std::move(job));
  } else {
    job();
  }
}

void Settle(Context& ctx) {
  if (ctx.distribution) ctx.distribution->Settle();
}

}  // namespace piaf::service
