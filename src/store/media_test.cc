// Media attachments and accounts' images in the SQLite store
// (sqlite_store_media.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store/testing.h"

namespace piaf::store {
namespace {

class MediaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(path_);
    for (Id a : {1, 2}) {
      ASSERT_TRUE(store_->PutAccount(TestAccount(a, "user" + std::to_string(a))).ok());
    }
  }
  MediaAttachment Media(Id id, Id account, std::string file, std::int64_t created) {
    MediaAttachment m;
    m.id = id;
    m.account_id = account;
    m.state = MediaAttachment::State::kReady;
    m.file = file;
    m.preview = "small-" + file;
    m.mime = "image/jpeg";
    m.width = 30;
    m.height = 20;
    m.focus_x = 0.25;
    m.focus_y = -0.5;
    m.created_at_ms = created;
    return m;
  }
  TempStoreDir dir_;
  std::string path_ = dir_.db();
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(MediaStoreTest, AnAttachmentIsReadBackAsPutAndUpdatedOnlyWhileUnattached) {
  store_->PutMediaAttachment(Media(10, 1, "a.jpg", 1000));
  auto m = store_->GetMediaAttachment(10);
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, Media(10, 1, "a.jpg", 1000));
  m->description = "a cat";
  EXPECT_TRUE(store_->UpdateMediaAttachment(*m));
  EXPECT_EQ(store_->GetMediaAttachment(10)->description, "a cat");

  Status st;
  st.id = 100;
  st.account_id = 1;
  st.media = "[...]";
  st.media_ids = {10};
  store_->PutStatus(st);
  EXPECT_EQ(store_->GetMediaAttachment(10)->status_id, std::optional<Id>(100));
  EXPECT_EQ(store_->GetStatusById(100)->media, "[...]");
  m->description = "too late";
  EXPECT_FALSE(store_->UpdateMediaAttachment(*m));
  EXPECT_FALSE(store_->GetMediaAttachment(11));
}

TEST_F(MediaStoreTest, AStatusTakesOnlyItsAuthorsUnattachedMedia) {
  store_->PutMediaAttachment(Media(10, 2, "a.jpg", 1000));  // another's
  Status st;
  st.id = 100;
  st.account_id = 1;
  st.media_ids = {10};
  store_->PutStatus(st);
  EXPECT_FALSE(store_->GetMediaAttachment(10)->status_id);
}

TEST_F(MediaStoreTest, OldUnattachedMediaGoAndTheirFilesWhenNothingElseUsesThem) {
  store_->PutMediaAttachment(Media(10, 1, "old.jpg", 1000));
  store_->PutMediaAttachment(Media(11, 1, "shared.jpg", 1000));
  store_->PutMediaAttachment(Media(12, 2, "shared.jpg", 5000));  // same bytes, newer
  store_->PutMediaAttachment(Media(13, 1, "posted.jpg", 1000));
  store_->SetAccountImages(2, std::string("small-old.jpg"), std::nullopt);
  Status st;
  st.id = 100;
  st.account_id = 1;
  st.media_ids = {13};
  store_->PutStatus(st);
  auto files = store_->DeleteUnattachedMedia(2000);
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"old.jpg"}));  // the others are in use
  EXPECT_FALSE(store_->GetMediaAttachment(10));
  EXPECT_FALSE(store_->GetMediaAttachment(11));
  EXPECT_TRUE(store_->GetMediaAttachment(12));
  EXPECT_TRUE(store_->GetMediaAttachment(13));
  // A deleted status's attachments are unattached again, and go.
  store_->DeleteStatus(100);
  EXPECT_EQ(store_->DeleteUnattachedMedia(2000),
            (std::vector<std::string>{"posted.jpg", "small-posted.jpg"}));
}

TEST_F(MediaStoreTest, AnAccountsImagesAreReadWithItAndTheOldOnesReturnedWhenUnused) {
  EXPECT_TRUE(store_->SetAccountImages(1, std::string("a1.jpg"), std::string("h1.jpg")).empty());
  auto a = store_->GetAccountById(1);
  EXPECT_EQ(a->avatar, "a1.jpg");
  EXPECT_EQ(a->header, "h1.jpg");
  store_->SetAccountImages(2, std::string("a1.jpg"), std::nullopt);  // the same picture
  EXPECT_TRUE(store_->SetAccountImages(1, std::string("a2.jpg"), std::nullopt).empty());
  EXPECT_EQ(store_->SetAccountImages(2, std::string(""), std::nullopt),
            (std::vector<std::string>{"a1.jpg"}));
  EXPECT_EQ(store_->GetAccountById(1)->header, "h1.jpg");
}

}  // namespace
}  // namespace piaf::store
