#include "media/synthetic.h"

#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace piaf::media {

core::Result<std::string> GradientJpeg(int width, int height, Rgb from, Rgb to) {
  if (width < 1 || height < 1) return core::Invalid("no pixels");
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 3);
  auto mix = [](std::uint8_t a, std::uint8_t b, double t) {
    return std::clamp(a + (b - a) * t, 0.0, 255.0);
  };
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      double t = (static_cast<double>(x) / width + static_cast<double>(y) / height) / 2;
      double ripple = 12 * std::sin(x * 0.05) * std::cos(y * 0.07);
      std::uint8_t* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
      p[0] = static_cast<std::uint8_t>(std::clamp(mix(from.r, to.r, t) + ripple, 0.0, 255.0));
      p[1] = static_cast<std::uint8_t>(std::clamp(mix(from.g, to.g, t) + ripple, 0.0, 255.0));
      p[2] = static_cast<std::uint8_t>(std::clamp(mix(from.b, to.b, t) - ripple, 0.0, 255.0));
    }
  }
  VipsImage* image = vips_image_new_from_memory(pixels.data(), pixels.size(), width, height, 3,
                                                VIPS_FORMAT_UCHAR);
  if (!image) return core::Internal(vips_error_buffer());
  image->Type = VIPS_INTERPRETATION_sRGB;
  void* buffer = nullptr;
  std::size_t size = 0;
  int failed = vips_jpegsave_buffer(image, &buffer, &size, "Q", 90, nullptr);
  g_object_unref(image);
  if (failed) {
    std::string detail = vips_error_buffer();
    vips_error_clear();
    return core::Internal("cannot encode a JPEG: " + detail);
  }
  std::string bytes(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return bytes;
}

}  // namespace piaf::media
