// SqliteStore: filters, their keywords and statuses (tables of the
// migration after announcements). A filter's context is kept comma-joined.
#include <sqlite3.h>

#include <map>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {
namespace {

std::string JoinContext(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& c : context) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::vector<std::string> SplitContext(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    out.emplace_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

std::vector<Filter> SqliteStore::ListFilters(Id account_id) {
  Conn& r = Reader();
  Conn::Txn txn(r);
  std::vector<Filter> out;
  std::map<Id, std::size_t> at;
  {
    auto s = r.Prepare(
        "SELECT id, title, context, expires_at, action FROM filters WHERE account_id = ?1 "
        "ORDER BY id");
    s.Bind(account_id);
    while (s.Step()) {
      Filter f;
      f.id = s.Int(0);
      f.account_id = account_id;
      f.title = s.Text(1);
      f.context = SplitContext(s.Text(2));
      f.expires_at_ms = s.OptId(3);
      f.action = s.Text(4);
      at[f.id] = out.size();
      out.push_back(std::move(f));
    }
  }
  if (out.empty()) return out;
  {
    auto s = r.Prepare(
        "SELECT k.id, k.filter_id, k.keyword, k.whole_word FROM filter_keywords k JOIN filters f "
        "ON f.id = k.filter_id WHERE f.account_id = ?1 ORDER BY k.id");
    s.Bind(account_id);
    while (s.Step()) {
      auto it = at.find(s.Int(1));
      if (it == at.end()) continue;
      out[it->second].keywords.push_back({s.Int(0), s.Int(1), s.Text(2), s.Int(3) != 0});
    }
  }
  {
    auto s = r.Prepare(
        "SELECT t.id, t.filter_id, t.status_id FROM filter_statuses t JOIN filters f "
        "ON f.id = t.filter_id WHERE f.account_id = ?1 ORDER BY t.id");
    s.Bind(account_id);
    while (s.Step()) {
      auto it = at.find(s.Int(1));
      if (it == at.end()) continue;
      out[it->second].statuses.push_back({s.Int(0), s.Int(1), s.Int(2)});
    }
  }
  return out;
}

void SqliteStore::PutFilter(const Filter& f) {
  Write([&] {
    Prepare(
        "INSERT INTO filters(id, account_id, title, context, expires_at, action) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
        "context = excluded.context, expires_at = excluded.expires_at, action = excluded.action")
        .Bind(f.id, f.account_id, f.title, JoinContext(f.context), f.expires_at_ms, f.action)
        .Run();
  });
}

bool SqliteStore::DeleteFilter(Id account_id, Id id) {
  return Write([&] {
    Prepare("DELETE FROM filters WHERE id = ?1 AND account_id = ?2").Bind(id, account_id).Run();
    if (sqlite3_changes(db_) == 0) return false;
    Prepare("DELETE FROM filter_keywords WHERE filter_id = ?1").Bind(id).Run();
    Prepare("DELETE FROM filter_statuses WHERE filter_id = ?1").Bind(id).Run();
    return true;
  });
}

void SqliteStore::PutFilterKeyword(const FilterKeyword& k) {
  Write([&] {
    Prepare(
        "INSERT INTO filter_keywords(id, filter_id, keyword, whole_word) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(id) DO UPDATE SET keyword = excluded.keyword, "
        "whole_word = excluded.whole_word")
        .Bind(k.id, k.filter_id, k.keyword, k.whole_word)
        .Run();
  });
}

bool SqliteStore::DeleteFilterKeyword(Id id) {
  return Write([&] {
    Prepare("DELETE FROM filter_keywords WHERE id = ?1").Bind(id).Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::PutFilterStatus(const FilterStatus& t) {
  return Write([&] {
    return Prepare("INSERT INTO filter_statuses(id, filter_id, status_id) VALUES(?1, ?2, ?3)")
        .Bind(t.id, t.filter_id, t.status_id)
        .Run();
  });
}

bool SqliteStore::DeleteFilterStatus(Id id) {
  return Write([&] {
    Prepare("DELETE FROM filter_statuses WHERE id = ?1").Bind(id).Run();
    return sqlite3_changes(db_) > 0;
  });
}

std::vector<std::pair<Id, std::string>> SqliteStore::StatusPlainTexts(const std::vector<Id>& ids) {
  Conn& r = Reader();
  Conn::Txn txn(r);
  std::vector<std::pair<Id, std::string>> out;
  for (Id id : ids) {
    auto s = r.Prepare("SELECT spoiler_text, text FROM statuses WHERE id = ?1");
    if (!s.Bind(id).Step()) continue;
    std::string spoiler = s.Text(0), text = s.Text(1);
    out.emplace_back(id, spoiler.empty() ? text : spoiler + "\n\n" + text);
  }
  return out;
}

}  // namespace piaf::store
