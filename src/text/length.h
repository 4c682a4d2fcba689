// Weighted tweet length and validity, as twitter-text 3.1's parseTweet.
//
// The text is NFC-normalized, then each URL counts as transformed_url_length,
// each emoji sequence (when emoji parsing is on) as default_weight, and every
// other code point as the weight of the range it falls in (default_weight
// outside every range). Weights are scaled integers (scale units per
// character) so that no floating point enters the count.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/extract.h"

namespace piaf::text {

struct WeightRange {
  char32_t start;
  char32_t end;  // inclusive
  int weight;
};

struct LengthConfig {
  LengthConfig(int max_weighted_length, int scale, int default_weight, int transformed_url_length,
               bool emoji_parsing, std::vector<WeightRange> ranges);

  int max_weighted_length;
  int scale;
  int default_weight;
  int transformed_url_length;
  bool emoji_parsing;
  std::vector<WeightRange> ranges;
  // Weight of every code unit up to the last range's end (derived from ranges).
  std::vector<int> weights;

  int Weight(char32_t unit) const { return unit < weights.size() ? weights[unit] : default_weight; }

  // config-v1.json: 140 code points, every URL 23. The service's default.
  static const LengthConfig& Classic();
  // config-v3.json: 280 weighted units, CJK and emoji weigh 2, emoji
  // sequences count once.
  static const LengthConfig& Weighted();
};

struct TweetLength {
  int weighted_length = 0;
  bool valid = false;
  int permillage = 0;
  // Ranges in UTF-16 code units of the text as given, inclusive, as
  // twitter-text reports them (clients use them to highlight the overflow).
  std::size_t valid_range_start = 0;
  std::size_t valid_range_end = 0;
  std::size_t display_range_start = 0;
  std::size_t display_range_end = 0;
};

// Counts `text` (code points, as given: the NFC normalization is done here).
TweetLength ParseTweet(std::u32string_view text, const LengthConfig& config);

struct ParsedText {
  TweetLength length;
  Entities entities;  // indices in the text as given
};

// What a post needs: its length under `config` and its entities. Extracts
// URLs once when the text is already in NFC (the common case).
ParsedText ParseText(std::u32string_view text, const LengthConfig& config);

// NFC normalization (utf8proc). IsNfc is a quick check: true means the text
// is certainly in NFC already.
std::u32string NormalizeNfc(std::u32string_view text);
bool IsNfc(std::u32string_view text);

}  // namespace piaf::text
