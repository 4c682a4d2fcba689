#include "search/query.h"

#include <cctype>

#include "text/char_class.h"

namespace piaf::search {
namespace {

constexpr std::string_view kFullWidthHash = "\xEF\xBC\x83";  // U+FF03, a hashtag sigil too

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A term quoted for FTS5: inside double quotes, quotes doubled.
std::string Quoted(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Whether a term has something a tokenizer keeps (letters or digits).
bool HasWord(std::string_view term) {
  for (unsigned char c : term) {
    if (c >= 0x80 || std::isalnum(c)) return true;
  }
  return false;
}

}  // namespace

Query ParseQuery(std::string_view q) {
  Query out;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && Space(q[i])) ++i;
    if (i >= q.size()) break;
    if (q[i] == '"') {  // a phrase
      std::size_t end = q.find('"', i + 1);
      if (end == std::string_view::npos) end = q.size();
      std::string_view phrase = q.substr(i + 1, end - i - 1);
      if (HasWord(phrase)) out.words.push_back("\"" + std::string(phrase) + "\"");
      i = end + 1;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !Space(q[end])) ++end;
    std::string_view term = q.substr(i, end - i);
    i = end;
    if (term.starts_with("from:") && term.size() > 5) {
      std::string_view who = term.substr(5);
      if (who.starts_with('@')) who.remove_prefix(1);
      out.from = std::string(who.substr(0, who.find('@')));
    } else if ((term.starts_with('#') || term.starts_with(kFullWidthHash)) && term.size() > 1) {
      term.remove_prefix(term.starts_with('#') ? 1 : kFullWidthHash.size());
      if (HasWord(term)) out.tags.push_back(text::LowerCase(term));
    } else if (HasWord(term)) {
      out.words.emplace_back(term);
    }
  }
  return out;
}

std::string MatchExpression(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += " AND ";
    if (w.size() >= 2 && w.front() == '"' && w.back() == '"') {
      out += Quoted(std::string_view(w).substr(1, w.size() - 2));
    } else {
      out += Quoted(w) + "*";
    }
  }
  return out;
}

}  // namespace piaf::search
