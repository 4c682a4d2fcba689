#include "text/length.h"

#include <utf8proc.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "core/utf8.h"
#include "text/char_class.h"
#include "text/extract.h"
#include "text/tables.h"

namespace piaf::text {

const LengthConfig& LengthConfig::Classic() {
  static const LengthConfig config{140, 1, 1, 23, false, {}};
  return config;
}

const LengthConfig& LengthConfig::Weighted() {
  static const LengthConfig config{
      280, 100, 200, 23, true,
      {{0, 4351, 100}, {8192, 8205, 100}, {8208, 8223, 100}, {8242, 8247, 100}}};
  return config;
}

std::u32string NormalizeNfc(std::u32string_view text) {
  bool ascii = true;
  for (char32_t c : text) {
    if (c >= 0x300) {  // below U+0300 every code point is NFC-stable on its own
      ascii = false;
      break;
    }
  }
  if (ascii) return std::u32string(text);
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
  char32_t unit = c >= 0x10000 ? 0xDC00 + ((c - 0x10000) & 0x3FF) : c;
  for (const auto& r : config.ranges) {
    if (unit >= r.start && unit <= r.end) return r.weight;
  }
  return config.default_weight;
}

}  // namespace

TweetLength ParseTweet(std::u32string_view original, const LengthConfig& config) {
  std::u32string text = NormalizeNfc(original);
  std::vector<Url> urls = ExtractUrls(text);
  std::vector<Span> emoji;  // found once over the whole text, as twemoji-parser does
  if (config.emoji_parsing) {
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = MatchEmojiSequence(text, i);
      if (n > 0) emoji.push_back({i, i + n});
      i += n > 0 ? n : 1;
    }
  }
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
  for (std::size_t i = 0; i < text.size();) {
    while (next_url < urls.size() && urls[next_url].indices.start < i) ++next_url;
    while (next_emoji < emoji.size() && emoji[next_emoji].start < i) ++next_emoji;
    std::size_t end;
    if (next_url < urls.size() && urls[next_url].indices.start == i) {
      weighted += static_cast<long>(config.transformed_url_length) * config.scale;
      // twitter-text skips as many UTF-16 units as the URL's string has, which
      // for a URL without a scheme can be fewer than its indices span.
      auto url = core::DecodeUtf8(urls[next_url].url);
      std::size_t target = u16 + (url ? core::Utf16Length(*url) : 1);
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
    } else if (next_emoji < emoji.size() && emoji[next_emoji].start == i) {
      end = emoji[next_emoji].end;
      weighted += config.default_weight;
    } else {
      end = i + 1;
      weighted += CharacterWeight(text[i], config);
    }
    std::size_t units = core::Utf16Length(std::u32string_view(text).substr(i, end - i));
    account(text[end - 1], u16 + units - 1);
    u16 += units;
    i = end;
  }

  TweetLength r;
  r.weighted_length = static_cast<int>(weighted / config.scale);
  r.valid = valid && weighted > 0 && weighted <= max_scaled;
  double w = static_cast<double>(weighted) / config.scale;
  r.permillage = static_cast<int>(std::floor(w / config.max_weighted_length * 1000));
  std::size_t original_u16 = core::Utf16Length(original);
  r.valid_range_start = 0;
  r.valid_range_end = valid_display_index + original_u16 - u16;
  r.display_range_start = 0;
  r.display_range_end = original_u16 > 0 ? original_u16 - 1 : 0;
  return r;
}

}  // namespace piaf::text
