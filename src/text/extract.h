// Entity extraction, as twitter-text 3.1 does it.
//
// Each extractor is a hand-written scanner that reproduces, over code points,
// the leftmost-match semantics of the corresponding twitter-text regular
// expression: where a candidate is matched and then rejected by a check on
// what follows it, scanning resumes after the candidate, exactly as the
// JavaScript `g` flag does. Indices are [start, end) in code points of the
// text given. The scanners are linear in practice (bounded look-ahead at each
// position) and never recurse, so hostile input cannot blow them up.
//
// Thread-safety: all functions are pure and may be called concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace piaf::text {

struct Span {
  std::size_t start = 0;  // code points, inclusive
  std::size_t end = 0;    // code points, exclusive
  bool operator==(const Span&) const = default;
};

struct Mention {
  std::string username;  // without the @
  Span indices;
};
struct Hashtag {
  std::string tag;  // without the #
  Span indices;
};
struct Url {
  std::string url;  // as written (no scheme added)
  Span indices;
};
struct Cashtag {
  std::string symbol;  // without the $
  Span indices;
};

struct Entities {
  std::vector<Mention> mentions;
  std::vector<Hashtag> hashtags;
  std::vector<Url> urls;
  std::vector<Cashtag> cashtags;
};

// @mentions of accounts; "@user/list" mentions of lists are left out.
std::vector<Mention> ExtractMentions(std::u32string_view text);
// #hashtags, except those that overlap a URL.
std::vector<Hashtag> ExtractHashtags(std::u32string_view text);
// URLs with a scheme (http, https) and without one (known top-level domain).
std::vector<Url> ExtractUrls(std::u32string_view text);
// $CASHTAGS.
std::vector<Cashtag> ExtractCashtags(std::u32string_view text);

Entities ExtractEntities(std::u32string_view text);
// The same, skipping what `summary` (Summarize(text)) says is absent.
struct TextSummary;
Entities ExtractEntities(std::u32string_view text, const TextSummary& summary);

// Length of the Punycode (RFC 3492) encoding of `label`, without "xn--";
// exposed for tests.
std::size_t PunycodeLength(std::u32string_view label);

}  // namespace piaf::text
