// SQL shared by SqliteStore (migrations) and SqliteBulkLoader.
#pragma once

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
// migration 9 new statuses are indexed once per committed batch by
// SqliteStore, and only the delete trigger is left). The bulk loader drops
// it while it loads, then rebuilds the index in one pass.
#define PIAF_STATUS_SEARCH_DELETE_TRIGGER                                                      \
  "CREATE TRIGGER status_search_delete AFTER DELETE ON statuses BEGIN "                        \
  "INSERT INTO status_search(status_search, rowid, text) VALUES('delete', old.id, old.text); " \
  "END;"
#define PIAF_STATUS_SEARCH_TRIGGERS                                       \
  "CREATE TRIGGER status_search_insert AFTER INSERT ON statuses BEGIN "   \
  "INSERT INTO status_search(rowid, text) VALUES(new.id, new.text); END;" \
  PIAF_STATUS_SEARCH_DELETE_TRIGGER
