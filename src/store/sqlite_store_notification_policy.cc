// SqliteStore: the notification policy and the notifications it filtered,
// filed by request (one per account they come from). Tables of the
// migration after announcements.
#include <sqlite3.h>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {
namespace {

// A request with its count and newest notification, from its rows.
constexpr const char* kRequestSelect =
    "SELECT r.id, r.account_id, r.from_account_id, "
    "(SELECT status_id FROM filtered_notifications WHERE request_id = r.id AND status_id IS NOT "
    "NULL ORDER BY id DESC LIMIT 1), "
    "(SELECT COUNT(*) FROM filtered_notifications WHERE request_id = r.id), "
    "(SELECT MAX(id) FROM filtered_notifications WHERE request_id = r.id) "
    "FROM notification_requests r ";

template <class S>
NotificationRequest ReadRequest(S& s) {
  return {s.Int(0), s.Int(1), s.Int(2), s.OptId(3), s.Int(4), s.Int(5)};
}

}  // namespace

NotificationPolicy SqliteStore::GetNotificationPolicy(Id account_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT for_not_following, for_not_followers, for_new_accounts, for_private_mentions, "
      "for_limited_accounts FROM notification_policies WHERE account_id = ?1");
  NotificationPolicy p;
  if (s.Bind(account_id).Step()) {
    p = {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4)};
  }
  return p;
}

void SqliteStore::PutNotificationPolicy(Id account_id, const NotificationPolicy& p) {
  Write([&] {
    Prepare(
        "INSERT OR REPLACE INTO notification_policies(account_id, for_not_following, "
        "for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(account_id, p.for_not_following, p.for_not_followers, p.for_new_accounts,
              p.for_private_mentions, p.for_limited_accounts)
        .Run();
  });
}

void SqliteStore::PutFilteredNotification(const Notification& n, Id request_id) {
  Write([&] {
    Prepare(
        "INSERT OR IGNORE INTO notification_requests(id, account_id, from_account_id) "
        "VALUES(?1, ?2, ?3)")
        .Bind(request_id, n.account_id, n.from_account_id)
        .Run();
    Id request = request_id;
    {
      auto s = Prepare(
          "SELECT id FROM notification_requests WHERE account_id = ?1 AND from_account_id = ?2");
      if (s.Bind(n.account_id, n.from_account_id).Step()) request = s.Int(0);
    }
    Prepare(
        "INSERT INTO filtered_notifications(id, request_id, account_id, from_account_id, type, "
        "status_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(n.id, request, n.account_id, n.from_account_id, n.type, n.status_id)
        .Run();
  });
}

std::vector<NotificationRequest> SqliteStore::ListNotificationRequests(Id account_id,
                                                                       const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  // Prepared once per connection (its cache is keyed by the text's address).
  static const std::string kSql = std::string(kRequestSelect) +
                                  "WHERE r.account_id = ?1 AND (?2 IS NULL OR r.id < ?2) AND (?3 "
                                  "IS NULL OR r.id > ?3) ORDER BY r.id DESC LIMIT ?4";
  auto s = r.Prepare(kSql.c_str());
  s.Bind(account_id, page.max_id, above, page.limit);
  std::vector<NotificationRequest> out;
  while (s.Step()) out.push_back(ReadRequest(s));
  return out;
}

std::optional<NotificationRequest> SqliteStore::GetNotificationRequest(Id account_id, Id id) {
  Conn& r = Reader();
  static const std::string kSql =
      std::string(kRequestSelect) + "WHERE r.id = ?1 AND r.account_id = ?2";
  auto s = r.Prepare(kSql.c_str());
  if (!s.Bind(id, account_id).Step()) return std::nullopt;
  return ReadRequest(s);
}

std::vector<Notification> SqliteStore::ListFilteredNotifications(Id account_id, Id request_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, account_id, from_account_id, type, status_id FROM filtered_notifications "
      "WHERE request_id = ?1 AND account_id = ?2 ORDER BY id DESC");
  s.Bind(request_id, account_id);
  std::vector<Notification> out;
  while (s.Step()) out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.OptId(4)});
  return out;
}

bool SqliteStore::CloseNotificationRequest(Id account_id, Id id, bool accept) {
  return Write([&] {
    Prepare("DELETE FROM notification_requests WHERE id = ?1 AND account_id = ?2")
        .Bind(id, account_id)
        .Run();
    if (sqlite3_changes(db_) == 0) return false;
    if (accept) {
      Prepare(
          "INSERT OR IGNORE INTO notifications(id, account_id, from_account_id, type, status_id) "
          "SELECT id, account_id, from_account_id, type, status_id FROM filtered_notifications "
          "WHERE request_id = ?1")
          .Bind(id)
          .Run();
    }
    Prepare("DELETE FROM filtered_notifications WHERE request_id = ?1").Bind(id).Run();
    return true;
  });
}

std::int64_t SqliteStore::CountFilteredNotifications(Id account_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT COUNT(*) FROM filtered_notifications WHERE account_id = ?1");
  return s.Bind(account_id).Step() ? s.Int(0) : 0;
}

}  // namespace piaf::store
