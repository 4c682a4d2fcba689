// Media attachments (docs.joinmastodon.org/methods/media) and accounts'
// images: an upload is looked at (media::ProbeImage: a text file or a
// decompression bomb is refused at once), then processed (media::ProcessImage:
// decoded, turned upright, stripped, encoded again, a preview and a blurhash)
// and its files written under the media directory by the hash of their
// bytes ("ab/cdef0123....jpg"), which `piaf serve` serves at /media/.
//
// /api/v1/media processes on the request's worker and answers when done;
// /api/v2/media answers at once and processes on the media pool (the
// attachment is kProcessing until then). Nothing is processed on an I/O
// thread. An attachment stays unattached, its own uploader's only, until a
// status takes it (up to four), then is part of that status for good (the
// status's row keeps its entity, statuses.media). What stays unattached for
// a day goes, with its files when nothing else uses them (RemoveOldMedia).
//
// Thread-safety: MediaFiles may be used from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/processor.h"
#include "service/context.h"

namespace piaf::service {

inline constexpr int kMaxMediaAttachments = 4;  // a status's (Mastodon's)
inline constexpr std::size_t kMaxMediaDescription = 1500;
inline constexpr std::int64_t kUnattachedMediaMs = 24LL * 3600 * 1000;
inline constexpr int kAvatarSide = 400;
inline constexpr int kHeaderWidth = 1500, kHeaderHeight = 500;

// Where media files live and the pool that processes /api/v2's uploads.
class MediaFiles {
 public:
  // `dir` is created when missing; `threads` process uploads (at least 1).
  MediaFiles(std::string dir, media::Limits limits, int threads = 1);
  ~MediaFiles();  // runs what is queued, then stops
  MediaFiles(const MediaFiles&) = delete;

  const std::string& dir() const { return dir_; }
  const media::Limits& limits() const { return limits_; }
  // Writes `bytes` (if not there already) and returns its name,
  // "ab/<hash>.<extension>".
  std::string Save(std::string_view bytes, std::string_view extension);
  void Remove(const std::vector<std::string>& files);
  // The bytes of a file named as Save names them; nullopt for any other name
  // or a missing file.
  std::optional<std::string> Read(std::string_view name) const;
  // Runs `job` on the pool.
  void Post(std::function<void()> job);
  // Returns once every job posted so far has run (tests).
  void Drain();

 private:
  std::string dir_;
  media::Limits limits_;
  std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::deque<std::function<void()>> jobs_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// The JSON a status's row keeps of its attachments (its own short form, with
// files rather than URLs), and back.
std::string MediaColumn(const std::vector<store::MediaAttachment>& media);
std::vector<store::MediaAttachment> ParseMediaColumn(std::string_view column);

// Processes `bytes` (media::ProcessImage) into `m`'s files, saved in `files`,
// and fields (ready), or says why not (unprocessable). Uploads and `piaf seed`.
core::Status ProcessMedia(MediaFiles& files, std::string_view bytes,
                          store::MediaAttachment& m);

struct MediaInput {
  std::string bytes;
  std::optional<std::string> description;
  std::optional<std::string> focus;  // "x,y", each in -1..1
};

// An upload: processed before it returns (`wait`, /api/v1/media), or looked
// at only and processed on the pool (/api/v2/media: kProcessing until done).
// Unprocessable for what is not one of the images or over the limits.
Result<store::MediaAttachment> UploadMedia(Context& ctx, const Viewer& viewer, MediaInput input,
                                           bool wait);
// The viewer's own attachment; not found for another's.
Result<store::MediaAttachment> GetMedia(Context& ctx, const Viewer& viewer, Id id);
// Its description and focus, while unattached; not found otherwise.
Result<store::MediaAttachment> UpdateMedia(Context& ctx, const Viewer& viewer, Id id,
                                           std::optional<std::string> description,
                                           std::optional<std::string> focus);
// What a new status of the viewer takes (PostStatus): its column, or
// unprocessable (Mastodon's messages) for more than four, one not the
// viewer's or attached already, or one still processing.
Result<std::string> PrepareStatusMedia(Context& ctx, const Viewer& viewer,
                                       const std::vector<Id>& ids);
// The viewer's avatar (cropped to 400x400) and/or header (1500x500);
// unprocessable for what is not an image.
core::Status SetAccountImages(Context& ctx, const Viewer& viewer,
                              const std::optional<std::string>& avatar,
                              const std::optional<std::string>& header);
// Removes the attachments unattached for a day, and their unused files.
// Returns how many files went.
std::size_t RemoveOldMedia(Context& ctx);

}  // namespace piaf::service
