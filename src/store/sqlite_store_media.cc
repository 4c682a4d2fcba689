// SqliteStore: media attachments and accounts' images (the tables and
// columns of the media migration).
#include <sqlite3.h>

#include <algorithm>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

namespace {

#define PIAF_MEDIA_SELECT                                                                       \
  "SELECT id, account_id, status_id, state, error, file, preview, mime, width, height, "       \
  "preview_width, preview_height, description, focus_x, focus_y, blurhash, created_at FROM " \
  "media_attachments "

MediaAttachment ReadMedia(SqliteStore::Stmt& s) {
  MediaAttachment m;
  m.id = s.Int(0);
  m.account_id = s.Int(1);
  m.status_id = s.OptId(2);
  m.state = static_cast<MediaAttachment::State>(s.Int(3));
  m.error = s.Text(4);
  m.file = s.Text(5);
  m.preview = s.Text(6);
  m.mime = s.Text(7);
  m.width = static_cast<int>(s.Int(8));
  m.height = static_cast<int>(s.Int(9));
  m.preview_width = static_cast<int>(s.Int(10));
  m.preview_height = static_cast<int>(s.Int(11));
  m.description = s.Text(12);
  m.focus_x = s.Real(13);
  m.focus_y = s.Real(14);
  m.blurhash = s.Text(15);
  m.created_at_ms = s.Int(16);
  return m;
}

}  // namespace

void SqliteStore::PutMediaAttachment(const MediaAttachment& m) {
  Write([&] {
    Prepare(
        "INSERT INTO media_attachments(id, account_id, status_id, state, error, file, preview, "
        "mime, width, height, preview_width, preview_height, description, focus_x, focus_y, "
        "blurhash, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17)")
        .Bind(m.id, m.account_id, m.status_id, static_cast<int>(m.state), m.error, m.file,
              m.preview, m.mime, m.width, m.height, m.preview_width, m.preview_height,
              m.description, m.focus_x, m.focus_y, m.blurhash, m.created_at_ms)
        .Run();
  });
}

bool SqliteStore::UpdateMediaAttachment(const MediaAttachment& m) {
  return Write([&] {
    Prepare(
        "UPDATE media_attachments SET state = ?2, error = ?3, file = ?4, preview = ?5, mime = ?6, "
        "width = ?7, height = ?8, preview_width = ?9, preview_height = ?10, description = ?11, "
        "focus_x = ?12, focus_y = ?13, blurhash = ?14 "
        "WHERE id = ?1 AND status_id IS NULL")
        .Bind(m.id, static_cast<int>(m.state), m.error, m.file, m.preview, m.mime, m.width,
              m.height, m.preview_width, m.preview_height, m.description, m.focus_x, m.focus_y,
              m.blurhash)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

std::optional<MediaAttachment> SqliteStore::GetMediaAttachment(Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_MEDIA_SELECT "WHERE id = ?1");
  if (!s.Bind(id).Step()) return std::nullopt;
  return ReadMedia(s);
}

void SqliteStore::AttachMedia(const Status& st) {
  for (Id id : st.media_ids) {
    Prepare(
        "UPDATE media_attachments SET status_id = ?1 WHERE id = ?2 AND account_id = ?3 "
        "AND status_id IS NULL")
        .Bind(st.id, id, st.account_id)
        .Run();
  }
}

std::vector<std::string> SqliteStore::Unused(std::vector<std::string> files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::vector<std::string> unused;
  for (const auto& f : files) {
    if (f.empty()) continue;
    if (Prepare("SELECT 1 FROM media_attachments WHERE file = ?1 UNION ALL "
                "SELECT 1 FROM media_attachments WHERE preview = ?1 UNION ALL "
                "SELECT 1 FROM accounts WHERE avatar = ?1 AND avatar <> '' UNION ALL "
                "SELECT 1 FROM accounts WHERE header = ?1 AND header <> '' LIMIT 1")
            .Bind(f)
            .Step()) {
      continue;
    }
    unused.push_back(f);
  }
  return unused;
}

std::vector<std::string> SqliteStore::DeleteUnattachedMedia(std::int64_t before_ms) {
  return Write([&] {
    std::vector<std::string> files;
    {
      auto s = Prepare(
          "SELECT file, preview FROM media_attachments WHERE status_id IS NULL "
          "AND created_at < ?1");
      s.Bind(before_ms);
      while (s.Step()) {
        files.push_back(s.Text(0));
        files.push_back(s.Text(1));
      }
    }
    if (files.empty()) return files;
    Prepare("DELETE FROM media_attachments WHERE status_id IS NULL AND created_at < ?1")
        .Bind(before_ms)
        .Run();
    return Unused(std::move(files));
  });
}

std::vector<std::string> SqliteStore::SetAccountImages(Id id,
                                                       const std::optional<std::string>& avatar,
                                                       const std::optional<std::string>& header) {
  return Write([&] {
    std::vector<std::string> old;
    {
      auto s = Prepare("SELECT avatar, header FROM accounts WHERE id = ?1");
      if (!s.Bind(id).Step()) return old;
      if (avatar) old.push_back(s.Text(0));
      if (header) old.push_back(s.Text(1));
    }
    if (avatar) Prepare("UPDATE accounts SET avatar = ?2 WHERE id = ?1").Bind(id, *avatar).Run();
    if (header) Prepare("UPDATE accounts SET header = ?2 WHERE id = ?1").Bind(id, *header).Run();
    return Unused(std::move(old));
  });
}

}  // namespace piaf::store
