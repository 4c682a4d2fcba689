// The web app's files as the server serves them: compiled in (the default)
// or read from a build directory (`piaf serve --web-dir DIR`, development:
// read again at each request, so a rebuild shows without a restart).
//
// Thread-safety: const methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace piaf::web {

struct Asset {
  std::string content_type;
  std::string body, gzip, brotli;  // gzip/brotli empty when there is none
};

// What a page links: the entry script and style, and the chunks the first
// screen needs (from the build's manifest.json).
struct Manifest {
  std::string entry_js, entry_css;
  std::vector<std::string> preload;
  // Each language's strings ("en" -> "/assets/en-4VSU.js"): a page preloads
  // its language's only.
  std::map<std::string, std::string> catalogs;
};

class Assets {
 public:
  virtual ~Assets() = default;
  // `path` as requested ("/assets/main-3F2A.js"); nullopt when there is none.
  virtual std::optional<Asset> Find(const std::string& path) const = 0;
  virtual Manifest GetManifest() const = 0;
};

std::unique_ptr<Assets> EmbeddedAssets();
std::unique_ptr<Assets> DirectoryAssets(std::string dir);

// Parses a manifest.json text; throws on a malformed one.
Manifest ParseManifest(std::string_view text);

}  // namespace piaf::web
