// SqliteStore: direct conversations, one row per participant (the
// conversations table of the migration after announcements). A row's
// participants and statuses are comma-joined id lists: read and written
// whole, a conversation holds few.
#include <sqlite3.h>

#include <algorithm>
#include <charconv>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"

namespace piaf::store {
namespace {

std::string JoinIds(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<Id> SplitIds(std::string_view s) {
  std::vector<Id> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    std::string_view one = s.substr(0, comma);
    Id id = 0;
    std::from_chars(one.data(), one.data() + one.size(), id);
    out.push_back(id);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

template <class S>
Conversation ReadConversation(S& s) {
  Conversation c;
  c.id = s.Int(0);
  c.account_id = s.Int(1);
  c.root_id = s.Int(2);
  c.participants = SplitIds(s.Text(3));
  c.status_ids = SplitIds(s.Text(4));
  c.last_status_id = s.Int(5);
  c.unread = s.Int(6) != 0;
  return c;
}

}  // namespace

Conversation SqliteStore::AddToConversation(Id new_id, Id account_id, Id root_id,
                                            const std::vector<Id>& participants, Id status_id,
                                            bool unread) {
  std::string people = JoinIds(participants);
  return Write([&] {
    std::optional<Conversation> found;
    {
      auto s = Prepare(
          "SELECT id, account_id, root_id, participant_ids, status_ids, last_status_id, unread "
          "FROM conversations WHERE account_id = ?1 AND root_id = ?2 AND participant_ids = ?3");
      if (s.Bind(account_id, root_id, people).Step()) found = ReadConversation(s);
    }
    Conversation c =
        found.value_or(Conversation{new_id, account_id, root_id, participants, {}, 0, false});
    if (std::find(c.status_ids.begin(), c.status_ids.end(), status_id) == c.status_ids.end()) {
      c.status_ids.push_back(status_id);
      std::sort(c.status_ids.begin(), c.status_ids.end());
    }
    c.last_status_id = c.status_ids.back();
    c.unread = unread;
    Prepare(
        "INSERT OR REPLACE INTO conversations(id, account_id, root_id, participant_ids, "
        "status_ids, last_status_id, unread) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .Bind(c.id, c.account_id, c.root_id, people, JoinIds(c.status_ids), c.last_status_id,
              c.unread)
        .Run();
    return c;
  });
}

// Paged by last_status_id, as Mastodon pages AccountConversation.
std::vector<Conversation> SqliteStore::ListConversations(Id account_id, const Page& page) {
  Conn& r = Reader();
  std::optional<Id> above = page.min_id ? page.min_id : page.since_id;
  auto s =
      r.Prepare(page.min_id ? "SELECT id, account_id, root_id, participant_ids, status_ids, "
                              "last_status_id, unread FROM conversations WHERE account_id = ?1 AND "
                              "(?2 IS NULL OR last_status_id < ?2) AND (?3 IS NULL OR "
                              "last_status_id > ?3) ORDER BY last_status_id ASC LIMIT ?4"
                            : "SELECT id, account_id, root_id, participant_ids, status_ids, "
                              "last_status_id, unread FROM conversations WHERE account_id = ?1 AND "
                              "(?2 IS NULL OR last_status_id < ?2) AND (?3 IS NULL OR "
                              "last_status_id > ?3) ORDER BY last_status_id DESC LIMIT ?4");
  s.Bind(account_id, page.max_id, above, page.limit);
  std::vector<Conversation> out;
  while (s.Step()) out.push_back(ReadConversation(s));
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

std::optional<Conversation> SqliteStore::GetConversation(Id account_id, Id id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, account_id, root_id, participant_ids, status_ids, last_status_id, unread FROM "
      "conversations WHERE id = ?1 AND account_id = ?2");
  if (!s.Bind(id, account_id).Step()) return std::nullopt;
  return ReadConversation(s);
}

bool SqliteStore::MarkConversationRead(Id account_id, Id id) {
  return Write([&] {
    Prepare("UPDATE conversations SET unread = 0 WHERE id = ?1 AND account_id = ?2")
        .Bind(id, account_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

bool SqliteStore::DeleteConversation(Id account_id, Id id) {
  return Write([&] {
    Prepare("DELETE FROM conversations WHERE id = ?1 AND account_id = ?2")
        .Bind(id, account_id)
        .Run();
    return sqlite3_changes(db_) > 0;
  });
}

void SqliteStore::RemoveFromConversations(Id status_id, const std::vector<Id>& accounts) {
  std::string needle = "," + std::to_string(status_id) + ",";
  Write([&] {
    for (Id account : accounts) {
      std::vector<Conversation> holding;
      {
        auto s = Prepare(
            "SELECT id, account_id, root_id, participant_ids, status_ids, last_status_id, unread "
            "FROM conversations WHERE account_id = ?1 AND instr(',' || status_ids || ',', ?2) > 0");
        s.Bind(account, needle);
        while (s.Step()) holding.push_back(ReadConversation(s));
      }
      for (auto& c : holding) {
        std::erase(c.status_ids, status_id);
        if (c.status_ids.empty()) {
          Prepare("DELETE FROM conversations WHERE id = ?1").Bind(c.id).Run();
        } else {
          Prepare("UPDATE conversations SET status_ids = ?2, last_status_id = ?3 WHERE id = ?1")
              .Bind(c.id, JoinIds(c.status_ids), c.status_ids.back())
              .Run();
        }
      }
    }
  });
}

}  // namespace piaf::store
