// Keyword matching as Mastodon's CustomFilterKeyword#to_regex matches.
#include "service/filters.h"

#include <gtest/gtest.h>

namespace piaf::service {
namespace {

bool Matches(std::string_view text, std::string_view keyword, bool whole_word) {
  return FindKeyword(FoldForFilter(text), FoldForFilter(keyword), whole_word).has_value();
}

TEST(FilterKeywordTest, AWholeWordMatchesOnlyBetweenWordBoundaries) {
  EXPECT_TRUE(Matches("I love cats", "cat", false));
  EXPECT_FALSE(Matches("I love cats", "cat", true));
  EXPECT_TRUE(Matches("a cat, two dogs", "cat", true));
  EXPECT_TRUE(Matches("cat", "cat", true));
  EXPECT_FALSE(Matches("concatenate", "cat", true));
  EXPECT_TRUE(Matches("concatenate", "cat", false));
  EXPECT_FALSE(Matches("cat_food", "cat", true));  // _ is a word character
  EXPECT_TRUE(Matches("the spoilers-here", "spoilers", true));
  // A later occurrence may be the whole word.
  EXPECT_TRUE(Matches("cats and a cat", "cat", true));
}

TEST(FilterKeywordTest, CaseIsIgnoredAccentsAreNot) {
  EXPECT_TRUE(Matches("BREAKING news", "breaking", true));
  EXPECT_TRUE(Matches("Élection demain", "élection", true));
  EXPECT_TRUE(Matches("ÉLECTION", "élection", true));
  EXPECT_FALSE(Matches("election", "élection", false));
  EXPECT_FALSE(Matches("café", "cafe", false));
}

TEST(FilterKeywordTest, LettersBeyondAsciiAreWordCharacters) {
  EXPECT_FALSE(Matches("cafés", "café", true));
  EXPECT_TRUE(Matches("un café noir", "café", true));
  EXPECT_FALSE(Matches("énorme", "norme", true));
}

TEST(FilterKeywordTest, ABoundaryIsLookedForOnlyWhereTheKeywordHasAWordCharacter) {
  // Mastodon: \b only where the keyword starts (ends) with [[:word:]].
  EXPECT_TRUE(Matches("see #piaf2026 soon", "#piaf", false));
  EXPECT_FALSE(Matches("see #piaf2026 soon", "#piaf", true));  // ends with a letter
  EXPECT_TRUE(Matches("x#piaf y", "#piaf", true));             // starts with '#': no \b there
  EXPECT_TRUE(Matches("wow!!! yes", "!!!", true));
}

TEST(FilterKeywordTest, AnEmptyKeywordMatchesNothing) {
  EXPECT_FALSE(Matches("anything", "", false));
}

TEST(FilterKeywordTest, ContextsAreMastodonsFive) {
  EXPECT_EQ(ParseFilterContext("home"), FilterContext::kHome);
  EXPECT_EQ(ParseFilterContext("notifications"), FilterContext::kNotifications);
  EXPECT_EQ(ParseFilterContext("public"), FilterContext::kPublic);
  EXPECT_EQ(ParseFilterContext("thread"), FilterContext::kThread);
  EXPECT_EQ(ParseFilterContext("account"), FilterContext::kAccount);
  EXPECT_FALSE(ParseFilterContext("Home"));
  EXPECT_FALSE(ParseFilterContext("lists"));
}

}  // namespace
}  // namespace piaf::service
