// Character classes of twitter-text, as code-point predicates.
//
// twitter-text defines its grammar with JavaScript regular expressions over
// UTF-16; these predicates are the same classes over code points. Where the
// JavaScript library uses a hand-made Unicode table (hashtag letters), we ask
// utf8proc for the general category instead.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace piaf::text {

namespace ascii {
// Classes of ASCII characters as bits of one table, so the hot predicates
// answer ASCII with a load.
enum : unsigned char {
  kAlpha = 1,
  kDigit = 2,
  kPunct = 4,
  kSpace = 8,
  kAt = 16,
  kHash = 32,
  kDollar = 64,
  kDot = 128,  // the characters entities start from
};
constexpr unsigned char Flags(char c) {
  unsigned char f = 0;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) f |= kAlpha;
  if (c >= '0' && c <= '9') f |= kDigit;
  for (char p : std::string_view("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$")) {
    if (c == p) f |= kPunct;
  }
  if ((c >= 0x09 && c <= 0x0D) || c == 0x20) f |= kSpace;
  if (c == '@') f |= kAt;
  if (c == '#') f |= kHash;
  if (c == '$') f |= kDollar;
  if (c == '.') f |= kDot;
  return f;
}
inline constexpr auto kTable = [] {
  std::array<unsigned char, 128> t{};
  for (int i = 0; i < 128; ++i) t[i] = Flags(static_cast<char>(i));
  return t;
}();
}  // namespace ascii

inline bool IsAsciiAlpha(char32_t c) { return c < 128 && (ascii::kTable[c] & ascii::kAlpha); }
inline bool IsAsciiAlnum(char32_t c) {
  return c < 128 && (ascii::kTable[c] & (ascii::kAlpha | ascii::kDigit));
}
// The "punct" group: !'#%&()*+,\-./:;<=>?@[]^_{|}~$
inline bool IsPunctuation(char32_t c) { return c < 128 && (ascii::kTable[c] & ascii::kPunct); }
inline bool IsInvalidChar(char32_t c) { return c == 0xFFFE || c == 0xFEFF || c == 0xFFFF; }

bool IsTwitterSpace(char32_t c);  // the "spaces" group
bool IsJsWhitespace(char32_t c);  // JavaScript's \s
bool IsDirectionalMarker(char32_t c);
bool IsLatinAccent(char32_t c);
bool IsLatinAccentIgnoreCase(char32_t c);  // as the /i flag reads the class

// URLs.
bool IsUrlPrecedingChar(char32_t c);  // may stand right before a URL
bool IsDomainCharSlow(char32_t c);
inline bool IsDomainChar(char32_t c) {
  if (c < 128) return !(ascii::kTable[c] & (ascii::kPunct | ascii::kSpace));
  return IsDomainCharSlow(c);
}
bool IsPathChar(char32_t c);        // validGeneralUrlPathChars
bool IsPathEndingChar(char32_t c);  // validUrlPathEndingChars (without parens)
bool IsQueryChar(char32_t c);
bool IsQueryEndingChar(char32_t c);

// Hashtags.
bool IsHashtagAlpha(char32_t c);
bool IsHashtagAlnum(char32_t c);

inline bool IsAtSign(char32_t c) { return c == U'@' || c == U'\uFF20'; }
inline bool IsHashSign(char32_t c) { return c == U'#' || c == U'\uFF03'; }

// The case folding of JavaScript regular expressions with the /i flag and
// without /u: the simple upper case, except that a non-ASCII character never
// folds to an ASCII one (so "İ" does not match "i").
char32_t CanonicalizeCase(char32_t c);

// Lower case by Unicode's simple mapping (utf8proc), for valid UTF-8; used to
// compare hashtags case-insensitively ("#Café" is "#café").
std::string LowerCase(std::string_view utf8);

}  // namespace piaf::text
