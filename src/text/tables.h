// Lookups in the tables generated at build time (see gen_tables.cc).
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace piaf::text {

// Length, in code points, of the longest top-level domain (ICANN section of
// the Public Suffix List, compared case-insensitively as JavaScript's /i does) that starts at
// text[pos] and is followed by the end of the text or by a character other
// than [0-9A-Za-z@+-]; 0 when there is none.
std::size_t MatchTopLevelDomain(std::u32string_view text, std::size_t pos);

// Whether a top-level domain (or a punycode one) may start with `c`.
bool MayStartTopLevelDomain(char32_t c);

// Length, in code points, of the longest multi-code-point emoji sequence
// starting at text[pos]; 0 when there is none.
std::size_t MatchEmojiSequence(std::u32string_view text, std::size_t pos);

// The emoji sequences of `text`, leftmost-longest and not overlapping, as
// [start, end) code-point pairs (what twemoji-parser finds, minus single
// code points).
std::vector<std::pair<std::size_t, std::size_t>> FindEmojiSequences(std::u32string_view text);

// What one pass over a text tells: its UTF-16 length, whether it is certainly
// in NFC (QuickCheckNfc), and which entity sigils it holds (@ # $ . and their
// fullwidth forms), so that extractors with nothing to find are skipped.
struct TextSummary {
  std::size_t utf16_length = 0;
  bool nfc = true;
  bool invalid_chars = false;  // U+FFFE, U+FEFF or U+FFFF
  bool at = false, hash = false, dollar = false, dot = false;
};
TextSummary Summarize(std::u32string_view text);

// NFC quick check (UAX #15): true when `text` is certainly in NFC — every
// character has NFC_QC=Yes and combining marks are in canonical order.
// False means "normalize to know".
bool QuickCheckNfc(std::u32string_view text);

}  // namespace piaf::text
