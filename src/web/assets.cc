#include "web/assets.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/embedded.h"

namespace piaf::web {

namespace json = boost::json;

Manifest ParseManifest(std::string_view text) {
  json::object o = json::parse(text).as_object();
  Manifest m;
  m.entry_js = json::value_to<std::string>(o.at("entry_js"));
  m.entry_css = json::value_to<std::string>(o.at("entry_css"));
  if (auto* p = o.if_contains("preload")) {
    for (const auto& v : p->as_array()) m.preload.push_back(json::value_to<std::string>(v));
  }
  if (auto* c = o.if_contains("catalogs")) {
    for (const auto& [lang, url] : c->as_object()) {
      m.catalogs[std::string(lang)] = json::value_to<std::string>(url);
    }
  }
  return m;
}

namespace {

class Embedded final : public Assets {
 public:
  Embedded() : manifest_(ParseManifest(EmbeddedManifest())) {}
  std::optional<Asset> Find(const std::string& path) const override {
    for (const auto& f : EmbeddedFiles()) {
      if (f.path == path) {
        return Asset{std::string(f.content_type), std::string(f.body), std::string(f.gzip),
                     std::string(f.brotli)};
      }
    }
    return std::nullopt;
  }
  Manifest GetManifest() const override { return manifest_; }

 private:
  Manifest manifest_;
};

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TypeOf(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot);
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

class Directory final : public Assets {
 public:
  explicit Directory(std::string dir) : dir_(std::move(dir)) {}
  std::optional<Asset> Find(const std::string& path) const override {
    // Only plain names under /assets/: no way out of the directory.
    if (!path.starts_with("/assets/") || path.find("..") != std::string::npos ||
        path.ends_with(".gz") || path.ends_with(".br")) {
      return std::nullopt;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dir_ + path, ec)) return std::nullopt;
    auto body = ReadFile(dir_ + path);
    if (!body) return std::nullopt;
    return Asset{TypeOf(path), std::move(*body), ReadFile(dir_ + path + ".gz").value_or(""),
                 ReadFile(dir_ + path + ".br").value_or("")};
  }
  Manifest GetManifest() const override {
    auto text = ReadFile(dir_ + "/manifest.json");
    if (!text) throw std::runtime_error("no manifest.json in " + dir_);
    return ParseManifest(*text);
  }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<Assets> EmbeddedAssets() { return std::make_unique<Embedded>(); }
std::unique_ptr<Assets> DirectoryAssets(std::string dir) {
  return std::make_unique<Directory>(std::move(dir));
}

}  // namespace piaf::web
