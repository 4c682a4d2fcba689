#include "media/processor.h"

#include <gtest/gtest.h>

#include "media/testing.h"

namespace piaf::media {
namespace {

std::string Sample(const std::string& name) { return SampleImage(name); }

class Processor : public ::testing::Test {
 protected:
  void SetUp() override { Init(); }
};

TEST_F(Processor, JpegIsTurnedUprightByItsOrientationAndLosesItsMetadata) {
  auto p = ProcessImage(Sample("orientation6.jpg"), Limits{});
  ASSERT_TRUE(p) << p.error().detail;
  // 120x80 stored, orientation 6 (turn 90 degrees clockwise): 80x120.
  EXPECT_EQ(p->original.width, 80);
  EXPECT_EQ(p->original.height, 120);
  EXPECT_EQ(p->original.mime, "image/jpeg");
  EXPECT_EQ(p->original.bytes.find("Exif"), std::string::npos);
  auto again = ProbeImage(p->original.bytes, Limits{});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->width, 80);
  EXPECT_EQ(p->preview.width, 80);  // never enlarged
  EXPECT_FALSE(p->blurhash.empty());
}

TEST_F(Processor, TransparentPngStaysPngAndOpaqueGifBecomesJpeg) {
  auto png = ProcessImage(Sample("alpha.png"), Limits{});
  ASSERT_TRUE(png);
  EXPECT_EQ(png->original.mime, "image/png");
  auto gif = ProcessImage(Sample("animated.gif"), Limits{});
  ASSERT_TRUE(gif) << gif.error().detail;
  EXPECT_EQ(gif->original.mime, "image/jpeg");
  EXPECT_EQ(gif->original.height, 60);  // the first frame only
  auto webp = ProcessImage(Sample("photo.webp"), Limits{});
  ASSERT_TRUE(webp);
  EXPECT_EQ(webp->original.mime, "image/jpeg");
}

TEST_F(Processor, TextIsRefused) {
  auto p = ProcessImage("hello, this is not an image\n", Limits{});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, core::ErrorCode::kUnprocessable);
}

TEST_F(Processor, TruncatedImageIsRefused) {
  std::string jpeg = Sample("orientation6.jpg");
  auto p = ProcessImage(std::string_view(jpeg).substr(0, jpeg.size() / 2), Limits{});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, core::ErrorCode::kUnprocessable);
}

TEST_F(Processor, TooManyPixelsAreRefusedFromTheHeader) {
  Limits small;
  small.max_pixels = 100 * 100;
  auto big = CropImage(Sample("photo.webp"), Limits{}, 200, 200);
  ASSERT_TRUE(big);
  auto p = ProbeImage(big->bytes, small);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().safe_message.find("pixels"), std::string::npos);
}

TEST_F(Processor, LargeImagePreviewFitsIn640) {
  // A crop to an exact size is also how a large image is made here.
  auto big = CropImage(Sample("photo.webp"), Limits{}, 1500, 500);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->width, 1500);
  EXPECT_EQ(big->height, 500);
  auto p = ProcessImage(big->bytes, Limits{});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->preview.width, 640);
  EXPECT_EQ(p->preview.height, 213);
}

}  // namespace
}  // namespace piaf::media
