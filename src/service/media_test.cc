#include "service/media.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "media/testing.h"

#include "service/testing.h"
#include "service/verbs.h"

namespace piaf::service {
namespace {

std::string Sample(const std::string& name) { return media::SampleImage(name); }

class MediaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_.ctx.media = &files_;
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(1, "alice")).ok());
    ASSERT_TRUE(t_.store.PutAccount(store::TestAccount(2, "bob")).ok());
  }
  bool Exists(const std::string& file) {
    return std::filesystem::exists(std::filesystem::path(files_.dir()) / file);
  }
  TestInstance t_;
  MediaFiles files_{std::filesystem::path(t_.temp.db()).parent_path().string() + "/media",
                   media::Limits{}};
  Viewer alice_{1, "read write", 0};
  Viewer bob_{2, "read write", 0};
};

TEST_F(MediaTest, AnUploadUnattachedForADayGoesWithItsFiles) {
  auto m = UploadMedia(t_.ctx, alice_, {Sample("photo.webp"), "a sky", std::nullopt}, true);
  ASSERT_TRUE(m) << m.error().safe_message;
  EXPECT_TRUE(Exists(m->file));
  EXPECT_TRUE(Exists(m->preview));
  t_.clock.Advance(kUnattachedMediaMs - 1000);
  EXPECT_EQ(RemoveOldMedia(t_.ctx), 0u);
  EXPECT_TRUE(GetMedia(t_.ctx, alice_, m->id));
  t_.clock.Advance(2000);
  EXPECT_GE(RemoveOldMedia(t_.ctx), 1u);  // a small image is its own preview: one file
  EXPECT_FALSE(Exists(m->file));
  EXPECT_FALSE(GetMedia(t_.ctx, alice_, m->id));
}

TEST_F(MediaTest, AnUploadProcessedOnThePoolIsProcessingThenReady) {
  auto m = UploadMedia(t_.ctx, alice_, {Sample("orientation6.jpg"), std::nullopt, "0.5,-0.25"},
                       false);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->state, store::MediaAttachment::State::kProcessing);
  files_.Drain();
  auto done = GetMedia(t_.ctx, alice_, m->id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, store::MediaAttachment::State::kReady);
  EXPECT_EQ(done->width, 80);
  EXPECT_EQ(done->focus_x, 0.5);
  EXPECT_FALSE(GetMedia(t_.ctx, bob_, m->id));  // another's
}

TEST_F(MediaTest, AStatusTakesUpToFourOwnUnattachedReadyAttachments) {
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) {
    auto m = UploadMedia(t_.ctx, alice_, {Sample("alpha.png"), std::nullopt, std::nullopt}, true);
    ASSERT_TRUE(m);
    ids.push_back(m->id);
  }
  EXPECT_FALSE(PrepareStatusMedia(t_.ctx, alice_, ids));
  EXPECT_FALSE(PrepareStatusMedia(t_.ctx, bob_, {ids[0]}));
  PostStatusInput in;
  in.media_ids = {ids[0], ids[1]};
  auto posted = PostStatus(t_.ctx, alice_, in);  // no text: the media suffice
  ASSERT_TRUE(posted) << posted.error().safe_message;
  auto media = ParseMediaColumn(posted->status().media);
  ASSERT_EQ(media.size(), 2u);
  EXPECT_EQ(media[0].id, ids[0]);
  EXPECT_EQ(media[1].mime, "image/png");
  EXPECT_FALSE(PrepareStatusMedia(t_.ctx, alice_, {ids[0]}));  // attached now
  EXPECT_FALSE(UpdateMedia(t_.ctx, alice_, ids[0], "late", std::nullopt));
  PostStatusInput empty;
  EXPECT_FALSE(PostStatus(t_.ctx, alice_, empty));  // neither text nor media
}

TEST_F(MediaTest, AnAvatarIsCroppedSquareAndTheOldOneRemoved) {
  ASSERT_TRUE(SetAccountImages(t_.ctx, alice_, Sample("photo.webp"), std::nullopt));
  std::string first = t_.store.GetAccountById(1)->avatar;
  ASSERT_FALSE(first.empty());
  auto bytes = files_.Read(first);
  ASSERT_TRUE(bytes);
  auto probe = media::ProbeImage(*bytes, media::Limits{});
  EXPECT_EQ(probe->width, kAvatarSide);
  EXPECT_EQ(probe->height, kAvatarSide);
  ASSERT_TRUE(SetAccountImages(t_.ctx, alice_, Sample("alpha.png"), std::nullopt));
  EXPECT_FALSE(Exists(first));
  EXPECT_FALSE(SetAccountImages(t_.ctx, alice_, std::string("not an image"), std::nullopt));
}

}  // namespace
}  // namespace piaf::service
