// SqliteBulkLoader: writes a synthetic community straight into a fresh store
// (`piaf seed`), far faster than the Store's one-row-per-call writes: one
// connection, big transactions, no fsync until the end.
//
// Use only on a store no server is using. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace piaf::store {

class SqliteBulkLoader {
 public:
  // Runs the migrations (through SqliteStore) and opens `path` for loading.
  explicit SqliteBulkLoader(const std::string& path);
  ~SqliteBulkLoader();  // commits and syncs
  SqliteBulkLoader(const SqliteBulkLoader&) = delete;
  SqliteBulkLoader& operator=(const SqliteBulkLoader&) = delete;

  void PutAccount(const Account& account);
  void PutApp(const App& app);
  void PutToken(const Token& token, std::string_view token_hash);
  void PutFollow(Id id, Id account_id, Id target_id);
  void PutStatus(const Status& status);  // with its mentions and tags (and its media column)
  // An attachment's row as it is once processed (and attached, if its
  // status_id is set); its files are written by the caller.
  void PutMediaAttachment(const MediaAttachment& media);
  // Commits what is pending and starts a new transaction.
  void Checkpoint();

 private:
  sqlite3_stmt* Prepare(const char* sql);
  void Exec(const char* sql);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* account_ = nullptr;
  sqlite3_stmt* app_ = nullptr;
  sqlite3_stmt* token_ = nullptr;
  sqlite3_stmt* follow_ = nullptr;
  sqlite3_stmt* status_ = nullptr;
  sqlite3_stmt* mention_ = nullptr;
  sqlite3_stmt* tag_ = nullptr;
  sqlite3_stmt* media_ = nullptr;
};

}  // namespace piaf::store
