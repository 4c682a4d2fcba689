// SqliteStore: notifications and markers.
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

// ------------------------------------------------------------- notifications

void SqliteStore::PutNotification(const Notification& n) {
  return Write([&] {
    Prepare(
        "INSERT INTO notifications(id, account_id, from_account_id, type, status_id) "
        "VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(n.id, n.account_id, n.from_account_id, n.type, n.status_id)
        .Run();
  });
}

std::vector<Notification> SqliteStore::ListNotifications(Id account_id, const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(
      page.min_id ? "SELECT id, account_id, from_account_id, type, status_id FROM notifications "
                    "WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) AND "
                    "(?3 IS NULL OR id > ?3) ORDER BY id ASC LIMIT ?4"
                  : "SELECT id, account_id, from_account_id, type, status_id FROM notifications "
                    "WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) AND "
                    "(?3 IS NULL OR id > ?3) ORDER BY id DESC LIMIT ?4");
  s.Bind(account_id, page.max_id, above, page.limit);
  std::vector<Notification> out;
  while (s.Step()) out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.OptId(4)});
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

std::optional<Notification> SqliteStore::GetNotification(Id account_id, Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, account_id, from_account_id, type, status_id FROM notifications WHERE id = ?1 "
      "AND account_id = ?2");
  if (!s.Bind(id, account_id).Step()) return std::nullopt;
  return Notification{s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.OptId(4)};
}

void SqliteStore::DeleteNotification(Id account_id, Id id) {
  return Write([&] {
    Prepare("DELETE FROM notifications WHERE id = ?1 AND account_id = ?2")
        .Bind(id, account_id)
        .Run();
  });
}

void SqliteStore::ClearNotifications(Id account_id) {
  return Write(
      [&] { Prepare("DELETE FROM notifications WHERE account_id = ?1").Bind(account_id).Run(); });
}

// ------------------------------------------------------------------- markers

std::vector<Marker> SqliteStore::GetMarkers(Id account_id,
                                            const std::vector<std::string>& timelines) {
  std::vector<Marker> out;
  if (timelines.empty()) return out;
  Conn& r = Reader();
  Conn::Txn txn(r);
  for (const auto& timeline : timelines) {
    auto s = r.Prepare(
        "SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ?1 AND "
        "timeline = ?2");
    if (s.Bind(account_id, timeline).Step()) {
      out.push_back({timeline, s.Int(0), s.Int(1), s.Int(2)});
    }
  }
  return out;
}

Marker SqliteStore::PutMarker(Id account_id, std::string_view timeline, Id last_read_id,
                              std::int64_t updated_at_ms) {
  return Write([&] {
    auto s = Prepare(
        "INSERT INTO markers(account_id, timeline, last_read_id, version, updated_at) "
        "VALUES(?1, ?2, ?3, 1, ?4) ON CONFLICT(account_id, timeline) DO UPDATE SET "
        "last_read_id = excluded.last_read_id, version = version + 1, "
        "updated_at = excluded.updated_at RETURNING version");
    if (!s.Bind(account_id, timeline, last_read_id, updated_at_ms).Step()) {
      throw std::runtime_error("sqlite: a marker saved returned no version");
    }
    return Marker{std::string(timeline), last_read_id, s.Int(0), updated_at_ms};
  });
}

}  // namespace piaf::store
