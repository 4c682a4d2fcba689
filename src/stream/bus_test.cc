#include "stream/bus.h"

#include <gtest/gtest.h>

namespace piaf::stream {
namespace {

TEST(Subscriber, FramesAnSseEventWithLfAndAColonAndASpace) {
  Subscriber s(Format::kSse, 1, "t");
  s.Deliver({"user", "", "user"}, Event("update", R"({"id":"5"})"));
  auto messages = s.Take();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "event: update\ndata: {\"id\":\"5\"}\n\n");
  EXPECT_TRUE(s.Take().empty());
}

TEST(Subscriber, FramesAWebSocketMessageWithTheStreamAsAnArrayAndThePayloadAsAString) {
  Subscriber s(Format::kWebSocket, std::nullopt, "");
  s.Deliver({"hashtag", "Foo", "hashtag:foo"}, Event("update", R"({"id":"5"})"));
  s.Deliver({"public", "", "public"}, Event("delete", "5"));
  auto messages = s.Take();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0],
            R"({"stream":["hashtag","Foo"],"event":"update","payload":"{\"id\":\"5\"}"})");
  EXPECT_EQ(messages[1], R"({"stream":["public"],"event":"delete","payload":"5"})");
}

TEST(Subscriber, ASlowReaderIsEndedNotWaitedFor) {
  Subscriber s(Format::kSse, 1, "t", 100);
  int wakes = 0;
  s.SetWake([&] { ++wakes; });
  s.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_FALSE(s.Ended());
  s.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_TRUE(s.Ended());
  EXPECT_TRUE(s.Take().empty());
  EXPECT_EQ(wakes, 2);
  s.Deliver({"user", "", "user"}, Event("update", "x"));  // nothing more is queued
  EXPECT_TRUE(s.Take().empty());
}

TEST(Subscriber, WhatWasTakenCountsAgainstTheBoundUntilSent) {
  Subscriber s(Format::kSse, 1, "t", 100);
  s.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_EQ(s.Take().size(), 1u);  // being written: a client that does not read
  s.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_TRUE(s.Ended());

  Subscriber t(Format::kSse, 1, "t", 100);
  t.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_EQ(t.Take().size(), 1u);
  t.Sent();
  t.Deliver({"user", "", "user"}, Event("update", std::string(60, 'x')));
  EXPECT_FALSE(t.Ended());
}

TEST(Bus, ListenersOfAKeyKeepTheNameTheySubscribedUnder) {
  Bus bus;
  auto a = std::make_shared<Subscriber>(Format::kWebSocket, 1, "ta");
  auto b = std::make_shared<Subscriber>(Format::kWebSocket, 2, "tb");
  bus.Subscribe(a, {"hashtag", "Piaf", "hashtag:piaf"});
  bus.Subscribe(a, {"hashtag", "Piaf", "hashtag:piaf"});  // twice is once
  bus.Subscribe(b, {"hashtag", "piaf", "hashtag:piaf"});
  auto listeners = bus.Listeners("hashtag:piaf");
  ASSERT_EQ(listeners.size(), 2u);
  EXPECT_EQ(listeners[0].stream.tag, "Piaf");
  EXPECT_EQ(listeners[1].stream.tag, "piaf");
  EXPECT_EQ(bus.SubscriberCount(), 2u);
  bus.Unsubscribe(a.get(), {"hashtag", "PIAF", "hashtag:piaf"});
  EXPECT_EQ(bus.Listeners("hashtag:piaf").size(), 1u);
  bus.UnsubscribeAll(b.get());
  EXPECT_TRUE(bus.Listeners("hashtag:piaf").empty());
  EXPECT_EQ(bus.SubscriberCount(), 0u);
}

TEST(Bus, RevokingATokenEndsItsStreamsOnly) {
  Bus bus;
  auto a = std::make_shared<Subscriber>(Format::kSse, 1, "ta");
  auto b = std::make_shared<Subscriber>(Format::kSse, 2, "tb");
  bus.Subscribe(a, {"user", "", "user"});
  bus.Subscribe(b, {"user", "", "user"});
  bus.EndToken("ta");
  EXPECT_TRUE(a->Ended());
  EXPECT_FALSE(b->Ended());
  auto listeners = bus.Listeners("user");
  ASSERT_EQ(listeners.size(), 1u);
  EXPECT_EQ(listeners[0].subscriber, b);
}

TEST(Streams, KnowsMastodonsStreamNames) {
  for (const char* name :
       {"user", "user:notification", "public", "public:local", "hashtag", "hashtag:local"}) {
    EXPECT_TRUE(KnownStream(name)) << name;
  }
  EXPECT_FALSE(KnownStream("direct"));
  EXPECT_FALSE(KnownStream(""));
  EXPECT_TRUE(UserStream("user:notification"));
  EXPECT_FALSE(UserStream("public"));
}

}  // namespace
}  // namespace piaf::stream
