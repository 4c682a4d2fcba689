// For tests over a real SQLite store: a temporary directory to hold it,
// removed with everything in it (declare it before the store, so that the
// store closes first), and accounts made in one line.
#pragma once

#include <iterator>

#include "store/sqlite_store_migrations.h"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "store/store.h"

namespace piaf::store {

// The schema version the migrations reach (tests never name a number).
inline constexpr int kLatestSchemaVersion = static_cast<int>(std::size(kMigrations));

class TempStoreDir {
 public:
  TempStoreDir() {
    char dir[] = "/tmp/piaf_test_XXXXXX";
    if (mkdtemp(dir) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
  }
  ~TempStoreDir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempStoreDir(const TempStoreDir&) = delete;
  TempStoreDir& operator=(const TempStoreDir&) = delete;

  const std::string& dir() const { return dir_; }
  std::string db() const { return dir_ + "/piaf.db"; }

 private:
  std::string dir_;
};

// An account named `username`, with an email made from it and a password
// hash that no password matches.
inline Account TestAccount(Id id, const std::string& username) {
  Account a;
  a.id = id;
  a.username = username;
  a.email = username + "@example.org";
  a.password_hash = "!";
  return a;
}

}  // namespace piaf::store
