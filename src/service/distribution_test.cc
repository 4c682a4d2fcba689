#include "service/distribution.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>

namespace piaf::service {
namespace {

using namespace std::chrono_literals;

// A job that runs until Release (the distributor's thread held inside it).
class HeldJob {
 public:
  std::function<void()> Job() {
    return [this] {
      started_.set_value();
      released_.get_future().wait();
      ran_ = true;
    };
  }
  void WaitStarted() { started_.get_future().wait(); }
  void Release() { released_.set_value(); }
  bool ran() const { return ran_; }

 private:
  std::promise<void> started_, released_;
  std::atomic<bool> ran_{false};
};

TEST(Distributor, AReaderWaitsOnlyForTheJobsOfTheAuthorsItReads) {
  Distributor d;
  HeldJob held;
  d.Post(held.Job(), 7);  // author 7's post, its fan-out held
  held.WaitStarted();
  std::atomic<bool> other_ran{false};
  d.Post([&] { other_ran = true; }, 9);  // queued behind it
  // Authors 1, 2 and 3 have nothing pending: no wait.
  d.SettleAuthors({1, 2, 3});
  EXPECT_FALSE(held.ran());
  // Author 9's job waits behind author 7's: a reader of 9 waits for it.
  auto reader_of_9 = std::async(std::launch::async, [&] {
    d.SettleAuthors({2, 9});
    return other_ran.load();
  });
  auto reader_of_7 = std::async(std::launch::async, [&] {
    d.SettleAuthors({7});
    return held.ran();
  });
  EXPECT_EQ(reader_of_9.wait_for(100ms), std::future_status::timeout);
  EXPECT_EQ(reader_of_7.wait_for(0ms), std::future_status::timeout);
  held.Release();
  EXPECT_TRUE(reader_of_7.get());
  EXPECT_TRUE(reader_of_9.get());
}

TEST(Distributor, SettleWaitsForEveryJobPostedBefore) {
  Distributor d;
  HeldJob held;
  d.Post(held.Job(), 7);
  held.WaitStarted();
  auto settled = std::async(std::launch::async, [&] {
    d.Settle();
    return held.ran();
  });
  EXPECT_EQ(settled.wait_for(100ms), std::future_status::timeout);
  held.Release();
  EXPECT_TRUE(settled.get());
}

}  // namespace
}  // namespace piaf::service
