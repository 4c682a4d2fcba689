// For tests: the committed sample images of tests/integration/media/ (the
// test target defines PIAF_MEDIA_SAMPLES, their folder).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace piaf::media {

inline std::string SampleImage(const std::string& name) {
  std::ifstream in(std::string(PIAF_MEDIA_SAMPLES) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace piaf::media
