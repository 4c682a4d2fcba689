#include "store/sqlite_bulk_loader.h"

#include <sqlite3.h>

#include <stdexcept>

#include "store/sqlite_store.h"
#include "store/sqlite_store_schema.h"

namespace piaf::store {
namespace {

void Check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
}

struct Binder {
  sqlite3_stmt* s;
  int i = 0;
  Binder& operator()(std::int64_t v) {
    sqlite3_bind_int64(s, ++i, v);
    return *this;
  }
  Binder& operator()(std::string_view v) {
    sqlite3_bind_text(s, ++i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Binder& operator()(double v) {
    sqlite3_bind_double(s, ++i, v);
    return *this;
  }
  Binder& operator()(const std::optional<Id>& v) {
    if (v) {
      sqlite3_bind_int64(s, ++i, *v);
    } else {
      sqlite3_bind_null(s, ++i);
    }
    return *this;
  }
};

void Run(sqlite3* db, sqlite3_stmt* s) {
  Check(db, sqlite3_step(s));
  sqlite3_reset(s);
}

}  // namespace

SqliteBulkLoader::SqliteBulkLoader(const std::string& path) {
  { SqliteStore migrate(path); }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error("cannot open " + path);
  }
  Exec("PRAGMA journal_mode=WAL");
  Exec("PRAGMA synchronous=OFF");
  Exec("PRAGMA cache_size=-262144");  // 256 MiB
  account_ = Prepare(
      "INSERT INTO accounts(id, username, email, password_hash, display_name, note, organization, "
      "suspended) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)");
  app_ = Prepare(
      "INSERT INTO apps(id, name, website, redirect_uris, scopes, client_id, client_secret) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  token_ = Prepare(
      "INSERT INTO tokens(id, token_hash, app_id, account_id, scopes) VALUES(?1, ?2, ?3, ?4, ?5)");
  follow_ = Prepare(
      "INSERT OR IGNORE INTO follows(id, account_id, target_account_id) VALUES(?1, ?2, ?3)");
  status_ = Prepare(
      "INSERT INTO statuses(id, account_id, text, content, spoiler_text, language, visibility, "
      "in_reply_to_id, in_reply_to_account_id, reblog_of_id, application_id, mention_ids, "
      "tag_names, media) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  mention_ = Prepare("INSERT OR IGNORE INTO mentions(status_id, account_id) VALUES(?1, ?2)");
  tag_ = Prepare("INSERT OR IGNORE INTO status_tags(tag, status_id) VALUES(?1, ?2)");
  media_ = Prepare(
      "INSERT INTO media_attachments(id, account_id, status_id, state, error, file, preview, "
      "mime, width, height, preview_width, preview_height, description, focus_x, focus_y, "
      "blurhash, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
      "?14, ?15, ?16, ?17)");
  Exec("BEGIN");
  Exec("DROP TRIGGER status_search_delete");  // the index is rebuilt at the end, in one pass
}

SqliteBulkLoader::~SqliteBulkLoader() {
  try {
    Exec(PIAF_RECOUNT_ACCOUNT_STATS);
    Exec(
        "DELETE FROM status_search_pending; INSERT INTO status_search(status_search) "
        "VALUES('rebuild');" PIAF_STATUS_SEARCH_DELETE_TRIGGER);
    Exec("COMMIT");
    Exec("PRAGMA synchronous=FULL");
    Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
  }
  for (auto* s : {account_, app_, token_, follow_, status_, mention_, tag_, media_}) sqlite3_finalize(s);
  sqlite3_close(db_);
}

void SqliteBulkLoader::Exec(const char* sql) {
  Check(db_, sqlite3_exec(db_, sql, nullptr, nullptr, nullptr));
}

sqlite3_stmt* SqliteBulkLoader::Prepare(const char* sql) {
  sqlite3_stmt* s = nullptr;
  Check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr));
  return s;
}

void SqliteBulkLoader::Checkpoint() {
  Exec("COMMIT");
  Exec("BEGIN");
}

void SqliteBulkLoader::PutAccount(const Account& a) {
  Binder{account_}(a.id)(a.username)(a.email)(a.password_hash)(a.display_name)(a.note)(
      static_cast<std::int64_t>(a.organization));
  Run(db_, account_);
}

void SqliteBulkLoader::PutApp(const App& app) {
  Binder{app_}(app.id)(app.name)(app.website)(app.redirect_uris)(app.scopes)(app.client_id)(
      app.client_secret);
  Run(db_, app_);
}

void SqliteBulkLoader::PutToken(const Token& t, std::string_view token_hash) {
  Binder{token_}(t.id)(token_hash)(t.app_id)(t.account_id)(t.scopes);
  Run(db_, token_);
}

void SqliteBulkLoader::PutFollow(Id id, Id account_id, Id target_id) {
  Binder{follow_}(id)(account_id)(target_id);
  Run(db_, follow_);
}

void SqliteBulkLoader::PutStatus(const Status& st) {
  std::string mention_ids = MentionIdsColumn(st.mentions), tag_names = TagNamesColumn(st.tags);
  Binder{status_}(st.id)(st.account_id)(st.text)(st.content)(st.spoiler_text)(st.language)(
      static_cast<std::int64_t>(st.visibility))(st.in_reply_to_id)(st.in_reply_to_account_id)(
      st.reblog_of_id)(st.application_id)(mention_ids)(tag_names)(st.media);
  Run(db_, status_);
  for (Id m : st.mentions) {
    Binder{mention_}(st.id)(m);
    Run(db_, mention_);
  }
  for (const auto& t : st.tags) {
    Binder{tag_}(std::string_view(t))(st.id);
    Run(db_, tag_);
  }
}

void SqliteBulkLoader::PutMediaAttachment(const MediaAttachment& m) {
  Binder{media_}(m.id)(m.account_id)(m.status_id)(static_cast<std::int64_t>(m.state))(m.error)(
      m.file)(m.preview)(m.mime)(std::int64_t{m.width})(std::int64_t{m.height})(
      std::int64_t{m.preview_width})(std::int64_t{m.preview_height})(m.description)(m.focus_x)(
      m.focus_y)(m.blurhash)(m.created_at_ms);
  Run(db_, media_);
}

}  // namespace piaf::store
