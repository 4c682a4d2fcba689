// SqliteStore: the embedded Store, one SQLite file in WAL mode.
//
// Design note: one writer connection and one read connection per thread (WAL
// lets readers run beside the writer), each with its prepared statements
// cached by their SQL text. Writes go through group commit (`Write`): the
// writes that arrive while a batch is being committed form the next batch,
// one transaction and one sync for all of them, each write in its own
// savepoint so that one failing does not undo the others. The sync is
// pipelined: a batch's COMMIT does not sync (synchronous=NORMAL); its leader
// hands the writer to the next batch, then syncs the WAL file itself
// (fdatasync, which covers every frame written so far). A write returns only
// after that sync: nothing acknowledged is lost on a crash, even of the
// machine.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace piaf::store {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) `path` and runs the migrations. Throws
  // std::runtime_error when the file cannot be opened or migrated.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  int SchemaVersion();
  // New statuses enter the full-text index together, once this many wait
  // (or before a search).
  static constexpr std::size_t kIndexEvery = 500;

  core::Status PutAccount(const Account& account) override;
  std::optional<Account> GetAccountById(Id id) override;
  std::optional<Account> GetAccountByUsername(std::string_view username) override;
  std::optional<Account> GetAccountByLogin(std::string_view login) override;
  std::vector<Account> ListAccounts() override;
  std::vector<Account> SearchAccounts(const std::string& match, std::string_view exact,
                                      int limit) override;
  void SetAccountLocked(Id id, bool locked) override;
  void SetAccountSuspended(Id id, bool suspended) override;
  void UpdateAccountProfile(Id id, const std::string& display_name,
                            const std::string& note) override;
  AccountCounts CountAccount(Id id) override;

  void PutApp(const App& app) override;
  std::optional<App> GetAppByClientId(std::string_view client_id) override;
  std::optional<App> GetAppById(Id id) override;
  void PutToken(const Token& token, std::string_view token_hash) override;
  std::optional<Token> GetTokenByHash(std::string_view token_hash) override;
  void DeleteToken(std::string_view token_hash) override;

  AccountCounts PutStatus(const Status& status) override;
  std::optional<Status> GetStatusById(Id id) override;
  std::vector<RemovedStatus> DeleteStatus(Id id) override;
  std::optional<Id> FindReblog(Id account_id, Id status_id) override;
  std::vector<Status> ListAccountStatuses(Id account_id, const Page& page) override;
  std::vector<Status> ListPublicStatuses(const Page& page) override;
  std::vector<Status> ListTagStatuses(std::string_view tag, const Page& page) override;
  std::vector<Id> ListStatusIdsByAuthors(const std::vector<Id>& authors, int limit) override;
  void ForEachAuthorStatusIds(int limit,
                              const std::function<bool(Id, std::vector<Id>&)>& each) override;
  std::vector<Status> ListReplies(Id status_id) override;
  std::vector<Id> SearchStatusIds(const StatusSearch& search) override;
  void ForEachTagUse(Id since_id, Id until_id,
                     const std::function<bool(const TagUse&)>& each) override;
  std::vector<std::string> SearchTags(std::string_view prefix, int limit) override;
  bool TagInUse(std::string_view tag) override;
  StatusCounts CountStatus(Id id) override;
  std::optional<Id> GetIdempotentStatus(Id account_id, std::string_view key) override;
  void PutIdempotencyKey(Id account_id, std::string_view key, Id status_id) override;

  bool PutFollowRequest(Id id, Id account_id, Id target_id) override;
  bool DeleteFollowRequest(Id account_id, Id target_id) override;
  bool HasFollowRequest(Id account_id, Id target_id) override;
  std::vector<std::pair<Id, Id>> ListFollowRequests(Id target_id, const Page& page) override;
  std::int64_t CountFollowRequests(Id target_id) override;
  bool AcceptFollowRequest(Id follow_id, Id account_id, Id target_id) override;
  bool PutFollow(Id id, Id account_id, Id target_id) override;
  bool DeleteFollow(Id account_id, Id target_id) override;
  bool IsFollowing(Id account_id, Id target_id) override;
  std::vector<Id> ListFollowerIds(Id target_id) override;
  std::vector<Id> ListFollowingIds(Id account_id) override;
  std::vector<std::pair<Id, Id>> ListFollowers(Id target_id, const Page& page) override;
  std::vector<std::pair<Id, Id>> ListFollowing(Id account_id, const Page& page) override;

  bool PutFavourite(Id id, Id account_id, Id status_id) override;
  bool DeleteFavourite(Id account_id, Id status_id) override;
  bool IsFavourited(Id account_id, Id status_id) override;
  std::vector<Id> ListFavouritedIds(Id account_id) override;
  std::vector<Id> ListRebloggedIds(Id account_id) override;
  std::vector<std::pair<Id, Id>> ListFavouritedBy(Id status_id, const Page& page) override;

  bool PutBlock(Id id, Id account_id, Id target_id) override;
  bool DeleteBlock(Id account_id, Id target_id) override;
  bool IsBlockedEitherWay(Id a, Id b) override;
  bool IsBlocking(Id account_id, Id target_id) override;
  std::vector<std::pair<Id, Id>> ListBlocks(Id account_id, const Page& page) override;
  bool PutMute(Id id, Id account_id, Id target_id) override;
  bool DeleteMute(Id account_id, Id target_id) override;
  bool IsMuting(Id account_id, Id target_id) override;
  std::vector<std::pair<Id, Id>> ListMutes(Id account_id, const Page& page) override;
  std::vector<Id> ListBlockRelatedIds(Id account_id) override;
  std::vector<Id> ListMutedIds(Id account_id) override;
  std::vector<std::pair<Id, Id>> ListFavourites(Id account_id, const Page& page) override;
  std::vector<std::pair<Id, Id>> ListRebloggedBy(Id status_id, const Page& page) override;

  // Media: sqlite_store_media.cc.
  void PutMediaAttachment(const MediaAttachment& media) override;
  bool UpdateMediaAttachment(const MediaAttachment& media) override;
  std::optional<MediaAttachment> GetMediaAttachment(Id id) override;
  std::vector<std::string> DeleteUnattachedMedia(std::int64_t before_ms) override;
  std::vector<std::string> SetAccountImages(Id id, const std::optional<std::string>& avatar,
                                            const std::optional<std::string>& header) override;

  // Bookmarks and pins: sqlite_store_bookmarks.cc.
  bool PutBookmark(Id id, Id account_id, Id status_id) override;
  bool DeleteBookmark(Id account_id, Id status_id) override;
  std::vector<std::pair<Id, Id>> ListBookmarks(Id account_id, const Page& page) override;
  std::vector<Id> ListBookmarkedIds(Id account_id) override;
  std::vector<Id> ListBookmarkerIds(Id status_id) override;
  PinResult PutPin(Id id, Id account_id, Id status_id, int max_pins) override;
  bool DeletePin(Id account_id, Id status_id) override;
  std::vector<Id> ListPinnedIds(Id account_id) override;

  // sqlite_store_lists.cc
  void PutList(const List& list) override;
  bool UpdateList(const List& list) override;
  bool DeleteList(Id account_id, Id list_id) override;
  std::vector<List> ListLists(Id account_id) override;
  ListAddResult PutListAccounts(Id list_id, const std::vector<std::pair<Id, Id>>& members) override;
  void DeleteListAccounts(Id list_id, const std::vector<Id>& accounts) override;
  std::vector<std::pair<Id, Id>> ListListAccounts(Id list_id, const Page& page) override;
  std::vector<std::pair<Id, Id>> ListListMemberships(Id account_id) override;
  bool PutFollowedTag(Id id, Id account_id, std::string_view tag) override;
  bool DeleteFollowedTag(Id account_id, std::string_view tag) override;
  std::vector<std::pair<Id, std::string>> ListFollowedTags(Id account_id,
                                                           const Page& page) override;
  std::vector<std::string> ListFollowedTagNames(Id account_id) override;
  bool TagFollowed(std::string_view tag) override;
  std::vector<Id> ListTagStatusIds(std::string_view tag, int limit) override;

  void PutNotification(const Notification& n) override;
  std::vector<Notification> ListNotifications(Id account_id, const Page& page) override;
  std::optional<Notification> GetNotification(Id account_id, Id id) override;
  void DeleteNotification(Id account_id, Id id) override;
  void ClearNotifications(Id account_id) override;

  std::vector<Marker> GetMarkers(Id account_id, const std::vector<std::string>& timelines) override;
  Marker PutMarker(Id account_id, std::string_view timeline, Id last_read_id,
                   std::int64_t updated_at_ms) override;
  void PutAnnouncement(const Announcement& announcement) override;
  std::vector<std::pair<Announcement, bool>> ListAnnouncements(Id account_id) override;
  bool DismissAnnouncement(Id account_id, Id announcement_id) override;
  bool DeleteAnnouncement(Id announcement_id) override;
  void PutPoll(const Poll& poll) override;
  std::optional<Poll> GetPoll(Id poll_id) override;
  bool EditStatus(const Status& edited, const std::vector<StatusEdit>& edits,
                  const std::optional<Poll>& new_poll, std::optional<Id> old_poll) override;
  std::vector<StatusEdit> ListStatusEdits(Id status_id) override;
  VoteResult PutPollVotes(Id poll_id, Id account_id, const std::vector<int>& choices,
                          std::int64_t now_ms) override;
  std::vector<std::pair<Id, std::uint32_t>> ListPollVotes(Id account_id) override;
  std::vector<Id> ListPollVoterIds(Id poll_id) override;
  std::vector<Poll> ListPollsToClose(std::int64_t now_ms, int limit) override;
  bool ClosePoll(Id poll_id) override;
  // Conversations, filters, the notification policy: files of their own
  // (sqlite_store_conversations.cc, _filters.cc, _notification_policy.cc).
  Conversation AddToConversation(Id new_id, Id account_id, Id root_id,
                                 const std::vector<Id>& participants, Id status_id,
                                 bool unread) override;
  std::vector<Conversation> ListConversations(Id account_id, const Page& page) override;
  std::optional<Conversation> GetConversation(Id account_id, Id id) override;
  bool MarkConversationRead(Id account_id, Id id) override;
  bool DeleteConversation(Id account_id, Id id) override;
  void RemoveFromConversations(Id status_id, const std::vector<Id>& accounts) override;
  std::vector<Filter> ListFilters(Id account_id) override;
  void PutFilter(const Filter& filter) override;
  bool DeleteFilter(Id account_id, Id id) override;
  void PutFilterKeyword(const FilterKeyword& keyword) override;
  bool DeleteFilterKeyword(Id id) override;
  bool PutFilterStatus(const FilterStatus& status) override;
  bool DeleteFilterStatus(Id id) override;
  std::vector<std::pair<Id, std::string>> StatusPlainTexts(const std::vector<Id>& ids) override;
  NotificationPolicy GetNotificationPolicy(Id account_id) override;
  void PutNotificationPolicy(Id account_id, const NotificationPolicy& policy) override;
  void PutFilteredNotification(const Notification& n, Id request_id) override;
  std::vector<NotificationRequest> ListNotificationRequests(Id account_id,
                                                            const Page& page) override;
  std::optional<NotificationRequest> GetNotificationRequest(Id account_id, Id id) override;
  std::vector<Notification> ListFilteredNotifications(Id account_id, Id request_id) override;
  bool CloseNotificationRequest(Id account_id, Id id, bool accept) override;
  std::int64_t CountFilteredNotifications(Id account_id) override;
  Id MaxId() override;
  void ReadTogether(const std::function<void()>& reads) override;
  bool ChangedElsewhere() override;
  InstanceCounts CountInstance() override;

 public:
  class Stmt;

  // How many batches have been committed, and how many writes they held.
  struct WriteStats {
    std::uint64_t batches = 0, writes = 0;
    // Time running the writes, in COMMIT, syncing (checkpoints run apart).
    std::uint64_t write_ns = 0, commit_ns = 0, sync_ns = 0;
    // Batches replayed with a savepoint per write because one write failed.
    std::uint64_t replays = 0;
  };
  WriteStats GetWriteStats();

 private:
  // Group commit: runs `fn` on the writer connection in the next batch and
  // returns its result once the batch is committed; rethrows what it threw.
  // `fn` may run more than once (a batch is replayed when one of its writes
  // fails), so it touches nothing but the store and its own result.
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F&> {
    using R = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<R>) {
      PendingWrite w{[&] { fn(); }};
      Submit(w);
    } else {
      std::optional<R> result;
      PendingWrite w{[&] { result.emplace(fn()); }};
      Submit(w);
      return std::move(*result);
    }
  }
  struct PendingWrite {
    explicit PendingWrite(std::function<void()> f) : run(std::move(f)) {}
    std::function<void()> run;
    bool done = false;  // committed and synced (or failed: error)
    bool lead = false;  // handed the writer: commit the next batch
    std::exception_ptr error;
    std::condition_variable wake;  // done or lead
  };
  void Submit(PendingWrite& w);
  // Runs the batch's writes in one transaction (a savepoint each when
  // `savepoints`); false when a write failed without a savepoint to undo it.
  bool RunBatch(const std::vector<PendingWrite*>& batch, bool savepoints);
  // Adds the statuses waiting in status_search_pending to the full-text
  // index and empties the queue (inside a write). A batch does it once
  // kIndexEvery new statuses wait; a search first (a status is found as soon
  // as its post is answered); opening the store (what a crash left).
  void IndexPendingStatuses();
  // Inside a write: a deleted status's polls, their votes and its versions.
  void DeletePollsAndEdits(Id status_id);
  void IndexStatusesBeforeSearch();
  std::size_t unindexed_ = 0;  // about how many wait (writer only)
  // Checkpoints run on their own thread and connection, not in COMMIT.
  static int OnWalCommit(void* self, sqlite3* db, const char* name, int pages);
  void CheckpointLoop();
  // fdatasync of the WAL file; the ns it took.
  std::uint64_t SyncWal();
  // Returns the time spent running the writes and committing them (ns).
  struct BatchTimes {
    std::uint64_t write_ns = 0, commit_ns = 0;
    bool replayed = false;
  };
  BatchTimes CommitBatch(const std::vector<PendingWrite*>& batch);

  Stmt Prepare(const char* sql);  // cached; inside Write (or holding mu_)
  void Exec(const char* sql);     // inside Write (or holding mu_)
  void Migrate();
  Status ReadStatus(Stmt& s);
  void AdjustFollowCounts(Id account_id, Id target_id, int delta);  // inside Write
  friend class SqliteBulkLoader;
  friend class SqliteStoreTest;  // drives Write directly
  // In PutStatus's write: the status takes its unattached media_ids
  // (sqlite_store_media.cc).
  void AttachMedia(const Status& status);
  // Of `files`, those nothing uses any more (in a write).
  std::vector<std::string> Unused(std::vector<std::string> files);
  // The first column of `sql`'s rows, with `key` bound to ?1 (a read).
  std::vector<Id> ListIds(const char* sql, Id key);
  std::vector<std::pair<Id, Id>> ListPairs(const char* sql_desc, const char* sql_asc, Id key,
                                           const Page& page);
  std::vector<Status> ListStatuses(const char* sql_desc, const char* sql_asc, Id key,
                                   std::string_view text_key, const Page& page);

  // This thread's read connection, opened on first use.
  struct Conn;
  Conn& Reader();

  std::string path_;
  std::mutex mu_;  // the writer connection
  // The writes waiting for the next batch; whether a thread is committing one.
  std::mutex queue_mu_;
  std::vector<PendingWrite*> queue_;
  bool committing_ = false;
  WriteStats write_stats_;
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
  // Under mu_: notes whether another connection committed since the last
  // note (changed_elsewhere_, until ChangedElsewhere reports it).
  void NoteDataVersion();
  std::int64_t data_version_ = -1;
  std::atomic<bool> changed_elsewhere_{false};
  // CountInstance's figures, moved by this process's writes; counted afresh
  // when stale (at first, and after another process wrote).
  std::atomic<std::int64_t> users_{0}, statuses_{0};
  std::atomic<bool> counts_stale_{true};
  std::mutex wal_mu_;
  int wal_fd_ = -1;  // the WAL file, opened for syncing it
  // The checkpointer: woken when kCheckpointPages frames wait to be copied.
  static constexpr int kCheckpointPages = 1000;
  static constexpr int kRestartPages = 4000;  // 16 MB of WAL
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_wake_;
  bool checkpoint_wanted_ = false, stopping_ = false;
  std::atomic<int> copied_frames_{0};  // by the last checkpoint
  std::thread checkpointer_;
  const std::uint64_t serial_;  // tells this store's read connections from others'
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Conn>> readers_;
};

}  // namespace piaf::store
