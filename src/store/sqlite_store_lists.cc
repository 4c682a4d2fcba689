// SqliteStore: lists, their members, followed hashtags (the tables of the
// lists migration). Writes go through the group commit on the writer
// connection, reads through the thread's read connection.
#include <sqlite3.h>

#include <algorithm>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

// --------------------------------------------------------------------- lists

void SqliteStore::PutList(const List& l) {
  Write([&] {
    Prepare(
        "INSERT INTO lists(id, account_id, title, replies_policy, exclusive) "
        "VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(l.id, l.account_id, l.title, l.replies_policy, l.exclusive)
        .Run();
  });
}

bool SqliteStore::UpdateList(const List& l) {
  return Write([&] {
    Prepare(
        "UPDATE lists SET title = ?3, replies_policy = ?4, exclusive = ?5 "
        "WHERE id = ?1 AND account_id = ?2")
        .Bind(l.id, l.account_id, l.title, l.replies_policy, l.exclusive)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteList(Id account_id, Id list_id) {
  return Write([&] {
    Prepare("DELETE FROM lists WHERE id = ?1 AND account_id = ?2").Bind(list_id, account_id).Run();
    if (sqlite3_changes(db_) == 0) return false;
    Prepare("DELETE FROM list_accounts WHERE list_id = ?1").Bind(list_id).Run();
    return true;
  });
}

std::vector<List> SqliteStore::ListLists(Id account_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, title, replies_policy, exclusive FROM lists WHERE account_id = ?1 ORDER BY id");
  s.Bind(account_id);
  std::vector<List> out;
  while (s.Step()) {
    out.push_back(List{s.Int(0), account_id, s.Text(1), s.Text(2), s.Int(3) != 0});
  }
  return out;
}

Store::ListAddResult SqliteStore::PutListAccounts(Id list_id,
                                                  const std::vector<std::pair<Id, Id>>& members) {
  // Looked at and written in one write: an unfollow cannot slip between the
  // check and the insert.
  return Write([&] {
    for (const auto& [row, account] : members) {
      if (!Prepare(
               "SELECT 1 FROM lists l WHERE l.id = ?1 AND (l.account_id = ?2 OR EXISTS (SELECT 1 "
               "FROM follows f WHERE f.account_id = l.account_id AND f.target_account_id = ?2))")
               .Bind(list_id, account)
               .Step()) {
        return ListAddResult::kNotFollowed;
      }
      if (Prepare("SELECT 1 FROM list_accounts WHERE list_id = ?1 AND account_id = ?2")
              .Bind(list_id, account)
              .Step()) {
        return ListAddResult::kAlreadyMember;
      }
    }
    for (const auto& [row, account] : members) {
      // A duplicate within `members` is one member.
      Prepare("INSERT OR IGNORE INTO list_accounts(id, list_id, account_id) VALUES(?1, ?2, ?3)")
          .Bind(row, list_id, account)
          .Run();
    }
    return ListAddResult::kAdded;
  });
}

void SqliteStore::DeleteListAccounts(Id list_id, const std::vector<Id>& accounts) {
  Write([&] {
    for (Id account : accounts) {
      Prepare("DELETE FROM list_accounts WHERE list_id = ?1 AND account_id = ?2")
          .Bind(list_id, account)
          .Run();
    }
  });
}

std::vector<std::pair<Id, Id>> SqliteStore::ListListAccounts(Id list_id, const Page& page) {
  return ListPairs(
      "SELECT id, account_id FROM list_accounts WHERE list_id = ?1 AND (?2 IS NULL OR id < ?2) "
      "AND (?3 IS NULL OR id > ?3) ORDER BY id DESC LIMIT ?4",
      "SELECT id, account_id FROM list_accounts WHERE list_id = ?1 AND (?2 IS NULL OR id < ?2) "
      "AND (?3 IS NULL OR id > ?3) ORDER BY id ASC LIMIT ?4",
      list_id, page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListListMemberships(Id account_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT m.list_id, m.account_id FROM lists l JOIN list_accounts m ON m.list_id = l.id "
      "WHERE l.account_id = ?1 ORDER BY m.list_id, m.account_id");
  s.Bind(account_id);
  std::vector<std::pair<Id, Id>> out;
  while (s.Step()) out.emplace_back(s.Int(0), s.Int(1));
  return out;
}

// ------------------------------------------------------------ followed tags

bool SqliteStore::PutFollowedTag(Id id, Id account_id, std::string_view tag) {
  return Write([&] {
    Prepare("INSERT OR IGNORE INTO followed_tags(id, account_id, tag) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, tag)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteFollowedTag(Id account_id, std::string_view tag) {
  return Write([&] {
    Prepare("DELETE FROM followed_tags WHERE account_id = ?1 AND tag = ?2")
        .Bind(account_id, tag)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

std::vector<std::pair<Id, std::string>> SqliteStore::ListFollowedTags(Id account_id,
                                                                      const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(
      page.min_id
          ? "SELECT id, tag FROM followed_tags WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) "
            "AND (?3 IS NULL OR id > ?3) ORDER BY id ASC LIMIT ?4"
          : "SELECT id, tag FROM followed_tags WHERE account_id = ?1 AND (?2 IS NULL OR id < ?2) "
            "AND (?3 IS NULL OR id > ?3) ORDER BY id DESC LIMIT ?4");
  s.Bind(account_id, page.max_id, above, page.limit);
  std::vector<std::pair<Id, std::string>> out;
  while (s.Step()) out.emplace_back(s.Int(0), s.Text(1));
  if (page.min_id) std::reverse(out.begin(), out.end());  // newest first
  return out;
}

std::vector<std::string> SqliteStore::ListFollowedTagNames(Id account_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT tag FROM followed_tags WHERE account_id = ?1 ORDER BY tag");
  s.Bind(account_id);
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

bool SqliteStore::TagFollowed(std::string_view tag) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM followed_tags WHERE tag = ?1 LIMIT 1");
  s.Bind(tag);
  return s.Step();
}

std::vector<Id> SqliteStore::ListTagStatusIds(std::string_view tag, int limit) {
  Conn& r = Reader();
  // status_tags is walked newest first by its own index; reblogs carry no tags.
  auto s = r.Prepare(
      "SELECT t.status_id FROM status_tags t JOIN statuses s ON s.id = t.status_id "
      "WHERE t.tag = ?1 AND s.visibility = 0 ORDER BY t.status_id DESC LIMIT ?2");
  s.Bind(tag, limit);
  std::vector<Id> out;
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

}  // namespace piaf::store
