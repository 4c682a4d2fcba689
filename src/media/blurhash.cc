#include "media/blurhash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace piaf::media {
namespace {

constexpr char kDigits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

void Base83(std::string& out, int value, int length) {
  for (int i = 1; i <= length; ++i) {
    int digit = (value / static_cast<int>(std::pow(83, length - i))) % 83;
    out += kDigits[digit];
  }
}

// The reference's sRGB <-> linear conversions, table-driven for the 256
// byte values.
const std::array<double, 256>& LinearTable() {
  static const std::array<double, 256> table = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i) {
      double v = i / 255.0;
      t[i] = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    }
    return t;
  }();
  return table;
}

int LinearToSrgb(double value) {
  double v = std::clamp(value, 0.0, 1.0);
  if (v <= 0.0031308) return static_cast<int>(std::trunc(v * 12.92 * 255 + 0.5));
  return static_cast<int>(std::trunc((1.055 * std::pow(v, 1 / 2.4) - 0.055) * 255 + 0.5));
}

double SignPow(double value, double exp) {
  return std::copysign(std::pow(std::abs(value), exp), value);
}

}  // namespace

std::string EncodeBlurhash(const std::uint8_t* pixels, int width, int height, int channels,
                           std::size_t row_bytes, int x_components, int y_components) {
  if (x_components < 1 || x_components > 9 || y_components < 1 || y_components > 9 ||
      width < 1 || height < 1 || (channels != 3 && channels != 4) || !pixels) {
    return "";
  }
  const auto& linear = LinearTable();
  // The cosines of each component along each axis, computed once.
  std::vector<double> cos_x(static_cast<std::size_t>(x_components) * width);
  std::vector<double> cos_y(static_cast<std::size_t>(y_components) * height);
  for (int i = 0; i < x_components; ++i) {
    for (int x = 0; x < width; ++x) {
      cos_x[i * width + x] = std::cos(std::numbers::pi * i * x / width);
    }
  }
  for (int j = 0; j < y_components; ++j) {
    for (int y = 0; y < height; ++y) {
      cos_y[j * height + y] = std::cos(std::numbers::pi * j * y / height);
    }
  }
  std::vector<std::array<double, 3>> factors(static_cast<std::size_t>(x_components) *
                                             y_components);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = pixels + y * row_bytes;
    for (int x = 0; x < width; ++x) {
      const std::uint8_t* p = row + static_cast<std::size_t>(x) * channels;
      double r = linear[p[0]], g = linear[p[1]], b = linear[p[2]];
      for (int j = 0; j < y_components; ++j) {
        double cy = cos_y[j * height + y];
        for (int i = 0; i < x_components; ++i) {
          double basis = cos_x[i * width + x] * cy;
          auto& f = factors[j * x_components + i];
          f[0] += basis * r;
          f[1] += basis * g;
          f[2] += basis * b;
        }
      }
    }
  }
  for (int j = 0; j < y_components; ++j) {
    for (int i = 0; i < x_components; ++i) {
      double normalisation = (i == 0 && j == 0) ? 1 : 2;
      double scale = normalisation / (static_cast<double>(width) * height);
      for (double& c : factors[j * x_components + i]) c *= scale;
    }
  }
  std::string out;
  out.reserve(4 + 2 * factors.size());
  Base83(out, (x_components - 1) + (y_components - 1) * 9, 1);
  double maximum = 1;
  if (factors.size() > 1) {
    // The largest AC value, signed (as the reference's TypeScript takes
    // it: Math.max of the values, not of their magnitudes).
    double actual = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 1; k < factors.size(); ++k) {
      for (double c : factors[k]) actual = std::max(actual, c);
    }
    int quantised = std::clamp(static_cast<int>(std::floor(actual * 166 - 0.5)), 0, 82);
    maximum = (quantised + 1) / 166.0;
    Base83(out, quantised, 1);
  } else {
    Base83(out, 0, 1);
  }
  const auto& dc = factors[0];
  Base83(out, (LinearToSrgb(dc[0]) << 16) + (LinearToSrgb(dc[1]) << 8) + LinearToSrgb(dc[2]), 4);
  for (std::size_t k = 1; k < factors.size(); ++k) {
    auto q = [&](double v) {
      return std::clamp(static_cast<int>(std::floor(SignPow(v / maximum, 0.5) * 9 + 9.5)), 0, 18);
    };
    const auto& f = factors[k];
    Base83(out, q(f[0]) * 19 * 19 + q(f[1]) * 19 + q(f[2]), 2);
  }
  return out;
}

}  // namespace piaf::media
