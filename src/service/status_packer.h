// StatusPacker: a rendered status snapshot in a few hundred bytes, and back.
//
// The snapshots map keeps a bounded number of status snapshots as objects
// (about 1.4 KiB each, most of it their JSON). The statuses it lets go of
// are packed (service/snapshots.cc): every field a read uses and the JSON,
// compressed with zstd and a dictionary trained on the first statuses packed
// (their field names, constant parts and the community's common words). A
// read that misses the objects unpacks one (a microsecond or two) instead of
// loading it from the store and rendering it again.
//
// Pure: no I/O. Thread-safe: Pack and Unpack may be called from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace piaf::service {

struct StatusSnapshot;

class StatusPacker {
 public:
  // The dictionary is trained once `training_bytes` of packed statuses have
  // been seen; until then statuses are compressed without one.
  explicit StatusPacker(std::size_t training_bytes = 4 << 20);
  ~StatusPacker();
  StatusPacker(const StatusPacker&) = delete;
  StatusPacker& operator=(const StatusPacker&) = delete;

  // Whether `snap` is rendered (its JSON is what is worth keeping).
  static bool Packable(const StatusSnapshot& snap);
  // nullopt when `snap` is not Packable.
  std::optional<std::string> Pack(const StatusSnapshot& snap);
  // The snapshot, its JSON rendered; nullptr if `packed` is not something
  // Pack returned.
  std::shared_ptr<StatusSnapshot> Unpack(std::string_view packed) const;

  bool Trained() const;

 private:
  struct Dictionary;
  void Learn(const std::string& raw);

  std::size_t training_bytes_;
  std::mutex training_mu_;
  std::string samples_;
  std::vector<std::size_t> sample_sizes_;
  bool training_done_ = false;
  std::shared_ptr<const Dictionary> dict_;  // read with std::atomic_load
};

}  // namespace piaf::service
