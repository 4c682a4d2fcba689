#include "search/query.h"

#include <gtest/gtest.h>

namespace piaf::search {
namespace {

TEST(ParseQuery, SeparatesWordsTagsAndTheAuthor) {
  Query q = ParseQuery("  écouter #Interview from:@alice les gens ");
  EXPECT_EQ(q.words, (std::vector<std::string>{"écouter", "les", "gens"}));
  EXPECT_EQ(q.tags, (std::vector<std::string>{"interview"}));
  ASSERT_TRUE(q.from);
  EXPECT_EQ(*q.from, "alice");
}

TEST(ParseQuery, KeepsPhrasesAndDropsWhatHasNoWord) {
  Query q = ParseQuery(R"("aider les gens" ... # ")");
  EXPECT_EQ(q.words, (std::vector<std::string>{"\"aider les gens\""}));
  EXPECT_TRUE(q.tags.empty());
  EXPECT_FALSE(q.from);
  EXPECT_TRUE(ParseQuery("   ").Empty());
  EXPECT_EQ(*ParseQuery("from:bob@piaf.example").from, "bob");
}

TEST(MatchExpression, WordsArePrefixesAndPhrasesAreExactAndNothingEscapes) {
  EXPECT_EQ(MatchExpression({"ecoute", "gens"}), R"("ecoute"* AND "gens"*)");
  EXPECT_EQ(MatchExpression({"\"aider les\""}), R"("aider les")");
  // FTS5 syntax in a word is quoted away.
  EXPECT_EQ(MatchExpression({"a\"b", "NOT", "c*"}), R"("a""b"* AND "NOT"* AND "c*"*)");
  EXPECT_EQ(MatchExpression({}), "");
}

}  // namespace
}  // namespace piaf::search
