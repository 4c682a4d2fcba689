// SqliteStore: statuses (with their mentions, tags, search index, counts and
// idempotency keys) and favourites.
#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"
#include "store/sqlite_store_schema.h"

namespace piaf::store {

// ------------------------------------------------------------------ statuses

// A status with its mentions and tags in one statement: the lists come as
// group_concat columns (ids separated by ',', tags by U+001F), in the order
// they were written.
#define PIAF_STATUS_SELECT                                                                   \
  "SELECT s.id, s.account_id, s.text, s.content, s.spoiler_text, s.language, s.visibility, " \
  "s.in_reply_to_id, s.in_reply_to_account_id, s.reblog_of_id, s.application_id, "           \
  "s.mention_ids, s.tag_names FROM statuses s "

Status SqliteStore::ReadStatus(Stmt& s) {
  Status st;
  st.id = s.Int(0);
  st.account_id = s.Int(1);
  st.text = s.Text(2);
  st.content = s.Text(3);
  st.spoiler_text = s.Text(4);
  st.language = s.Text(5);
  st.visibility = static_cast<Visibility>(s.Int(6));
  st.in_reply_to_id = s.OptId(7);
  st.in_reply_to_account_id = s.OptId(8);
  st.reblog_of_id = s.OptId(9);
  st.application_id = s.OptId(10);
  std::string mentions = s.Text(11), tags = s.Text(12);
  for (std::size_t i = 0; i < mentions.size();) {
    std::size_t comma = mentions.find(',', i);
    if (comma == std::string::npos) comma = mentions.size();
    if (auto id = core::ParseId(std::string_view(mentions).substr(i, comma - i))) {
      st.mentions.push_back(*id);
    }
    i = comma + 1;
  }
  for (std::size_t i = 0; i < tags.size();) {
    std::size_t sep = tags.find('\x1f', i);
    if (sep == std::string::npos) sep = tags.size();
    st.tags.push_back(tags.substr(i, sep - i));
    i = sep + 1;
  }
  return st;
}

AccountCounts SqliteStore::PutStatus(const Status& st) {
  auto after = Write([&] {
    bool added =
        Prepare(
            "INSERT INTO statuses(id, account_id, text, content, spoiler_text, language, "
            "visibility, in_reply_to_id, in_reply_to_account_id, reblog_of_id, application_id, "
            "mention_ids, tag_names) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
            .Bind(st.id, st.account_id, st.text, st.content, st.spoiler_text, st.language,
                  static_cast<int>(st.visibility), st.in_reply_to_id, st.in_reply_to_account_id,
                  st.reblog_of_id, st.application_id, MentionIdsColumn(st.mentions),
                  TagNamesColumn(st.tags))
            .Run();
    for (Id m : st.mentions) {
      Prepare("INSERT OR IGNORE INTO mentions(status_id, account_id) VALUES(?1, ?2)")
          .Bind(st.id, m)
          .Run();
    }
    for (const auto& t : st.tags) {
      Prepare("INSERT OR IGNORE INTO status_tags(tag, status_id) VALUES(?1, ?2)")
          .Bind(t, st.id)
          .Run();
    }
    Prepare("UPDATE account_stats SET statuses = statuses + 1 WHERE account_id = ?1")
        .Bind(st.account_id)
        .Run();
    auto counts = ReadCounts(Prepare(PIAF_COUNT_ACCOUNT).Bind(st.account_id));
    if (added) {  // indexed with others (IndexPendingStatuses)
      Prepare("INSERT INTO status_search_pending(id) VALUES(?1)").Bind(st.id).Run();
      ++unindexed_;
    }
    return counts;
  });
  ++statuses_;
  return after;
}

std::optional<Status> SqliteStore::GetStatusById(Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_STATUS_SELECT "WHERE s.id = ?1");
  if (!s.Bind(id).Step()) return std::nullopt;
  return ReadStatus(s);
}

std::vector<RemovedStatus> SqliteStore::DeleteStatus(Id id) {
  auto removed = Write([&] {
    std::vector<RemovedStatus> removed;
    {
      auto s = Prepare("SELECT id, account_id FROM statuses WHERE id = ?1 OR reblog_of_id = ?1");
      s.Bind(id);
      while (s.Step()) removed.push_back({s.Int(0), s.Int(1)});
    }
    for (const auto& r : removed) {
      Prepare("UPDATE account_stats SET statuses = statuses - 1 WHERE account_id = ?1")
          .Bind(r.account_id)
          .Run();
      Prepare("DELETE FROM statuses WHERE id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM mentions WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM status_tags WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM favourites WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM bookmarks WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM pins WHERE status_id = ?1").Bind(r.id).Run();
      Prepare("DELETE FROM notifications WHERE status_id = ?1").Bind(r.id).Run();
    }
    return removed;
  });
  statuses_ -= static_cast<std::int64_t>(removed.size());
  return removed;
}

std::optional<Id> SqliteStore::FindReblog(Id account_id, Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT id FROM statuses WHERE reblog_of_id = ?1 AND account_id = ?2");
  if (!s.Bind(status_id, account_id).Step()) return std::nullopt;
  return s.Int(0);
}

std::vector<Status> SqliteStore::ListStatuses(const char* sql_desc, const char* sql_asc, Id key,
                                              std::string_view text_key, const Page& page) {
  Conn& r = Reader();
  // ?1 key, ?2 text key, ?3 below (max_id), ?4 above (since_id/min_id), ?5 limit
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s = r.Prepare(page.min_id ? sql_asc : sql_desc);
  s.Bind(key, text_key, page.max_id, above, page.limit);
  std::vector<Status> out;
  while (s.Step()) out.push_back(ReadStatus(s));
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

#define PIAF_PAGE_BOUNDS "AND (?3 IS NULL OR s.id < ?3) AND (?4 IS NULL OR s.id > ?4) "

std::vector<Status> SqliteStore::ListAccountStatuses(Id account_id, const Page& page) {
  return ListStatuses(
      PIAF_STATUS_SELECT "WHERE s.account_id = ?1 AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS
                         "ORDER BY s.id DESC LIMIT ?5",
      PIAF_STATUS_SELECT "WHERE s.account_id = ?1 AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS
                         "ORDER BY s.id ASC LIMIT ?5",
      account_id, "", page);
}

std::vector<Status> SqliteStore::ListPublicStatuses(const Page& page) {
  return ListStatuses(PIAF_STATUS_SELECT
                      "WHERE s.visibility = 0 AND s.reblog_of_id IS NULL AND ?1 IS NOT NULL "
                      "AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY s.id DESC LIMIT ?5",
                      PIAF_STATUS_SELECT
                      "WHERE s.visibility = 0 AND s.reblog_of_id IS NULL AND ?1 IS NOT NULL "
                      "AND ?2 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY s.id ASC LIMIT ?5",
                      0, "", page);
}

std::vector<Status> SqliteStore::ListTagStatuses(std::string_view tag, const Page& page) {
  // Ordered by the index's own column: walked in order, it stops at the limit.
  return ListStatuses(
      PIAF_STATUS_SELECT
      "JOIN status_tags t ON t.status_id = s.id WHERE t.tag = ?2 AND "
      "s.visibility = 0 AND ?1 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY t.status_id DESC LIMIT ?5",
      PIAF_STATUS_SELECT
      "JOIN status_tags t ON t.status_id = s.id WHERE t.tag = ?2 AND "
      "s.visibility = 0 AND ?1 IS NOT NULL " PIAF_PAGE_BOUNDS "ORDER BY t.status_id ASC LIMIT ?5",
      0, tag, page);
}

std::vector<Id> SqliteStore::ListStatusIdsByAuthors(const std::vector<Id>& authors, int limit) {
  Conn& r = Reader();
  // Newest `limit` ids per author, merged: one indexed range scan per author.
  Conn::Txn txn(r);
  std::vector<Id> ids;
  for (Id author : authors) {
    auto s = r.Prepare("SELECT id FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ?2");
    s.Bind(author, limit);
    while (s.Step()) ids.push_back(s.Int(0));
  }
  std::sort(ids.begin(), ids.end(), std::greater<>());
  if (ids.size() > static_cast<std::size_t>(limit)) ids.resize(limit);
  return ids;
}

void SqliteStore::ForEachAuthorStatusIds(int limit,
                                         const std::function<bool(Id, std::vector<Id>&)>& each) {
  Conn& r = Reader();
  ReleaseCacheAfter release{r.db};
  // The covering index in its own order (ascending ids: no sort); each
  // author's ids are reversed and cut once the author's rows end.
  auto s = r.Prepare("SELECT account_id, id FROM statuses ORDER BY account_id, id");
  std::vector<Id> ids;
  Id author = 0;
  auto flush = [&] {
    if (ids.empty()) return true;
    std::reverse(ids.begin(), ids.end());
    if (ids.size() > static_cast<std::size_t>(limit)) ids.resize(limit);
    bool go_on = each(author, ids);
    ids.clear();
    return go_on;
  };
  while (s.Step()) {
    Id a = s.Int(0);
    if (a != author && !flush()) return;
    author = a;
    ids.push_back(s.Int(1));
  }
  flush();
}

std::vector<Status> SqliteStore::ListReplies(Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare(PIAF_STATUS_SELECT "WHERE s.in_reply_to_id = ?1 ORDER BY s.id");
  s.Bind(status_id);
  std::vector<Status> out;
  while (s.Step()) out.push_back(ReadStatus(s));
  return out;
}

std::vector<Id> SqliteStore::SearchStatusIds(const StatusSearch& q) {
  Conn& r = Reader();
  // The statement names only the filters given, so that SQLite plans with
  // the right index: the full-text index leads when there are words (walked
  // in id order, it stops at the limit), else the first tag's rows, else the
  // author's statuses.
  std::vector<std::string> texts;
  std::vector<Id> ids;
  std::string from, key, where = "s.reblog_of_id IS NULL";
  auto text = [&](const std::string& v) {
    texts.push_back(v);
    return "?" + std::to_string(texts.size());
  };
  std::size_t first_tag = 0;
  if (!q.match.empty()) {
    IndexStatusesBeforeSearch();
    from = "status_search f JOIN statuses s ON s.id = f.rowid";
    key = "f.rowid";
    where += " AND status_search MATCH " + text(q.match);
  } else if (!q.tags.empty()) {
    from = "status_tags t0 JOIN statuses s ON s.id = t0.status_id";
    key = "t0.status_id";
    where += " AND t0.tag = " + text(q.tags[0]);
    first_tag = 1;
  } else {
    from = "statuses s";
    key = "s.id";
  }
  for (std::size_t i = first_tag; i < std::min<std::size_t>(q.tags.size(), 8); ++i) {
    where += " AND EXISTS (SELECT 1 FROM status_tags t WHERE t.status_id = s.id AND t.tag = " +
             text(q.tags[i]) + ")";
  }
  // Numbers follow the texts: ?(texts + 1)...
  std::vector<std::pair<std::string, Id>> numbers;
  if (q.account_id) numbers.emplace_back("s.account_id = ", *q.account_id);
  if (q.max_id) numbers.emplace_back(key + " < ", *q.max_id);
  if (q.min_id) numbers.emplace_back(key + " > ", *q.min_id);
  std::size_t n = texts.size();
  for (const auto& [condition, value] : numbers) {
    where += " AND " + condition + "?" + std::to_string(++n);
    ids.push_back(value);
  }
  std::string sql = "SELECT s.id FROM " + from + " WHERE " + where + " ORDER BY " + key +
                    (q.min_id ? " ASC" : " DESC") + " LIMIT " +
                    std::to_string(std::max(1, q.limit));
  // Not cached: a few shapes, each cheap to prepare beside the search.
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(r.db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(r.db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(raw, sqlite3_finalize);
  int i = 0;
  for (const auto& t : texts) {
    sqlite3_bind_text(raw, ++i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
  }
  for (Id v : ids) sqlite3_bind_int64(raw, ++i, v);
  Stmt s(raw);
  std::vector<Id> out;
  while (s.Step()) out.push_back(s.Int(0));
  if (q.min_id) std::reverse(out.begin(), out.end());
  return out;
}

void SqliteStore::ForEachTagUse(Id since_id, Id until_id,
                                const std::function<bool(const TagUse&)>& each) {
  Conn& r = Reader();
  ReleaseCacheAfter release{r.db};
  auto s = r.Prepare(
      "SELECT t.tag, s.account_id, s.id, s.language FROM statuses s JOIN status_tags t ON "
      "t.status_id = s.id WHERE s.id > ?1 AND s.id <= ?2 AND s.visibility = 0 AND "
      "s.reblog_of_id IS NULL ORDER BY s.id");
  s.Bind(since_id, until_id);
  while (s.Step()) {
    if (!each(TagUse{s.Text(0), s.Int(1), s.Int(2), s.Text(3)})) return;
  }
}

std::vector<std::string> SqliteStore::SearchTags(std::string_view prefix, int limit) {
  Conn& r = Reader();
  // A range over the primary key (tag, status_id); the most used first.
  // Only tags of public and unlisted statuses: a tag used only in
  // followers-only or direct posts is not for anyone to find.
  auto s = r.Prepare(
      "SELECT t.tag FROM status_tags t JOIN statuses s ON s.id = t.status_id "
      "WHERE t.tag >= ?1 AND t.tag < ?1 || char(1114111) AND s.visibility <= 1 "
      "GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT ?2");
  s.Bind(prefix, limit);
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

bool SqliteStore::TagInUse(std::string_view tag) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT 1 FROM status_tags t JOIN statuses s ON s.id = t.status_id "
      "WHERE t.tag = ?1 AND s.visibility <= 1 LIMIT 1");
  return s.Bind(tag).Step();
}

StatusCounts SqliteStore::CountStatus(Id id) {
  Conn& r = Reader();
  StatusCounts c;
  // Kept on the status's row by triggers (PIAF_STATUS_COUNT_TRIGGERS).
  auto s = r.Prepare(
      "SELECT replies_count, reblogs_count, favourites_count FROM statuses WHERE id = ?1");
  if (s.Bind(id).Step()) {
    c.replies = s.Int(0);
    c.reblogs = s.Int(1);
    c.favourites = s.Int(2);
  }
  return c;
}

std::optional<Id> SqliteStore::GetIdempotentStatus(Id account_id, std::string_view key) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT status_id FROM idempotency_keys WHERE account_id = ?1 AND key = ?2");
  if (!s.Bind(account_id, key).Step()) return std::nullopt;
  return s.Int(0);
}

void SqliteStore::PutIdempotencyKey(Id account_id, std::string_view key, Id status_id) {
  return Write([&] {
    Prepare(
        "INSERT OR REPLACE INTO idempotency_keys(account_id, key, status_id) VALUES(?1, ?2, ?3)")
        .Bind(account_id, key, status_id)
        .Run();
  });
}

// ---------------------------------------------------------------- favourites

bool SqliteStore::PutFavourite(Id id, Id account_id, Id status_id) {
  return Write([&] {
    return Prepare("INSERT INTO favourites(id, account_id, status_id) VALUES(?1, ?2, ?3)")
        .Bind(id, account_id, status_id)
        .Run();
  });
}

bool SqliteStore::DeleteFavourite(Id account_id, Id status_id) {
  return Write([&] {
    Prepare("DELETE FROM favourites WHERE account_id = ?1 AND status_id = ?2")
        .Bind(account_id, status_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::IsFavourited(Id account_id, Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare("SELECT 1 FROM favourites WHERE account_id = ?1 AND status_id = ?2");
  return s.Bind(account_id, status_id).Step();
}

std::vector<Id> SqliteStore::ListFavouritedIds(Id account_id) {
  return ListIds("SELECT status_id FROM favourites WHERE account_id = ?1", account_id);
}

std::vector<Id> SqliteStore::ListRebloggedIds(Id account_id) {
  return ListIds(
      "SELECT reblog_of_id FROM statuses WHERE account_id = ?1 AND reblog_of_id IS NOT NULL",
      account_id);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFavouritedBy(Id status_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM favourites", "status_id = ?1"), status_id,
                   page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListFavourites(Id account_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, status_id FROM favourites", "account_id = ?1"),
                   account_id, page);
}

std::vector<std::pair<Id, Id>> SqliteStore::ListRebloggedBy(Id status_id, const Page& page) {
  return ListPairs(PIAF_PAIRS("SELECT id, account_id FROM statuses", "reblog_of_id = ?1"),
                   status_id, page);
}

}  // namespace piaf::store
