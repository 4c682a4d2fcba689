// Snapshots: immutable, shared, in-memory copies of what every read renders
// (a status with its counts, an account with its counters, an account's
// relations, a token), loaded from the store on first use and forgotten by
// the verbs that change them. Each snapshot carries a RenderMemo, where the
// api layer keeps its JSON: a status is rendered once per snapshot, not once
// per reader ("render once").
//
// Coherence: a verb commits to the store first, then forgets the snapshots it
// changed (or, for an author's counts after a post, updates them from the
// values its commit returned). A load that raced with such a change is not
// kept (invalidations are counted per key; a load is kept only if none of
// its key happened while it ran). Changes made by another process (the admin CLI) are detected by
// the store (Store::ChangedElsewhere) and forget everything.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "service/status_packer.h"
#include "store/store.h"

namespace piaf::service {

using core::Id;

// Text rendered once from an immutable snapshot, then shared by every reader.
class RenderMemo {
 public:
  template <class Render>
  const std::string& Get(Render&& render) const {
    // Rendered already (nearly every read): no call into pthread_once, which
    // was 2 % of a home-timeline profile (a page reads 20 to 40 of these).
    if (const std::string* text = Rendered()) return *text;
    std::call_once(once_, [&] {
      text_ = render();
      text_.shrink_to_fit();  // kept for long: no slack from its building
      rendered_.store(true, std::memory_order_release);
    });
    return text_;
  }
  // The text if it was rendered, else nullptr (rendering nothing).
  const std::string* Rendered() const {
    return rendered_.load(std::memory_order_acquire) ? &text_ : nullptr;
  }

 private:
  mutable std::once_flag once_;
  mutable std::string text_;
  mutable std::atomic<bool> rendered_{false};
};

struct AccountSnapshot {
  store::Account account;  // without its password hash and e-mail
  store::AccountCounts counts;
  RenderMemo json;
  // When only the counts changed (a post by the account): the snapshot
  // before, rendered, whose JSON the render of `json` takes with the new
  // counts spliced in instead of rendering it all again (the note's HTML
  // and the rest, a tenth of a post's CPU); let go of by that render.
  mutable std::shared_ptr<const AccountSnapshot> recount_of;
};

// `status` is the row without its raw text (only the DELETE answer shows it,
// read from the store then) and without its HTML: that moves to `content`,
// read once by the render of `json`, which then frees it (the JSON holds it).
struct StatusSnapshot {
  store::Status status;                              // text and content empty
  mutable std::string content;                       // freed by the render of json
  store::StatusCounts counts;                        // zero for a reblog wrapper
  std::vector<std::pair<Id, std::string>> mentions;  // (id, username) of existing accounts
  std::optional<std::string> application_name;
  RenderMemo json;
};

// Sorted id lists: whom an account follows, who blocks it or is blocked by
// it, whom it mutes; the statuses it favourited, reblogged, bookmarked and
// pinned (what a status shows its viewer: its per-viewer flags).
// One of an account's lists as its timeline and its stream read it.
struct ListMembers {
  store::List list;
  std::vector<Id> members;  // sorted
  bool Has(Id account) const;
};

struct Relations {
  std::vector<Id> following, block_related, muted, favourited, reblogged, bookmarked, pinned;
  // Its lists (by id) and their members; the members of its exclusive lists
  // (sorted), whose posts leave its home; the hashtags it follows (sorted).
  std::vector<ListMembers> lists;
  std::vector<Id> exclusive_members;
  std::vector<std::string> followed_tags;
  const ListMembers* FindList(Id id) const;
  static bool Has(const std::vector<Id>& ids, Id id);
};

class Snapshots {
 public:
  // At most about `capacity` snapshots of each kind are kept, and
  // `status_capacity` statuses as objects (the largest, with their JSON:
  // about 1.4 KiB each in the large profile, measured by RSS); memory grows
  // only with use. Two million: every account of the large profile (a
  // million) with room for the shards' uneven filling. The statuses let go
  // of are packed (StatusPacker: a few hundred bytes each), up to
  // `packed_capacity` of them (0: none), once StartPacking runs or when
  // PackEvicted is called.
  explicit Snapshots(store::Store& store, std::size_t capacity = 2000000,
                     std::size_t status_capacity = 2200000, std::size_t packed_capacity = 0);
  // A thread that packs the statuses let go of, every 20 ms (the server).
  void StartPacking();
  // Packs them now; returns how many.
  std::size_t PackEvicted();

  std::shared_ptr<const AccountSnapshot> Account(Id id);
  std::shared_ptr<const StatusSnapshot> Status(Id id);
  // The snapshots of `status_ids` (nullptr where there is no such status),
  // as Status would give them; the statuses not kept, the statuses they
  // reblog and the accounts of their authors and mentions are loaded
  // together, each kind in one read transaction of the store (a page of a
  // timeline: a few transactions instead of one or two per status and
  // account).
  std::vector<std::shared_ptr<const StatusSnapshot>> Prefetch(const std::vector<Id>& status_ids);
  // A status just created, from the row written rather than read back (it
  // counts nothing yet): `BeforeNewStatus` is called before the commit, and
  // the snapshot is kept only if the status was not forgotten since (deleted
  // by a request that raced with its creation).
  std::uint64_t BeforeNewStatus(Id id);
  std::shared_ptr<const StatusSnapshot> NewStatus(const store::Status& status,
                                                  std::uint64_t before);
  // An account's counts as the commit of a change left them (a new status):
  // `BeforeAccountChange` is called before the commit; the snapshot is then
  // updated in place if nothing forgot it since, else forgotten.
  std::uint64_t BeforeAccountChange(Id id);
  void AccountCountsChanged(Id id, const store::AccountCounts& counts, std::uint64_t before);
  std::shared_ptr<const Relations> RelationsOf(Id account);
  // Who follows `account`, sorted (the audience of its posts' fan-out).
  std::shared_ptr<const std::vector<Id>> FollowersOf(Id account);
  std::shared_ptr<const store::Token> Token(const std::string& token_hash);
  // An app's name (apps never change once registered).
  std::optional<std::string> AppName(Id app);
  // The account of a username, case-insensitively (usernames never change);
  // that there is none is kept too, until an account takes that username
  // (ForgetUsername).
  std::optional<Id> AccountIdByUsername(const std::string& username);
  void ForgetUsername(const std::string& username);

  void ForgetAccount(Id id);
  void ForgetStatus(Id id);
  void ForgetRelations(Id account);  // and its followers
  void ForgetToken(const std::string& token_hash);
  void ForgetAll();
  // Forgets everything when another process changed the store (looks at
  // most once per millisecond); true when it did.
  bool Refresh();

 private:
  template <class Key, class Value, class Packer = void>
  class Map;
  std::shared_ptr<StatusSnapshot> MakeStatus(store::Status status, store::StatusCounts counts);
  std::shared_ptr<const AccountSnapshot> LoadAccount(Id id);
  std::optional<std::pair<store::Status, store::StatusCounts>> LoadStatusRow(Id id);

  store::Store& store_;
  std::atomic<std::int64_t> last_refresh_{0};
  std::unique_ptr<Map<Id, AccountSnapshot>> accounts_;
  StatusPacker packer_;
  std::unique_ptr<Map<Id, StatusSnapshot, StatusPacker>> statuses_;
  std::unique_ptr<Map<Id, Relations>> relations_;
  std::unique_ptr<Map<Id, std::vector<Id>>> followers_;
  std::unique_ptr<Map<std::string, store::Token>> tokens_;
  std::unique_ptr<Map<Id, std::string>> app_names_;
  std::unique_ptr<Map<std::string, std::optional<Id>>> usernames_;
  std::jthread packing_;

 public:
  ~Snapshots();
};

}  // namespace piaf::service
