// SqliteStore: polls, their votes, and the versions of edited statuses
// (tables of the migration after the announcements').
#include <sqlite3.h>

#include <stdexcept>

#include "store/sqlite_store.h"
#include "store/sqlite_store_internal.h"
#include "store/sqlite_store_schema.h"

namespace piaf::store {
namespace {

// Options as a column: joined by U+001F (as the tags of a status are).
std::string OptionsColumn(const std::vector<std::string>& options) {
  std::string out;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i) out += '\x1f';
    out += options[i];
  }
  return out;
}

std::vector<std::string> SplitOptions(const std::string& column) {
  std::vector<std::string> out;
  if (column.empty()) return out;
  for (std::size_t i = 0;;) {
    std::size_t sep = column.find('\x1f', i);
    if (sep == std::string::npos) {
      out.push_back(column.substr(i));
      return out;
    }
    out.push_back(column.substr(i, sep - i));
    i = sep + 1;
  }
}

}  // namespace

// ----------------------------------------------------------------- polls

void SqliteStore::PutPoll(const Poll& poll) {
  Write([&] {
    Prepare(
        "INSERT INTO polls(id, status_id, account_id, expires_at, multiple, hide_totals, options) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .Bind(poll.id, poll.status_id, poll.account_id, poll.expires_at_ms, poll.multiple,
              poll.hide_totals, OptionsColumn(poll.options))
        .Run();
  });
}

std::optional<Poll> SqliteStore::GetPoll(Id poll_id) {
  Conn& r = Reader();
  Conn::Txn txn(r);  // the poll and its counts as of one moment
  Poll p;
  {
    auto s = r.Prepare(
        "SELECT id, status_id, account_id, expires_at, multiple, hide_totals, closed, options "
        "FROM polls WHERE id = ?1");
    if (!s.Bind(poll_id).Step()) return std::nullopt;
    p.id = s.Int(0);
    p.status_id = s.Int(1);
    p.account_id = s.Int(2);
    p.expires_at_ms = s.Int(3);
    p.multiple = s.Int(4) != 0;
    p.hide_totals = s.Int(5) != 0;
    p.closed = s.Int(6) != 0;
    p.options = SplitOptions(s.Text(7));
  }
  p.votes.assign(p.options.size(), 0);
  {
    auto s =
        r.Prepare("SELECT choice, COUNT(*) FROM poll_votes WHERE poll_id = ?1 GROUP BY choice");
    s.Bind(poll_id);
    while (s.Step()) {
      auto choice = s.Int(0);
      if (choice >= 0 && choice < static_cast<std::int64_t>(p.votes.size())) {
        p.votes[choice] = s.Int(1);
      }
    }
  }
  {
    auto s = r.Prepare("SELECT COUNT(DISTINCT account_id) FROM poll_votes WHERE poll_id = ?1");
    if (s.Bind(poll_id).Step()) p.voters = s.Int(0);
  }
  return p;
}

Store::VoteResult SqliteStore::PutPollVotes(Id poll_id, Id account_id,
                                            const std::vector<int>& choices, std::int64_t now_ms) {
  // Looked at and written in one write: two votes at once cannot both pass.
  return Write([&] {
    bool multiple = false;
    {
      auto s = Prepare("SELECT multiple, closed, expires_at FROM polls WHERE id = ?1");
      if (!s.Bind(poll_id).Step() || s.Int(1) != 0 || s.Int(2) <= now_ms) {
        return VoteResult::kClosed;
      }
      multiple = s.Int(0) != 0;
    }
    // One choice: any vote before is one too many. Several: none of these
    // choices may have been chosen before (Mastodon's rule).
    for (int choice : choices) {
      if (Prepare("SELECT 1 FROM poll_votes WHERE poll_id = ?1 AND account_id = ?2 AND "
                  "(?3 = 0 OR choice = ?4) LIMIT 1")
              .Bind(poll_id, account_id, multiple, choice)
              .Step()) {
        return VoteResult::kAlreadyVoted;
      }
    }
    for (int choice : choices) {
      Prepare("INSERT OR IGNORE INTO poll_votes(poll_id, account_id, choice) VALUES(?1, ?2, ?3)")
          .Bind(poll_id, account_id, choice)
          .Run();
    }
    return VoteResult::kVoted;
  });
}

std::vector<std::pair<Id, std::uint32_t>> SqliteStore::ListPollVotes(Id account_id) {
  Conn& r = Reader();
  auto s =
      r.Prepare("SELECT poll_id, choice FROM poll_votes WHERE account_id = ?1 ORDER BY poll_id");
  s.Bind(account_id);
  std::vector<std::pair<Id, std::uint32_t>> out;
  while (s.Step()) {
    Id poll = s.Int(0);
    auto choice = s.Int(1);
    std::uint32_t bit = choice >= 0 && choice < 32 ? 1u << choice : 0;
    if (!out.empty() && out.back().first == poll) {
      out.back().second |= bit;
    } else {
      out.emplace_back(poll, bit);
    }
  }
  return out;
}

std::vector<Id> SqliteStore::ListPollVoterIds(Id poll_id) {
  return ListIds("SELECT DISTINCT account_id FROM poll_votes WHERE poll_id = ?1", poll_id);
}

std::vector<Poll> SqliteStore::ListPollsToClose(std::int64_t now_ms, int limit) {
  std::vector<Id> ids;
  {
    Conn& r = Reader();
    auto s = r.Prepare(
        "SELECT id FROM polls WHERE closed = 0 AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2");
    s.Bind(now_ms, limit);
    while (s.Step()) ids.push_back(s.Int(0));
  }
  std::vector<Poll> out;
  for (Id id : ids) {
    if (auto p = GetPoll(id)) out.push_back(std::move(*p));
  }
  return out;
}

bool SqliteStore::ClosePoll(Id poll_id) {
  return Write([&] {
    Prepare("UPDATE polls SET closed = 1 WHERE id = ?1 AND closed = 0").Bind(poll_id).Run();
    return sqlite3_changes(db_) > 0;
  });
}

// ----------------------------------------------------------------- edits

bool SqliteStore::EditStatus(const Status& st, const std::vector<StatusEdit>& edits,
                             const std::optional<Poll>& new_poll, std::optional<Id> old_poll) {
  return Write([&] {
    if (!Prepare("SELECT 1 FROM statuses WHERE id = ?1").Bind(st.id).Step()) return false;
    // Its old text leaves the full-text index (unless it still waits for
    // it), and the new one waits to be indexed with the others.
    Prepare(
        "INSERT INTO status_search(status_search, rowid, text) SELECT 'delete', id, text "
        "FROM statuses WHERE id = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM status_search_pending WHERE id = ?1)")
        .Bind(st.id)
        .Run();
    Prepare(
        "UPDATE statuses SET text = ?2, content = ?3, spoiler_text = ?4, language = ?5, "
        "mention_ids = ?6, tag_names = ?7, edited_at = ?8, poll_id = ?9 WHERE id = ?1")
        .Bind(st.id, st.text, st.content, st.spoiler_text, st.language,
              MentionIdsColumn(st.mentions), TagNamesColumn(st.tags), st.edited_at_ms, st.poll_id)
        .Run();
    Prepare("INSERT OR IGNORE INTO status_search_pending(id) VALUES(?1)").Bind(st.id).Run();
    ++unindexed_;
    Prepare("DELETE FROM mentions WHERE status_id = ?1").Bind(st.id).Run();
    for (Id m : st.mentions) {
      Prepare("INSERT OR IGNORE INTO mentions(status_id, account_id) VALUES(?1, ?2)")
          .Bind(st.id, m)
          .Run();
    }
    Prepare("DELETE FROM status_tags WHERE status_id = ?1").Bind(st.id).Run();
    for (const auto& t : st.tags) {
      Prepare("INSERT OR IGNORE INTO status_tags(tag, status_id) VALUES(?1, ?2)")
          .Bind(t, st.id)
          .Run();
    }
    for (const auto& e : edits) {
      Prepare(
          "INSERT INTO status_edits(id, status_id, text, content, spoiler_text, poll_options, "
          "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .Bind(e.id, e.status_id, e.text, e.content, e.spoiler_text,
                e.poll_options.empty() ? std::optional<std::string>()
                                       : std::optional<std::string>(OptionsColumn(e.poll_options)),
                e.created_at_ms)
          .Run();
    }
    if (old_poll) {
      Prepare("DELETE FROM poll_votes WHERE poll_id = ?1").Bind(*old_poll).Run();
      Prepare("DELETE FROM polls WHERE id = ?1").Bind(*old_poll).Run();
    }
    if (new_poll) {
      Prepare(
          "INSERT INTO polls(id, status_id, account_id, expires_at, multiple, hide_totals, "
          "options) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .Bind(new_poll->id, new_poll->status_id, new_poll->account_id, new_poll->expires_at_ms,
                new_poll->multiple, new_poll->hide_totals, OptionsColumn(new_poll->options))
          .Run();
    }
    return true;
  });
}

std::vector<StatusEdit> SqliteStore::ListStatusEdits(Id status_id) {
  Conn& r = Reader();
  auto s = r.Prepare(
      "SELECT id, status_id, text, content, spoiler_text, poll_options, created_at "
      "FROM status_edits WHERE status_id = ?1 ORDER BY id");
  s.Bind(status_id);
  std::vector<StatusEdit> out;
  while (s.Step()) {
    StatusEdit e;
    e.id = s.Int(0);
    e.status_id = s.Int(1);
    e.text = s.Text(2);
    e.content = s.Text(3);
    e.spoiler_text = s.Text(4);
    e.poll_options = SplitOptions(s.Text(5));
    e.created_at_ms = s.Int(6);
    out.push_back(std::move(e));
  }
  return out;
}

void SqliteStore::DeletePollsAndEdits(Id status_id) {
  Prepare("DELETE FROM poll_votes WHERE poll_id IN (SELECT id FROM polls WHERE status_id = ?1)")
      .Bind(status_id)
      .Run();
  Prepare("DELETE FROM polls WHERE status_id = ?1").Bind(status_id).Run();
  Prepare("DELETE FROM status_edits WHERE status_id = ?1").Bind(status_id).Run();
}

}  // namespace piaf::store
