// Distribution: what follows a committed post and can wait a moment — its
// fan-out into its followers' home timelines, its streaming events, its
// trend counts — runs on a thread of its own, after the answer, off the
// request path. None of it is durable, nor needs to be: home timelines are
// rebuilt from the store and trend counters are reloaded from it at start,
// so a crash loses no post.
//
// Jobs run one at a time, in the order they were posted. Readers that must
// see every post already acknowledged (a home timeline read, a delete that
// must come after its status's fan-out) call Settle first.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace piaf::service {

class Distributor {
 public:
  Distributor();
  ~Distributor();  // runs what is left, then stops
  Distributor(const Distributor&) = delete;
  Distributor& operator=(const Distributor&) = delete;

  void Post(std::function<void()> job);
  // Returns once every job posted before the call has run.
  void Settle();

  // Jobs run and how long they waited in the queue (ns), since start.
  struct Stats {
    std::uint64_t jobs = 0, queued_ns = 0, failed = 0;
  };
  Stats GetStats();

 private:
  void Loop();
  struct Job {
    std::function<void()> run;
    std::int64_t posted_ns;
  };
  std::mutex mu_;
  std::condition_variable wake_, settled_;
  std::deque<Job> queue_;
  std::uint64_t posted_ = 0, done_ = 0;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

struct Context;
// Posts `job` to the context's distributor, or runs it at once when it has
// none (tools).
void Distribute(Context& ctx, std::function<void()> job);
// Settle on the context's distributor, if any.
void Settle(Context& ctx);

}  // namespace piaf::service
