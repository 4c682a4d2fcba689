#include "service/status_packer.h"

#include <gtest/gtest.h>

#include <thread>

#include "service/snapshots.h"

namespace piaf::service {
namespace {

// A status rendered as the api layer would: its JSON head, varied words.
std::shared_ptr<StatusSnapshot> Rendered(Id id, bool render = true) {
  static const char* kWords[] = {"bonjour", "merci",   "question", "help",   "hello",
                                 "demain",  "réunion", "#ONG",     "@simon", "https://iteco.be"};
  auto s = std::make_shared<StatusSnapshot>();
  s->status.id = id;
  s->status.account_id = id % 97;
  s->status.visibility = store::Visibility::kPrivate;
  s->status.spoiler_text = id % 2 ? "cw" : "";
  s->status.language = "fr";
  s->status.in_reply_to_id = id - 1;
  s->status.in_reply_to_account_id = 5;
  s->status.mentions = {5, 6};
  s->status.tags = {"ong", "aide"};
  s->status.application_id = 3;
  s->counts = {1, 2, 3};
  s->mentions = {{5, "simon"}, {6, "marie"}};
  s->application_name = "toot";
  std::string text;
  for (std::uint64_t i = static_cast<std::uint64_t>(id); text.size() < 120; i = i * 31 + 7)
    text += std::string(kWords[i % 10]) + " ";
  std::string url =
      "http://127.0.0.1:8080/@user" + std::to_string(id % 97) + "/" + std::to_string(id);
  std::string json = "{\"id\":\"" + std::to_string(id) + "\",\"uri\":\"" + url + "\",\"url\":\"" +
                     url + "\",\"created_at\":\"2026-11-" + std::to_string(10 + id % 18) +
                     "T10:00:00.000Z\",\"content\":\"<p>" + text +
                     "</p>\",\"visibility\":\"private\",\"sensitive\":false,\"spoiler_text\":\"\","
                     "\"media_attachments\":[],\"mentions\":[{\"id\":\"5\",\"username\":\"simon\","
                     "\"acct\":\"simon\",\"url\":\"http://127.0.0.1:8080/@simon\"}],\"tags\":[],"
                     "\"emojis\":[],\"in_reply_to_id\":null,\"in_reply_to_account_id\":null,"
                     "\"poll\":null,\"card\":null,\"language\":\"fr\",\"edited_at\":null,"
                     "\"replies_count\":0,\"reblogs_count\":0,\"favourites_count\":0,"
                     "\"muted\":false,\"bookmarked\":false,\"pinned\":false,\"filtered\":[],"
                     "\"account\":";
  if (render) s->json.Get([&] { return json; });
  return s;
}

void ExpectSame(const StatusSnapshot& a, const StatusSnapshot& b) {
  EXPECT_EQ(a.status.id, b.status.id);
  EXPECT_EQ(a.status.account_id, b.status.account_id);
  EXPECT_EQ(a.status.visibility, b.status.visibility);
  EXPECT_EQ(a.status.spoiler_text, b.status.spoiler_text);
  EXPECT_EQ(a.status.language, b.status.language);
  EXPECT_EQ(a.status.in_reply_to_id, b.status.in_reply_to_id);
  EXPECT_EQ(a.status.in_reply_to_account_id, b.status.in_reply_to_account_id);
  EXPECT_EQ(a.status.reblog_of_id, b.status.reblog_of_id);
  EXPECT_EQ(a.status.mentions, b.status.mentions);
  EXPECT_EQ(a.status.tags, b.status.tags);
  EXPECT_EQ(a.status.application_id, b.status.application_id);
  EXPECT_EQ(a.counts.replies, b.counts.replies);
  EXPECT_EQ(a.counts.reblogs, b.counts.reblogs);
  EXPECT_EQ(a.counts.favourites, b.counts.favourites);
  EXPECT_EQ(a.mentions, b.mentions);
  EXPECT_EQ(a.application_name, b.application_name);
  ASSERT_NE(a.json.Rendered(), nullptr);
  ASSERT_NE(b.json.Rendered(), nullptr);
  EXPECT_EQ(*a.json.Rendered(), *b.json.Rendered());
}

TEST(StatusPacker, ARenderedStatusComesBackWithEveryFieldAndItsJson) {
  StatusPacker packer;
  auto s = Rendered(1234);
  auto packed = packer.Pack(*s);
  ASSERT_TRUE(packed);
  auto back = packer.Unpack(*packed);
  ASSERT_NE(back, nullptr);
  ExpectSame(*s, *back);
  // A reblog wrapper: no reply, no application, an original.
  auto wrapper = std::make_shared<StatusSnapshot>();
  wrapper->status.id = 99;
  wrapper->status.reblog_of_id = 1234;
  wrapper->json.Get([] { return std::string("{\"id\":\"99\""); });
  auto wrapper_back = packer.Unpack(*packer.Pack(*wrapper));
  ASSERT_NE(wrapper_back, nullptr);
  ExpectSame(*wrapper, *wrapper_back);
}

TEST(StatusPacker, AStatusNotRenderedIsNotPacked) {
  StatusPacker packer;
  EXPECT_FALSE(packer.Pack(*Rendered(1, false)));
}

TEST(StatusPacker, WhatIsNotAPackedStatusUnpacksToNothing) {
  StatusPacker packer;
  auto packed = *packer.Pack(*Rendered(7));
  EXPECT_EQ(packer.Unpack(""), nullptr);
  EXPECT_EQ(packer.Unpack("not a packed status"), nullptr);
  EXPECT_EQ(packer.Unpack(std::string_view(packed).substr(0, packed.size() - 3)), nullptr);
  std::string other = packed;
  other[1] = static_cast<char>(other[1] + 1);  // another raw size
  EXPECT_EQ(packer.Unpack(other), nullptr);
}

// Once trained on the first statuses, the dictionary holds what they share:
// a status then packs to a fraction of its JSON.
TEST(StatusPacker, AfterTrainingAStatusPacksToAFractionOfItsJson) {
  StatusPacker packer(/*training_bytes=*/256 << 10);
  std::size_t before = packer.Pack(*Rendered(1))->size();
  Id id = 2;
  for (; !packer.Trained() && id < 100000; ++id) ASSERT_TRUE(packer.Pack(*Rendered(id)));
  ASSERT_TRUE(packer.Trained());
  auto s = Rendered(id + 1);
  auto packed = packer.Pack(*s);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size() * 3, s->json.Rendered()->size());
  EXPECT_LT(packed->size(), before);
  ExpectSame(*s, *packer.Unpack(*packed));
}

// Statuses packed before the dictionary was trained (the first ones here)
// and after it, unpacked on another thread.
TEST(StatusPacker, AnyThreadUnpacksWhatAnotherPacked) {
  StatusPacker packer(/*training_bytes=*/64 << 10);
  std::vector<std::string> packed;
  for (Id id = 1; id <= 400; ++id) packed.push_back(*packer.Pack(*Rendered(id)));
  ASSERT_TRUE(packer.Trained());
  std::thread other([&] {
    for (Id id = 1; id <= 400; ++id) {
      auto back = packer.Unpack(packed[id - 1]);
      ASSERT_NE(back, nullptr) << id;
      ExpectSame(*Rendered(id), *back);
    }
  });
  other.join();
}

}  // namespace
}  // namespace piaf::service
