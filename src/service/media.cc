#include "service/media.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.h"

namespace piaf::service {

namespace json = boost::json;
using store::MediaAttachment;

// ------------------------------------------------------------------ files

MediaFiles::MediaFiles(std::string dir, media::Limits limits, int threads)
    : dir_(std::move(dir)), limits_(limits) {
  media::Init();
  std::filesystem::create_directories(dir_);
  for (int i = 0; i < std::max(1, threads); ++i) {
    threads_.emplace_back([this] {
      std::unique_lock lock(mu_);
      for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, nothing left
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        ++running_;
        lock.unlock();
        try {
          job();
        } catch (const std::exception& e) {
          spdlog::error("processing an upload: {}", e.what());
        }
        lock.lock();
        --running_;
        idle_.notify_all();
      }
    });
  }
}

MediaFiles::~MediaFiles() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void MediaFiles::Post(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void MediaFiles::Drain() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return jobs_.empty() && running_ == 0; });
}

std::string MediaFiles::Save(std::string_view bytes, std::string_view extension) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  std::string name = std::string(hex, 2) + "/" + hex + "." + std::string(extension);
  std::filesystem::path path = std::filesystem::path(dir_) / name;
  if (std::filesystem::exists(path)) return name;  // the same bytes: the same file
  std::filesystem::create_directories(path.parent_path());
  // Written aside, then renamed: a reader never sees half a file.
  std::string temporary = path.string() + ".tmp" + std::to_string(std::hash<std::thread::id>()(
                                                        std::this_thread::get_id()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
  return name;
}

void MediaFiles::Remove(const std::vector<std::string>& files) {
  for (const auto& f : files) {
    if (f.empty() || f.find("..") != std::string::npos) continue;
    std::error_code ignored;
    std::filesystem::remove(std::filesystem::path(dir_) / f, ignored);
  }
}

std::optional<std::string> MediaFiles::Read(std::string_view name) const {
  // "ab/" + 64 hex digits (starting with ab) + ".jpg" or ".png": nothing
  // else is a file of ours.
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  if (name.size() != 3 + 64 + 4 || name[2] != '/' || name.substr(0, 2) != name.substr(3, 2)) {
    return std::nullopt;
  }
  for (std::size_t i = 3; i < 67; ++i) {
    if (!hex(name[i])) return std::nullopt;
  }
  std::string_view ext = name.substr(67);
  if (ext != ".jpg" && ext != ".png") return std::nullopt;
  std::ifstream in(std::filesystem::path(dir_) / std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ----------------------------------------------------------------- column

std::string MediaColumn(const std::vector<MediaAttachment>& media) {
  if (media.empty()) return "";
  json::array a;
  for (const auto& m : media) {
    a.push_back(json::object{{"id", m.id},
                             {"file", m.file},
                             {"preview", m.preview},
                             {"mime", m.mime},
                             {"w", m.width},
                             {"h", m.height},
                             {"pw", m.preview_width},
                             {"ph", m.preview_height},
                             {"description", m.description},
                             {"fx", m.focus_x},
                             {"fy", m.focus_y},
                             {"blurhash", m.blurhash}});
  }
  return json::serialize(a);
}

std::vector<MediaAttachment> ParseMediaColumn(std::string_view column) {
  std::vector<MediaAttachment> out;
  if (column.empty()) return out;
  boost::system::error_code ec;
  json::value v = json::parse(column, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    const json::object* o = item.if_object();
    if (!o) continue;
    auto text = [&](const char* k) -> std::string {
      auto* f = o->if_contains(k);
      return f && f->is_string() ? std::string(f->get_string()) : "";
    };
    auto number = [&](const char* k) -> double {
      auto* f = o->if_contains(k);
      if (!f) return 0;
      if (f->is_int64()) return static_cast<double>(f->get_int64());
      if (f->is_uint64()) return static_cast<double>(f->get_uint64());
      if (f->is_double()) return f->get_double();
      return 0;
    };
    MediaAttachment m;
    auto* id = o->if_contains("id");
    m.id = id && id->is_int64() ? id->get_int64() : 0;
    m.state = MediaAttachment::State::kReady;
    m.file = text("file");
    m.preview = text("preview");
    m.mime = text("mime");
    m.width = static_cast<int>(number("w"));
    m.height = static_cast<int>(number("h"));
    m.preview_width = static_cast<int>(number("pw"));
    m.preview_height = static_cast<int>(number("ph"));
    m.description = text("description");
    m.focus_x = number("fx");
    m.focus_y = number("fy");
    m.blurhash = text("blurhash");
    out.push_back(std::move(m));
  }
  return out;
}

// ------------------------------------------------------------------ verbs

namespace {

core::Error Refused(std::string message) {
  return core::Error{core::ErrorCode::kUnprocessable, std::move(message), ""};
}

core::Status CheckDescription(const std::optional<std::string>& description) {
  if (!description) return core::Ok();
  auto decoded = core::DecodeUtf8(*description);
  if (!decoded) return core::Invalid("Description is not valid UTF-8");
  if (decoded->size() > kMaxMediaDescription) {
    return core::Unprocessable("Description is too long (maximum is 1500 characters)");
  }
  return core::Ok();
}

// "x,y", each from -1 to 1 (Mastodon's focal point).
core::Status ParseFocus(const std::optional<std::string>& focus, MediaAttachment& m) {
  if (!focus || focus->empty()) return core::Ok();
  double x = 0, y = 0;
  char rest = 0;
  if (std::sscanf(focus->c_str(), "%lf,%lf%c", &x, &y, &rest) != 2 || !(x >= -1 && x <= 1) ||
      !(y >= -1 && y <= 1)) {
    return core::Unprocessable("Focus must be two numbers from -1.0 to 1.0, \"x,y\"");
  }
  m.focus_x = x;
  m.focus_y = y;
  return core::Ok();
}

}  // namespace

core::Status ProcessMedia(MediaFiles& files, std::string_view bytes, MediaAttachment& m) {
  auto processed = media::ProcessImage(bytes, files.limits());
  if (!processed) {
    if (!processed.error().detail.empty()) {
      spdlog::info("upload {} refused: {}", m.id, processed.error().detail);
    }
    return processed.error();
  }
  m.file = files.Save(processed->original.bytes, processed->original.extension);
  m.preview = files.Save(processed->preview.bytes, processed->preview.extension);
  m.mime = processed->original.mime;
  m.width = processed->original.width;
  m.height = processed->original.height;
  m.preview_width = processed->preview.width;
  m.preview_height = processed->preview.height;
  m.blurhash = processed->blurhash;
  m.state = MediaAttachment::State::kReady;
  m.error.clear();
  return core::Ok();
}

Result<MediaAttachment> UploadMedia(Context& ctx, const Viewer& viewer, MediaInput input,
                                    bool wait) {
  if (!viewer.account_id) return core::Forbidden();
  if (!ctx.media) return core::Internal("no media files");
  if (input.bytes.empty()) return Refused("Validation failed: File can't be blank");
  if (auto d = CheckDescription(input.description); !d) return d.error();
  MediaAttachment m;
  if (auto f = ParseFocus(input.focus, m); !f) return f.error();
  auto probe = media::ProbeImage(input.bytes, ctx.media->limits());
  if (!probe) return probe.error();
  m.id = ctx.ids.Next();
  m.account_id = *viewer.account_id;
  m.description = input.description.value_or("");
  m.created_at_ms = ctx.clock.NowMs();
  if (wait) {
    if (auto p = ProcessMedia(*ctx.media, input.bytes, m); !p) return p.error();
    ctx.store.PutMediaAttachment(m);
    return m;
  }
  ctx.store.PutMediaAttachment(m);
  // The job outlives the request: it keeps the bytes, and finds the
  // attachment again (its description may have changed meanwhile).
  ctx.media->Post([&ctx, id = m.id, bytes = std::move(input.bytes)] {
    auto current = ctx.store.GetMediaAttachment(id);
    if (!current) return;
    MediaAttachment done = *current;
    if (auto p = ProcessMedia(*ctx.media, bytes, done); !p) {
      done.state = MediaAttachment::State::kFailed;
      done.error = p.error().safe_message;
    }
    auto now = ctx.store.GetMediaAttachment(id);  // described while processed?
    if (now) {
      done.description = now->description;
      done.focus_x = now->focus_x;
      done.focus_y = now->focus_y;
    }
    ctx.store.UpdateMediaAttachment(done);
  });
  return m;
}

Result<MediaAttachment> GetMedia(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto m = ctx.store.GetMediaAttachment(id);
  if (!m || m->account_id != *viewer.account_id) return core::NotFound();
  return *m;
}

Result<MediaAttachment> UpdateMedia(Context& ctx, const Viewer& viewer, Id id,
                                    std::optional<std::string> description,
                                    std::optional<std::string> focus) {
  auto m = GetMedia(ctx, viewer, id);
  if (!m) return m.error();
  if (m->status_id) return core::NotFound();  // Mastodon's: only unattached ones
  if (auto d = CheckDescription(description); !d) return d.error();
  if (auto f = ParseFocus(focus, *m); !f) return f.error();
  if (description) m->description = *description;
  if (!ctx.store.UpdateMediaAttachment(*m)) return core::NotFound();  // attached meanwhile
  return *m;
}

Result<std::string> PrepareStatusMedia(Context& ctx, const Viewer& viewer,
                                       const std::vector<Id>& ids) {
  if (!viewer.account_id) return core::Forbidden();
  std::vector<Id> unique;
  for (Id id : ids) {
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  }
  if (unique.size() > kMaxMediaAttachments) return Refused("Cannot attach more than 4 files");
  std::vector<MediaAttachment> media;
  std::string missing;
  for (Id id : unique) {
    auto m = ctx.store.GetMediaAttachment(id);
    if (!m || m->account_id != *viewer.account_id || m->status_id ||
        m->state == MediaAttachment::State::kFailed) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(id);
      continue;
    }
    if (m->state == MediaAttachment::State::kProcessing) {
      return Refused("Cannot attach files that have not finished processing. Try again in a "
                     "moment!");
    }
    media.push_back(std::move(*m));
  }
  if (!missing.empty()) {
    return Refused("Media " + missing + " not found or already attached to another post");
  }
  return MediaColumn(media);
}

core::Status SetAccountImages(Context& ctx, const Viewer& viewer,
                              const std::optional<std::string>& avatar,
                              const std::optional<std::string>& header) {
  if (!viewer.account_id) return core::Forbidden();
  if (!ctx.media) return core::Internal("no media files");
  std::optional<std::string> avatar_file, header_file;
  auto crop = [&](const std::string& bytes, int w, int h) -> Result<std::string> {
    if (bytes.empty()) return std::string();  // an empty file: back to the default
    auto image = media::CropImage(bytes, ctx.media->limits(), w, h);
    if (!image) return image.error();
    return ctx.media->Save(image->bytes, image->extension);
  };
  if (avatar) {
    auto f = crop(*avatar, kAvatarSide, kAvatarSide);
    if (!f) return f.error();
    avatar_file = *f;
  }
  if (header) {
    auto f = crop(*header, kHeaderWidth, kHeaderHeight);
    if (!f) return f.error();
    header_file = *f;
  }
  if (!avatar_file && !header_file) return core::Ok();
  ctx.media->Remove(ctx.store.SetAccountImages(*viewer.account_id, avatar_file, header_file));
  ctx.snapshots.ForgetAccount(*viewer.account_id);
  return core::Ok();
}

std::size_t RemoveOldMedia(Context& ctx) {
  if (!ctx.media) return 0;
  auto files = ctx.store.DeleteUnattachedMedia(ctx.clock.NowMs() - kUnattachedMediaMs);
  ctx.media->Remove(files);
  return files.size();
}

}  // namespace piaf::service
