// Snapshots over a real SQLite store: what a full map keeps.
#include "service/snapshots.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite_store.h"

namespace piaf::service {
namespace {

class SnapshotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/piaf_snapshots_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    store_ = std::make_unique<store::SqliteStore>(dir_ + "/piaf.db");
    store::Account a;
    a.id = 1;
    a.username = "author";
    a.email = "author@example.org";
    a.password_hash = "x";
    ASSERT_TRUE(store_->PutAccount(a).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void PutStatus(Id id) {
    store::Status s;
    s.id = id;
    s.account_id = 1;
    s.text = "status " + std::to_string(id);
    store_->PutStatus(s);
  }

  std::string dir_;
  std::unique_ptr<store::SqliteStore> store_;
};

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

}  // namespace
}  // namespace piaf::service
