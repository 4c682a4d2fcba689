// SqliteStore: bookmarks and pinned statuses (tables of migration 15).
#include <sqlite3.h>

#include <stdexcept>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

// ----------------------------------------------------------------- bookmarks

bool SqliteStore::PutBookmark(Id id, Id account_id, Id status_id) {
  return Write([&] {
    Prepare("INSERT OR IGNORE INTO bookmarks(id, account_id, status_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, status_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteBookmark(Id account_id, Id status_id) {
  return Write([&] {
    Prepare("DELETE FROM bookmarks WHERE account_id = ?1 AND status_id = ?2")
        .Bind(account_id, status_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

// ?1 account, ?2 below (max_id), ?3 above (since_id or min_id), ?4 limit;
// both walk bookmarks_by_account in order.
std::vector<std::pair<Id, Id>> SqliteStore::ListBookmarks(Id account_id, const Page& page) {
  return ListPairs(
      "SELECT id, status_id FROM bookmarks WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) "
      "AND (?3 IS NULL OR id > ?3) ORDER BY id DESC LIMIT ?4",
      "SELECT id, status_id FROM bookmarks WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) "
      "AND (?3 IS NULL OR id > ?3) ORDER BY id ASC LIMIT ?4",
      account_id, page);
}

std::vector<Id> SqliteStore::ListBookmarkedIds(Id account_id) {
  return ListIds("SELECT status_id FROM bookmarks WHERE account_id = ?1", account_id);
}

std::vector<Id> SqliteStore::ListBookmarkerIds(Id status_id) {
  return ListIds("SELECT account_id FROM bookmarks WHERE status_id = ?1", status_id);
}

// ---------------------------------------------------------------------- pins

Store::PinResult SqliteStore::PutPin(Id id, Id account_id, Id status_id, int max_pins) {
  // Looked at and written in one write: the writer runs one write at a time,
  // so two pins at once cannot both see room for one.
  return Write([&] {
    if (Prepare("SELECT 1 FROM pins WHERE account_id = ?1 AND status_id = ?2")
            .Bind(account_id, status_id)
            .Step()) {
      return PinResult::kAlreadyPinned;
    }
    {
      auto count = Prepare("SELECT COUNT(*) FROM pins WHERE account_id = ?1");
      if (!count.Bind(account_id).Step()) throw std::runtime_error("sqlite: no count of pins");
      if (count.Int(0) >= max_pins) return PinResult::kFull;
    }
    Prepare("INSERT INTO pins(id, account_id, status_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, status_id)
        .Run();
    return PinResult::kPinned;
  });
}

bool SqliteStore::DeletePin(Id account_id, Id status_id) {
  return Write([&] {
    Prepare("DELETE FROM pins WHERE account_id = ?1 AND status_id = ?2")
        .Bind(account_id, status_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

std::vector<Id> SqliteStore::ListPinnedIds(Id account_id) {
  return ListIds("SELECT status_id FROM pins WHERE account_id = ?1 ORDER BY id DESC", account_id);
}

}  // namespace piaf::store
