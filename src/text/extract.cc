#include "text/extract.h"

#include <algorithm>
#include <cstdint>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text/tables.h"

namespace piaf::text {
namespace {

using core::EncodeUtf8;

constexpr std::size_t kNpos = std::u32string_view::npos;

char32_t At(std::u32string_view t, std::size_t i) { return i < t.size() ? t[i] : 0; }

bool StartsWithIgnoreAsciiCase(std::u32string_view t, std::size_t pos, std::u32string_view p) {
  if (pos + p.size() > t.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char32_t c = t[pos + i];
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (c != p[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------- mentions

bool IsScreenNameChar(char32_t c) { return IsAsciiAlnum(c) || c == '_'; }

// [^a-zA-Z0-9_!#$%&*@＠]
bool IsMentionPrecedingChar(char32_t c) {
  if (IsScreenNameChar(c)) return false;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '*':
    case '@':
    case 0xFF20:
      return false;
    default:
      return true;
  }
}

// [^a-zA-Z0-9_+~.-], the character allowed before "RT".
bool IsRetweetPrecedingChar(char32_t c) {
  return !(IsScreenNameChar(c) || c == '+' || c == '~' || c == '.' || c == '-');
}

bool IsRt(std::u32string_view t, std::size_t i) {
  return (At(t, i) == 'r' || At(t, i) == 'R') && (At(t, i + 1) == 't' || At(t, i + 1) == 'T');
}

// Position of the @ of a mention whose preceding part starts at s, or npos.
std::size_t MentionAtSign(std::u32string_view t, std::size_t s) {
  if (s == 0 && IsAtSign(At(t, 0))) return 0;
  if (s < t.size() && IsMentionPrecedingChar(t[s]) && IsAtSign(At(t, s + 1))) return s + 1;
  std::size_t rt = kNpos;
  if (s == 0 && IsRt(t, 0)) {
    rt = 0;
  } else if (s < t.size() && IsRetweetPrecedingChar(t[s]) && IsRt(t, s + 1)) {
    rt = s + 1;
  }
  if (rt == kNpos) return kNpos;
  std::size_t q = rt + 2;
  if (At(t, q) == ':') ++q;
  return IsAtSign(At(t, q)) ? q : kNpos;
}

struct MentionOrList {
  Mention mention;
  bool is_list = false;
};

std::vector<MentionOrList> ExtractMentionsOrLists(std::u32string_view t) {
  std::vector<MentionOrList> out;
  std::size_t pos = 0;
  while (pos < t.size()) {
    std::size_t at = kNpos, name_end = 0, end = 0;
    std::size_t next_at = pos;  // a match starting at s has its @ within [s, s + 4]
    for (std::size_t s = pos; s < t.size(); ++s) {
      if (next_at < s) {
        next_at = s;
      }
      while (next_at < t.size() && !IsAtSign(t[next_at])) ++next_at;
      if (next_at == t.size()) break;
      if (next_at > s + 4) s = next_at - 4;
      at = MentionAtSign(t, s);
      if (at == kNpos) continue;
      std::size_t n = 0;
      while (n < 20 && IsScreenNameChar(At(t, at + 1 + n))) ++n;
      if (n == 0) {
        at = kNpos;
        continue;
      }
      name_end = end = at + 1 + n;
      if (At(t, end) == '/' && IsAsciiAlpha(At(t, end + 1))) {
        std::size_t m = 0;
        while (m < 24 && (IsScreenNameChar(At(t, end + 2 + m)) || At(t, end + 2 + m) == '-')) ++m;
        end += 2 + m;
      }
      break;
    }
    if (at == kNpos) break;
    pos = end;
    char32_t after = At(t, end);
    if (IsAtSign(after) || IsLatinAccent(after) ||
        (after == ':' && At(t, end + 1) == '/' && At(t, end + 2) == '/')) {
      continue;
    }
    MentionOrList m;
    m.mention.username = EncodeUtf8(t.substr(at + 1, name_end - at - 1));
    m.mention.indices = {at, end};
    m.is_list = end != name_end;
    out.push_back(std::move(m));
  }
  return out;
}

// ---------------------------------------------------------------- hashtags

// Length of the hashtag text after the hash sign at h, or 0.
std::size_t HashtagBody(std::u32string_view t, std::size_t h) {
  if (!IsHashSign(At(t, h))) return 0;
  char32_t next = At(t, h + 1);
  if (next == 0xFE0F || next == 0x20E3) return 0;
  std::size_t n = 0;
  bool alpha = false;
  while (h + 1 + n < t.size() && IsHashtagAlnum(t[h + 1 + n])) {
    alpha = alpha || IsHashtagAlpha(t[h + 1 + n]);
    ++n;
  }
  return alpha ? n : 0;
}

std::vector<Hashtag> ExtractHashtagsRaw(std::u32string_view t) {
  std::vector<Hashtag> out;
  std::size_t pos = 0;
  while (pos < t.size()) {
    std::size_t hash = kNpos, len = 0;
    std::size_t next_hash = pos;  // a match starting at s has its # at s or s + 1
    for (std::size_t s = pos; s < t.size() && hash == kNpos; ++s) {
      if (next_hash < s) next_hash = s;
      while (next_hash < t.size() && !IsHashSign(t[next_hash])) ++next_hash;
      if (next_hash == t.size()) break;
      if (next_hash > s + 1) s = next_hash - 1;
      if (s == 0 && (len = HashtagBody(t, 0)) > 0) {
        hash = 0;
        break;
      }
      if (!IsHashSign(At(t, s + 1))) continue;
      char32_t c = t[s];
      bool boundary = c == 0xFE0E || c == 0xFE0F || (!IsHashtagAlnum(c) && c != '&');
      if (boundary && (len = HashtagBody(t, s + 1)) > 0) hash = s + 1;
    }
    if (hash == kNpos) break;
    std::size_t end = hash + 1 + len;
    pos = end;
    char32_t after = At(t, end);
    if (IsHashSign(after) || (after == ':' && At(t, end + 1) == '/' && At(t, end + 2) == '/')) {
      continue;
    }
    out.push_back({EncodeUtf8(t.substr(hash + 1, len)), {hash, end}});
  }
  return out;
}

// ---------------------------------------------------------------- URLs

// Punycode top-level "xn--..." at pos: length or 0.
std::size_t MatchPunycodeTld(std::u32string_view t, std::size_t pos) {
  if (!StartsWithIgnoreAsciiCase(t, pos, U"xn--")) return 0;
  std::size_t n = 0;
  while (pos + 4 + n < t.size() && (IsAsciiAlnum(t[pos + 4 + n]) || t[pos + 4 + n] == '-')) ++n;
  return n == 0 ? 0 : 4 + n;
}

std::size_t MatchTld(std::u32string_view t, std::size_t pos) {
  if (std::size_t n = MatchTopLevelDomain(t, pos)) return n;
  return MatchPunycodeTld(t, pos);
}

// Domains, memoized over one text so that scanning every start position stays
// linear even on hostile input ("a.a.a.a..." would otherwise be quadratic).
//
// A domain is `label* name TLD` where a label is a maximal run of label
// characters followed by a dot. The regular expression is greedy, so from a
// start d the domain ends at the TLD after the deepest label that can serve
// as the name; that is, Match(d) = Match(next(d)) when the rest of the chain
// has a domain, else "label at d is a name and a TLD follows it".
class DomainScanner {
 public:
  // kUrl: validDomain (labels of domain characters with inner '-' and '_';
  // the name without '_'). kAscii: validAsciiDomain (labels of [-a-z0-9] and
  // Latin accents).
  enum class Kind { kUrl, kAscii };

  // Working memory, reused from text to text by each thread. An entry is
  // valid for the current text only when its stamp is the scanner's, so
  // nothing is cleared between texts.
  struct Entry {
    std::uint64_t stamp = 0;
    std::size_t value = 0;
  };
  struct Scratch {
    std::vector<Entry> run_end, memo;
    std::vector<std::size_t> next_underscore, chain;
    std::uint64_t stamp = 0;
  };

  DomainScanner(std::u32string_view t, Kind kind, Scratch& scratch)
      : t_(t),
        kind_(kind),
        stamp_(++scratch.stamp),
        run_end_(scratch.run_end),
        memo_(scratch.memo),
        next_underscore_(scratch.next_underscore),
        chain_(scratch.chain) {
    if (run_end_.size() < t.size() + 1) run_end_.resize(t.size() + 1);
    if (memo_.size() < t.size() + 1) memo_.resize(t.size() + 1);
    next_underscore_.clear();
    if (kind_ == Kind::kUrl && t.find(U'_') != kNpos) {
      next_underscore_.assign(t.size() + 1, t.size());
      for (std::size_t i = t.size(); i-- > 0;) {
        next_underscore_[i] = t[i] == '_' ? i : next_underscore_[i + 1];
      }
    }
  }

  // End of the domain starting at d, or npos.
  std::size_t Match(std::size_t d) {
    if (Known(memo_, d)) return memo_[d].value;
    if (LabelNext(d) == kNpos) return Set(memo_, d, kNpos);  // the usual case
    chain_.clear();
    std::size_t q = d;
    while (!Known(memo_, q)) {
      chain_.push_back(q);
      std::size_t next = LabelNext(q);
      if (next == kNpos) break;
      q = next;
    }
    for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) {
      std::size_t p = *it;
      std::size_t next = LabelNext(p);
      std::size_t result = kNpos;
      if (next != kNpos) {
        result = Known(memo_, next) ? memo_[next].value : kNpos;
        if (result == kNpos && IsName(p, next)) {
          if (std::size_t n = MatchTld(t_, next)) result = next + n;
        }
      }
      Set(memo_, p, result);
    }
    return memo_[d].value;
  }

 private:
  bool Known(const std::vector<Entry>& v, std::size_t i) const { return v[i].stamp == stamp_; }
  std::size_t Set(std::vector<Entry>& v, std::size_t i, std::size_t value) {
    v[i] = {stamp_, value};
    return value;
  }

  bool IsLabelChar(char32_t c) const {
    if (kind_ == Kind::kAscii) return c == '-' || IsAsciiAlnum(c) || IsLatinAccentIgnoreCase(c);
    return IsDomainChar(c) || c == '_' || c == '-';
  }

  // End of the run of label characters starting at q (each position once).
  std::size_t RunEnd(std::size_t q) {
    if (Known(run_end_, q)) return run_end_[q].value;
    std::size_t r = q;
    while (r < t_.size() && IsLabelChar(t_[r])) ++r;
    for (std::size_t i = q; i <= r && !Known(run_end_, i); ++i) Set(run_end_, i, r);
    return r;
  }

  // Position after the dot of the label starting at q, or npos.
  std::size_t LabelNext(std::size_t q) {
    if (q >= t_.size()) return kNpos;
    std::size_t r = RunEnd(q);
    if (r == q || r >= t_.size() || t_[r] != '.') return kNpos;
    if (kind_ == Kind::kUrl && (!IsDomainChar(t_[q]) || !IsDomainChar(t_[r - 1]))) return kNpos;
    return r + 1;
  }

  // Whether the label [q, next - 1) may be the domain name (no '_').
  bool IsName(std::size_t q, std::size_t next) const {
    if (kind_ == Kind::kAscii || next_underscore_.empty()) return true;
    return next_underscore_[q] >= next - 1;
  }

  std::u32string_view t_;
  Kind kind_;
  std::uint64_t stamp_;
  std::vector<Entry>& run_end_;
  std::vector<Entry>& memo_;
  std::vector<std::size_t>& next_underscore_;  // kUrl only, when the text has '_'
  std::vector<std::size_t>& chain_;            // scratch for Match
};

DomainScanner::Scratch& UrlScratch() {
  thread_local DomainScanner::Scratch scratch;
  return scratch;
}
DomainScanner::Scratch& AsciiScratch() {
  thread_local DomainScanner::Scratch scratch;
  return scratch;
}

// A balanced parenthesis group of a URL path at i (t[i] == '('): end or npos.
std::size_t MatchPathParens(std::u32string_view t, std::size_t i) {
  std::size_t j = i + 1;
  auto run = [&](std::size_t from) {
    std::size_t k = from;
    while (k < t.size() && IsPathChar(t[k])) ++k;
    return k;
  };
  std::size_t g1 = run(j);
  if (At(t, g1) == ')' && g1 > j) return g1 + 1;
  if (At(t, g1) != '(') return kNpos;
  std::size_t k = g1 + 1;
  std::size_t g2 = run(k);
  if (g2 == k || At(t, g2) != ')') return kNpos;
  std::size_t g3 = run(g2 + 1);
  return At(t, g3) == ')' ? g3 + 1 : kNpos;
}

// Path after the slash at p. twitter-text's path is a repetition of either
// (a) path characters and parenthesis groups ending with an ending character,
// or (b) a lone parenthesis group; each repetition is as long as it can be.
// So "/p,(x)" stops after "p" while "/p(x)" and "/(x)(y)" take the groups.
// Returns the end of the path.
std::size_t MatchPath(std::u32string_view t, std::size_t p) {
  std::size_t i = p + 1;
  // Once (a) finds no ending character from i, it finds none from any later
  // token boundary either: only (b) can go on (keeps this linear).
  bool endings_left = true;
  while (i < t.size()) {
    std::size_t j = i, last_ending = kNpos;
    while (endings_left && j < t.size()) {
      if (IsPathChar(t[j])) {
        ++j;
        if (IsPathEndingChar(t[j - 1])) last_ending = j;
      } else if (std::size_t e = t[j] == '(' ? MatchPathParens(t, j) : kNpos; e != kNpos) {
        j = e;
      } else {
        break;
      }
    }
    if (last_ending != kNpos) {
      i = last_ending;
      continue;
    }
    endings_left = false;
    if (std::size_t e = At(t, i) == '(' ? MatchPathParens(t, i) : kNpos; e != kNpos) {
      i = e;
    } else {
      break;
    }
  }
  return i;
}

// Query after the '?' at q (within [q, limit)): end, or npos without one.
std::size_t MatchQuery(std::u32string_view t, std::size_t q, std::size_t limit) {
  std::size_t i = q + 1, last = kNpos;
  while (i < limit && IsQueryChar(t[i])) {
    if (IsQueryEndingChar(t[i])) last = i + 1;
    ++i;
  }
  return last;
}

bool IsIdnaSeparator(char32_t c) { return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61; }

// twitter-text's idna.toAscii check: every label's ASCII form is 1..63 long.
bool IsValidIdnaDomain(std::u32string_view domain) {
  if (domain.substr(0, 4) == U"xn--") {
    DomainScanner ascii(domain, DomainScanner::Kind::kAscii, AsciiScratch());
    bool found = false;
    for (std::size_t a = 0; a < domain.size() && !found; ++a) found = ascii.Match(a) != kNpos;
    if (!found) return false;
  }
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t dot = domain.find(U'.', start);
    if (dot == kNpos) dot = domain.size();
    std::u32string_view label = domain.substr(start, dot - start);
    // punycode.toASCII splits again on the other full stops and joins with '.'.
    std::size_t length = 0, part_start = 0;
    for (std::size_t i = 0; i <= label.size(); ++i) {
      if (i < label.size() && !IsIdnaSeparator(label[i])) continue;
      std::u32string_view part = label.substr(part_start, i - part_start);
      bool ascii = std::all_of(part.begin(), part.end(), [](char32_t c) { return c < 0x80; });
      length += ascii ? part.size() : 4 + PunycodeLength(part);
      if (i < label.size()) ++length;
      part_start = i + 1;
    }
    if (length < 1 || length > 63) return false;
    start = dot + 1;
  }
  return true;
}

constexpr std::size_t kMaxUrlLength = 4096;
constexpr std::size_t kMaxTcoSlugLength = 40;

}  // namespace

std::size_t PunycodeLength(std::u32string_view input) {
  // RFC 3492 section 6.3, counting output characters instead of writing them.
  constexpr unsigned kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
  auto adapt = [](unsigned long delta, unsigned long points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    unsigned long k = 0;
    while (delta > ((kBase - kTMin) * kTMax) / 2) {
      delta /= kBase - kTMin;
      k += kBase;
    }
    return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
  };
  std::size_t out = 0;
  unsigned long basic = 0;
  for (char32_t c : input) basic += c < 0x80;
  out += basic;
  if (basic > 0) ++out;  // delimiter
  unsigned long n = 0x80, delta = 0, bias = 72, handled = basic;
  while (handled < input.size()) {
    unsigned long m = 0x10FFFF + 1;
    for (char32_t c : input) {
      if (c >= n && c < m) m = c;
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (char32_t c : input) {
      if (c < n) ++delta;
      if (c == n) {
        unsigned long q = delta;
        for (unsigned long k = kBase;; k += kBase) {
          unsigned long t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
          if (q < t) break;
          ++out;
          q = (q - t) / (kBase - t);
        }
        ++out;
        bias = adapt(delta, handled + 1, handled == basic);
        delta = 0;
        ++handled;
      }
    }
    ++delta;
    ++n;
  }
  return out;
}

std::vector<Mention> ExtractMentions(std::u32string_view text) {
  std::vector<Mention> out;
  for (auto& m : ExtractMentionsOrLists(text)) {
    if (!m.is_list) out.push_back(std::move(m.mention));
  }
  return out;
}

std::vector<Url> ExtractUrls(std::u32string_view t) {
  std::vector<Url> urls;
  // A URL needs a dot followed by the start of a top-level domain: most
  // prose has none, and then there is nothing to scan.
  auto next_candidate_dot = [&](std::size_t from) {
    for (std::size_t dot = t.find(U'.', from); dot != kNpos; dot = t.find(U'.', dot + 1)) {
      if (dot + 1 < t.size() && MayStartTopLevelDomain(t[dot + 1])) return dot;
    }
    return kNpos;
  };
  std::size_t candidate_dot = next_candidate_dot(0);
  if (candidate_dot == kNpos) return urls;
  // Where a match around `dot` can start at the earliest: a domain is a run of
  // label characters and dots, after a scheme and one preceding character.
  auto earliest_start = [&](std::size_t dot) {
    std::size_t r = dot;
    while (r > 0 &&
           (IsDomainChar(t[r - 1]) || t[r - 1] == '.' || t[r - 1] == '_' || t[r - 1] == '-'))
      --r;
    return r > 9 ? r - 9 : 0;
  };
  DomainScanner domains(t, DomainScanner::Kind::kUrl, UrlScratch());
  std::size_t pos = 0;
  while (pos < t.size()) {
    // Find the leftmost match: a preceding character (or the start of the
    // text), then scheme? domain port? path? query?.
    std::size_t s = std::max(pos, earliest_start(candidate_dot)), u = 0, proto_len = 0,
                domain_start = 0, domain_end = kNpos;
    bool before_consumed = false;
    auto try_url_at = [&](std::size_t at, bool allow_scheme) {
      for (std::u32string_view scheme :
           {std::u32string_view(U"https://"), std::u32string_view(U"http://")}) {
        if (allow_scheme && StartsWithIgnoreAsciiCase(t, at, scheme)) {
          std::size_t e = domains.Match(at + scheme.size());
          if (e != kNpos) {
            u = at, proto_len = scheme.size(), domain_start = at + scheme.size(), domain_end = e;
            return true;
          }
        }
      }
      std::size_t e = domains.Match(at);
      if (e == kNpos) return false;
      u = at, proto_len = 0, domain_start = at, domain_end = e;
      return true;
    };
    // JavaScript scans UTF-16: the high surrogate of a character outside the
    // BMP may stand before a URL whose domain starts with the low surrogate.
    // Over code points, that is a domain starting at the character itself.
    bool split_surrogate = false;
    for (; s < t.size(); ++s) {
      if (candidate_dot == kNpos || s > candidate_dot) {
        // Every domain holds a dot followed by the start of a TLD: skip ahead.
        candidate_dot = next_candidate_dot(s);
        if (candidate_dot == kNpos) {
          s = t.size();
          break;
        }
        s = std::max(s, earliest_start(candidate_dot));
      }
      if (t[s] >= 0x10000 && try_url_at(s, false)) {
        split_surrogate = true;
        break;
      }
      if (IsUrlPrecedingChar(t[s]) && try_url_at(s + 1, true)) {
        before_consumed = true;
        break;
      }
      if (s == 0 && try_url_at(0, true)) break;
    }
    if (s >= t.size()) break;

    std::size_t e = domain_end;
    if (At(t, e) == ':' && At(t, e + 1) >= '0' && At(t, e + 1) <= '9') {
      ++e;
      while (At(t, e) >= '0' && At(t, e) <= '9') ++e;
    }
    bool has_path = At(t, e) == '/';
    if (has_path) e = MatchPath(t, e);
    if (At(t, e) == '?') {
      std::size_t q = MatchQuery(t, e, t.size());
      if (q != kNpos) e = q;
    }
    pos = e;

    std::u32string_view url = t.substr(u, e - u);
    std::u32string_view domain = t.substr(domain_start, domain_end - domain_start);
    std::size_t url_units = core::Utf16Length(url);
    if (split_surrogate) {
      // The domain JavaScript checks starts with the lone low surrogate.
      std::u32string js_domain(domain);
      js_domain[0] = 0xDC00 + ((js_domain[0] - 0x10000) & 0x3FF);
      if (!IsValidIdnaDomain(js_domain)) continue;
      --url_units;
    } else if (!IsValidIdnaDomain(domain)) {
      continue;
    }
    std::size_t protocol_length = proto_len ? proto_len : 8;  // "https://"
    if (protocol_length + url_units > kMaxUrlLength) continue;

    if (proto_len == 0) {
      char32_t before = before_consumed && !split_surrogate ? t[s] : 0;
      if (before == '-' || before == '_' || before == '.' || before == '/') continue;
      std::size_t found = 0, last_start = 0, last_end = 0;
      DomainScanner ascii(domain, DomainScanner::Kind::kAscii, AsciiScratch());
      for (std::size_t a = 0; a < domain.size();) {
        std::size_t end = ascii.Match(a);
        if (end == kNpos) {
          ++a;
          continue;
        }
        urls.push_back({EncodeUtf8(domain.substr(a, end - a)), {u + a, u + end}});
        ++found, last_start = a, last_end = end;
        a = end;
      }
      if (found == 0) continue;
      if (has_path) {
        Url& last = urls.back();
        last.url = EncodeUtf8(domain.substr(last_start, last_end - last_start)) +
                   EncodeUtf8(t.substr(domain_end, e - domain_end));
        last.indices.end = e;
      }
      continue;
    }

    // t.co links take no extra path characters, and a slug of at most 40.
    std::size_t url_end = e;
    std::size_t host = u + proto_len;
    if (StartsWithIgnoreAsciiCase(t, host, U"t.co/")) {
      std::size_t slug = host + 5, n = 0;
      while (slug + n < e && IsAsciiAlnum(t[slug + n])) ++n;
      if (n > 0) {
        if (n > kMaxTcoSlugLength) continue;
        url_end = slug + n;
        if (At(t, url_end) == '?' && url_end < e) {
          std::size_t q = MatchQuery(t, url_end, e);
          if (q != kNpos) url_end = q;
        }
      }
    }
    urls.push_back({EncodeUtf8(t.substr(u, url_end - u)), {u, url_end}});
  }
  return urls;
}

namespace {

std::vector<Hashtag> RemoveUrlOverlap(std::vector<Hashtag> tags, const std::vector<Url>& urls) {
  if (tags.empty() || urls.empty()) return tags;
  // removeOverlappingEntities: sort all by start, drop what overlaps the
  // previous kept entity, keep the hashtags.
  struct Item {
    Span span;
    const Hashtag* tag;
  };
  std::vector<Item> items;
  for (const auto& h : tags) items.push_back({h.indices, &h});
  for (const auto& u : urls) items.push_back({u.indices, nullptr});
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.span.start < b.span.start; });
  std::vector<Hashtag> out;
  std::size_t prev_end = items[0].span.end;
  if (items[0].tag) out.push_back(*items[0].tag);
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (prev_end > items[i].span.start) continue;
    prev_end = items[i].span.end;
    if (items[i].tag) out.push_back(*items[i].tag);
  }
  return out;
}

}  // namespace

std::vector<Hashtag> ExtractHashtags(std::u32string_view text) {
  std::vector<Hashtag> tags = ExtractHashtagsRaw(text);
  if (tags.empty()) return tags;
  return RemoveUrlOverlap(std::move(tags), ExtractUrls(text));
}

std::vector<Cashtag> ExtractCashtags(std::u32string_view t) {
  std::vector<Cashtag> out;
  if (t.find(U'$') == kNpos) return out;
  auto ends_ok = [&](std::size_t i) {
    return i >= t.size() || IsJsWhitespace(t[i]) || IsPunctuation(t[i]);
  };
  std::size_t pos = 0;
  while (pos < t.size()) {
    std::size_t dollar = kNpos, end = 0;
    std::size_t next_dollar = pos;  // a match starting at s has its $ at s or s + 1
    for (std::size_t s = pos; s < t.size(); ++s) {
      if (next_dollar < s) next_dollar = s;
      while (next_dollar < t.size() && t[next_dollar] != '$') ++next_dollar;
      if (next_dollar == t.size()) break;
      if (next_dollar > s + 1) s = next_dollar - 1;
      std::size_t d;
      if (s == 0 && t[0] == '$') {
        d = 0;
      } else if (IsTwitterSpace(t[s]) && At(t, s + 1) == '$') {
        d = s + 1;
      } else {
        continue;
      }
      std::size_t n = 0;
      while (n < 7 && IsAsciiAlpha(At(t, d + 1 + n))) ++n;
      if (n == 0 || n > 6) continue;
      std::size_t letters_end = d + 1 + n;
      std::size_t candidate = kNpos;
      char32_t sep = At(t, letters_end);
      if (sep == '.' || sep == '_') {
        std::size_t m = 0;
        while (m < 2 && IsAsciiAlpha(At(t, letters_end + 1 + m))) ++m;
        for (; m > 0 && candidate == kNpos; --m) {
          if (ends_ok(letters_end + 1 + m)) candidate = letters_end + 1 + m;
        }
      }
      if (candidate == kNpos && ends_ok(letters_end)) candidate = letters_end;
      if (candidate == kNpos) continue;
      dollar = d, end = candidate;
      break;
    }
    if (dollar == kNpos) break;
    out.push_back({EncodeUtf8(t.substr(dollar + 1, end - dollar - 1)), {dollar, end}});
    pos = end;
  }
  return out;
}

Entities ExtractEntities(std::u32string_view text) {
  return ExtractEntities(text, Summarize(text));
}

Entities ExtractEntities(std::u32string_view text, const TextSummary& summary) {
  Entities e;
  if (summary.at) e.mentions = ExtractMentions(text);
  if (summary.dot) e.urls = ExtractUrls(text);
  if (summary.hash) e.hashtags = RemoveUrlOverlap(ExtractHashtagsRaw(text), e.urls);
  if (summary.dollar) e.cashtags = ExtractCashtags(text);
  return e;
}

}  // namespace piaf::text
