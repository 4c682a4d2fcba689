// BlurHash (blurha.sh): a short string standing for an image's colours, which
// clients draw while the image loads. The encoder of the reference
// implementation (github.com/woltapp/blurhash, npm `blurhash`'s `encode`),
// written again: sRGB pixels to linear light, a DCT of `x_components` by
// `y_components`, the DC as 24-bit sRGB, the AC quantised against their
// maximum, all in base 83. blurhash_test.cc pins its output to the
// reference's on the same pixels.
#pragma once

#include <cstdint>
#include <string>

namespace piaf::media {

// `pixels`: `height` rows of `width` pixels, `channels` bytes each (3: RGB,
// 4: RGBA, alpha ignored as the reference does), rows `row_bytes` apart.
// Components 1..9 each. Empty when the arguments are out of range.
std::string EncodeBlurhash(const std::uint8_t* pixels, int width, int height, int channels,
                           std::size_t row_bytes, int x_components = 4, int y_components = 4);

}  // namespace piaf::media
