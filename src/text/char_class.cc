#include "text/char_class.h"

#include <utf8proc.h>

#include "core/utf8.h"

namespace piaf::text {

bool IsTwitterSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool IsJsWhitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

bool IsDirectionalMarker(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x2066 && c <= 0x2069);
}

bool IsLatinAccent(char32_t c) {
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0xFF) ||
         (c >= 0x100 && c <= 0x24F) || c == 0x253 || c == 0x254 || c == 0x256 || c == 0x257 ||
         c == 0x259 || c == 0x25B || c == 0x263 || c == 0x268 || c == 0x26F || c == 0x272 ||
         c == 0x289 || c == 0x28B || c == 0x2BB || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}

namespace {

// A class of letters used case-insensitively (the /i flag): a non-ASCII
// character also belongs when its upper case does (never through ASCII).
// The classes hold U+0345, which upper-cases to U+0399, so U+0399 joins too.
template <typename Exact>
bool MatchesIgnoringCase(char32_t c, Exact exact) {
  if (exact(c)) return true;
  if (c < 0x80) return false;
  auto upper = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
  if (upper < 0x80 || upper == c) return false;
  return upper == 0x399 || exact(upper);
}

bool IsPathLetter(char32_t c) {
  return MatchesIgnoringCase(c, [](char32_t x) {
    return IsAsciiAlnum(x) || (x >= 0x400 && x <= 0x4FF) || IsLatinAccent(x);
  });
}

}  // namespace

bool IsLatinAccentIgnoreCase(char32_t c) { return MatchesIgnoringCase(c, IsLatinAccent); }

bool IsUrlPrecedingChar(char32_t c) {
  if (c >= 128) return c != 0xFF20 && c != 0xFF03 && !IsInvalidChar(c);
  return !(IsAsciiAlnum(c) || c == '@' || c == 0xFF20 || c == '$' || c == '#' || c == 0xFF03 ||
           IsInvalidChar(c));
}

bool IsDomainCharSlow(char32_t c) {
  return !(IsPunctuation(c) || IsTwitterSpace(c) || IsInvalidChar(c) || IsDirectionalMarker(c));
}

bool IsPathChar(char32_t c) {
  switch (c) {
    case '!':
    case '*':
    case '\'':
    case ';':
    case ':':
    case '=':
    case '+':
    case ',':
    case '.':
    case '$':
    case '/':
    case '%':
    case '#':
    case '[':
    case ']':
    case '-':
    case 0x2013:
    case '_':
    case '~':
    case '@':
    case '|':
    case '&':
      return true;
    default:
      return IsPathLetter(c);
  }
}

bool IsPathEndingChar(char32_t c) {
  switch (c) {
    case '+':
    case '-':
    case '=':
    case '_':
    case '#':
    case '/':
      return true;
    default:
      return IsPathLetter(c);
  }
}

bool IsQueryChar(char32_t c) {
  switch (c) {
    case '!':
    case '?':
    case '*':
    case '\'':
    case '@':
    case '(':
    case ')':
    case ';':
    case ':':
    case '&':
    case '=':
    case '+':
    case '$':
    case '/':
    case '%':
    case '#':
    case '[':
    case ']':
    case '-':
    case '_':
    case '.':
    case ',':
    case '~':
    case '|':
      return true;
    default:
      return IsAsciiAlnum(c);
  }
}

bool IsQueryEndingChar(char32_t c) {
  switch (c) {
    case '-':
    case '_':
    case '&':
    case '=':
    case '#':
    case '/':
      return true;
    default:
      return IsAsciiAlnum(c);
  }
}

bool IsHashtagAlpha(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  // Apple private-use letters twitter-text lists among hashtag letters.
  if ((c >= 0xF870 && c <= 0xF87F) || c == 0xF882 || (c >= 0xF884 && c <= 0xF89F) || c == 0xF8B8 ||
      (c >= 0xF8C1 && c <= 0xF8D6)) {
    return true;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return true;
    default:
      return false;
  }
}

bool IsHashtagAlnum(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(c) || c == '_';
  switch (c) {
    case 0x200C:
    case 0x200D:
    case 0xA67E:
    case 0x05BE:
    case 0x05F3:
    case 0x05F4:
    case 0xFF5E:
    case 0x301C:
    case 0x309B:
    case 0x309C:
    case 0x30A0:
    case 0x30FB:
    case 0x3003:
    case 0x0F0B:
    case 0x0F0C:
    case 0x00B7:
      return true;
    default:
      break;
  }
  if (utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND) return true;
  return IsHashtagAlpha(c);
}

std::string LowerCase(std::string_view utf8) {
  auto cps = core::DecodeUtf8(utf8);
  if (!cps) return std::string(utf8);
  for (char32_t& c : *cps) {
    c = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
  }
  return core::EncodeUtf8(*cps);
}

char32_t CanonicalizeCase(char32_t c) {
  auto upper = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
  return c >= 0x80 && upper < 0x80 ? c : upper;
}

}  // namespace piaf::text
