#include "text/tables.h"

#include <utf8proc.h>

#include <bitset>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text_tables.inc"

namespace piaf::text {
namespace {

// A set of code-point strings with the lengths that occur, so that a lookup
// tries only lengths some entry has, longest first.
// Hash and equality that also take string views: lookups allocate nothing.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::u32string_view s) const {
    return std::hash<std::u32string_view>{}(s);
  }
};
struct ViewEqual {
  using is_transparent = void;
  bool operator()(std::u32string_view a, std::u32string_view b) const { return a == b; }
};

// The first and second code points of the entries are kept in bit sets, so
// that most positions are rejected without hashing.
struct SequenceSet {
  std::unordered_set<std::u32string, ViewHash, ViewEqual> entries;
  std::bitset<0x110000> first;
  std::bitset<0x110000> second;
  std::size_t max_length = 0;

  void Add(std::u32string s) {
    if (s.empty()) return;
    max_length = std::max(max_length, s.size());
    first.set(s[0]);
    if (s.size() > 1) second.set(s[1]);
    entries.insert(std::move(s));
  }
};

const SequenceSet& Tlds() {
  static const SequenceSet& set = *[] {
    auto* p = new SequenceSet;
    SequenceSet& s = *p;
    for (const char* tld : kTopLevelDomains) {
      auto cps = core::DecodeUtf8(tld);
      if (!cps) continue;
      for (char32_t& c : *cps) c = CanonicalizeCase(c);
      s.Add(*cps);
    }
    return p;
  }();
  return set;
}

// Emoji sequences as a trie: (node << 21 | code point) -> child node, and
// the nodes that end a sequence. A match walks forward one lookup per code
// point and keeps the longest sequence seen.
struct EmojiTrie {
  std::unordered_map<std::uint64_t, std::uint32_t> children;
  std::vector<bool> terminal{false};
  std::bitset<0x110000> first;
  std::bitset<0x110000> second;

  void Add(std::u32string_view seq) {
    std::uint32_t node = 0;
    for (char32_t c : seq) {
      auto [it, inserted] = children.try_emplace((std::uint64_t{node} << 21) | c,
                                                 static_cast<std::uint32_t>(terminal.size()));
      if (inserted) terminal.push_back(false);
      node = it->second;
    }
    terminal[node] = true;
    first.set(seq[0]);
    second.set(seq[1]);
  }
};

const EmojiTrie& Emoji() {
  static const EmojiTrie& trie = *[] {
    auto* p = new EmojiTrie;
    for (const char32_t* seq : kEmojiSequences) {
      // FindEmojiSequences relies on this; the generated table is checked here.
      if (seq[1] < 0x200D) std::abort();
      p->Add(seq);
    }
    return p;
  }();
  return trie;
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
  char32_t key[64];
  limit = std::min(limit, sizeof key / sizeof key[0]);
  key[0] = CanonicalizeCase(text[pos]);
  if (key[0] >= 0x110000 || !tlds.first[key[0]]) return 0;
  for (std::size_t i = 1; i < limit; ++i) key[i] = CanonicalizeCase(text[pos + i]);
  for (std::size_t len = limit; len > 0; --len) {
    if (!EndsTld(text, pos + len)) continue;
    if (tlds.entries.contains(std::u32string_view(key, len))) return len;
  }
  return 0;
}

bool MayStartTopLevelDomain(char32_t c) {
  char32_t k = CanonicalizeCase(c);
  return k == 'X' || (k < 0x110000 && Tlds().first[k]);
}

namespace {

std::size_t MatchEmojiIn(const EmojiTrie& emoji, std::u32string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] >= 0x110000 || text[pos + 1] >= 0x110000 ||
      !emoji.first[text[pos]] || !emoji.second[text[pos + 1]]) {
    return 0;
  }
  std::uint32_t node = 0;
  std::size_t longest = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    auto it = emoji.children.find((std::uint64_t{node} << 21) | text[i]);
    if (it == emoji.children.end()) break;
    node = it->second;
    if (emoji.terminal[node]) longest = i + 1 - pos;
  }
  return longest;
}

}  // namespace

std::size_t MatchEmojiSequence(std::u32string_view text, std::size_t pos) {
  return MatchEmojiIn(Emoji(), text, pos);
}

std::vector<std::pair<std::size_t, std::size_t>> FindEmojiSequences(std::u32string_view text) {
  const EmojiTrie& emoji = Emoji();
  std::vector<std::pair<std::size_t, std::size_t>> out;
  // A sequence starting at p has its second code point (a variation
  // selector, ZWJ, keycap, skin tone, regional indicator or tag, all at or
  // above U+200D) at p + 1: look for those, left to right.
  std::size_t free_from = 0;
  for (std::size_t q = 1; q < text.size(); ++q) {
    char32_t c = text[q];
    if (c < 0x200D || c >= 0x110000 || !emoji.second[c] || q - 1 < free_from) continue;
    if (std::size_t n = MatchEmojiIn(emoji, text, q - 1)) {
      out.emplace_back(q - 1, q - 1 + n);
      free_from = q - 1 + n;
      q = free_from;  // the loop's ++q makes it free_from + 1
    }
  }
  return out;
}

namespace {

// Canonical combining classes of planes 0-2 (utf8proc), and the characters
// whose NFC_QC is not Yes (generated table).
struct NfcTables {
  std::vector<std::uint8_t> ccc;
  std::bitset<0x110000> not_yes;
};

constexpr char32_t kCccTableEnd = 0x30000;

const NfcTables& Nfc() {
  static const NfcTables& tables = *[] {
    auto* t = new NfcTables;
    t->ccc.resize(kCccTableEnd);
    for (char32_t x = 0x300; x < kCccTableEnd; ++x) {
      t->ccc[x] = static_cast<std::uint8_t>(
          utf8proc_get_property(static_cast<utf8proc_int32_t>(x))->combining_class);
    }
    for (const auto& range : kNfcQuickCheckNotYes) {
      for (char32_t x = range[0]; x <= range[1]; ++x) t->not_yes.set(x);
    }
    return t;
  }();
  return tables;
}

}  // namespace

namespace {

// One step of the NFC quick check for c >= U+0300; false when c breaks it.
bool NfcStep(const NfcTables& nfc, char32_t c, std::uint8_t& last_ccc) {
  if (c >= 0x110000 || nfc.not_yes[c]) return false;
  std::uint8_t ccc =
      c < kCccTableEnd
          ? nfc.ccc[c]
          : static_cast<std::uint8_t>(
                utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class);
  if (ccc != 0 && last_ccc > ccc) return false;
  last_ccc = ccc;
  return true;
}

}  // namespace

bool QuickCheckNfc(std::u32string_view text) {
  const NfcTables* nfc = nullptr;
  std::uint8_t last_ccc = 0;
  for (char32_t c : text) {
    if (c < 0x300) {  // NFC_QC Yes and combining class 0 below U+0300
      last_ccc = 0;
      continue;
    }
    if (!nfc) nfc = &Nfc();
    if (!NfcStep(*nfc, c, last_ccc)) return false;
  }
  return true;
}

TextSummary Summarize(std::u32string_view text) {
  TextSummary summary;
  const NfcTables* nfc = nullptr;
  std::uint8_t last_ccc = 0;
  unsigned sigils = 0;
  std::size_t astral = 0;
  for (char32_t c : text) {
    if (c < 0x80) {
      sigils |= ascii::kTable[c];
      last_ccc = 0;
      continue;
    }
    sigils |= c == 0xFF20 ? ascii::kAt : c == 0xFF03 ? ascii::kHash : 0;
    astral += c >= 0x10000;
    summary.invalid_chars |= c >= 0xFEFF && IsInvalidChar(c);
    if (c < 0x300) {
      last_ccc = 0;
    } else if (summary.nfc) {
      if (!nfc) nfc = &Nfc();
      summary.nfc = NfcStep(*nfc, c, last_ccc);
    }
  }
  summary.utf16_length = text.size() + astral;
  summary.at = sigils & ascii::kAt;
  summary.hash = sigils & ascii::kHash;
  summary.dollar = sigils & ascii::kDollar;
  summary.dot = sigils & ascii::kDot;
  return summary;
}

}  // namespace piaf::text
