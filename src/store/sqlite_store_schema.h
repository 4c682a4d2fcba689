// SQL shared by SqliteStore (migrations) and SqliteBulkLoader.
#pragma once

#include <string>
#include <vector>

#include "core/id.h"

// Recomputes every account's counters (a migration, and after bulk loads).
#define PIAF_RECOUNT_ACCOUNT_STATS                                                               \
  "DELETE FROM account_stats;"                                                                   \
  "INSERT INTO account_stats(account_id, statuses, followers, following) "                       \
  "SELECT a.id, COALESCE(s.n, 0), COALESCE(fr.n, 0), COALESCE(fg.n, 0) FROM accounts a "         \
  "LEFT JOIN (SELECT account_id, COUNT(*) n FROM statuses GROUP BY account_id) s "               \
  "ON s.account_id = a.id "                                                                      \
  "LEFT JOIN (SELECT target_account_id, COUNT(*) n FROM follows GROUP BY target_account_id) fr " \
  "ON fr.target_account_id = a.id "                                                              \
  "LEFT JOIN (SELECT account_id, COUNT(*) n FROM follows GROUP BY account_id) fg "               \
  "ON fg.account_id = a.id;"

// The triggers that kept the statuses' full-text index (migration 6; since
// migration 9 new statuses are indexed by SqliteStore, and only the delete
// trigger is left).
#define PIAF_STATUS_SEARCH_TRIGGERS                                                            \
  "CREATE TRIGGER status_search_insert AFTER INSERT ON statuses BEGIN "                        \
  "INSERT INTO status_search(rowid, text) VALUES(new.id, new.text); "                          \
  "END;"                                                                                       \
  "CREATE TRIGGER status_search_delete AFTER DELETE ON statuses BEGIN "                        \
  "INSERT INTO status_search(status_search, rowid, text) VALUES('delete', old.id, old.text); " \
  "END;"

// Since migration 12, a new status waits in status_search_pending until
// SqliteStore indexes the pending ones together (FTS5 writes a segment and
// merges at each flush: a few statuses a flush cost ~100 us each, hundreds
// ~8 us). A status deleted while it waits was never indexed: it leaves the
// queue, and the index is not told (a 'delete' of terms never added would
// corrupt it). The bulk loader drops this trigger while it loads, then
// rebuilds the index in one pass.
#define PIAF_STATUS_SEARCH_DELETE_TRIGGER                                               \
  "CREATE TRIGGER status_search_delete AFTER DELETE ON statuses BEGIN "                 \
  "INSERT INTO status_search(status_search, rowid, text) SELECT 'delete', old.id, "     \
  "old.text WHERE NOT EXISTS (SELECT 1 FROM status_search_pending WHERE id = old.id); " \
  "DELETE FROM status_search_pending WHERE id = old.id; "                               \
  "END;"

// A status's counts on its row (migration 11): replies and reblogs counted
// as statuses come and go, favourites as favourites do (a row that is gone
// is left alone: the UPDATE matches nothing).
#define PIAF_STATUS_COUNT_TRIGGERS                                                         \
  "CREATE TRIGGER status_counts_insert AFTER INSERT ON statuses "                          \
  "WHEN new.in_reply_to_id IS NOT NULL OR new.reblog_of_id IS NOT NULL BEGIN "             \
  "UPDATE statuses SET replies_count = replies_count + 1 WHERE id = new.in_reply_to_id; "  \
  "UPDATE statuses SET reblogs_count = reblogs_count + 1 WHERE id = new.reblog_of_id; "    \
  "END;"                                                                                   \
  "CREATE TRIGGER status_counts_delete AFTER DELETE ON statuses "                          \
  "WHEN old.in_reply_to_id IS NOT NULL OR old.reblog_of_id IS NOT NULL BEGIN "             \
  "UPDATE statuses SET replies_count = replies_count - 1 WHERE id = old.in_reply_to_id; "  \
  "UPDATE statuses SET reblogs_count = reblogs_count - 1 WHERE id = old.reblog_of_id; "    \
  "END;"                                                                                   \
  "CREATE TRIGGER favourite_counts_insert AFTER INSERT ON favourites BEGIN "               \
  "UPDATE statuses SET favourites_count = favourites_count + 1 WHERE id = new.status_id; " \
  "END;"                                                                                   \
  "CREATE TRIGGER favourite_counts_delete AFTER DELETE ON favourites BEGIN "               \
  "UPDATE statuses SET favourites_count = favourites_count - 1 WHERE id = old.status_id; " \
  "END;"

namespace piaf::store {

// `items` joined by `separator`, each once, in their order (as `text` writes
// them).
template <class T, class Text>
std::string JoinEachOnce(const std::vector<T>& items, char separator, Text text) {
  std::string out;
  bool first = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = items[j] == items[i];
    if (seen) continue;
    if (!first) out += separator;
    out += text(items[i]);
    first = false;
  }
  return out;
}

// A status's mentions and tags as its row keeps them (columns mention_ids
// and tag_names): in the order written, each once (as the mentions and
// status_tags tables keep them); ids joined by ',', tags by '\x1f'.
inline std::string MentionIdsColumn(const std::vector<core::Id>& ids) {
  return JoinEachOnce(ids, ',', [](core::Id id) { return std::to_string(id); });
}
inline std::string TagNamesColumn(const std::vector<std::string>& tags) {
  return JoinEachOnce(tags, '\x1f', [](const std::string& t) { return t; });
}

}  // namespace piaf::store
