// The Store: the source of truth (accounts, apps, tokens, statuses, follows,
// favourites, notifications). Everything else (home timelines, caches) is
// derived from it and can be rebuilt.
//
// Implementations: SqliteStore (embedded). The cluster backend (PostgreSQL)
// arrives with a later issue behind this same interface. SQL stays inside
// each implementation's files.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/id.h"

namespace piaf::store {

using core::Id;

enum class Visibility { kPublic = 0, kUnlisted = 1, kPrivate = 2, kDirect = 3 };

struct Account {
  Id id = 0;
  std::string username;
  std::string email;
  std::string password_hash;  // argon2id (libsodium crypto_pwhash_str)
  std::string display_name;
  std::string note;  // plain text as written
  bool organization = false;
  bool suspended = false;
  bool locked = false;  // follows wait for its approval (follow requests)
  // Its images, as files under the media directory ("ab/cdef....jpg"); empty:
  // the default images.
  std::string avatar, header;
};

struct App {
  Id id = 0;
  std::string name;
  std::string website;
  std::string redirect_uris;  // newline-separated
  std::string scopes;         // space-separated
  std::string client_id;
  std::string client_secret;
};

struct Token {
  Id id = 0;
  Id app_id = 0;
  std::optional<Id> account_id;  // none for client_credentials tokens
  std::string scopes;
};

struct Status {
  Id id = 0;
  Id account_id = 0;
  std::string text;     // as written
  std::string content;  // rendered HTML
  std::string spoiler_text;
  std::string language;
  Visibility visibility = Visibility::kPublic;
  std::optional<Id> in_reply_to_id;
  std::optional<Id> in_reply_to_account_id;
  std::optional<Id> reblog_of_id;
  std::vector<Id> mentions;       // account ids
  std::vector<std::string> tags;  // lower-cased names
  std::optional<Id> application_id;
  // Its media attachments as its row keeps them (service/media.h's
  // MediaColumn; empty: none), and, when it is put, the attachments it takes
  // (PutStatus attaches those still unattached).
  std::string media;
  std::vector<Id> media_ids;
  std::optional<std::int64_t> edited_at_ms;  // its last edit (none: never edited)
  std::optional<Id> poll_id;                 // its poll (sqlite_store_polls.cc)
};

// An uploaded image (media_attachments), unattached until a status takes it
// (status_id), then part of that status for good. Files are named by the
// hash of their bytes, relative to the media directory ("ab/cdef....jpg").
struct MediaAttachment {
  enum class State { kProcessing = 0, kReady = 1, kFailed = 2 };
  Id id = 0;
  Id account_id = 0;
  std::optional<Id> status_id;
  State state = State::kProcessing;
  std::string error;  // why processing failed (kFailed), for the client
  std::string file, preview, mime;
  int width = 0, height = 0, preview_width = 0, preview_height = 0;
  std::string description;
  double focus_x = 0, focus_y = 0;
  std::string blurhash;
  std::int64_t created_at_ms = 0;
  bool operator==(const MediaAttachment&) const = default;
};

// A poll of a status (docs.joinmastodon.org/entities/Poll): its options and,
// as read, the votes each has and how many accounts voted. `closed` once the
// housekeeping saw it expire (and notified its voters).
struct Poll {
  Id id = 0;
  Id status_id = 0;
  Id account_id = 0;  // the status's author
  std::int64_t expires_at_ms = 0;
  bool multiple = false;
  bool hide_totals = false;
  bool closed = false;
  std::vector<std::string> options;
  std::vector<std::int64_t> votes;  // per option, as read
  std::int64_t voters = 0;          // distinct accounts, as read
  bool operator==(const Poll&) const = default;
};

// One version of an edited status (its history): the first edit records the
// original too, with the status's creation time.
struct StatusEdit {
  Id id = 0;
  Id status_id = 0;
  std::string text, content, spoiler_text;
  std::vector<std::string> poll_options;  // empty: no poll
  std::int64_t created_at_ms = 0;
  bool operator==(const StatusEdit&) const = default;
};

// A status DeleteStatus removed, and who wrote it.
struct RemovedStatus {
  Id id = 0;
  Id account_id = 0;
  bool operator==(const RemovedStatus&) const = default;
};

struct StatusCounts {
  std::int64_t replies = 0, reblogs = 0, favourites = 0;
};

struct AccountCounts {
  std::int64_t statuses = 0, followers = 0, following = 0;
  std::optional<Id> last_status_id;
};

// The instance's figures (GET /api/v1/instance): accounts, and statuses as
// the accounts' counters add up.
struct InstanceCounts {
  std::int64_t users = 0, statuses = 0;
};

struct Notification {
  Id id = 0;
  Id account_id = 0;       // who is notified
  Id from_account_id = 0;  // who acted
  std::string type;        // mention, follow, favourite, reblog
  std::optional<Id> status_id;
};

// Where an account stopped reading a timeline ("home", "notifications"), as
// its clients save it (the Mastodon markers).
struct Marker {
  std::string timeline;
  Id last_read_id = 0;
  std::int64_t version = 0;  // 1 at the first save, one more at each
  std::int64_t updated_at_ms = 0;
  bool operator==(const Marker&) const = default;
};

// An announcement of the administration (`piaf admin announce`), shown to
// every account until it dismisses it. `starts_at`/`ends_at` are the dates
// of what it announces (both or neither), not when it is shown.
struct Announcement {
  Id id = 0;
  std::string text;     // as written
  std::string content;  // rendered HTML
  std::optional<std::int64_t> starts_at_ms, ends_at_ms;
  bool all_day = false;
  std::int64_t published_at_ms = 0, updated_at_ms = 0;
  bool operator==(const Announcement&) const = default;
};

// A list of accounts its owner follows (Mastodon's lists): what its
// timeline shows of their replies (`followed`: replies to anyone the owner
// follows; `list`: to the list's members; `none`: to no one but the owner),
// and whether its members' posts leave the owner's home (`exclusive`).
struct List {
  Id id = 0;
  Id account_id = 0;  // its owner
  std::string title;
  std::string replies_policy = "list";
  bool exclusive = false;
  bool operator==(const List&) const = default;
};

// A full-text search of statuses: `match` an FTS5 expression (empty: any
// text), every tag in `tags`, by `account_id` if set; ids newest first below
// max_id (above min_id), originals only (no reblog wrappers).
struct StatusSearch {
  std::string match;
  std::vector<std::string> tags;
  std::optional<Id> account_id;
  std::optional<Id> max_id, min_id;
  int limit = 20;
};

// A direct conversation as one participant sees it (Mastodon's
// AccountConversation): the direct statuses of one thread (`root_id`, the
// thread's first status) among the same accounts. `participants`: the other
// accounts, sorted; `status_ids` oldest first.
struct Conversation {
  Id id = 0;
  Id account_id = 0;
  Id root_id = 0;
  std::vector<Id> participants;
  std::vector<Id> status_ids;
  Id last_status_id = 0;
  bool unread = false;
  bool operator==(const Conversation&) const = default;
};

// An account's filter (Mastodon's CustomFilter) with its keywords and
// statuses. `context`: home, notifications, public, thread, account.
struct FilterKeyword {
  Id id = 0;
  Id filter_id = 0;
  std::string keyword;
  bool whole_word = true;
  bool operator==(const FilterKeyword&) const = default;
};
struct FilterStatus {
  Id id = 0;
  Id filter_id = 0;
  Id status_id = 0;
  bool operator==(const FilterStatus&) const = default;
};
struct Filter {
  Id id = 0;
  Id account_id = 0;
  std::string title;
  std::vector<std::string> context;
  std::optional<std::int64_t> expires_at_ms;
  std::string action = "warn";  // warn, hide
  std::vector<FilterKeyword> keywords;  // oldest first
  std::vector<FilterStatus> statuses;   // oldest first
  bool operator==(const Filter&) const = default;
};

// How an account's notifications from some accounts are treated (Mastodon
// 4.3's NotificationPolicy): "accept", "filter" (to notification requests)
// or "drop".
struct NotificationPolicy {
  std::string for_not_following = "accept", for_not_followers = "accept",
              for_new_accounts = "accept", for_private_mentions = "accept",
              for_limited_accounts = "accept";
  bool operator==(const NotificationPolicy&) const = default;
};

// The notifications from one account that the policy filtered (Mastodon's
// NotificationRequest): how many, the newest status among them.
struct NotificationRequest {
  Id id = 0;
  Id account_id = 0;
  Id from_account_id = 0;
  std::optional<Id> last_status_id;
  std::int64_t notifications_count = 0;
  Id updated_id = 0;  // the newest filtered notification's id
  bool operator==(const NotificationRequest&) const = default;
};

// Cursor paging, newest first. With min_id, the oldest `limit` rows after it
// (still returned newest first).
struct Page {
  std::optional<Id> max_id, since_id, min_id;
  int limit = 20;
};

class Store {
 public:
  virtual ~Store() = default;

  // Accounts. PutAccount fails with kUnprocessable when the username or
  // email is taken.
  virtual core::Status PutAccount(const Account& account) = 0;
  virtual std::optional<Account> GetAccountById(Id id) = 0;
  virtual std::optional<Account> GetAccountByUsername(std::string_view username) = 0;
  // By username or email, case-insensitively.
  virtual std::optional<Account> GetAccountByLogin(std::string_view login) = 0;
  virtual std::vector<Account> ListAccounts() = 0;
  // Accounts whose username or display name match `match` (an FTS5
  // expression; accent- and case-insensitive), `exact` (a username) first.
  virtual std::vector<Account> SearchAccounts(const std::string& match, std::string_view exact,
                                              int limit) = 0;
  virtual void SetAccountSuspended(Id id, bool suspended) = 0;
  virtual void SetAccountLocked(Id id, bool locked) = 0;
  virtual void UpdateAccountProfile(Id id, const std::string& display_name,
                                    const std::string& note) = 0;
  virtual AccountCounts CountAccount(Id id) = 0;
  // Media (sqlite_store_media.cc). An attachment is put once, then updated
  // (processed, described) only while unattached: false otherwise.
  virtual void PutMediaAttachment(const MediaAttachment& media) = 0;
  virtual bool UpdateMediaAttachment(const MediaAttachment& media) = 0;
  virtual std::optional<MediaAttachment> GetMediaAttachment(Id id) = 0;
  // Removes the unattached attachments created before `before_ms` (and those
  // of deleted statuses, unattached again); returns the files no attachment
  // nor account uses any more, for the caller to delete.
  virtual std::vector<std::string> DeleteUnattachedMedia(std::int64_t before_ms) = 0;
  // Sets an account's avatar and/or header (a file, or "" for the default);
  // returns the files it no longer uses that nothing else uses.
  virtual std::vector<std::string> SetAccountImages(Id id, const std::optional<std::string>& avatar,
                                                    const std::optional<std::string>& header) = 0;
  // Kept current by the writes (counted afresh only after another process
  // changed the store): cheap enough for any request.
  virtual InstanceCounts CountInstance() = 0;

  // Apps and tokens. Tokens are stored as hashes only.
  virtual void PutApp(const App& app) = 0;
  virtual std::optional<App> GetAppByClientId(std::string_view client_id) = 0;
  virtual std::optional<App> GetAppById(Id id) = 0;
  virtual void PutToken(const Token& token, std::string_view token_hash) = 0;
  virtual std::optional<Token> GetTokenByHash(std::string_view token_hash) = 0;
  virtual void DeleteToken(std::string_view token_hash) = 0;

  // Statuses. PutStatus stores the status, its mentions and tags in one
  // transaction and returns its author's counts as that transaction left
  // them. DeleteStatus removes it and its reblogs, and returns what it
  // removed with each one's author (nothing when there was no such status).
  virtual AccountCounts PutStatus(const Status& status) = 0;
  virtual std::optional<Status> GetStatusById(Id id) = 0;
  virtual std::vector<RemovedStatus> DeleteStatus(Id id) = 0;
  virtual std::optional<Id> FindReblog(Id account_id, Id status_id) = 0;
  virtual std::vector<Status> ListAccountStatuses(Id account_id, const Page& page) = 0;
  virtual std::vector<Status> ListPublicStatuses(const Page& page) = 0;
  virtual std::vector<Status> ListTagStatuses(std::string_view tag, const Page& page) = 0;
  // Statuses by any of `authors`, newest first, for rebuilding a home timeline.
  virtual std::vector<Id> ListStatusIdsByAuthors(const std::vector<Id>& authors, int limit) = 0;
  // Every author's newest `limit` status ids (newest first), author after
  // author, until `each` returns false: the author windows loaded at start.
  virtual void ForEachAuthorStatusIds(int limit,
                                      const std::function<bool(Id, std::vector<Id>&)>& each) = 0;
  virtual std::vector<Status> ListReplies(Id status_id) = 0;
  virtual std::vector<Id> SearchStatusIds(const StatusSearch& search) = 0;
  struct TagUse {
    std::string tag;
    Id account_id = 0;
    Id status_id = 0;  // a snowflake: when it was used
    std::string language;
  };
  // Tags of public statuses (not reblogs) newer than `since_id`, to rebuild
  // the trend counters at start.
  // Calls `each` for the uses in statuses since_id < id <= until_id, oldest
  // first, until it returns false.
  virtual void ForEachTagUse(Id since_id, Id until_id,
                             const std::function<bool(const TagUse&)>& each) = 0;
  // Tags of public and unlisted statuses starting with `prefix` (lower-cased),
  // most used first.
  virtual std::vector<std::string> SearchTags(std::string_view prefix, int limit) = 0;
  // Whether a public or unlisted status uses this (lower-cased) tag.
  virtual bool TagInUse(std::string_view tag) = 0;
  virtual StatusCounts CountStatus(Id id) = 0;
  // The status created with this idempotency key by this account, if any.
  virtual std::optional<Id> GetIdempotentStatus(Id account_id, std::string_view key) = 0;
  virtual void PutIdempotencyKey(Id account_id, std::string_view key, Id status_id) = 0;

  // Follows. Put/Delete return whether anything changed.
  virtual bool PutFollow(Id id, Id account_id, Id target_id) = 0;
  // Follow requests to locked accounts: put (false when one exists or a
  // block stands either way), delete, and the pending ones to an account as
  // (request row id, requester) pairs, newest first.
  virtual bool PutFollowRequest(Id id, Id account_id, Id target_id) = 0;
  virtual bool DeleteFollowRequest(Id account_id, Id target_id) = 0;
  virtual bool HasFollowRequest(Id account_id, Id target_id) = 0;
  virtual std::vector<std::pair<Id, Id>> ListFollowRequests(Id target_id, const Page& page) = 0;
  virtual std::int64_t CountFollowRequests(Id target_id) = 0;
  // Accepts a request: the follow is made and the request goes, in one write.
  virtual bool AcceptFollowRequest(Id follow_id, Id account_id, Id target_id) = 0;
  virtual bool DeleteFollow(Id account_id, Id target_id) = 0;
  virtual bool IsFollowing(Id account_id, Id target_id) = 0;
  virtual std::vector<Id> ListFollowerIds(Id target_id) = 0;
  virtual std::vector<Id> ListFollowingIds(Id account_id) = 0;
  // Follow rows as (row id, account) pages for the followers/following lists.
  virtual std::vector<std::pair<Id, Id>> ListFollowers(Id target_id, const Page& page) = 0;
  virtual std::vector<std::pair<Id, Id>> ListFollowing(Id account_id, const Page& page) = 0;

  // Favourites.
  virtual bool PutFavourite(Id id, Id account_id, Id status_id) = 0;
  virtual bool DeleteFavourite(Id account_id, Id status_id) = 0;
  virtual bool IsFavourited(Id account_id, Id status_id) = 0;
  // Every status `account_id` favourited; every status it reblogged (the
  // originals' ids).
  virtual std::vector<Id> ListFavouritedIds(Id account_id) = 0;
  virtual std::vector<Id> ListRebloggedIds(Id account_id) = 0;
  virtual std::vector<std::pair<Id, Id>> ListFavouritedBy(Id status_id, const Page& page) = 0;

  // Blocks and mutes: (row id, account) pages like follows.
  virtual bool PutBlock(Id id, Id account_id, Id target_id) = 0;
  virtual bool DeleteBlock(Id account_id, Id target_id) = 0;
  // Whether either account blocks the other.
  virtual bool IsBlockedEitherWay(Id a, Id b) = 0;
  virtual bool IsBlocking(Id account_id, Id target_id) = 0;
  virtual std::vector<std::pair<Id, Id>> ListBlocks(Id account_id, const Page& page) = 0;
  virtual bool PutMute(Id id, Id account_id, Id target_id) = 0;
  virtual bool DeleteMute(Id account_id, Id target_id) = 0;
  virtual bool IsMuting(Id account_id, Id target_id) = 0;
  virtual std::vector<std::pair<Id, Id>> ListMutes(Id account_id, const Page& page) = 0;
  // Accounts that `account_id` blocks or is blocked by (one blocking the
  // other both ways appears twice); accounts it mutes.
  virtual std::vector<Id> ListBlockRelatedIds(Id account_id) = 0;
  virtual std::vector<Id> ListMutedIds(Id account_id) = 0;
  // Favourites of an account: (favourite row id, status id).
  virtual std::vector<std::pair<Id, Id>> ListFavourites(Id account_id, const Page& page) = 0;
  // Reblogs of a status: (reblog status id, account).
  virtual std::vector<std::pair<Id, Id>> ListRebloggedBy(Id status_id, const Page& page) = 0;

  // Bookmarks (an account's private list of statuses) and pins (statuses an
  // account features on its profile). Put/Delete return whether anything
  // changed. ListBookmarks: (bookmark row id, status id) pages, newest
  // bookmark first; ListBookmarkedIds: every status the account bookmarked;
  // ListBookmarkerIds: who bookmarked a status.
  virtual bool PutBookmark(Id id, Id account_id, Id status_id) = 0;
  virtual bool DeleteBookmark(Id account_id, Id status_id) = 0;
  virtual std::vector<std::pair<Id, Id>> ListBookmarks(Id account_id, const Page& page) = 0;
  virtual std::vector<Id> ListBookmarkedIds(Id account_id) = 0;
  virtual std::vector<Id> ListBookmarkerIds(Id status_id) = 0;
  // A pin is written only while the account has fewer than `max_pins`
  // (checked in the write itself, so that two at once cannot pass it).
  enum class PinResult { kPinned, kAlreadyPinned, kFull };
  virtual PinResult PutPin(Id id, Id account_id, Id status_id, int max_pins) = 0;
  virtual bool DeletePin(Id account_id, Id status_id) = 0;
  // The statuses an account pinned, newest pin first.
  virtual std::vector<Id> ListPinnedIds(Id account_id) = 0;

  // Lists (sqlite_store_lists.cc). UpdateList and DeleteList match the
  // list by its id and owner (false when none); a list goes with its
  // members. ListLists: an owner's lists, oldest first.
  virtual void PutList(const List& list) = 0;
  virtual bool UpdateList(const List& list) = 0;
  virtual bool DeleteList(Id account_id, Id list_id) = 0;
  virtual std::vector<List> ListLists(Id account_id) = 0;
  // Adds `members` ((row id, account) pairs) to the list, all or none: only
  // accounts its owner follows (or the owner), each once.
  enum class ListAddResult { kAdded, kNotFollowed, kAlreadyMember };
  virtual ListAddResult PutListAccounts(Id list_id,
                                        const std::vector<std::pair<Id, Id>>& members) = 0;
  virtual void DeleteListAccounts(Id list_id, const std::vector<Id>& accounts) = 0;
  // A list's members as (row id, account) pages, newest first.
  virtual std::vector<std::pair<Id, Id>> ListListAccounts(Id list_id, const Page& page) = 0;
  // Every (list, member) pair of an owner's lists. An unfollow takes the
  // account out of the follower's lists (a trigger on follows).
  virtual std::vector<std::pair<Id, Id>> ListListMemberships(Id account_id) = 0;

  // Followed hashtags (lower-cased names). Put/Delete return whether
  // anything changed; ListFollowedTags: (row id, tag) pages, newest first.
  virtual bool PutFollowedTag(Id id, Id account_id, std::string_view tag) = 0;
  virtual bool DeleteFollowedTag(Id account_id, std::string_view tag) = 0;
  virtual std::vector<std::pair<Id, std::string>> ListFollowedTags(Id account_id,
                                                                   const Page& page) = 0;
  virtual std::vector<std::string> ListFollowedTagNames(Id account_id) = 0;
  // Whether anyone follows the tag.
  virtual bool TagFollowed(std::string_view tag) = 0;
  // The newest `limit` public statuses (not reblogs) using the tag, newest first.
  virtual std::vector<Id> ListTagStatusIds(std::string_view tag, int limit) = 0;

  // Notifications.
  virtual void PutNotification(const Notification& n) = 0;
  virtual std::vector<Notification> ListNotifications(Id account_id, const Page& page) = 0;
  virtual std::optional<Notification> GetNotification(Id account_id, Id id) = 0;
  virtual void DeleteNotification(Id account_id, Id id) = 0;
  virtual void ClearNotifications(Id account_id) = 0;

  // Markers. GetMarkers: the account's markers of these timelines, in the
  // order asked, those never saved left out. PutMarker: saves where the
  // account stopped reading `timeline` and returns the marker saved, its
  // version one more than before (1 the first time).
  virtual std::vector<Marker> GetMarkers(Id account_id,
                                         const std::vector<std::string>& timelines) = 0;
  virtual Marker PutMarker(Id account_id, std::string_view timeline, Id last_read_id,
                           std::int64_t updated_at_ms) = 0;

  // Announcements (sqlite_store_announcements.cc). ListAnnouncements: all of
  // them, oldest first by the date they announce (else their publication),
  // each with whether `account_id` dismissed it. DismissAnnouncement: false
  // when there is no such announcement (dismissing twice is no change).
  virtual void PutAnnouncement(const Announcement& announcement) = 0;
  virtual std::vector<std::pair<Announcement, bool>> ListAnnouncements(Id account_id) = 0;
  virtual bool DismissAnnouncement(Id account_id, Id announcement_id) = 0;
  // False when there was no such announcement.
  virtual bool DeleteAnnouncement(Id announcement_id) = 0;

  // Polls and edits (sqlite_store_polls.cc). A poll is put before its
  // status (whose poll_id names it). EditStatus replaces the status's text
  // and what follows from it (content, spoiler, language, mentions, tags,
  // poll_id, edited_at: the row `edited` holds), re-queues it for the
  // full-text index, records `edits` (oldest first), writes `new_poll` and
  // removes `old_poll` with its votes, in one write; false when the status
  // is gone.
  virtual void PutPoll(const Poll& poll) = 0;
  virtual std::optional<Poll> GetPoll(Id poll_id) = 0;
  virtual bool EditStatus(const Status& edited, const std::vector<StatusEdit>& edits,
                          const std::optional<Poll>& new_poll, std::optional<Id> old_poll) = 0;
  // A status's versions, oldest first (none when never edited).
  virtual std::vector<StatusEdit> ListStatusEdits(Id status_id) = 0;
  // Records `account_id`'s choices (indexes into the options), checked in
  // the write itself: kAlreadyVoted when it voted already (on a poll of one
  // choice) or for one of these choices (multiple), kClosed when the poll
  // expired at `now_ms` or is gone.
  enum class VoteResult { kVoted, kAlreadyVoted, kClosed };
  virtual VoteResult PutPollVotes(Id poll_id, Id account_id, const std::vector<int>& choices,
                                  std::int64_t now_ms) = 0;
  // Every poll an account voted in, with its choices as a bit set.
  virtual std::vector<std::pair<Id, std::uint32_t>> ListPollVotes(Id account_id) = 0;
  virtual std::vector<Id> ListPollVoterIds(Id poll_id) = 0;
  // Polls not closed yet whose time is up at `now_ms`, soonest first.
  virtual std::vector<Poll> ListPollsToClose(std::int64_t now_ms, int limit) = 0;
  // Marks it closed; false when it was already.
  virtual bool ClosePoll(Id poll_id) = 0;

  // Direct conversations (sqlite_store_conversations.cc). AddToConversation:
  // the status joins `account_id`'s conversation of (root, participants),
  // made with `new_id` when there is none; `unread` as given; returns it.
  // ListConversations: newest activity first, paged by last_status_id.
  // RemoveFromConversations: the status leaves the conversations of these
  // accounts (a conversation left empty goes); returns those changed.
  virtual Conversation AddToConversation(Id new_id, Id account_id, Id root_id,
                                         const std::vector<Id>& participants, Id status_id,
                                         bool unread) = 0;
  virtual std::vector<Conversation> ListConversations(Id account_id, const Page& page) = 0;
  virtual std::optional<Conversation> GetConversation(Id account_id, Id id) = 0;
  virtual bool MarkConversationRead(Id account_id, Id id) = 0;
  virtual bool DeleteConversation(Id account_id, Id id) = 0;
  virtual void RemoveFromConversations(Id status_id, const std::vector<Id>& accounts) = 0;

  // Filters (sqlite_store_filters.cc). ListFilters: an account's, oldest
  // first, with their keywords and statuses. PutFilter writes the filter's
  // own row (title, context, expiry, action), not its keywords nor statuses.
  // DeleteFilter takes its keywords and statuses with it.
  virtual std::vector<Filter> ListFilters(Id account_id) = 0;
  virtual void PutFilter(const Filter& filter) = 0;
  virtual bool DeleteFilter(Id account_id, Id id) = 0;
  virtual void PutFilterKeyword(const FilterKeyword& keyword) = 0;
  virtual bool DeleteFilterKeyword(Id id) = 0;
  // False when the filter has that status already.
  virtual bool PutFilterStatus(const FilterStatus& status) = 0;
  virtual bool DeleteFilterStatus(Id id) = 0;
  // The plain text a filter's keywords are matched against: the spoiler
  // and the text as written, of each of `ids` there is (in one read).
  virtual std::vector<std::pair<Id, std::string>> StatusPlainTexts(const std::vector<Id>& ids) = 0;

  // The notification policy (sqlite_store_notification_policy.cc): the
  // defaults (accept) until saved. Filtered notifications wait in a request
  // per account they come from until accepted (they become notifications)
  // or dismissed.
  virtual NotificationPolicy GetNotificationPolicy(Id account_id) = 0;
  virtual void PutNotificationPolicy(Id account_id, const NotificationPolicy& policy) = 0;
  // Files a filtered notification under its request (made with `request_id`
  // when there is none).
  virtual void PutFilteredNotification(const Notification& n, Id request_id) = 0;
  virtual std::vector<NotificationRequest> ListNotificationRequests(Id account_id,
                                                                    const Page& page) = 0;
  virtual std::optional<NotificationRequest> GetNotificationRequest(Id account_id, Id id) = 0;
  // The request's notifications, newest first.
  virtual std::vector<Notification> ListFilteredNotifications(Id account_id, Id request_id) = 0;
  // Removes the request and its filtered notifications; with `accept`,
  // they become notifications first. False when there is no such request.
  virtual bool CloseNotificationRequest(Id account_id, Id id, bool accept) = 0;
  virtual std::int64_t CountFilteredNotifications(Id account_id) = 0;

  // The largest id in the store (so ids never go back after a restart).
  virtual Id MaxId() = 0;

  // Runs `reads` (reads of this store on this thread) as one read
  // transaction: one snapshot of the store and one lock instead of one per
  // statement. Nothing may wait on another thread's commit inside.
  virtual void ReadTogether(const std::function<void()>& reads) = 0;

  // Whether another process (the admin CLI) committed changes since the
  // last call, so that in-memory copies must be dropped.
  virtual bool ChangedElsewhere() = 0;
};

}  // namespace piaf::store
