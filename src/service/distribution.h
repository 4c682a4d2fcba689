// Distribution: what follows a committed post and can wait a moment — its
// fan-out into its followers' home timelines, its streaming events, its
// trend counts — runs on a thread of its own, after the answer, off the
// request path. None of it is durable, nor needs to be: home timelines are
// rebuilt from the store and trend counters are reloaded from it at start,
// so a crash loses no post.
//
// Jobs run one at a time, in the order they were posted. Readers that must
// see every post already acknowledged call Settle first (a delete that must
// come after its status's fan-out, trends), or SettleAuthors: a home
// timeline read waits only for the posts of the accounts it follows, not
// for a queue of posts that cannot change it.
#pragma once

#include <atomic>
#include <boost/unordered/unordered_flat_map.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/id.h"

namespace piaf::service {

class Distributor {
 public:
  Distributor();
  ~Distributor();  // runs what is left, then stops
  Distributor(const Distributor&) = delete;
  Distributor& operator=(const Distributor&) = delete;

  // `author`: the account whose post the job delivers (0: none).
  void Post(std::function<void()> job, core::Id author = 0);
  // Returns once every job posted before the call has run.
  void Settle();
  // Returns once no job of these authors (sorted) is waiting or running.
  void SettleAuthors(const std::vector<core::Id>& authors);

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
    core::Id author;
  };
  bool AnyPending(const std::vector<core::Id>& authors) const;  // under mu_
  std::mutex mu_;
  std::condition_variable wake_, settled_;
  std::deque<Job> queue_;
  std::uint64_t posted_ = 0, done_ = 0;
  // Jobs posted and not yet run, by author.
  boost::unordered_flat_map<core::Id, std::uint32_t> pending_;
  // Their number, read without the mutex: with none pending (most reads)
  // a home read does not take it (both I/O threads did at every read, and
  // one slept in the kernel on it, or woke the other, about once every 27).
  std::atomic<std::uint64_t> unsettled_{0};
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

struct Context;
// Posts `job` to the context's distributor, or runs it at once when it has
// none (tools).
void Distribute(Context& ctx, std::function<void()> job, core::Id author = 0);
// Settle or SettleAuthors on the context's distributor, if any.
void Settle(Context& ctx);
void SettleAuthors(Context& ctx, const std::vector<core::Id>& authors);  // sorted

}  // namespace piaf::service
