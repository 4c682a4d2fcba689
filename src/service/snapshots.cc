#include "service/snapshots.h"

#include <algorithm>
#include <boost/unordered/unordered_flat_map.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <type_traits>
#include <unordered_map>

namespace piaf::service {

bool Relations::Has(const std::vector<Id>& ids, Id id) {
  return std::binary_search(ids.begin(), ids.end(), id);
}

bool ListMembers::Has(Id account) const { return Relations::Has(members, account); }

const ListMembers* Relations::FindList(Id id) const {
  for (const auto& l : lists) {
    if (l.list.id == id) return &l;
  }
  return nullptr;
}

// A sharded map of shared snapshots. Invalidations are counted per key (in
// hashed slots: keys sharing a slot only cost each other a reload): a value
// loaded while its key was invalidated may be stale and is not kept.
// A full shard keeps what was read since it last filled (a second chance,
// as in CLOCK), at most half of it: a status many homes show stays, while
// one read once makes room.
//
// With a Packer (statuses), what a full shard lets go of is packed (by
// PackEvicted, off the request path) and kept in a second, larger tier: a
// miss in the first unpacks it there rather than loading it again. A packed
// value is forgotten with its key, and is packed only if its key was not
// invalidated since it was let go of.
template <class Key, class Value, class Packer>
class Snapshots::Map {
  static constexpr bool kPacks = !std::is_void_v<Packer>;

 public:
  explicit Map(std::size_t capacity, Packer* packer = nullptr, std::size_t packed_capacity = 0)
      : per_shard_(capacity / kShards + 1),
        packed_per_shard_(packed_capacity ? packed_capacity / kShards + 1 : 0),
        packer_(packer) {}

  // `load` returns nullptr when there is nothing to keep.
  template <class Load>
  std::shared_ptr<const Value> Get(const Key& key, Load&& load) {
    std::uint64_t epoch;
    if (auto v = Look(key, epoch)) return v;
    if (auto v = Unpacked(key)) return v;
    return Keep(key, load(), epoch);
  }

  // The value kept for `key` (then counted as read), or nullptr.
  std::shared_ptr<const Value> Find(const Key& key) {
    std::uint64_t epoch;
    if (auto v = Look(key, epoch)) return v;
    return Unpacked(key);
  }

  // The count of `key`'s invalidations so far.
  std::uint64_t Epoch(const Key& key) {
    auto [s, slot] = Locate(key);
    std::lock_guard lock(s.mu);
    return s.epochs[slot];
  }

  // Keeps `value` unless `key` was invalidated since `epoch`.
  std::shared_ptr<const Value> Keep(const Key& key, std::shared_ptr<const Value> value,
                                    std::uint64_t epoch) {
    if (!value) return value;
    auto [s, slot] = Locate(key);
    std::lock_guard lock(s.mu);
    if (s.epochs[slot] == epoch) {
      if (s.map.size() >= per_shard_) MakeRoom(s);
      s.map.insert_or_assign(key, Entry{value, false});
    }
    return value;
  }

  // When `key` was not invalidated since `epoch` and is kept, keeps
  // `change(old value)` instead (given as its shared pointer); else forgets
  // it. Either way, an invalidation: loads that raced with the change are
  // not kept.
  template <class Change>
  void Update(const Key& key, std::uint64_t epoch, Change&& change) {
    auto [s, slot] = Locate(key);
    std::lock_guard lock(s.mu);
    auto it = s.map.find(key);
    if (s.epochs[slot] == epoch && it != s.map.end()) {
      it->second.value = change(it->second.value);
    } else if (it != s.map.end()) {
      s.map.erase(it);
    }
    if constexpr (kPacks) s.packed.erase(key);
    ++s.epochs[slot];
  }

  void Forget(const Key& key) {
    auto [s, slot] = Locate(key);
    std::lock_guard lock(s.mu);
    s.map.erase(key);
    if constexpr (kPacks) s.packed.erase(key);
    ++s.epochs[slot];
  }

  void Clear() {
    for (Shard& s : shards_) {
      std::lock_guard lock(s.mu);
      s.map.clear();
      if constexpr (kPacks) {
        s.packed.clear();
        s.evicted.clear();
      }
      for (auto& e : s.epochs) ++e;
    }
  }

  // Packs what full shards let go of; returns how many were packed.
  std::size_t PackEvicted() {
    std::size_t count = 0;
    if constexpr (kPacks) {
      for (Shard& s : shards_) {
        std::vector<Evicted> evicted;
        {
          std::lock_guard lock(s.mu);
          evicted.swap(s.evicted);
        }
        std::vector<std::pair<const Evicted*, std::string>> packed;
        for (const Evicted& e : evicted) {
          if (auto p = packer_->Pack(*e.value)) packed.emplace_back(&e, std::move(*p));
        }
        std::lock_guard lock(s.mu);
        for (auto& [e, bytes] : packed) {
          if (s.epochs[Locate(e->key).second] != e->epoch) continue;  // changed since
          if (s.packed.size() >= packed_per_shard_) {
            std::size_t n = 0;  // every other one goes
            boost::unordered::erase_if(s.packed, [&n](const auto&) { return n++ % 2 == 0; });
          }
          s.packed.insert_or_assign(e->key, std::move(bytes));
          ++count;
        }
      }  // the snapshots let go of are freed here, out of the lock
    }
    return count;
  }

 private:
  // 64 shards: with 16, the two I/O threads (some 80 lookups a home page)
  // often waited for each other's shard (futex calls: 17,700 in 5 s of home
  // reads, 14,000 with 64; the same epochs' memory: 64 x 256 slots).
  static constexpr std::size_t kShards = 64, kSlots = 256;
  struct Entry {
    std::shared_ptr<const Value> value;
    bool read = false;  // since the shard last filled
  };
  struct Evicted {
    Key key;
    std::shared_ptr<const Value> value;
    std::uint64_t epoch;
  };
  struct NoPacked {};
  struct Shard {
    std::mutex mu;
    boost::unordered_flat_map<Key, Entry> map;  // open addressing
    std::array<std::uint64_t, kSlots> epochs{};
    // With a Packer: the second tier, and what waits to enter it.
    std::conditional_t<kPacks, boost::unordered_flat_map<Key, std::string>, NoPacked> packed;
    std::conditional_t<kPacks, std::vector<Evicted>, NoPacked> evicted;
  };

  // The first tier's value for `key` (counted as read), else nullptr and the
  // key's invalidation count.
  std::shared_ptr<const Value> Look(const Key& key, std::uint64_t& epoch) {
    auto [s, slot] = Locate(key);
    std::lock_guard lock(s.mu);
    if (auto it = s.map.find(key); it != s.map.end()) {
      MarkRead(it->second);
      return it->second.value;
    }
    epoch = s.epochs[slot];
    return nullptr;
  }

  // `key`'s packed value, unpacked and kept in the first tier again, or nullptr.
  std::shared_ptr<const Value> Unpacked(const Key& key) {
    if constexpr (kPacks) {
      auto [s, slot] = Locate(key);
      // Copied out of the lock into the thread's buffer (no allocation once
      // it has grown).
      thread_local std::string bytes;
      std::uint64_t epoch;
      {
        std::lock_guard lock(s.mu);
        auto it = s.packed.find(key);
        if (it == s.packed.end()) return nullptr;
        bytes.assign(it->second);
        epoch = s.epochs[slot];
      }
      return Keep(key, packer_->Unpack(bytes), epoch);
    } else {
      return nullptr;
    }
  }

  // Written only when it changes: a snapshot read by both I/O threads keeps
  // its entry's cache line shared between their cores.
  static void MarkRead(Entry& e) {
    if (!e.read) e.read = true;
  }
  // Drops what was not read since the shard last filled, then, while more
  // than half remains, every other entry; the rest start unread. With a
  // Packer, what is dropped waits to be packed (unless it is already).
  void MakeRoom(Shard& s) {
    auto let_go = [&](const auto& kv) {
      if constexpr (kPacks) {
        if (s.evicted.size() < packed_per_shard_ && Packer::Packable(*kv.second.value) &&
            !s.packed.contains(kv.first)) {
          s.evicted.push_back({kv.first, kv.second.value, s.epochs[Locate(kv.first).second]});
        }
      }
    };
    boost::unordered::erase_if(s.map, [&](const auto& kv) {
      if (kv.second.read) return false;
      let_go(kv);
      return true;
    });
    for (std::size_t n = 0; s.map.size() > per_shard_ / 2;) {
      boost::unordered::erase_if(s.map, [&](const auto& kv) {
        if (n++ % 2 != 0) return false;
        let_go(kv);
        return true;
      });
    }
    for (auto& [key, e] : s.map) e.read = false;
  }
  std::pair<Shard&, std::size_t> Locate(const Key& key) {
    std::size_t h;
    if constexpr (std::is_same_v<Key, Id>) {
      h = core::MixId(key);
    } else {
      h = std::hash<Key>{}(key);
    }
    return {shards_[h % kShards], (h / kShards) % kSlots};
  }

  std::size_t per_shard_, packed_per_shard_;
  Packer* packer_;
  std::array<Shard, kShards> shards_;
};

Snapshots::Snapshots(store::Store& store, std::size_t capacity, std::size_t status_capacity,
                     std::size_t packed_capacity)
    : store_(store),
      accounts_(std::make_unique<Map<Id, AccountSnapshot>>(capacity)),
      statuses_(std::make_unique<Map<Id, StatusSnapshot, StatusPacker>>(status_capacity, &packer_,
                                                                        packed_capacity)),
      relations_(std::make_unique<Map<Id, Relations>>(capacity)),
      followers_(std::make_unique<Map<Id, std::vector<Id>>>(capacity)),
      tokens_(std::make_unique<Map<std::string, store::Token>>(capacity)),
      app_names_(std::make_unique<Map<Id, std::string>>(capacity)),
      usernames_(std::make_unique<Map<std::string, std::optional<Id>>>(capacity)) {}

Snapshots::~Snapshots() {
  if (packing_.joinable()) {
    packing_.request_stop();
    packing_.join();
  }
}

void Snapshots::StartPacking() {
  packing_ = std::jthread([this](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any idle;
    while (!stop.stop_requested()) {
      if (statuses_->PackEvicted() > 0) continue;
      std::unique_lock lock(mu);
      idle.wait_for(lock, stop, std::chrono::milliseconds(20), [] { return false; });
    }
  });
}

std::size_t Snapshots::PackEvicted() { return statuses_->PackEvicted(); }

std::shared_ptr<const AccountSnapshot> Snapshots::LoadAccount(Id id) {
  std::shared_ptr<AccountSnapshot> s;
  store_.ReadTogether([&] {
    auto account = store_.GetAccountById(id);
    if (!account) return;
    s = std::make_shared<AccountSnapshot>();
    s->account = std::move(*account);
    // Not kept: no read shows them, and logins read the store (a password
    // hash has no business in a cache; a million accounts' hashes and
    // e-mails were ~150 MB of the large profile's RSS).
    for (std::string* secret : {&s->account.password_hash, &s->account.email}) {
      secret->clear();
      secret->shrink_to_fit();
    }
    s->counts = store_.CountAccount(id);
  });
  return s;
}

std::shared_ptr<const AccountSnapshot> Snapshots::Account(Id id) {
  return accounts_->Get(id, [&] { return LoadAccount(id); });
}

std::optional<std::pair<store::Status, store::StatusCounts>> Snapshots::LoadStatusRow(Id id) {
  auto status = store_.GetStatusById(id);
  if (!status) return std::nullopt;
  store::StatusCounts counts;
  if (!status->reblog_of_id) counts = store_.CountStatus(id);
  return std::make_pair(std::move(*status), counts);
}

std::shared_ptr<const StatusSnapshot> Snapshots::Status(Id id) {
  return statuses_->Get(id, [&]() -> std::shared_ptr<const StatusSnapshot> {
    std::optional<std::pair<store::Status, store::StatusCounts>> row;
    store_.ReadTogether([&] { row = LoadStatusRow(id); });
    if (!row) return nullptr;
    return MakeStatus(std::move(row->first), row->second);
  });
}

std::vector<std::shared_ptr<const StatusSnapshot>> Snapshots::Prefetch(
    const std::vector<Id>& status_ids) {
  // What is kept, in place; on a warm page that is all, with no allocation
  // but the answer and no read transaction.
  std::vector<std::shared_ptr<const StatusSnapshot>> out(status_ids.size());
  std::vector<Id> ids;  // not kept
  for (std::size_t i = 0; i < status_ids.size(); ++i) {
    out[i] = statuses_->Find(status_ids[i]);
    if (!out[i]) ids.push_back(status_ids[i]);
  }
  if (ids.empty()) return out;
  // Each round notes the invalidation counts of what it loads before its
  // read transaction begins, so that what changes meanwhile is not kept.
  struct Wanted {
    Id id;
    std::uint64_t epoch;
  };
  // The first round's ids were looked up above; later rounds' are looked up.
  auto missing = [](auto& map, const std::vector<Id>& ids, bool look) {
    std::vector<Wanted> wanted;
    for (Id id : ids) {
      if (!look || !map.Find(id)) wanted.push_back({id, map.Epoch(id)});
    }
    return wanted;
  };
  // The statuses, then the ones they reblog; their rows are kept for the
  // accounts' round, then made into snapshots.
  std::vector<std::pair<Wanted, std::pair<store::Status, store::StatusCounts>>> rows;
  for (int round = 0; round < 2 && !ids.empty(); ++round) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto wanted = missing(*statuses_, ids, round > 0);
    ids.clear();
    if (wanted.empty()) break;
    store_.ReadTogether([&] {
      for (const Wanted& w : wanted) {
        if (auto row = LoadStatusRow(w.id)) {
          if (row->first.reblog_of_id) ids.push_back(*row->first.reblog_of_id);
          rows.emplace_back(w, std::move(*row));
        }
      }
    });
  }
  // The authors and the accounts mentioned.
  std::vector<Id> account_ids;
  for (const auto& [w, row] : rows) {
    account_ids.push_back(row.first.account_id);
    account_ids.insert(account_ids.end(), row.first.mentions.begin(), row.first.mentions.end());
  }
  std::sort(account_ids.begin(), account_ids.end());
  account_ids.erase(std::unique(account_ids.begin(), account_ids.end()), account_ids.end());
  auto accounts = missing(*accounts_, account_ids, true);
  if (!accounts.empty()) {
    std::vector<std::pair<Wanted, std::shared_ptr<const AccountSnapshot>>> loaded;
    store_.ReadTogether([&] {
      for (const Wanted& w : accounts) {
        if (auto a = LoadAccount(w.id)) loaded.emplace_back(w, std::move(a));
      }
    });
    for (auto& [w, a] : loaded) accounts_->Keep(w.id, std::move(a), w.epoch);
  }
  std::unordered_map<Id, std::shared_ptr<const StatusSnapshot>> made;
  for (auto& [w, row] : rows) {
    made.emplace(w.id,
                 statuses_->Keep(w.id, MakeStatus(std::move(row.first), row.second), w.epoch));
  }
  for (std::size_t i = 0; i < status_ids.size(); ++i) {
    if (out[i]) continue;
    if (auto it = made.find(status_ids[i]); it != made.end()) out[i] = it->second;
  }
  return out;
}

std::shared_ptr<StatusSnapshot> Snapshots::MakeStatus(store::Status status,
                                                      store::StatusCounts counts) {
  auto s = std::make_shared<StatusSnapshot>();
  s->content = std::move(status.content);
  status.content = {};
  status.text = {};
  s->status = std::move(status);
  s->counts = counts;
  for (Id m : s->status.mentions) {
    if (auto a = Account(m)) s->mentions.emplace_back(m, a->account.username);
  }
  if (s->status.application_id) s->application_name = AppName(*s->status.application_id);
  return s;
}

std::optional<std::string> Snapshots::AppName(Id app) {
  auto name = app_names_->Get(app, [&]() -> std::shared_ptr<const std::string> {
    auto a = store_.GetAppById(app);
    if (!a) return nullptr;
    return std::make_shared<const std::string>(a->name);
  });
  if (!name) return std::nullopt;
  return *name;
}

namespace {
// Usernames compare as the store does (COLLATE NOCASE: ASCII letters).
std::string UsernameKey(std::string username) {
  for (char& c : username) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return username;
}
}  // namespace

std::optional<Id> Snapshots::AccountIdByUsername(const std::string& username) {
  return *usernames_->Get(UsernameKey(username), [&] {
    auto a = store_.GetAccountByUsername(username);
    return std::make_shared<const std::optional<Id>>(a ? std::optional<Id>(a->id) : std::nullopt);
  });
}

void Snapshots::ForgetUsername(const std::string& username) {
  usernames_->Forget(UsernameKey(username));
}

std::uint64_t Snapshots::BeforeAccountChange(Id id) { return accounts_->Epoch(id); }

void Snapshots::AccountCountsChanged(Id id, const store::AccountCounts& counts,
                                     std::uint64_t before) {
  accounts_->Update(id, before, [&](const std::shared_ptr<const AccountSnapshot>& old) {
    auto s = std::make_shared<AccountSnapshot>();
    s->account = old->account;
    s->counts = counts;
    // Only a rendered one (its own recount_of let go of then, by its
    // render: no chain of snapshots kept, nothing read that a render moves).
    if (old->json.Rendered()) s->recount_of = old;
    return std::shared_ptr<const AccountSnapshot>(std::move(s));
  });
}

std::uint64_t Snapshots::BeforeNewStatus(Id id) { return statuses_->Epoch(id); }

std::shared_ptr<const StatusSnapshot> Snapshots::NewStatus(const store::Status& status,
                                                           std::uint64_t before) {
  return statuses_->Keep(status.id, MakeStatus(status, {}), before);
}

std::shared_ptr<const Relations> Snapshots::RelationsOf(Id account) {
  return relations_->Get(account, [&] {
    auto r = std::make_shared<Relations>();
    store_.ReadTogether([&] {
      r->following = store_.ListFollowingIds(account);
      r->block_related = store_.ListBlockRelatedIds(account);
      r->muted = store_.ListMutedIds(account);
      r->favourited = store_.ListFavouritedIds(account);
      r->reblogged = store_.ListRebloggedIds(account);
      r->bookmarked = store_.ListBookmarkedIds(account);
      r->pinned = store_.ListPinnedIds(account);
      for (auto& list : store_.ListLists(account)) r->lists.push_back({std::move(list), {}});
      for (auto [list, member] : store_.ListListMemberships(account)) {
        for (auto& l : r->lists) {
          if (l.list.id == list) l.members.push_back(member);  // sorted by the store
        }
      }
      r->followed_tags = store_.ListFollowedTagNames(account);  // sorted
    });
    for (const auto& l : r->lists) {
      if (l.list.exclusive) {
        r->exclusive_members.insert(r->exclusive_members.end(), l.members.begin(), l.members.end());
      }
    }
    for (auto* ids : {&r->following, &r->block_related, &r->muted, &r->favourited, &r->reblogged,
                      &r->bookmarked, &r->pinned, &r->exclusive_members}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    return std::shared_ptr<const Relations>(std::move(r));
  });
}

std::shared_ptr<const std::vector<Id>> Snapshots::FollowersOf(Id account) {
  return followers_->Get(account, [&] {
    auto ids = store_.ListFollowerIds(account);
    std::sort(ids.begin(), ids.end());
    return std::make_shared<const std::vector<Id>>(std::move(ids));
  });
}

std::shared_ptr<const store::Token> Snapshots::Token(const std::string& token_hash) {
  return tokens_->Get(token_hash, [&]() -> std::shared_ptr<const store::Token> {
    auto token = store_.GetTokenByHash(token_hash);
    if (!token) return nullptr;
    return std::make_shared<store::Token>(std::move(*token));
  });
}

void Snapshots::ForgetAccount(Id id) { accounts_->Forget(id); }
void Snapshots::ForgetStatus(Id id) { statuses_->Forget(id); }
void Snapshots::ForgetRelations(Id account) {
  relations_->Forget(account);
  followers_->Forget(account);
}
void Snapshots::ForgetToken(const std::string& token_hash) { tokens_->Forget(token_hash); }

void Snapshots::ForgetAll() {
  accounts_->Clear();
  statuses_->Clear();
  relations_->Clear();
  followers_->Clear();
  tokens_->Clear();
  app_names_->Clear();
  usernames_->Clear();
}

bool Snapshots::Refresh() {
  // At most one look per millisecond: a change by another process is seen by
  // the requests that start a millisecond after it, at the latest.
  std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
  auto last = last_refresh_.load(std::memory_order_relaxed);
  if (now - last < 1'000'000) return false;
  if (!last_refresh_.compare_exchange_strong(last, now)) return false;  // another thread looks
  if (!store_.ChangedElsewhere()) return false;
  ForgetAll();
  return true;
}

}  // namespace piaf::service
