// Character classes of twitter-text, as code-point predicates.
//
// twitter-text defines its grammar with JavaScript regular expressions over
// UTF-16; these predicates are the same classes over code points. Where the
// JavaScript library uses a hand-made Unicode table (hashtag letters), we ask
// utf8proc for the general category instead.
#pragma once

namespace piaf::text {

bool IsTwitterSpace(char32_t c);     // the "spaces" group
bool IsJsWhitespace(char32_t c);     // JavaScript's \s
bool IsPunctuation(char32_t c);      // the "punct" group: !'#%&()*+,\-./:;<=>?@[]^_{|}~$
bool IsInvalidChar(char32_t c);      // U+FFFE, U+FEFF, U+FFFF
bool IsDirectionalMarker(char32_t c);
bool IsAsciiAlpha(char32_t c);
bool IsAsciiAlnum(char32_t c);
bool IsLatinAccent(char32_t c);
bool IsLatinAccentIgnoreCase(char32_t c);  // as the /i flag reads the class

// URLs.
bool IsUrlPrecedingChar(char32_t c);  // may stand right before a URL
bool IsDomainChar(char32_t c);
bool IsPathChar(char32_t c);          // validGeneralUrlPathChars
bool IsPathEndingChar(char32_t c);    // validUrlPathEndingChars (without parens)
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

}  // namespace piaf::text
