// The clock seam: services ask it for the time, tests drive a fake one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace piaf::core {

// Milliseconds since the Unix epoch.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// For tests: time moves only when told. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t ms) : ms_(ms) {}
  std::int64_t NowMs() const override { return ms_.load(); }
  void Advance(std::int64_t ms) { ms_ += ms; }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace piaf::core
