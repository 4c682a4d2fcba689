// Search queries as people type them: words, "#tag" and "from:username"
// operators, quoted phrases. Plain C++: parsing and the FTS5 expression; the
// store runs it (SQLite FTS5, accent- and case-insensitive, English stems,
// each word also matching as a prefix so that French and English word forms
// meet: "ecoute" finds "écouter" and "écoutons").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace piaf::search {

struct Query {
  std::vector<std::string> words;   // each a word or a quoted phrase, as typed
  std::vector<std::string> tags;    // without '#', lower-cased
  std::optional<std::string> from;  // a username, without '@'
  bool Empty() const { return words.empty() && tags.empty() && !from; }
};

Query ParseQuery(std::string_view q);

// The FTS5 MATCH expression for the words (all must match; words as
// prefixes, phrases exact); empty when there are no words.
std::string MatchExpression(const std::vector<std::string>& words);

}  // namespace piaf::search
