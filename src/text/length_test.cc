#include "text/length.h"

#include <gtest/gtest.h>

namespace piaf::text {
namespace {

int Classic(std::u32string_view t) {
  return ParseTweet(t, LengthConfig::Classic()).weighted_length;
}
int Weighted(std::u32string_view t) {
  return ParseTweet(t, LengthConfig::Weighted()).weighted_length;
}

TEST(ParseTweet, CountsTheInterviewSentenceAs152UnderClassic) {
  std::u32string t =
      U"SB : Dans les comptes Twitter des organisations peut-\u00eatre. Mais les choses "
      U"int\u00e9ressantes passent souvent par les personnes qui travaillent dans les ONG.";
  TweetLength r = ParseTweet(t, LengthConfig::Classic());
  EXPECT_EQ(r.weighted_length, 152);
  EXPECT_FALSE(r.valid);
}

TEST(ParseTweet, NormalizesToNfcBeforeCounting) {
  EXPECT_EQ(Classic(U"cafe\u0301"), 4);  // é as e + combining acute
  EXPECT_EQ(Classic(U"caf\u00e9"), 4);
}

TEST(ParseTweet, EveryUrlCounts23) {
  EXPECT_EQ(Classic(U"http://example.com/a/very/long/path/indeed/yes"), 23);
  EXPECT_EQ(Classic(U"a iteco.be"), 25);
}

TEST(ParseTweet, WeightedCountsEmojiSequencesOnce) {
  EXPECT_EQ(Weighted(U"\U0001F468\u200D\U0001F469\u200D\U0001F467"), 2);  // family
  EXPECT_EQ(Weighted(U"\U0001F44D\U0001F3FD"), 2);                        // skin tone
  EXPECT_EQ(Weighted(U"\U0001F1EB\U0001F1F7"), 2);                        // flag
  EXPECT_EQ(Weighted(U"#\uFE0F\u20E3"), 2);                               // keycap
  EXPECT_EQ(Classic(U"\U0001F468\u200D\U0001F469\u200D\U0001F467"), 5);   // code points
}

TEST(ParseTweet, WeightedCountsCjkTwiceAndLatinOnce) {
  EXPECT_EQ(Weighted(U"\u65e5\u672c"), 4);
  EXPECT_EQ(Weighted(U"ab"), 2);
}

TEST(ParseTweet, BoundaryAt140) {
  EXPECT_TRUE(ParseTweet(std::u32string(140, U'x'), LengthConfig::Classic()).valid);
  EXPECT_FALSE(ParseTweet(std::u32string(141, U'x'), LengthConfig::Classic()).valid);
  EXPECT_FALSE(ParseTweet(U"", LengthConfig::Classic()).valid);
}

TEST(ParseTweet, InvalidCharactersMakeTheTextInvalid) {
  EXPECT_FALSE(ParseTweet(U"abc\uFFFF", LengthConfig::Classic()).valid);
  EXPECT_FALSE(ParseTweet(U"abc\uFEFF", LengthConfig::Classic()).valid);
}

}  // namespace
}  // namespace piaf::text
