// Snapshots over a real SQLite store: what a full map keeps.
#include "service/snapshots.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <thread>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::service {
namespace {

class SnapshotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<store::SqliteStore>(temp_.db());
    PutAccount(1, "author");
  }
  void PutStatus(Id id) {
    store::Status s;
    s.id = id;
    s.account_id = 1;
    s.text = "status " + std::to_string(id);
    store_->PutStatus(s);
  }

  void PutAccount(Id id, const std::string& username) {
    ASSERT_TRUE(store_->PutAccount(store::TestAccount(id, username)).ok());
  }
  // Changes the store behind the snapshots' back (as a raw connection).
  void RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(temp_.db().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  store::TempStoreDir temp_;
  std::unique_ptr<store::SqliteStore> store_;
};

// A page's statuses, the statuses they reblog and the accounts they show
// are loaded together, and are then the snapshots read one by one would be.
TEST_F(SnapshotsTest, APagePrefetchedKeepsWhatEachStatusShowsAsLoadedOneByOne) {
  PutAccount(2, "reader");
  PutAccount(3, "mentioned");
  store::Status original;
  original.id = 10;
  original.account_id = 3;
  original.text = "original";
  store_->PutStatus(original);
  store::Status post;
  post.id = 11;
  post.account_id = 1;
  post.text = "hello @mentioned #tag";
  post.mentions = {3};
  post.tags = {"tag"};
  store_->PutStatus(post);
  store::Status reblog;
  reblog.id = 12;
  reblog.account_id = 2;
  reblog.reblog_of_id = 10;
  store_->PutStatus(reblog);
  ASSERT_TRUE(store_->PutFavourite(13, 2, 11));

  Snapshots one_by_one(*store_);
  std::vector<std::shared_ptr<const StatusSnapshot>> expected;
  for (Id id : {11, 12, 10}) expected.push_back(one_by_one.Status(id));
  std::vector<std::shared_ptr<const AccountSnapshot>> expected_accounts;
  for (Id account : {1, 2, 3}) expected_accounts.push_back(one_by_one.Account(account));

  Snapshots prefetched(*store_);
  prefetched.Prefetch({11, 12, 99});  // 99: no such status
  // Changed behind the snapshots' back: what was prefetched is what shows.
  RawExec("UPDATE statuses SET content = 'changed'; UPDATE accounts SET display_name = 'changed'");
  int i = 0;
  for (Id id : {11, 12, 10}) {
    auto s = prefetched.Status(id);
    ASSERT_NE(s, nullptr) << id;
    const auto& e = *expected[i++];
    EXPECT_EQ(s->content, e.content) << id;
    EXPECT_EQ(s->status.reblog_of_id, e.status.reblog_of_id) << id;
    EXPECT_EQ(s->status.mentions, e.status.mentions) << id;
    EXPECT_EQ(s->status.tags, e.status.tags) << id;
    EXPECT_EQ(s->mentions, e.mentions) << id;
    EXPECT_EQ(s->counts.favourites, e.counts.favourites) << id;
    EXPECT_EQ(s->counts.reblogs, e.counts.reblogs) << id;
  }
  EXPECT_EQ(prefetched.Status(11)->counts.favourites, 1);
  EXPECT_EQ(prefetched.Status(10)->counts.reblogs, 1);
  i = 0;
  for (Id account : {1, 2, 3}) {
    const auto& e = *expected_accounts[i++];
    EXPECT_EQ(prefetched.Account(account)->account.display_name, e.account.display_name) << account;
    EXPECT_EQ(prefetched.Account(account)->counts.statuses, e.counts.statuses) << account;
  }
  EXPECT_EQ(prefetched.Status(99), nullptr);
}

// A prefetch keeps nothing that was forgotten after it noted what to load.
TEST_F(SnapshotsTest, APrefetchLeavesWhatIsKeptAsItIs) {
  PutStatus(20);
  Snapshots snapshots(*store_);
  auto kept = snapshots.Status(20);
  RawExec("UPDATE statuses SET content = 'changed' WHERE id = 20");
  snapshots.Prefetch({20});
  EXPECT_EQ(snapshots.Status(20).get(), kept.get());
  snapshots.ForgetStatus(20);
  snapshots.Prefetch({20});
  EXPECT_EQ(snapshots.Status(20)->content, "changed");
}

// A status snapshot keeps its HTML apart, for its one render, and not its
// raw text (only the DELETE answer shows it, from the store).
TEST_F(SnapshotsTest, AStatusSnapshotKeepsItsHtmlForItsRenderAndNotItsText) {
  PutStatus(40);
  RawExec("UPDATE statuses SET text = 'raw', content = '<p>raw</p>' WHERE id = 40");
  Snapshots snapshots(*store_);
  for (auto s : {snapshots.Status(40), snapshots.Prefetch({40})[0]}) {
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->content, "<p>raw</p>");
    EXPECT_EQ(s->status.content, "");
    EXPECT_EQ(s->status.text, "");
  }
}

// An account snapshot shows what reads show, not its secrets: its
// password hash and e-mail stay in the store (logins read them there).
TEST_F(SnapshotsTest, AnAccountSnapshotKeepsNeitherPasswordHashNorEmail) {
  PutStatus(30);
  Snapshots snapshots(*store_);
  auto alone = snapshots.Account(1);  // loaded alone
  ASSERT_NE(alone, nullptr);
  snapshots.ForgetAccount(1);
  snapshots.Prefetch({30});  // loaded with the status it wrote
  auto with_page = snapshots.Account(1);
  ASSERT_NE(with_page, nullptr);
  EXPECT_NE(with_page.get(), alone.get());
  for (const auto& a : {alone, with_page}) {
    EXPECT_EQ(a->account.username, "author");
    EXPECT_EQ(a->account.password_hash, "");
    EXPECT_EQ(a->account.email, "");
  }
  EXPECT_FALSE(store_->GetAccountById(1)->password_hash.empty());
  EXPECT_FALSE(store_->GetAccountById(1)->email.empty());
}

// A kept snapshot is the same object on the next read; one dropped is
// freed once nobody holds it.
TEST_F(SnapshotsTest, AStatusReadOftenStaysWhileStatusesReadOnceComeAndGo) {
  constexpr Id kHot = 1000, kOthers = 2000;
  PutStatus(kHot);
  for (Id id = 1; id <= kOthers; ++id) PutStatus(kHot + id);
  Snapshots snapshots(*store_, 1000, /*status_capacity=*/160);  // 11 per shard
  auto hot = snapshots.Status(kHot);
  ASSERT_NE(hot, nullptr);
  std::weak_ptr<const StatusSnapshot> first = snapshots.Status(kHot + 1);
  ASSERT_FALSE(first.expired());
  for (Id id = 1; id <= kOthers; ++id) {
    ASSERT_NE(snapshots.Status(kHot + id), nullptr);
    // Every shard fills many times over; the hot status is read between.
    ASSERT_EQ(snapshots.Status(kHot).get(), hot.get()) << "dropped after " << id << " others";
  }
  // The map stays bounded: a status read once, long ago, was dropped.
  EXPECT_TRUE(first.expired());
}

// A status the objects let go of is packed and comes back from there, JSON
// and all, without a read of the store; what changes after is not.
TEST_F(SnapshotsTest, AStatusLetGoOfComesBackPackedUntilItChanges) {
  constexpr Id kFirst = 1000, kCount = 2000;
  for (Id id = kFirst; id < kFirst + kCount; ++id) PutStatus(id);
  Snapshots snapshots(*store_, 1000, /*status_capacity=*/160, /*packed_capacity=*/100000);
  auto render = [](Id id) { return "rendered " + std::to_string(id); };
  std::weak_ptr<const StatusSnapshot> first;
  for (Id id = kFirst; id < kFirst + kCount; ++id) {
    auto s = snapshots.Status(id);
    ASSERT_NE(s, nullptr);
    s->json.Get([&] { return render(id); });
    if (id == kFirst) first = s;
  }
  EXPECT_GT(snapshots.PackEvicted(), kCount / 2);
  EXPECT_TRUE(first.expired());  // let go of, packed and freed
  // Unpacked: rendered already (a status loaded from the store is not).
  auto back = snapshots.Status(kFirst);
  ASSERT_NE(back, nullptr);
  ASSERT_NE(back->json.Rendered(), nullptr);
  EXPECT_EQ(*back->json.Rendered(), render(kFirst));
  EXPECT_EQ(back->status.account_id, 1);
  EXPECT_EQ(snapshots.Prefetch({kFirst + 1})[0]->json.Rendered() != nullptr, true);
  // Forgotten (changed), it is loaded again from the store.
  snapshots.ForgetStatus(kFirst + 1);
  auto reloaded = snapshots.Status(kFirst + 1);
  ASSERT_NE(reloaded, nullptr);
  EXPECT_EQ(reloaded->json.Rendered(), nullptr);
  // Let go of, then forgotten before it is packed: never packed.
  Snapshots fresh(*store_, 1000, /*status_capacity=*/160, /*packed_capacity=*/100000);
  for (Id id = kFirst; id < kFirst + kCount; ++id) {
    fresh.Status(id)->json.Get([&] { return render(id); });
  }
  fresh.ForgetStatus(kFirst);
  fresh.PackEvicted();
  EXPECT_EQ(fresh.Status(kFirst)->json.Rendered(), nullptr);
  EXPECT_NE(fresh.Status(kFirst + 2)->json.Rendered(), nullptr);
}

// A snapshot read often stays until forgotten: a change forgotten on
// another thread (or everything forgotten) shows at once, and another map
// loads its own.
TEST_F(SnapshotsTest, ASnapshotReadOftenShowsAChangeForgottenOnAnotherThread) {
  PutStatus(50);
  auto snapshots = std::make_unique<Snapshots>(*store_);
  auto first = snapshots->Status(50);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(snapshots->Status(50).get(), first.get());
  auto account = snapshots->Account(1);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(snapshots->Account(1).get(), account.get());
  RawExec("UPDATE statuses SET spoiler_text = 'changed' WHERE id = 50");
  EXPECT_EQ(snapshots->Status(50)->status.spoiler_text, "");  // kept until forgotten
  std::thread([&] {
    snapshots->ForgetStatus(50);
    auto before = snapshots->BeforeAccountChange(1);
    store::AccountCounts counts;
    counts.statuses = 7;
    snapshots->AccountCountsChanged(1, counts, before);
  }).join();
  EXPECT_EQ(snapshots->Status(50)->status.spoiler_text, "changed");
  EXPECT_EQ(snapshots->Account(1)->counts.statuses, 7);
  for (int i = 0; i < 3; ++i) snapshots->Status(50);
  RawExec("UPDATE statuses SET spoiler_text = 'again' WHERE id = 50");
  snapshots->ForgetAll();
  EXPECT_EQ(snapshots->Status(50)->status.spoiler_text, "again");
  // A new map (perhaps at the same address) loads its own.
  for (int i = 0; i < 3; ++i) snapshots->Status(50);
  snapshots.reset();
  RawExec("UPDATE statuses SET spoiler_text = 'new map' WHERE id = 50");
  snapshots = std::make_unique<Snapshots>(*store_);
  EXPECT_EQ(snapshots->Status(50)->status.spoiler_text, "new map");
}

}  // namespace
}  // namespace piaf::service
