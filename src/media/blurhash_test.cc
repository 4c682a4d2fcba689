#include "media/blurhash.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "media/processor.h"
#include "media/testing.h"

namespace piaf::media {
namespace {

// A synthetic image: every pixel from its coordinates (the same formula as
// tests/integration/media/blurhash_reference.mjs).
std::vector<std::uint8_t> Synthetic(int width, int height, int channels) {
  std::vector<std::uint8_t> p(static_cast<std::size_t>(width) * height * channels);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* q = &p[(static_cast<std::size_t>(y) * width + x) * channels];
      q[0] = static_cast<std::uint8_t>((x * 255) / (width - 1));
      q[1] = static_cast<std::uint8_t>((y * 255) / (height - 1));
      q[2] = static_cast<std::uint8_t>(((x + y) * 37) % 256);
      if (channels == 4) q[3] = 255;
    }
  }
  return p;
}

// Expected strings: npm blurhash 2.0.5's encode() over the same pixels,
// computed once by tests/integration/media/blurhash_reference.mjs.
TEST(Blurhash, SyntheticImagesEncodeAsTheReferenceDoes) {
  struct Case {
    int width, height, x, y;
    const char* expected;
  };
  for (const Case& c : std::initializer_list<Case>{
           {32, 32, 4, 4, "UEHetR35|bO?uqRmo0aNhUf$fPf$v:S3o0a#"},
           {64, 40, 4, 3, "LGHVC,2,|ZKOutR%jwadhSflfOfl"},
           {17, 23, 1, 1, "00Hxyi"},
           {50, 30, 9, 9, "|GHetU2,|bKNsTkWWot7SLurR-o0ahfPe=fPjIa{hBfifPfifPfifPfifPv:S3o0a#fPf8fPjba{e:fPfPfPfPfPfPfPfPxbSNo0a}fPfRfPjua{eWf6fPf6fPf6fPf6fPxuSgo0bIfPflfPj]a{eCf5fOf5fOf5fOf5fO"},
       }) {
    auto rgba = Synthetic(c.width, c.height, 4);
    EXPECT_EQ(EncodeBlurhash(rgba.data(), c.width, c.height, 4, c.width * 4u, c.x, c.y),
              c.expected)
        << c.width << "x" << c.height;
    auto rgb = Synthetic(c.width, c.height, 3);
    EXPECT_EQ(EncodeBlurhash(rgb.data(), c.width, c.height, 3, c.width * 3u, c.x, c.y), c.expected);
  }
}

TEST(Blurhash, RefusesComponentsOutOfRange) {
  auto rgb = Synthetic(8, 8, 3);
  EXPECT_EQ(EncodeBlurhash(rgb.data(), 8, 8, 3, 24, 0, 4), "");
  EXPECT_EQ(EncodeBlurhash(rgb.data(), 8, 8, 3, 24, 4, 10), "");
}

// The committed sample images through the pipeline: their blurhash is the
// reference's over the same pixels (the preview made at most 64 px a side).
// With PIAF_DUMP_BLURHASH_PIXELS=dir set, the pixels are written there
// (NAME.rgb, WIDTHxHEIGHT in NAME.size) for the reference script.
TEST(Blurhash, SampleImagesEncodeAsTheReferenceDoes) {
  Init();
  const char* dump = std::getenv("PIAF_DUMP_BLURHASH_PIXELS");
  struct Case {
    const char* name;
    const char* expected;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"orientation6.jpg", "UuHl{EVtaytR}gVsaytQxbaef6kCr=ofj[WB"},
           {"alpha.png", "U25lm+psf6psqAfkfQfkfQfQfQfQqAfkfQfk"},
           {"animated.gif", "U6TQZ#^efQ^e~5j@fQj@fQfQfQfQ~5j@fQj@"},
           {"photo.webp", "URB%#~kVfRkV4la#fQa#w}fRfQfQW@fRfRfR"},
       }) {
    std::string bytes = SampleImage(c.name);
    ASSERT_FALSE(bytes.empty()) << c.name;
    auto pixels = BlurhashPixels(bytes, Limits{});
    ASSERT_TRUE(pixels) << c.name << ": " << pixels.error().detail;
    if (dump) {
      std::ofstream(std::string(dump) + "/" + c.name + ".rgb", std::ios::binary) << pixels->rgb;
      std::ofstream(std::string(dump) + "/" + c.name + ".size")
          << pixels->width << "x" << pixels->height;
    }
    auto processed = ProcessImage(bytes, Limits{});
    ASSERT_TRUE(processed) << c.name;
    EXPECT_EQ(processed->blurhash, c.expected) << c.name;
    EXPECT_EQ(EncodeBlurhash(reinterpret_cast<const std::uint8_t*>(pixels->rgb.data()),
                             pixels->width, pixels->height, 3, pixels->width * 3u),
              c.expected)
        << c.name;
  }
}

}  // namespace
}  // namespace piaf::media
