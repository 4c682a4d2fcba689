// SqliteStore: follows, follow requests, blocks and mutes.
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {

// ------------------------------------------------------------------- follows

namespace {
template <typename Stmt>
std::vector<std::pair<Id, Id>> ReadPairs(Stmt& s, bool reverse) {
  std::vector<std::pair<Id, Id>> out;
  while (s.Step()) out.emplace_back(s.Int(0), s.Int(1));
  if (reverse) std::reverse(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::pair<Id, Id>> SqliteStore::ListPairs(const char* sql_desc, const char* sql_asc,
                                                      Id key, const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(page.min_id ? sql_asc : sql_desc);
  s.Bind(key, page.max_id, above, page.limit);
  return ReadPairs(s, page.min_id.has_value());
}

bool SqliteStore::PutFollow(Id id, Id account_id, Id target_id) {
  return Write([&] {
    // Not while a block stands either way: checked in the same write, so a
    // block committed just before cannot be followed through.
    bool added = Prepare(
                     "INSERT INTO follows(id, account_id, target_account_id) SELECT ?1, ?2, ?3 "
                     "WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = ?2 AND "
                     "target_account_id = ?3) OR (account_id = ?3 AND target_account_id = ?2))")
                     .Bind(id, account_id, target_id)
                     .Run() &&
                 sqlite3_changes(db_) > 0;
    if (added) AdjustFollowCounts(account_id, target_id, 1);
    return added;
  });
}

void SqliteStore::AdjustFollowCounts(Id account_id, Id target_id, int delta) {
  Prepare("UPDATE account_stats SET following = following + ?2 WHERE account_id = ?1")
      .Bind(account_id, delta)
      .Run();
  Prepare("UPDATE account_stats SET followers = followers + ?2 WHERE account_id = ?1")
      .Bind(target_id, delta)
      .Run();
}

bool SqliteStore::DeleteFollow(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follows WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    bool removed = sqlite3_changes(db_) > 0;
    if (removed) AdjustFollowCounts(account_id, target_id, -1);
    return removed;
  });
}

bool SqliteStore::IsFollowing(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM follows WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<Id> SqliteStore::ListIds(const char* sql, Id key) {
  Conn& r = Reader();
  auto s = r.Prepare(sql);
  s.Bind(key);
  std::vector<Id> out;
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

std::vector<Id> SqliteStore::ListFollowerIds(Id target_id) {
  return ListIds("SELECT account_id FROM follows WHERE target_account_id = ?1", target_id);
}

std::vector<Id> SqliteStore::ListFollowingIds(Id account_id) {
  return ListIds("SELECT target_account_id FROM follows WHERE account_id = ?1", account_id);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowers(Id target_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM follows", "target_account_id = ?1"),
                   target_id, page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowing(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM follows", "account_id = ?1"),
                   account_id, page);
}

// ------------------------------------------------------------ follow requests

bool SqliteStore::PutFollowRequest(Id id, Id account_id, Id target_id) {
  return Write([&] {
    // As PutFollow: not while a block stands either way, checked in the write.
    return Prepare(
               "INSERT INTO follow_requests(id, account_id, target_account_id) "
               "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM blocks WHERE (account_id = ?2 "
               "AND target_account_id = ?3) OR (account_id = ?3 AND target_account_id = ?2))")
               .Bind(id, account_id, target_id)
               .Run() &&
           sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteFollowRequest(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::HasFollowRequest(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFollowRequests(Id target_id, const Page& page) {
  return ListPairs(
      PIAF_PAIRS("SELECT id, account_id FROM follow_requests", "target_account_id = ?1"),
      target_id, page);
}

std::int64_t SqliteStore::CountFollowRequests(Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT COUNT(*) FROM follow_requests WHERE target_account_id = ?1");
  return s.Bind(target_id).Step() ? s.Int(0) : 0;
}

bool SqliteStore::AcceptFollowRequest(Id follow_id, Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM follow_requests WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    if (sqlite3_changes(db_) == 0) return false;
    bool added = Prepare(
                     "INSERT OR IGNORE INTO follows(id, account_id, target_account_id) "
                     "VALUES(?1, ?2, ?3)")
                     .Bind(follow_id, account_id, target_id)
                     .Run() &&
                 sqlite3_changes(db_) > 0;
    if (added) AdjustFollowCounts(account_id, target_id, 1);
    return true;
  });
}

bool SqliteStore::PutBlock(Id id, Id account_id, Id target_id) {
  return Write([&] {
    return Prepare("INSERT INTO blocks(id, account_id, target_account_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, target_id)
        .Run();
  });
}

bool SqliteStore::DeleteBlock(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM blocks WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsBlockedEitherWay(Id a, Id b) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM blocks WHERE (account_id = ?1 AND target_account_id = ?2) OR "
      "(account_id = ?2 AND target_account_id = ?1)");
  return s.Bind(a, b).Step();
}

bool SqliteStore::IsBlocking(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM blocks WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListBlocks(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM blocks", "account_id = ?1"),
                   account_id, page);
}

bool SqliteStore::PutMute(Id id, Id account_id, Id target_id) {
  return Write([&] {
    return Prepare("INSERT INTO mutes(id, account_id, target_account_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, target_id)
        .Run();
  });
}

bool SqliteStore::DeleteMute(Id account_id, Id target_id) {
  return Write([&] {
    Prepare("DELETE FROM mutes WHERE account_id = ?1 AND target_account_id = ?2")
        .Bind(account_id, target_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsMuting(Id account_id, Id target_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM mutes WHERE account_id = ?1 AND target_account_id = ?2");
  return s.Bind(account_id, target_id).Step();
}

std::vector<std::pair<Id, Id>> SqliteStore::ListMutes(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, target_account_id FROM mutes", "account_id = ?1"),
                   account_id, page);
}

std::vector<Id> SqliteStore::ListBlockRelatedIds(Id account_id) {
  // UNION ALL: no temporary b-tree to remove the repeats (a UNION built one
  // per call, a tenth of a cold home read on the large store).
  return ListIds(
      "SELECT target_account_id FROM blocks WHERE account_id = ?1 UNION ALL "
      "SELECT account_id FROM blocks WHERE target_account_id = ?1",
      account_id);
}

std::vector<Id> SqliteStore::ListMutedIds(Id account_id) {
  return ListIds("SELECT target_account_id FROM mutes WHERE account_id = ?1", account_id);
}

}  // namespace piaf::store
