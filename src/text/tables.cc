#include "text/tables.h"

#include <string>
#include <unordered_set>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text_tables.inc"

namespace piaf::text {
namespace {

// A set of code-point strings with the lengths that occur, so that a lookup
// tries only lengths some entry has, longest first.
struct SequenceSet {
  std::unordered_set<std::u32string> entries;
  std::unordered_set<char32_t> first;
  std::size_t max_length = 0;

  void Add(std::u32string s) {
    if (s.empty()) return;
    max_length = std::max(max_length, s.size());
    first.insert(s[0]);
    entries.insert(std::move(s));
  }
};

const SequenceSet& Tlds() {
  static const SequenceSet set = [] {
    SequenceSet s;
    for (const char* tld : kTopLevelDomains) {
      auto cps = core::DecodeUtf8(tld);
      if (!cps) continue;
      for (char32_t& c : *cps) c = CanonicalizeCase(c);
      s.Add(*cps);
    }
    return s;
  }();
  return set;
}

const SequenceSet& Emoji() {
  static const SequenceSet set = [] {
    SequenceSet s;
    for (const char32_t* seq : kEmojiSequences) s.Add(seq);
    return s;
  }();
  return set;
}

bool EndsTld(std::u32string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  char32_t c = text[end];
  return !(IsAsciiAlnum(c) || c == '@' || c == '+' || c == '-');
}

}  // namespace

std::size_t MatchTopLevelDomain(std::u32string_view text, std::size_t pos) {
  const SequenceSet& tlds = Tlds();
  if (pos >= text.size()) return 0;
  std::size_t limit = std::min(tlds.max_length, text.size() - pos);
  std::u32string key;
  key.reserve(limit);
  for (std::size_t i = 0; i < limit; ++i) key.push_back(CanonicalizeCase(text[pos + i]));
  if (!tlds.first.contains(key[0])) return 0;
  for (std::size_t len = limit; len > 0; --len) {
    if (!EndsTld(text, pos + len)) continue;
    if (tlds.entries.contains(key.substr(0, len))) return len;
  }
  return 0;
}

std::size_t MatchEmojiSequence(std::u32string_view text, std::size_t pos) {
  const SequenceSet& emoji = Emoji();
  if (pos >= text.size() || !emoji.first.contains(text[pos])) return 0;
  std::size_t limit = std::min(emoji.max_length, text.size() - pos);
  std::u32string key(text.substr(pos, limit));
  for (std::size_t len = limit; len >= 2; --len) {
    key.resize(len);
    if (emoji.entries.contains(key)) return len;
  }
  return 0;
}

}  // namespace piaf::text
