// Behaviours of the extractors beyond the conformance suite; most pin a
// difference the differential test against twitter-text once found.
#include "text/extract.h"

#include <gtest/gtest.h>

namespace piaf::text {
namespace {

std::vector<std::string> UrlsOf(std::u32string_view t) {
  std::vector<std::string> out;
  for (const auto& u : ExtractUrls(t)) out.push_back(u.url);
  return out;
}

TEST(ExtractUrls, PathStopsBeforeAParenGroupThatFollowsANonEndingCharacter) {
  EXPECT_EQ(UrlsOf(U"http://x.com/p,(Twitter)"), std::vector<std::string>{"http://x.com/p"});
  EXPECT_EQ(UrlsOf(U"http://x.com/p(Twitter)"),
            std::vector<std::string>{"http://x.com/p(Twitter)"});
  EXPECT_EQ(UrlsOf(U"http://x.com/(T)(U)"), std::vector<std::string>{"http://x.com/(T)(U)"});
  EXPECT_EQ(UrlsOf(U"http://x.com/(T),(U)"), std::vector<std::string>{"http://x.com/(T)"});
}

TEST(ExtractUrls, TopLevelDomainsCompareCaseInsensitivelyButDottedCapitalIIsNotI) {
  EXPECT_EQ(UrlsOf(U"MLB.TV"), std::vector<std::string>{"MLB.TV"});
  EXPECT_TRUE(UrlsOf(U"peut-\u00eatre.\u0130n").empty());  // "İn" is not "in"
  EXPECT_EQ(UrlsOf(U"exemple.in"), std::vector<std::string>{"exemple.in"});
}

TEST(ExtractUrls, AnAstralCharacterMayStartTheDomainOfASchemelessUrl) {
  // JavaScript sees the low surrogate as a domain character after the high one.
  auto urls = ExtractUrls(U"\U0001F44D-xn--ls8h.xn--p1ai/~user");
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].url, "-xn--ls8h.xn--p1ai/~user");
  EXPECT_EQ(urls[0].indices, (Span{1, 25}));
}

TEST(ExtractUrls, SchemelessUrlKeepsOnlyItsAsciiDomainsAndThePathGoesToTheLast) {
  auto urls = ExtractUrls(U" xn--ls8h.co.uk\uFF01example.COM/~user");
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[0].url, "xn--ls8h.co.uk");
  EXPECT_EQ(urls[1].url, "example.COM/~user");
  EXPECT_EQ(urls[1].indices, (Span{16, 33}));
}

TEST(ExtractUrls, IndicesAreCodePoints) {
  auto urls = ExtractUrls(U"\U0001F431 http://example.com");
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].indices, (Span{2, 20}));
}

TEST(ExtractUrls, LabelsLongerThan63AfterPunycodeAreRejected) {
  std::u32string label(64, U'a');
  EXPECT_TRUE(UrlsOf(U"http://" + label + U".com").empty());
  EXPECT_EQ(UrlsOf(U"http://" + label.substr(1) + U".com").size(), 1u);
}

TEST(Punycode, LengthsMatchRfc3492Encodings) {
  EXPECT_EQ(PunycodeLength(U"ma\u00f1ana"), 9u);          // maana-pta
  EXPECT_EQ(PunycodeLength(U"b\u00fccher"), 9u);          // bcher-kva
  EXPECT_EQ(PunycodeLength(U"\u65e5\u672c\u8a9e"), 10u);  // wgv71a119e
}

TEST(ExtractMentions, TakesTheFirstTwentyCharactersOfALongerName) {
  auto m = ExtractMentions(U"@" + std::u32string(25, U'a'));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].username, std::string(20, 'a'));
  EXPECT_EQ(m[0].indices, (Span{0, 21}));
}

TEST(ExtractMentions, LeavesListsOutAndAcceptsFullwidthAtSign) {
  EXPECT_TRUE(ExtractMentions(U"@simon/ong-list").empty());
  auto m = ExtractMentions(U"\uFF20simon");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].username, "simon");
}

TEST(ExtractHashtags, DropsHashtagsInsideUrls) {
  EXPECT_TRUE(ExtractHashtags(U"http://twitter.com/#hashtag").empty());
  auto h = ExtractHashtags(U"\uFF03ONG http://iteco.be");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].tag, "ONG");
}

TEST(ExtractCashtags, NeedsASpaceOrTheStartBefore) {
  auto c = ExtractCashtags(U"$OK$NG text $GOOG.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].symbol, "OK");
  EXPECT_EQ(c[1].symbol, "GOOG");
}

TEST(Extract, HostileInputsFinish) {
  std::u32string dots, dashes, parens;
  for (int i = 0; i < 20000; ++i) dots += U"a.";
  for (int i = 0; i < 20000; ++i) dashes += U"a-";
  dashes += U".com";
  parens = U"http://x.com/a";
  for (int i = 0; i < 20000; ++i) parens += U"(b)";
  for (const auto& t : {dots, dashes, parens, std::u32string(40000, U'#'),
                        std::u32string(40000, U'@'), std::u32string(40000, U'$')}) {
    Entities e = ExtractEntities(t);
    EXPECT_LE(e.urls.size(), t.size());
  }
  EXPECT_TRUE(ExtractUrls(parens).empty());  // longer than 4096: not a URL
  std::u32string shorter = U"http://x.com/a";
  for (int i = 0; i < 1000; ++i) shorter += U"(b)";
  EXPECT_EQ(ExtractUrls(shorter).at(0).indices.end, shorter.size());
}

}  // namespace
}  // namespace piaf::text
