#include "api/entities.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "core/id.h"

namespace piaf::api {
namespace {

service::Settings ExampleSettings() {
  service::Settings settings;
  settings.public_url = "https://piaf.example";
  return settings;
}

// An author: account 1000, alice.
std::shared_ptr<service::AccountSnapshot> Alice() {
  auto author = std::make_shared<service::AccountSnapshot>();
  author->account.id = 1000;
  author->account.username = "alice";
  return author;
}

TEST(AppendJsonString, EscapesAsBoostJsonDoes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
  std::vector<std::string> cases = {"", "plain", "quote \" and \\ backslash",
                                    "\b\f\n\r\t\x01\x1f\x7f",
                                    "caf\xc3\xa9 \xf0\x9f\x90\xa6 </script>"};
  for (int i = 0; i < 2000; ++i) {
    std::string s(length(rng), ' ');
    for (char& c : s) c = static_cast<char>(byte(rng));
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    std::string out = "x";
    AppendJsonString(out, s);
    EXPECT_EQ(out, "x" + json::serialize(json::string(s)));
  }
}

// Posts store their mentions' and hashtags' links site-relative; the entity
// shows them on the address the server is reached at now.
TEST(StatusText, MakesTheContentsSiteRelativeLinksAbsolute) {
  service::Settings settings = ExampleSettings();
  auto snap = std::make_shared<service::StatusSnapshot>();
  snap->status.id = 7;
  snap->status.account_id = 1000;
  snap->content =
      "<p><a href=\"/@bob\" class=\"u-url mention\">@bob</a> <a href=\"/tags/ong\">#ong</a> "
      "<a href=\"https://iteco.be/x\">iteco.be/x</a> href=&quot;/@eve</p>";
  service::StatusView v;
  v.snap = snap;
  v.author = service::AccountView{Alice()};
  EXPECT_EQ(json::parse(StatusText(v, settings)).at("content").as_string(),
            "<p><a href=\"https://piaf.example/@bob\" class=\"u-url mention\">@bob</a> "
            "<a href=\"https://piaf.example/tags/ong\">#ong</a> "
            "<a href=\"https://iteco.be/x\">iteco.be/x</a> href=&quot;/@eve</p>");
}

// The status written straight as text matches the Status entity built as a
// JSON object (the spec's fields, in its order).
TEST(StatusText, WritesEveryFieldOfTheStatusEntityInOrder) {
  service::Settings settings = ExampleSettings();
  auto author = Alice();
  auto snap = std::make_shared<service::StatusSnapshot>();
  auto& st = snap->status;
  st.id = (std::int64_t{1'700'000'000'000} << 16) | 3;
  st.account_id = 1000;
  st.visibility = store::Visibility::kUnlisted;
  st.spoiler_text = "a \"warning\"\n";
  st.language = "fr";
  st.in_reply_to_id = 42;
  st.in_reply_to_account_id = 43;
  st.tags = {"piaf", "caf\xc3\xa9"};
  snap->content = "<p>Bonjour \"\\ <a href=\"x\">@bob</a></p>\t";
  snap->mentions = {{44, "bob"}, {45, "carol"}};
  snap->counts = {1, 2, 3};
  std::string content = snap->content;

  service::StatusView v;
  v.snap = snap;
  v.author = service::AccountView{author};
  v.favourited = true;
  json::value got = json::parse(StatusText(v, settings));

  std::string url = "https://piaf.example/@alice/" + core::IdToString(st.id);
  json::array mentions, tags;
  for (auto [id, name] : snap->mentions) {
    mentions.push_back({{"id", core::IdToString(id)},
                        {"username", name},
                        {"acct", name},
                        {"url", "https://piaf.example/@" + name}});
  }
  for (const auto& t : st.tags)
    tags.push_back({{"name", t}, {"url", "https://piaf.example/tags/" + t}});
  json::object want{
      {"id", core::IdToString(st.id)},
      {"uri", url},
      {"url", url},
      {"created_at", core::FormatTime(core::IdToMs(st.id))},
      {"content", content},
      {"visibility", "unlisted"},
      {"sensitive", true},
      {"spoiler_text", st.spoiler_text},
      {"media_attachments", json::array()},
      {"mentions", mentions},
      {"tags", tags},
      {"emojis", json::array()},
      {"in_reply_to_id", "42"},
      {"in_reply_to_account_id", "43"},
      {"poll", nullptr},
      {"card", nullptr},
      {"language", "fr"},
      {"edited_at", nullptr},
      {"replies_count", 1},
      {"reblogs_count", 2},
      {"favourites_count", 3},
      {"muted", false},
      {"filtered", json::array()},
      {"account", got.at("account")},  // AccountJson's own
      {"reblog", nullptr},
      {"favourited", true},
      {"reblogged", false},
      {"bookmarked", false},  // the viewer's flags after the shared text
  };
  EXPECT_EQ(json::serialize(got), json::serialize(want));
  EXPECT_EQ(got.at("account").at("username"), "alice");

  // No reply, no language, no warning: nulls and false.
  auto plain = std::make_shared<service::StatusSnapshot>();
  plain->status.id = st.id + 1;
  plain->status.account_id = 1000;
  v.snap = plain;
  json::value p = json::parse(StatusText(v, settings));
  EXPECT_TRUE(p.at("in_reply_to_id").is_null());
  EXPECT_TRUE(p.at("in_reply_to_account_id").is_null());
  EXPECT_TRUE(p.at("language").is_null());
  EXPECT_EQ(p.at("sensitive"), false);
  EXPECT_EQ(p.at("visibility"), "public");
  EXPECT_EQ(p.at("mentions"), json::array());
}

// The shared text says nothing of any viewer: each viewer's flags follow it,
// and `pinned` only for the author of a status that may be pinned (as
// Mastodon's serializer has it). Two viewers of one snapshot see their own.
TEST(StatusText, EachViewerSeesItsOwnFlagsAfterTheSharedText) {
  service::Settings settings = ExampleSettings();
  auto snap = std::make_shared<service::StatusSnapshot>();
  snap->status.id = 7;
  snap->status.account_id = 1000;
  service::StatusView reader;
  reader.snap = snap;
  reader.author = service::AccountView{Alice()};
  reader.bookmarked = true;
  service::StatusView author = reader;
  author.bookmarked = false;
  author.favourited = true;
  author.own = true;
  author.pinnable = true;
  author.pinned = true;

  json::object r = json::parse(StatusText(reader, settings)).as_object();
  json::object a = json::parse(StatusText(author, settings)).as_object();
  EXPECT_EQ(r.at("bookmarked"), true);
  EXPECT_EQ(r.at("favourited"), false);
  EXPECT_FALSE(r.contains("pinned"));
  EXPECT_EQ(a.at("bookmarked"), false);
  EXPECT_EQ(a.at("favourited"), true);
  EXPECT_EQ(a.at("pinned"), true);
  ASSERT_NE(snap->json.Rendered(), nullptr);  // rendered once, for both
  EXPECT_EQ(snap->json.Rendered()->find("bookmarked"), std::string::npos);
  EXPECT_EQ(snap->json.Rendered()->find("pinned"), std::string::npos);
  author.pinned = false;
  EXPECT_EQ(json::parse(StatusText(author, settings)).at("pinned"), false);

  // Every combination of the three flags, through the text and the pieces.
  for (int bits = 0; bits < 8; ++bits) {
    reader.favourited = (bits & 4) != 0;
    reader.reblogged = (bits & 2) != 0;
    reader.bookmarked = (bits & 1) != 0;
    std::string text = StatusText(reader, settings);
    json::object o = json::parse(text).as_object();
    EXPECT_EQ(o.at("favourited"), reader.favourited) << bits;
    EXPECT_EQ(o.at("reblogged"), reader.reblogged) << bits;
    EXPECT_EQ(o.at("bookmarked"), reader.bookmarked) << bits;
    Pieces pieces;
    AppendStatus(pieces, reader, settings);
    EXPECT_EQ(pieces.Joined(), text);
  }

  // A reblog: the wrapper has no flags of its own, the original its viewer's.
  auto wrapper = std::make_shared<service::StatusSnapshot>();
  wrapper->status.id = 8;
  wrapper->status.account_id = 1000;
  wrapper->status.reblog_of_id = 7;
  service::StatusView boost;
  boost.snap = wrapper;
  boost.author = service::AccountView{Alice()};
  boost.own = true;
  reader.bookmarked = true;
  boost.reblog = std::make_shared<service::StatusView>(reader);
  json::object b = json::parse(StatusText(boost, settings)).as_object();
  EXPECT_EQ(b.at("bookmarked"), false);
  EXPECT_FALSE(b.contains("pinned"));
  EXPECT_EQ(b.at("reblog").at("bookmarked"), true);
}

// After a post only its author's counts change: the new snapshot's text is
// the one before with the new counts, the same text a full render writes,
// even when the account's own words look like the counts' keys.
TEST(AppendAccount, AnAccountRecountedReadsAsOneRenderedAfresh) {
  service::Settings settings;
  settings.public_url = "https://piaf.example";
  store::Account a;
  a.id = (std::int64_t{1'700'000'000'000} << 16) | 9;
  a.username = "ngo";
  a.display_name = R"(,"followers_count":1,"emojis":[])";
  a.note = R"("followers_count": ,"emojis": "statuses_count":3)";
  auto snapshot = [&](store::AccountCounts counts,
                      std::shared_ptr<const service::AccountSnapshot> before) {
    auto s = std::make_shared<service::AccountSnapshot>();
    s->account = a;
    s->counts = counts;
    s->recount_of = std::move(before);
    return s;
  };
  auto render = [&](const std::shared_ptr<const service::AccountSnapshot>& s) {
    std::string text;
    AppendAccount(text, service::AccountView{s}, settings);
    return text;
  };
  std::shared_ptr<const service::AccountSnapshot> before =
      snapshot({5, 6, 7, std::nullopt}, nullptr);
  std::string first = render(before);
  for (store::AccountCounts counts : {store::AccountCounts{5, 6, 8, a.id + 70000},
                                      store::AccountCounts{1234567, 0, 9, a.id + 140000},
                                      store::AccountCounts{0, 0, 0, std::nullopt}}) {
    auto after = snapshot(counts, before);
    std::string recounted = render(after);
    EXPECT_EQ(after->recount_of, nullptr);  // let go of by the render
    EXPECT_EQ(recounted, render(snapshot(counts, nullptr)));
    json::object o = json::parse(recounted).as_object();
    EXPECT_EQ(o.at("statuses_count"), counts.statuses);
    EXPECT_EQ(o.at("followers_count"), counts.followers);
    EXPECT_EQ(o.at("display_name").as_string(), a.display_name);
    EXPECT_EQ(o.at("emojis"), json::array());
    before = after;
  }
  EXPECT_NE(first, render(before));
}

TEST(AppendAccount, WritesEveryFieldOfTheAccountEntityInOrder) {
  service::Settings settings;
  settings.public_url = "https://piaf.example";
  auto snap = std::make_shared<service::AccountSnapshot>();
  auto& a = snap->account;
  a.id = (std::int64_t{1'700'000'000'000} << 16) | 9;
  a.username = "ngo";
  a.display_name = "An \"NGO\"\t";
  a.note = "Line one\nline <two>";
  a.organization = true;
  snap->counts = {5, 6, 7, a.id + 1};
  std::string text;
  AppendAccount(text, service::AccountView{snap}, settings);
  std::string url = "https://piaf.example/@ngo";
  std::string avatar = "https://piaf.example/avatars/original/missing.png";
  std::string header = "https://piaf.example/headers/original/missing.png";
  std::int64_t ms = core::IdToMs(a.id);
  json::object want{
      {"id", core::IdToString(a.id)},
      {"username", "ngo"},
      {"acct", "ngo"},
      {"display_name", a.display_name},
      {"locked", false},
      {"bot", false},
      {"discoverable", true},
      {"indexable", true},
      {"group", false},
      {"created_at", core::FormatTime(ms - ms % (24LL * 3600 * 1000))},
      {"note", "<p>Line one<br />line &lt;two&gt;</p>"},
      {"url", url},
      {"uri", url},
      {"avatar", avatar},
      {"avatar_static", avatar},
      {"header", header},
      {"header_static", header},
      {"followers_count", 6},
      {"following_count", 7},
      {"statuses_count", 5},
      {"last_status_at", core::FormatTime(ms).substr(0, 10)},
      {"emojis", json::array()},
      {"fields", json::array()},
      {"roles", json::array()},
      {"noindex", false},
      {"hide_collections", false},
      {"piaf_organization", true},
  };
  EXPECT_EQ(json::serialize(json::parse(text)), json::serialize(want));

  // verify_credentials: the same entity, with its source and role.
  json::value own = AccountJson(service::AccountView{snap}, settings, true);
  EXPECT_EQ(own.at("note"), want.at("note"));
  EXPECT_EQ(own.at("source").at("note").as_string(), a.note);
  EXPECT_EQ(own.at("role").at("id"), "-99");

  // No status yet, not an organization.
  snap->counts.last_status_id.reset();
  a.organization = false;
  json::value plain = AccountJson(service::AccountView{snap}, settings);
  EXPECT_TRUE(plain.at("last_status_at").is_null());
  EXPECT_FALSE(plain.as_object().contains("piaf_organization"));
  EXPECT_FALSE(plain.as_object().contains("source"));
}

// A page written in pieces reads as the same text written whole (a reblog,
// the viewer's own status with its application); its pieces point into the
// snapshots' JSON, which they hold while the body lives.
TEST(AppendStatus, InPiecesReadsAsTheTextWrittenWhole) {
  service::Settings settings = ExampleSettings();
  auto author = Alice();
  auto original = std::make_shared<service::StatusSnapshot>();
  original->status.id = 7;
  original->status.account_id = 1000;
  original->content = "<p>original</p>";
  original->application_name = "Piaf \"web\"";
  auto wrapper = std::make_shared<service::StatusSnapshot>();
  wrapper->status.id = 8;
  wrapper->status.account_id = 1000;
  wrapper->status.reblog_of_id = 7;
  service::StatusView inner;
  inner.snap = original;
  inner.author = service::AccountView{author};
  inner.favourited = true;
  inner.own = true;
  service::StatusView reblog;
  reblog.snap = wrapper;
  reblog.author = service::AccountView{author};
  reblog.reblog = std::make_shared<service::StatusView>(inner);
  std::vector<service::StatusView> page = {reblog, inner, inner};

  std::string whole = "[";
  Pieces pieces;
  pieces.Hold(std::make_shared<const std::vector<service::StatusView>>(page));
  pieces += "[";
  for (const auto& v : page) {
    if (whole.size() > 1) whole += ',', pieces += ",";
    AppendStatus(whole, v, settings);
    AppendStatus(pieces, v, settings);
  }
  whole += ']';
  pieces += "]";
  EXPECT_EQ(pieces.size(), whole.size());
  EXPECT_EQ(pieces.Joined(), whole);
  ASSERT_TRUE(json::parse(whole).is_array());
  // Pointed at, not copied: a piece is the snapshot's own rendered text.
  const std::string* rendered = original->json.Rendered();
  ASSERT_NE(rendered, nullptr);
  bool pointed = false;
  for (std::string_view v : pieces.Views()) pointed |= v.data() == rendered->data();
  EXPECT_TRUE(pointed);
  // Held: the snapshots outlive everyone else's hold on them (a copy of the
  // page's views is).
  std::weak_ptr<const service::StatusSnapshot> held = original;
  inner = {};
  reblog = {};
  page.clear();
  original.reset();
  EXPECT_FALSE(held.expired());
  EXPECT_EQ(pieces.Joined(), whole);
}

TEST(InstanceJson, SaysWhichLengthRulesTheComposeCounterFollows) {
  // configuration.piaf.length: "classic" (twitter-text v1, 140) or
  // "weighted" (v3, 280), in both versions of the instance entity.
  service::Settings settings = ExampleSettings();
  for (const char* length : {"classic", "weighted"}) {
    settings.length_config = length;
    for (const auto& v : {InstanceV2Json(settings, 3), InstanceV1Json(settings, 3, 7)}) {
      const auto& piaf = v.at("configuration").at("piaf").as_object();
      EXPECT_EQ(piaf.at("length").as_string(), length);
    }
  }
}

TEST(InstanceJson, SaysFivePostsMayBePinnedInBothVersions) {
  service::Settings settings = ExampleSettings();
  for (const auto& v : {InstanceV2Json(settings, 3), InstanceV1Json(settings, 3, 7)}) {
    EXPECT_EQ(v.at("configuration").at("accounts").at("max_pinned_statuses"), 5);
  }
}

TEST(MarkersJson, KeysEachMarkerByItsTimeline) {
  auto v = MarkersJson({{"home", 103, 4, 1'800'000'000'123}, {"notifications", 7, 1, 0}});
  EXPECT_EQ(v, json::parse(R"({"home": {"last_read_id": "103", "version": 4,
                                         "updated_at": "2027-01-15T08:00:00.123Z"},
                                "notifications": {"last_read_id": "7", "version": 1,
                                                  "updated_at": "1970-01-01T00:00:00.000Z"}})"));
  EXPECT_EQ(MarkersJson({}), json::object());
}

// The copied parts stay right as the body's own text grows (it moves).
TEST(Pieces, CopiedPartsSurviveTheirTextGrowing) {
  const std::string kept = "<kept>";
  Pieces pieces;
  std::string expected;
  for (int i = 0; i < 500; ++i) {
    std::string part = "part " + std::to_string(i) + ";";
    pieces += part;
    expected += part;
    if (i % 7 == 0) {
      pieces.Kept(kept);
      expected += kept;
    }
  }
  EXPECT_EQ(pieces.Joined(), expected);
  EXPECT_EQ(pieces.size(), expected.size());
  // 72 kept ones, each after a copied part, then the last copied part.
  EXPECT_EQ(pieces.Views().size(), 72u * 2 + 1);
}

}  // namespace
}  // namespace piaf::api
