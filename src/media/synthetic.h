// Images made from nothing, for `piaf seed`: a diagonal gradient between two
// colours with a soft ripple over it (something JPEG has work to do on, like
// a photo), encoded as a JPEG as a camera or phone would send it. They go
// through the same pipeline as an upload (ProcessImage).
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace piaf::media {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// A `width` x `height` JPEG (quality 90) from `from` (top left) to `to`
// (bottom right). Init must have run.
core::Result<std::string> GradientJpeg(int width, int height, Rgb from, Rgb to);

}  // namespace piaf::media
