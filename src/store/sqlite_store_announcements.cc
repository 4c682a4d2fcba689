// SqliteStore's announcements (migration 17): the administration's
// announcements and which accounts dismissed each. Writes go through the
// group commit on the writer connection, reads through the thread's read
// connection, as everywhere in the store.
#include <sqlite3.h>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

void SqliteStore::PutAnnouncement(const Announcement& a) {
  Write([&] {
    Prepare(
        "INSERT INTO announcements(id, text, content, starts_at, ends_at, all_day, "
        "published_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .Bind(a.id, a.text, a.content, a.starts_at_ms, a.ends_at_ms, a.all_day,
              a.published_at_ms, a.updated_at_ms)
        .Run();
  });
}

std::vector<std::pair<Announcement, bool>> SqliteStore::ListAnnouncements(Id account_id) {
  Conn& r = Reader();
  // One statement: one snapshot of both tables. Mastodon's order: by the
  // date announced, else by publication.
  auto s = r.Prepare(
      "SELECT a.id, a.text, a.content, a.starts_at, a.ends_at, a.all_day, "
      "a.published_at, a.updated_at, d.account_id IS NOT NULL FROM announcements a "
      "LEFT JOIN announcement_dismissals d ON d.announcement_id = a.id AND "
      "d.account_id = ?1 ORDER BY COALESCE(a.starts_at, a.published_at), a.id");
  s.Bind(account_id);
  std::vector<std::pair<Announcement, bool>> out;
  while (s.Step()) {
    Announcement a;
    a.id = s.Int(0);
    a.text = s.Text(1);
    a.content = s.Text(2);
    a.starts_at_ms = s.OptId(3);
    a.ends_at_ms = s.OptId(4);
    a.all_day = s.Int(5) != 0;
    a.published_at_ms = s.Int(6);
    a.updated_at_ms = s.Int(7);
    out.emplace_back(std::move(a), s.Int(8) != 0);
  }
  return out;
}

bool SqliteStore::DismissAnnouncement(Id account_id, Id announcement_id) {
  return Write([&] {
    if (!Prepare("SELECT 1 FROM announcements WHERE id = ?1").Bind(announcement_id).Step()) {
      return false;
    }
    Prepare(
        "INSERT OR IGNORE INTO announcement_dismissals(account_id, announcement_id) "
        "VALUES(?1, ?2)")
        .Bind(account_id, announcement_id)
        .Run();
    return true;
  });
}

bool SqliteStore::DeleteAnnouncement(Id announcement_id) {
  return Write([&] {
    Prepare("DELETE FROM announcement_dismissals WHERE announcement_id = ?1")
        .Bind(announcement_id)
        .Run();
    Prepare("DELETE FROM announcements WHERE id = ?1").Bind(announcement_id).Run();
    return sqlite3_changes(db_) > 0;
  });
}

}  // namespace piaf::store
