// Lookups in the tables generated at build time (see gen_tables.cc).
#pragma once

#include <cstddef>
#include <string_view>

namespace piaf::text {

// Length, in code points, of the longest top-level domain (ICANN section of
// the Public Suffix List, compared case-insensitively as JavaScript's /i does) that starts at
// text[pos] and is followed by the end of the text or by a character other
// than [0-9A-Za-z@+-]; 0 when there is none.
std::size_t MatchTopLevelDomain(std::u32string_view text, std::size_t pos);

// Length, in code points, of the longest multi-code-point emoji sequence
// starting at text[pos]; 0 when there is none.
std::size_t MatchEmojiSequence(std::u32string_view text, std::size_t pos);

}  // namespace piaf::text
