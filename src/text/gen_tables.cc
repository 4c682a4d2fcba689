// Build-time generator of the text engine's data tables (not linked into piaf).
//
//   gen_tables PUBLIC_SUFFIX_LIST EMOJI_TEST NORMALIZATION_PROPS OUT.inc
//
// - Top-level domains: the last label of every rule in the ICANN section of
//   the Public Suffix List (Debian's publicsuffix package), lower-cased.
// - Emoji sequences: the multi-code-point sequences of Unicode's
//   emoji-test.txt (Debian's unicode-data package) up to Emoji 11.0, the
//   version twemoji-parser 11 (which twitter-text 3.1 weighs emoji with)
//   knows. Single code points are left out on purpose: an emoji made of one
//   code point weighs the same whether it is recognized or not.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// C++ u8 literal body for a UTF-8 string (escape everything non-ASCII).
std::string Escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      out += "\"\"";  // end the hex escape
    }
  }
  return out;
}

// Sequences twemoji-parser 11 recognizes although emoji-test.txt dates them
// after 11.0 or marks them unqualified: person in tuxedo with a gender (and
// skin tones), and the eye in a speech bubble without variation selectors.
std::vector<std::vector<unsigned>> TwemojiAdded() {
  std::vector<std::vector<unsigned>> out = {{0x1F441, 0x200D, 0x1F5E8}};
  for (unsigned gender : {0x2640u, 0x2642u}) {
    out.push_back({0x1F935, 0x200D, gender, 0xFE0F});
    for (unsigned skin = 0x1F3FB; skin <= 0x1F3FF; ++skin) {
      out.push_back({0x1F935, skin, 0x200D, gender, 0xFE0F});
    }
  }
  return out;
}

// Emoji 11.0 sequences twemoji-parser 11 does not recognize.
const std::vector<std::vector<unsigned>> kTwemojiRemoved = {
    {0x267E, 0xFE0F},                            // infinity
    {0x1F441, 0xFE0F, 0x200D, 0x1F5E8, 0xFE0F},  // eye in speech bubble, qualified
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: gen_tables PUBLIC_SUFFIX_LIST EMOJI_TEST NORMALIZATION_PROPS OUT\n";
    return 2;
  }
  std::ifstream psl(argv[1]);
  if (!psl) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  std::set<std::string> tlds;
  bool icann = false;
  for (std::string line; std::getline(psl, line);) {
    if (line.find("===BEGIN ICANN DOMAINS===") != std::string::npos) icann = true;
    if (line.find("===END ICANN DOMAINS===") != std::string::npos) icann = false;
    line = Trim(line);
    if (!icann || line.empty() || line.starts_with("//")) continue;
    auto dot = line.rfind('.');
    std::string tld = dot == std::string::npos ? line : line.substr(dot + 1);
    if (tld.starts_with("!")) tld = tld.substr(1);
    if (tld == "*" || tld.empty()) continue;
    std::string lower;
    for (char c : tld) lower.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    tlds.insert(lower);
  }
  if (tlds.size() < 1000) {
    std::cerr << "suspiciously few TLDs in " << argv[1] << "\n";
    return 1;
  }

  std::ifstream emoji(argv[2]);
  if (!emoji) {
    std::cerr << "cannot read " << argv[2] << "\n";
    return 1;
  }
  std::set<std::vector<unsigned>> sequences;
  for (std::string line; std::getline(emoji, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto semi = line.find(';');
    auto hash = line.find('#');
    if (semi == std::string::npos || hash == std::string::npos) continue;
    std::string status = Trim(line.substr(semi + 1, hash - semi - 1));
    // "# 😀 E1.0 grinning face": the version follows the emoji itself.
    std::istringstream comment(line.substr(hash + 1));
    std::string glyph, version;
    comment >> glyph >> version;
    if (version.size() < 2 || version[0] != 'E') continue;
    double v = std::stod(version.substr(1));
    if (v > 11.0) continue;
    bool keycap = line.find("20E3") != std::string::npos;
    if (status != "fully-qualified" && status != "component" && !keycap) continue;
    std::istringstream cps(line.substr(0, semi));
    std::vector<unsigned> seq;
    for (std::string hex; cps >> hex;) seq.push_back(std::stoul(hex, nullptr, 16));
    if (seq.size() >= 2) sequences.insert(seq);
  }
  for (const auto& seq : TwemojiAdded()) sequences.insert(seq);
  for (const auto& seq : kTwemojiRemoved) sequences.erase(seq);
  if (sequences.size() < 500) {
    std::cerr << "suspiciously few emoji sequences in " << argv[2] << "\n";
    return 1;
  }

  std::ifstream norm(argv[3]);
  if (!norm) {
    std::cerr << "cannot read " << argv[3] << "\n";
    return 1;
  }
  std::vector<std::pair<unsigned, unsigned>> nfc_unstable;
  for (std::string line; std::getline(norm, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto first = line.find(';');
    if (first == std::string::npos) continue;
    auto second = line.find(';', first + 1);
    std::string prop = Trim(line.substr(
        first + 1, second == std::string::npos ? std::string::npos : second - first - 1));
    if (prop != "NFC_QC") continue;
    std::string range = Trim(line.substr(0, first));
    auto dots = range.find("..");
    unsigned lo = std::stoul(range.substr(0, dots), nullptr, 16);
    unsigned hi = dots == std::string::npos ? lo : std::stoul(range.substr(dots + 2), nullptr, 16);
    nfc_unstable.push_back({lo, hi});  // value is N or M: both may change under NFC
  }
  if (nfc_unstable.size() < 50) {
    std::cerr << "suspiciously few NFC_QC ranges in " << argv[3] << "\n";
    return 1;
  }

  std::ofstream out(argv[4]);
  out << "// Generated by gen_tables from " << argv[1] << " and " << argv[2] << ". Do not edit.\n";
  out << "static constexpr const char* kTopLevelDomains[] = {\n";
  for (const auto& t : tlds) out << "    \"" << Escape(t) << "\",\n";
  out << "};\n";
  out << "static constexpr const char32_t* kEmojiSequences[] = {\n";
  for (const auto& seq : sequences) {
    out << "    U\"";
    for (unsigned cp : seq) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\U%08X", cp);
      out << buf;
    }
    out << "\",\n";
  }
  out << "};\n";
  out << "static constexpr char32_t kNfcQuickCheckNotYes[][2] = {\n";
  for (auto [lo, hi] : nfc_unstable)
    out << "    {0x" << std::hex << lo << ", 0x" << hi << std::dec << "},\n";
  out << "};\n";
  return out ? 0 : 1;
}
