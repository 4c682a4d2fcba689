// Media attachments (docs.joinmastodon.org/methods/media, entities/
// MediaAttachment): uploads through /api/v1/media (processed before the
// answer, 200) and /api/v2/media (202 at once, processed on the media pool;
// GET /api/v1/media/:id answers 206 until it is done, then 200, or 422 when
// it failed), their description and focus (PUT, while unattached). The
// files themselves are served by web::Site at /media/.
#include "service/media.h"

#include <cstdio>

#include "api/entities.h"
#include "api/routes.h"

namespace piaf::api {

namespace {

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

void AppendSize(std::string& out, int width, int height) {
  out += "{\"width\":" + std::to_string(width) + ",\"height\":" + std::to_string(height) +
         ",\"size\":\"" + std::to_string(width) + "x" + std::to_string(height) +
         "\",\"aspect\":" + Number(height ? static_cast<double>(width) / height : 0) + "}";
}

}  // namespace

void AppendMediaAttachment(std::string& out, const store::MediaAttachment& m,
                           const service::Settings& s) {
  bool ready = m.state == store::MediaAttachment::State::kReady;
  out += "{\"id\":";
  AppendJsonString(out, core::IdToString(m.id));
  out += ",\"type\":\"image\",\"url\":";
  if (ready) {
    AppendJsonString(out, s.public_url + "/media/" + m.file);
    out += ",\"preview_url\":";
    AppendJsonString(out, s.public_url + "/media/" + m.preview);
  } else {
    out += "null,\"preview_url\":null";
  }
  out += ",\"remote_url\":null,\"preview_remote_url\":null,\"text_url\":null,\"meta\":{";
  out += "\"focus\":{\"x\":" + Number(m.focus_x) + ",\"y\":" + Number(m.focus_y) + "}";
  if (ready) {
    out += ",\"original\":";
    AppendSize(out, m.width, m.height);
    out += ",\"small\":";
    AppendSize(out, m.preview_width, m.preview_height);
  }
  out += "},\"description\":";
  if (m.description.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, m.description);
  }
  out += ",\"blurhash\":";
  if (m.blurhash.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, m.blurhash);
  }
  out += '}';
}

std::string MediaAttachmentsJson(std::string_view column, const service::Settings& s) {
  if (column.empty()) return "[]";
  std::string out = "[";
  for (const auto& m : service::ParseMediaColumn(column)) {
    if (out.size() > 1) out += ',';
    AppendMediaAttachment(out, m, s);
  }
  return out + "]";
}

void AddMediaRoutes(const AddRoute& add, service::Context& ctx) {
  auto& C = ctx;
  auto upload = [&C](Call& c, bool wait) {
    const UploadedFile* file = c.params.File("file");
    if (!file) {
      return ErrorResponse(core::Error{core::ErrorCode::kUnprocessable,
                                       "Validation failed: File can't be blank", ""});
    }
    service::MediaInput input{file->data, c.params.Get("description"), c.params.Get("focus")};
    auto m = service::UploadMedia(C, c.viewer, std::move(input), wait);
    if (!m) return ErrorResponse(m.error());
    std::string body;
    AppendMediaAttachment(body, *m, C.settings);
    return JsonResponse(m->state == store::MediaAttachment::State::kReady ? 200 : 202,
                        std::move(body));
  };
  add("POST", "/api/v1/media", "write:media", true,
      [upload](Call& c) { return upload(c, true); });
  add("POST", "/api/v2/media", "write:media", true,
      [upload](Call& c) { return upload(c, false); });
  // Mastodon asks for write:media here too (its MediaController).
  add("GET", "/api/v1/media/:id", "write:media", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto m = service::GetMedia(C, c.viewer, *id);
    if (!m) return ErrorResponse(m.error());
    if (m->state == store::MediaAttachment::State::kFailed) {
      return ErrorResponse(core::Error{core::ErrorCode::kUnprocessable, m->error, ""});
    }
    std::string body;
    AppendMediaAttachment(body, *m, C.settings);
    return JsonResponse(m->state == store::MediaAttachment::State::kReady ? 200 : 206,
                        std::move(body));
  });
  add("PUT", "/api/v1/media/:id", "write:media", true, [&C](Call& c) {
    auto id = ArgId(c);
    if (!id) return ErrorResponse(id.error());
    auto m = service::UpdateMedia(C, c.viewer, *id, c.params.Get("description"),
                                  c.params.Get("focus"));
    if (!m) return ErrorResponse(m.error());
    std::string body;
    AppendMediaAttachment(body, *m, C.settings);
    return JsonResponse(m->state == store::MediaAttachment::State::kReady ? 200 : 206,
                        std::move(body));
  });
}

}  // namespace piaf::api
