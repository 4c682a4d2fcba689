#include "media/processor.h"

#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <utility>

#include "media/blurhash.h"

namespace piaf::media {
namespace {

// Owns one reference to a VipsImage.
class Ref {
 public:
  Ref() = default;
  explicit Ref(VipsImage* image) : image_(image) {}
  ~Ref() {
    if (image_) g_object_unref(image_);
  }
  Ref(const Ref&) = delete;
  Ref(Ref&& other) noexcept : image_(std::exchange(other.image_, nullptr)) {}
  Ref& operator=(Ref&& other) noexcept {
    std::swap(image_, other.image_);
    return *this;
  }
  VipsImage** out() { return &image_; }
  VipsImage* get() const { return image_; }
  explicit operator bool() const { return image_ != nullptr; }

 private:
  VipsImage* image_ = nullptr;
};

core::Error Refused(std::string message) {
  return core::Error{core::ErrorCode::kUnprocessable, std::move(message), ""};
}

// vips' message for the log; the client gets `message`.
core::Error VipsFailed(std::string message) {
  std::string detail = vips_error_buffer();
  vips_error_clear();
  return core::Error{core::ErrorCode::kUnprocessable, std::move(message), detail};
}

// The loaders let in, by class name: no SVG, PDF, TIFF, HEIF, vips' own
// formats or any other decoder reaches an upload.
const char* FormatOfLoader(const char* loader) {
  if (!loader) return nullptr;
  std::string_view name(loader);
  if (name == "VipsForeignLoadJpegBuffer") return "jpeg";
  if (name == "VipsForeignLoadPngBuffer") return "png";
  if (name == "VipsForeignLoadWebpBuffer") return "webp";
  if (name == "VipsForeignLoadNsgifBuffer" || name == "VipsForeignLoadGifBuffer") return "gif";
  return nullptr;
}

// Loaders stop at a truncated or corrupt file instead of filling the rest
// with grey.
constexpr const char* kLoadOptions = "fail_on=truncated";

// sRGB, 8 bits (grey, 16-bit and CMYK images become it), in memory: the
// decode happens here, and fails here for a broken file.
core::Result<Ref> Materialise(Ref in) {
  Ref srgb;
  if (vips_colourspace(in.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr)) {
    return VipsFailed("Validation failed: the image cannot be decoded");
  }
  if (srgb.get()->BandFmt != VIPS_FORMAT_UCHAR) {
    Ref cast;
    if (vips_cast_uchar(srgb.get(), cast.out(), nullptr)) {
      return VipsFailed("Validation failed: the image cannot be decoded");
    }
    srgb = std::move(cast);
  }
  Ref memory(vips_image_copy_memory(srgb.get()));
  if (!memory) return VipsFailed("Validation failed: the image is truncated or corrupt");
  // An alpha band that is opaque everywhere (every GIF has one) goes.
  if (vips_image_hasalpha(memory.get())) {
    Ref alpha;
    double lowest = 0;
    if (vips_extract_band(memory.get(), alpha.out(), memory.get()->Bands - 1, nullptr) ||
        vips_min(alpha.get(), &lowest, nullptr)) {
      return VipsFailed("Validation failed: the image cannot be decoded");
    }
    if (lowest >= 255) {
      Ref opaque;
      if (vips_extract_band(memory.get(), opaque.out(), 0, "n", memory.get()->Bands - 1,
                            nullptr)) {
        return VipsFailed("Validation failed: the image cannot be decoded");
      }
      Ref copied(vips_image_copy_memory(opaque.get()));
      if (!copied) return VipsFailed("Validation failed: the image cannot be decoded");
      memory = std::move(copied);
    }
  }
  return memory;
}

// JPEG (quality 85, baseline: progressive with optimised tables took
// 2.4 times as long to encode an 8-megapixel original) when opaque, PNG when transparent; no
// metadata either way.
core::Result<Image> Encode(VipsImage* image) {
  Image out;
  void* buffer = nullptr;
  std::size_t size = 0;
  bool alpha = vips_image_hasalpha(image);
  int failed = alpha ? vips_pngsave_buffer(image, &buffer, &size, "strip", TRUE, "compression", 6,
                                           nullptr)
                     : vips_jpegsave_buffer(image, &buffer, &size, "strip", TRUE, "Q", 85,
                                            nullptr);
  if (failed) return VipsFailed("Validation failed: the image cannot be encoded");
  out.bytes.assign(static_cast<const char*>(buffer), size);
  g_free(buffer);
  out.mime = alpha ? "image/png" : "image/jpeg";
  out.extension = alpha ? "png" : "jpg";
  out.width = image->Xsize;
  out.height = image->Ysize;
  return out;
}

// `image` made to fit a `side` x `side` box (never larger), in memory.
core::Result<Ref> Shrunk(VipsImage* image, int side) {
  Ref small;
  if (vips_thumbnail_image(image, small.out(), side, "height", side, "size", VIPS_SIZE_DOWN,
                           nullptr)) {
    return VipsFailed("Validation failed: the image cannot be resized");
  }
  Ref memory(vips_image_copy_memory(small.get()));
  if (!memory) return VipsFailed("Validation failed: the image cannot be resized");
  return memory;
}

// The pixels of an 8-bit sRGB image in memory, RGB or RGBA.
core::Result<Pixels> PixelsOf(VipsImage* image) {
  Ref rgb;
  if (vips_image_hasalpha(image)) {
    if (vips_extract_band(image, rgb.out(), 0, "n", 3, nullptr)) {
      return VipsFailed("Validation failed: the image cannot be decoded");
    }
  } else {
    g_object_ref(image);
    *rgb.out() = image;
  }
  std::size_t size = 0;
  void* data = vips_image_write_to_memory(rgb.get(), &size);
  if (!data) return VipsFailed("Validation failed: the image cannot be decoded");
  Pixels p;
  p.rgb.assign(static_cast<const char*>(data), size);
  g_free(data);
  p.width = rgb.get()->Xsize;
  p.height = rgb.get()->Ysize;
  return p;
}

constexpr int kBlurhashSide = 64;

core::Result<Ref> DecodeOriginal(std::string_view bytes, const Probe& probe) {
  // The box that keeps the pixel count under kOriginalPixels, whichever way
  // the image turns.
  std::int64_t pixels = static_cast<std::int64_t>(probe.width) * probe.height;
  int side = std::max(probe.width, probe.height);
  if (pixels > kOriginalPixels) {
    side = static_cast<int>(side * std::sqrt(static_cast<double>(kOriginalPixels) / pixels));
  }
  Ref decoded;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), decoded.out(), side,
                            "height", side, "size", VIPS_SIZE_DOWN, "option_string", kLoadOptions,
                            nullptr)) {
    return VipsFailed("Validation failed: the image cannot be decoded");
  }
  return Materialise(std::move(decoded));
}

// The preview: a JPEG or WebP decoded again with shrink-on-load (the
// decoder makes it at an eighth, a quarter... of the size: a 12-megapixel
// JPEG's preview costs a tenth of reducing the original), any other from the
// original in memory.
core::Result<Ref> Preview(std::string_view bytes, const Probe& probe, VipsImage* original) {
  if (probe.format != "jpeg" && probe.format != "webp") return Shrunk(original, kPreviewSide);
  Ref decoded;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), decoded.out(),
                            kPreviewSide, "height", kPreviewSide, "size", VIPS_SIZE_DOWN,
                            "option_string", kLoadOptions, nullptr)) {
    return VipsFailed("Validation failed: the image cannot be decoded");
  }
  return Materialise(std::move(decoded));
}

}  // namespace

void Init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("piaf")) throw std::runtime_error("cannot start libvips");
    // Its warnings (a broken tile...) become errors the caller reports.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, [](const gchar*, GLogLevelFlags, const gchar*,
                                                      gpointer) {}, nullptr);
    // Requests are the parallelism: one thread per image, and no operation
    // cache (every upload is new).
    vips_concurrency_set(1);
    vips_cache_set_max(0);
  });
}

core::Result<Probe> ProbeImage(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return Refused("Validation failed: File file size must be less than " +
                   std::to_string(limits.max_bytes >> 20) + " MB");
  }
  const char* format = FormatOfLoader(vips_foreign_find_load_buffer(bytes.data(), bytes.size()));
  vips_error_clear();
  if (!format) {
    return Refused("Validation failed: File content type is not an image (JPEG, PNG, WebP, GIF)");
  }
  // Only the header is read here.
  Ref header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                        VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!header) return VipsFailed("Validation failed: the image header cannot be read");
  Probe probe{format, header.get()->Xsize, header.get()->Ysize};
  if (probe.width < 1 || probe.height < 1 ||
      static_cast<std::int64_t>(probe.width) * probe.height > limits.max_pixels) {
    return Refused("Validation failed: the image has more than " +
                   std::to_string(limits.max_pixels) + " pixels");
  }
  return probe;
}

namespace {

// The original, the preview and the blurhash's pixels, decoded.
struct Decoded {
  Ref original, preview;
  Pixels pixels;
};

core::Result<Decoded> Decode(std::string_view bytes, const Limits& limits) {
  auto probe = ProbeImage(bytes, limits);
  if (!probe) return probe.error();
  auto original = DecodeOriginal(bytes, *probe);
  if (!original) return original.error();
  auto preview = Preview(bytes, *probe, original->get());
  if (!preview) return preview.error();
  auto tiny = Shrunk(preview->get(), kBlurhashSide);
  if (!tiny) return tiny.error();
  auto pixels = PixelsOf(tiny->get());
  if (!pixels) return pixels.error();
  return Decoded{std::move(*original), std::move(*preview), std::move(*pixels)};
}

}  // namespace

core::Result<Processed> ProcessImage(std::string_view bytes, const Limits& limits) {
  auto decoded = Decode(bytes, limits);
  if (!decoded) return decoded.error();
  Processed out;
  auto encoded = Encode(decoded->original.get());
  if (!encoded) return encoded.error();
  out.original = std::move(*encoded);
  auto small = Encode(decoded->preview.get());
  if (!small) return small.error();
  out.preview = std::move(*small);
  const Pixels* pixels = &decoded->pixels;
  out.blurhash = EncodeBlurhash(reinterpret_cast<const std::uint8_t*>(pixels->rgb.data()),
                                pixels->width, pixels->height, 3,
                                static_cast<std::size_t>(pixels->width) * 3);
  return out;
}

core::Result<Pixels> BlurhashPixels(std::string_view bytes, const Limits& limits) {
  auto decoded = Decode(bytes, limits);
  if (!decoded) return decoded.error();
  return std::move(decoded->pixels);
}

core::Result<Image> CropImage(std::string_view bytes, const Limits& limits, int width, int height) {
  auto probe = ProbeImage(bytes, limits);
  if (!probe) return probe.error();
  Ref cropped;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), cropped.out(), width,
                            "height", height, "size", VIPS_SIZE_BOTH, "crop",
                            VIPS_INTERESTING_ATTENTION, "option_string", kLoadOptions, nullptr)) {
    return VipsFailed("Validation failed: the image cannot be decoded");
  }
  auto memory = Materialise(std::move(cropped));
  if (!memory) return memory.error();
  return Encode(memory->get());
}

}  // namespace piaf::media
