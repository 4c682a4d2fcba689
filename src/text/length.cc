#include "text/length.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text/extract.h"
#include "text/tables.h"

namespace piaf::text {

LengthConfig::LengthConfig(int max_weighted_length, int scale, int default_weight,
                           int transformed_url_length, bool emoji_parsing,
                           std::vector<WeightRange> ranges)
    : max_weighted_length(max_weighted_length),
      scale(scale),
      default_weight(default_weight),
      transformed_url_length(transformed_url_length),
      emoji_parsing(emoji_parsing),
      ranges(std::move(ranges)) {
  char32_t end = 0;
  for (const auto& r : this->ranges) end = std::max<char32_t>(end, r.end + 1);
  weights.assign(end, default_weight);
  // The first range that holds a code unit gives its weight, as in twitter-text.
  for (char32_t u = 0; u < end; ++u) {
    for (const auto& r : this->ranges) {
      if (u >= r.start && u <= r.end) {
        weights[u] = r.weight;
        break;
      }
    }
  }
}

const LengthConfig& LengthConfig::Classic() {
  static const LengthConfig config{140, 1, 1, 23, false, {}};
  return config;
}

const LengthConfig& LengthConfig::Weighted() {
  static const LengthConfig config{
      280, 100,  200,
      23,  true, {{0, 4351, 100}, {8192, 8205, 100}, {8208, 8223, 100}, {8242, 8247, 100}}};
  return config;
}

bool IsNfc(std::u32string_view text) { return QuickCheckNfc(text); }

std::u32string NormalizeNfc(std::u32string_view text) {
  if (IsNfc(text)) return std::u32string(text);
  std::string utf8 = core::EncodeUtf8(text);
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::u32string(text);  // cannot happen on valid input
  auto decoded = core::DecodeUtf8(std::string_view(reinterpret_cast<char*>(out), n));
  std::free(out);
  return decoded ? std::move(*decoded) : std::u32string(text);
}

namespace {

int CharacterWeight(char32_t c, const LengthConfig& config) {
  // twitter-text weighs a character outside the BMP by its low surrogate.
  return config.Weight(c >= 0x10000 ? 0xDC00 + ((c - 0x10000) & 0x3FF) : c);
}

// The walk of twitter-text's parseTweet over `text` (already NFC) whose URLs
// are `urls`; `original_u16` is the UTF-16 length of the text as given.
// `simple` promises that the text holds no character outside the BMP and no
// invalid character, so plain runs are counted without looking at them
// (uniform weights).
TweetLength CountNormalized(std::u32string_view text, const std::vector<Url>& urls,
                            const LengthConfig& config, std::size_t original_u16, bool simple) {
  std::vector<std::pair<std::size_t, std::size_t>> emoji;  // found once, as twemoji-parser does
  if (config.emoji_parsing) emoji = FindEmojiSequences(text);
  std::size_t next_url = 0, next_emoji = 0;

  long weighted = 0;
  bool valid = true;
  std::size_t valid_display_index = 0;  // UTF-16 units
  std::size_t u16 = 0;                  // UTF-16 offset of text[i]
  const long max_scaled = static_cast<long>(config.max_weighted_length) * config.scale;
  auto account = [&](char32_t last, std::size_t last_unit) {
    if (valid && IsInvalidChar(last)) valid = false;
    if (valid && weighted <= max_scaled) valid_display_index = last_unit;
  };
  const bool uniform = config.ranges.empty();
  for (std::size_t i = 0; i < text.size();) {
    while (next_url < urls.size() && urls[next_url].indices.start < i) ++next_url;
    while (next_emoji < emoji.size() && emoji[next_emoji].first < i) ++next_emoji;
    std::size_t url_start = next_url < urls.size() ? urls[next_url].indices.start : text.size();
    std::size_t emoji_start = next_emoji < emoji.size() ? emoji[next_emoji].first : text.size();
    // Plain characters up to the next URL or emoji sequence: summed in one
    // pass; walked one by one only where the limit or an invalid character
    // falls inside (once per text at most).
    std::size_t stop = std::min(url_start, emoji_start);
    if (i < stop) {
      long sum = 0;
      std::size_t units = stop - i;
      bool invalid = false;
      const char32_t* p = text.data();
      if (uniform && simple) {
        sum = static_cast<long>(stop - i) * config.default_weight;
      } else if (uniform) {
        for (std::size_t k = i; k < stop; ++k) {
          units += p[k] >= 0x10000;
          invalid |= p[k] >= 0xFEFF && IsInvalidChar(p[k]);
        }
        sum = static_cast<long>(stop - i) * config.default_weight;
      } else {
        const int* table = config.weights.data();
        // Below U+FEFF: no invalid character and no surrogate pair to count.
        const std::size_t table_size = std::min<std::size_t>(config.weights.size(), 0xFEFF);
        for (std::size_t k = i; k < stop; ++k) {
          char32_t c = p[k];
          if (c < table_size) {
            sum += table[c];
            continue;
          }
          sum += CharacterWeight(c, config);
          units += c >= 0x10000;
          invalid |= c >= 0xFEFF && IsInvalidChar(c);
        }
      }
      if (!invalid && (!valid || weighted + sum <= max_scaled)) {
        weighted += sum;
        u16 += units;
        if (valid) valid_display_index = u16 - 1;
        i = stop;
      } else {
        for (; i < stop; ++i) {
          char32_t c = text[i];
          weighted += uniform ? config.default_weight : CharacterWeight(c, config);
          u16 += c >= 0x10000 ? 2 : 1;
          account(c, u16 - 1);
        }
      }
    }
    if (i >= text.size()) break;
    std::size_t end;
    if (i == url_start) {
      weighted += static_cast<long>(config.transformed_url_length) * config.scale;
      // twitter-text skips as many UTF-16 units as the URL's string has, which
      // for a URL without a scheme can be fewer than its indices span.
      std::size_t target = u16 + core::Utf16Length(std::string_view(urls[next_url].url));
      end = i;
      std::size_t units = u16;
      while (end < text.size() && units < target) units += text[end++] >= 0x10000 ? 2 : 1;
      if (units > target) {
        // Landed inside a surrogate pair: the URL's last unit is the high
        // surrogate, and the low surrogate then counts on its own.
        account(0, target - 1);
        char32_t low = 0xDC00 + ((text[end - 1] - 0x10000) & 0x3FF);
        weighted += CharacterWeight(low, config);
        account(low, target);
        u16 = units;
        i = end;
        continue;
      }
    } else {
      end = emoji[next_emoji].second;
      weighted += config.default_weight;
    }
    std::size_t units = end - i;
    for (std::size_t k = i; k < end; ++k) units += text[k] >= 0x10000;
    account(text[end - 1], u16 + units - 1);
    u16 += units;
    i = end;
  }

  TweetLength r;
  r.weighted_length = static_cast<int>(weighted / config.scale);
  r.valid = valid && weighted > 0 && weighted <= max_scaled;
  double w = static_cast<double>(weighted) / config.scale;
  r.permillage = static_cast<int>(std::floor(w / config.max_weighted_length * 1000));
  r.valid_range_start = 0;
  r.valid_range_end = valid_display_index + original_u16 - u16;
  r.display_range_start = 0;
  r.display_range_end = original_u16 > 0 ? original_u16 - 1 : 0;
  return r;
}

}  // namespace

TweetLength ParseTweet(std::u32string_view text, const LengthConfig& config) {
  std::size_t u16 = core::Utf16Length(text);
  if (IsNfc(text)) return CountNormalized(text, ExtractUrls(text), config, u16, false);
  std::u32string nfc = NormalizeNfc(text);
  return CountNormalized(nfc, ExtractUrls(nfc), config, u16, false);
}

ParsedText ParseText(std::u32string_view text, const LengthConfig& config) {
  ParsedText parsed;
  TextSummary summary = Summarize(text);
  parsed.entities = ExtractEntities(text, summary);
  std::size_t u16 = summary.utf16_length;
  if (summary.nfc) {
    bool simple = summary.utf16_length == text.size() && !summary.invalid_chars;
    parsed.length = CountNormalized(text, parsed.entities.urls, config, u16, simple);
  } else {
    std::u32string nfc = NormalizeNfc(text);
    parsed.length = CountNormalized(nfc, ExtractUrls(nfc), config, u16, false);
  }
  return parsed;
}

}  // namespace piaf::text
