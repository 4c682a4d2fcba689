// SqliteStore's versioned migrations: migration i brings the schema to
// version i + 1 (PRAGMA user_version). Only sqlite_store.cc includes it.
#pragma once

#include "store/sqlite_store_schema.h"

namespace piaf::store {

inline const char* const kMigrations[] = {
    R"sql(
CREATE TABLE accounts(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  organization INTEGER NOT NULL DEFAULT 0,
  suspended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE apps(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  client_secret TEXT NOT NULL);
CREATE TABLE tokens(
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  app_id INTEGER NOT NULL,
  account_id INTEGER,
  scopes TEXT NOT NULL);
CREATE TABLE statuses(
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  content TEXT NOT NULL,
  spoiler_text TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  visibility INTEGER NOT NULL,
  in_reply_to_id INTEGER,
  in_reply_to_account_id INTEGER,
  reblog_of_id INTEGER,
  application_id INTEGER);
CREATE INDEX statuses_by_account ON statuses(account_id, id);
CREATE INDEX statuses_by_reply ON statuses(in_reply_to_id);
CREATE INDEX statuses_by_reblog ON statuses(reblog_of_id, account_id);
CREATE TABLE mentions(status_id INTEGER NOT NULL, account_id INTEGER NOT NULL,
  PRIMARY KEY(status_id, account_id));
CREATE TABLE status_tags(tag TEXT NOT NULL, status_id INTEGER NOT NULL,
  PRIMARY KEY(tag, status_id));
CREATE TABLE follows(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX follows_by_target ON follows(target_account_id, id);
CREATE TABLE favourites(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX favourites_by_status ON favourites(status_id, id);
CREATE TABLE notifications(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  from_account_id INTEGER NOT NULL, type TEXT NOT NULL, status_id INTEGER);
CREATE INDEX notifications_by_account ON notifications(account_id, id);
CREATE TABLE idempotency_keys(account_id INTEGER NOT NULL, key TEXT NOT NULL,
  status_id INTEGER NOT NULL, PRIMARY KEY(account_id, key));
)sql",
    R"sql(
CREATE TABLE blocks(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE TABLE mutes(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX favourites_by_account ON favourites(account_id, id);
)sql",
    // Reading a status's tags must not scan every tag (found by perf under
    // the home-timeline benchmark).
    R"sql(
CREATE INDEX status_tags_by_status ON status_tags(status_id);
CREATE INDEX blocks_by_target ON blocks(target_account_id);
)sql",
    // Account counters, kept on every write instead of counted on every read.
    R"sql(
CREATE TABLE account_stats(account_id INTEGER PRIMARY KEY, statuses INTEGER NOT NULL DEFAULT 0,
  followers INTEGER NOT NULL DEFAULT 0, following INTEGER NOT NULL DEFAULT 0);
)sql" PIAF_RECOUNT_ACCOUNT_STATS,
    // A post's audience read from the index alone (a table lookup per
    // follower was a third of compose's time, measured with perf).
    R"sql(
DROP INDEX follows_by_target;
CREATE INDEX follows_by_target ON follows(target_account_id, id, account_id);
)sql",
    // Full-text search (FTS5 over the tables, kept by triggers): statuses
    // with English stems, accounts by username and display name; both
    // accent- and case-insensitive.
    R"sql(
CREATE VIRTUAL TABLE status_search USING fts5(text, content='statuses', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');
)sql" PIAF_STATUS_SEARCH_TRIGGERS R"sql(
INSERT INTO status_search(status_search) VALUES('rebuild');
CREATE VIRTUAL TABLE account_search USING fts5(username, display_name, content='accounts',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER account_search_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO account_search(rowid, username, display_name)
    VALUES(new.id, new.username, new.display_name);
END;
CREATE TRIGGER account_search_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, username, display_name)
    VALUES('delete', old.id, old.username, old.display_name);
END;
CREATE TRIGGER account_search_update AFTER UPDATE OF username, display_name ON accounts BEGIN
  INSERT INTO account_search(account_search, rowid, username, display_name)
    VALUES('delete', old.id, old.username, old.display_name);
  INSERT INTO account_search(rowid, username, display_name)
    VALUES(new.id, new.username, new.display_name);
END;
INSERT INTO account_search(account_search) VALUES('rebuild');
)sql",
    // What an account reblogged (its relations snapshot) from an index
    // alone: a table lookup per status of the account was a fifth of a cold
    // home read on the large profile (perf).
    R"sql(
CREATE INDEX statuses_reblogs_by_account ON statuses(account_id, reblog_of_id)
  WHERE reblog_of_id IS NOT NULL;
)sql",
    // The reblog index holds reblogs only: "reblog_of_id IS NULL" (original
    // statuses) made the planner walk every original status through it, then
    // sort (the public timeline; trend counters took 30 s to load on the large
    // profile), and every post touched a random page of it.
    R"sql(
DROP INDEX statuses_by_reblog;
CREATE INDEX statuses_by_reblog ON statuses(reblog_of_id, account_id)
  WHERE reblog_of_id IS NOT NULL;
)sql",
    // New statuses enter the full-text index once per batch, in one
    // statement (IndexNewStatuses), not by a trigger per row: FTS5 writes
    // its pending terms out at every statement's savepoint.
    R"sql(
DROP TRIGGER status_search_insert;
)sql",
    // A status's mentions in the order written (rowid) from an index on the
    // status alone: through the primary key (status, account) every status
    // read sorted them in a temporary b-tree.
    R"sql(
CREATE INDEX mentions_by_status ON mentions(status_id);
)sql",
    // What a status shows is on its row: its mentions and tags (written once,
    // with it) and its counts (kept by triggers). Loading a status not in
    // memory read five b-trees and counted in three (about 80 us a status on
    // the large profile against 25 us for the row alone); it now reads one
    // row.
    R"sql(
ALTER TABLE statuses ADD COLUMN mention_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN tag_names TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN replies_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statuses ADD COLUMN reblogs_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statuses ADD COLUMN favourites_count INTEGER NOT NULL DEFAULT 0;
UPDATE statuses SET mention_ids = (SELECT group_concat(account_id) FROM (SELECT account_id
  FROM mentions WHERE status_id = statuses.id ORDER BY rowid))
  WHERE id IN (SELECT status_id FROM mentions);
UPDATE statuses SET tag_names = (SELECT group_concat(tag, char(31)) FROM (SELECT tag
  FROM status_tags WHERE status_id = statuses.id ORDER BY rowid))
  WHERE id IN (SELECT status_id FROM status_tags);
UPDATE statuses SET replies_count = (SELECT COUNT(*) FROM statuses r
  WHERE r.in_reply_to_id = statuses.id)
  WHERE id IN (SELECT in_reply_to_id FROM statuses WHERE in_reply_to_id IS NOT NULL);
UPDATE statuses SET reblogs_count = (SELECT COUNT(*) FROM statuses r
  WHERE r.reblog_of_id = statuses.id)
  WHERE id IN (SELECT reblog_of_id FROM statuses WHERE reblog_of_id IS NOT NULL);
UPDATE statuses SET favourites_count = (SELECT COUNT(*) FROM favourites f
  WHERE f.status_id = statuses.id)
  WHERE id IN (SELECT status_id FROM favourites);
)sql" PIAF_STATUS_COUNT_TRIGGERS,
    // New statuses wait to be indexed together (PIAF_STATUS_SEARCH_DELETE_TRIGGER):
    // once per batch, a few statuses at a time, the index's flushes and
    // merges were a third of a post's CPU on the large profile.
    R"sql(
CREATE TABLE status_search_pending(id INTEGER PRIMARY KEY);
DROP TRIGGER status_search_delete;
)sql" PIAF_STATUS_SEARCH_DELETE_TRIGGER,
    // The reply index holds replies only: every post that answers nothing
    // (most) added an entry under NULL, one more index page to write per
    // batch. "in_reply_to_id = ?" implies IS NOT NULL: the queries use it.
    R"sql(
DROP INDEX statuses_by_reply;
CREATE INDEX statuses_by_reply ON statuses(in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
)sql",
    // Markers: where each account stopped reading its home timeline and its
    // notifications.
    R"sql(
CREATE TABLE markers(account_id INTEGER NOT NULL, timeline TEXT NOT NULL,
  last_read_id INTEGER NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY(account_id, timeline)) WITHOUT ROWID;
)sql",
    // Bookmarks (newest first per account, by row id) and pinned statuses
    // (five at most per account, kept by PutPin). Each indexed by status
    // too: a status deleted takes its bookmarks and pins with it.
    R"sql(
CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX bookmarks_by_account ON bookmarks(account_id, id);
CREATE INDEX bookmarks_by_status ON bookmarks(status_id);
CREATE TABLE pins(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(account_id, status_id));
CREATE INDEX pins_by_status ON pins(status_id);
)sql",
    // Locked accounts and the follow requests waiting for their approval.
    R"sql(
ALTER TABLE accounts ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
CREATE TABLE follow_requests(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  target_account_id INTEGER NOT NULL, UNIQUE(account_id, target_account_id));
CREATE INDEX follow_requests_by_target ON follow_requests(target_account_id, id);
)sql",
    // Announcements of the administration, and which accounts dismissed
    // each (sqlite_store_announcements.cc).
    R"sql(
CREATE TABLE announcements(id INTEGER PRIMARY KEY, text TEXT NOT NULL, content TEXT NOT NULL,
  starts_at INTEGER, ends_at INTEGER, all_day INTEGER NOT NULL DEFAULT 0,
  published_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE announcement_dismissals(account_id INTEGER NOT NULL,
  announcement_id INTEGER NOT NULL, PRIMARY KEY(account_id, announcement_id)) WITHOUT ROWID;
)sql",
    // Lists and their members (sqlite_store_lists.cc); an unfollow (or the
    // block that ends a follow) takes the account out of the follower's
    // lists. Followed hashtags.
    R"sql(
CREATE TABLE lists(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, title TEXT NOT NULL,
  replies_policy TEXT NOT NULL DEFAULT 'list', exclusive INTEGER NOT NULL DEFAULT 0);
CREATE INDEX lists_by_account ON lists(account_id);
CREATE TABLE list_accounts(id INTEGER PRIMARY KEY, list_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL, UNIQUE(list_id, account_id));
CREATE INDEX list_accounts_by_account ON list_accounts(account_id);
CREATE TRIGGER list_accounts_unfollow AFTER DELETE ON follows BEGIN
DELETE FROM list_accounts WHERE account_id = old.target_account_id AND
  list_id IN (SELECT id FROM lists WHERE account_id = old.account_id);
END;
CREATE TABLE followed_tags(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  tag TEXT NOT NULL, UNIQUE(account_id, tag));
CREATE INDEX followed_tags_by_tag ON followed_tags(tag);
)sql",
    // Media attachments (sqlite_store_media.cc): unattached (status_id NULL)
    // until a status takes them; a status keeps its attachments' entity on
    // its row (statuses.media), an account its images' files.
    R"sql(
CREATE TABLE media_attachments(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  status_id INTEGER, state INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL DEFAULT '', preview TEXT NOT NULL DEFAULT '', mime TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0, height INTEGER NOT NULL DEFAULT 0,
  preview_width INTEGER NOT NULL DEFAULT 0, preview_height INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '', focus_x REAL NOT NULL DEFAULT 0,
  focus_y REAL NOT NULL DEFAULT 0, blurhash TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL);
CREATE INDEX media_attachments_by_status ON media_attachments(status_id)
  WHERE status_id IS NOT NULL;
CREATE INDEX media_attachments_unattached ON media_attachments(created_at)
  WHERE status_id IS NULL;
CREATE INDEX media_attachments_by_file ON media_attachments(file);
CREATE INDEX media_attachments_by_preview ON media_attachments(preview);
ALTER TABLE statuses ADD COLUMN media TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN avatar TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN header TEXT NOT NULL DEFAULT '';
CREATE INDEX accounts_by_avatar ON accounts(avatar) WHERE avatar <> '';
CREATE INDEX accounts_by_header ON accounts(header) WHERE header <> '';
)sql",
    // Edited statuses (their versions, oldest first) and polls with their
    // votes (sqlite_store_polls.cc). A status names its poll (poll_id), so a
    // status without one costs no read of these tables.
    R"sql(
ALTER TABLE statuses ADD COLUMN edited_at INTEGER;
ALTER TABLE statuses ADD COLUMN poll_id INTEGER;
CREATE TABLE status_edits(id INTEGER PRIMARY KEY, status_id INTEGER NOT NULL,
  text TEXT NOT NULL, content TEXT NOT NULL, spoiler_text TEXT NOT NULL,
  poll_options TEXT, created_at INTEGER NOT NULL);
CREATE INDEX status_edits_by_status ON status_edits(status_id, id);
CREATE TABLE polls(id INTEGER PRIMARY KEY, status_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL, expires_at INTEGER NOT NULL, multiple INTEGER NOT NULL,
  hide_totals INTEGER NOT NULL, options TEXT NOT NULL, closed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX polls_by_status ON polls(status_id);
CREATE INDEX polls_open ON polls(expires_at) WHERE closed = 0;
CREATE TABLE poll_votes(poll_id INTEGER NOT NULL, account_id INTEGER NOT NULL,
  choice INTEGER NOT NULL, PRIMARY KEY(poll_id, account_id, choice)) WITHOUT ROWID;
CREATE INDEX poll_votes_by_account ON poll_votes(account_id);
)sql",
    // Direct conversations per participant, filters with their keywords
    // and statuses, the notification policy and the notifications it
    // filtered, by request (sqlite_store_conversations.cc, _filters.cc,
    // _notification_policy.cc).
    R"sql(
CREATE TABLE conversations(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  root_id INTEGER NOT NULL, participant_ids TEXT NOT NULL, status_ids TEXT NOT NULL,
  last_status_id INTEGER NOT NULL, unread INTEGER NOT NULL DEFAULT 0,
  UNIQUE(account_id, root_id, participant_ids));
CREATE INDEX conversations_by_activity ON conversations(account_id, last_status_id);
CREATE TABLE filters(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, title TEXT NOT NULL,
  context TEXT NOT NULL, expires_at INTEGER, action TEXT NOT NULL DEFAULT 'warn');
CREATE INDEX filters_by_account ON filters(account_id);
CREATE TABLE filter_keywords(id INTEGER PRIMARY KEY, filter_id INTEGER NOT NULL,
  keyword TEXT NOT NULL, whole_word INTEGER NOT NULL DEFAULT 1);
CREATE INDEX filter_keywords_by_filter ON filter_keywords(filter_id);
CREATE TABLE filter_statuses(id INTEGER PRIMARY KEY, filter_id INTEGER NOT NULL,
  status_id INTEGER NOT NULL, UNIQUE(filter_id, status_id));
CREATE TABLE notification_policies(account_id INTEGER PRIMARY KEY,
  for_not_following TEXT NOT NULL, for_not_followers TEXT NOT NULL,
  for_new_accounts TEXT NOT NULL, for_private_mentions TEXT NOT NULL,
  for_limited_accounts TEXT NOT NULL);
CREATE TABLE notification_requests(id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,
  from_account_id INTEGER NOT NULL, UNIQUE(account_id, from_account_id));
CREATE TABLE filtered_notifications(id INTEGER PRIMARY KEY, request_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL, from_account_id INTEGER NOT NULL, type TEXT NOT NULL,
  status_id INTEGER);
CREATE INDEX filtered_notifications_by_request ON filtered_notifications(request_id, id);
CREATE INDEX filtered_notifications_by_account ON filtered_notifications(account_id);
)sql",
};

}  // namespace piaf::store
