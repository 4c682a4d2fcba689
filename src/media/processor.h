// The image pipeline of uploads (media attachments, avatars, headers), on
// libvips: a header is looked at first (the format must be one of four
// images, its pixel count under the limit: a decompression bomb is refused
// before anything is decoded), then the image is decoded with shrink-on-load
// (vips_thumbnail_buffer), turned upright by its EXIF orientation, its
// metadata dropped, and encoded again: JPEG when opaque, PNG when some pixel
// is transparent; a GIF gives its first frame. What the client said the type
// was is never read.
//
// Thread-safety: every function may be called from any thread at once (each
// call works on images of its own); call Init once first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace piaf::media {

struct Limits {
  std::size_t max_bytes = 16 << 20;        // Mastodon's image_size_limit
  std::int64_t max_pixels = 7680LL * 4320;  // its image_matrix_limit (33,177,600)
};

// Mastodon's limits: an original is kept at most 3840x2160's pixel count,
// a preview ("small") at most 640 px on its long side.
constexpr std::int64_t kOriginalPixels = 3840LL * 2160;
constexpr int kPreviewSide = 640;

struct Image {
  std::string bytes;
  std::string mime;       // image/jpeg or image/png
  std::string extension;  // jpg or png
  int width = 0, height = 0;
};

struct Processed {
  Image original, preview;
  std::string blurhash;  // of the preview, 4x4 components (Mastodon's)
};

// Starts libvips (once; later calls do nothing). Not thread-safe with itself.
void Init();

// What the header says: an error (kUnprocessable, with a message for the
// client) when the bytes are no JPEG, PNG, WebP or GIF, are over the size
// limit, or say more pixels than the limit.
struct Probe {
  std::string format;  // jpeg, png, webp, gif
  int width = 0, height = 0;
};
core::Result<Probe> ProbeImage(std::string_view bytes, const Limits& limits);

// Probe, then the original (at most kOriginalPixels), its preview and
// blurhash. An error (kUnprocessable) when the image cannot be decoded whole
// (truncated, corrupt).
core::Result<Processed> ProcessImage(std::string_view bytes, const Limits& limits);

// An image cropped to exactly `width` x `height` (the part with the most
// interest kept: vips' attention crop), for an avatar (400x400) or a header
// (1500x500); a smaller image is scaled up.
core::Result<Image> CropImage(std::string_view bytes, const Limits& limits, int width, int height);

// The pixels the blurhash is computed from, for the tests that compare it
// with the reference implementation: the preview made smaller (at most 64
// px a side), sRGB, 3 bytes a pixel, rows packed.
struct Pixels {
  std::string rgb;
  int width = 0, height = 0;
};
core::Result<Pixels> BlurhashPixels(std::string_view bytes, const Limits& limits);

}  // namespace piaf::media
