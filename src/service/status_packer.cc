#include "service/status_packer.h"

#include <zdict.h>
#include <zstd.h>

#include <cstring>
#include <type_traits>

#include "service/snapshots.h"

namespace piaf::service {
namespace {

// The raw form: fixed-width numbers and length-prefixed strings, one after
// the other (zstd takes out what is constant or repeated).
class Writer {
 public:
  template <class T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Put(const std::string& s) {
    Put(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void Put(const std::optional<Id>& id) {
    Put(static_cast<std::uint8_t>(id.has_value()));
    if (id) Put(*id);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  bool Get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (in_.size() < sizeof v) return false;
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
    return true;
  }
  bool Get(std::string& s) {
    std::uint32_t n = 0;
    if (!Get(n) || in_.size() < n) return false;
    s.assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool Get(std::optional<Id>& id) {
    std::uint8_t has = 0;
    if (!Get(has)) return false;
    if (!has) return (id.reset(), true);
    Id v = 0;
    if (!Get(v)) return false;
    id = v;
    return true;
  }
  bool Done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

constexpr std::uint8_t kFormat = 2;  // 2: with the media column
constexpr int kLevel = 1;  // packing runs off the request path, but on the same two cores
constexpr std::size_t kDictionaryBytes = 64 << 10;
constexpr std::uint32_t kMaxRawBytes = 1 << 20;  // a status is a few KiB at most

std::string Serialize(const StatusSnapshot& snap, const std::string& json) {
  const store::Status& st = snap.status;
  Writer w;
  w.Put(kFormat);
  w.Put(st.id);
  w.Put(st.account_id);
  w.Put(st.spoiler_text);
  w.Put(st.language);
  w.Put(static_cast<std::uint8_t>(st.visibility));
  w.Put(st.in_reply_to_id);
  w.Put(st.in_reply_to_account_id);
  w.Put(st.reblog_of_id);
  w.Put(static_cast<std::uint32_t>(st.mentions.size()));
  for (Id m : st.mentions) w.Put(m);
  w.Put(static_cast<std::uint32_t>(st.tags.size()));
  for (const auto& t : st.tags) w.Put(t);
  w.Put(st.application_id);
  w.Put(snap.counts.replies);
  w.Put(snap.counts.reblogs);
  w.Put(snap.counts.favourites);
  w.Put(static_cast<std::uint32_t>(snap.mentions.size()));
  for (const auto& [id, username] : snap.mentions) {
    w.Put(id);
    w.Put(username);
  }
  w.Put(static_cast<std::uint8_t>(snap.application_name.has_value()));
  if (snap.application_name) w.Put(*snap.application_name);
  w.Put(st.media);
  w.Put(json);
  return w.Take();
}

std::shared_ptr<StatusSnapshot> Deserialize(std::string_view raw) {
  auto snap = std::make_shared<StatusSnapshot>();
  store::Status& st = snap->status;
  Reader r(raw);
  std::uint8_t format = 0, visibility = 0, has_app_name = 0;
  std::uint32_t n = 0;
  std::string json;
  if (!r.Get(format) || format != kFormat || !r.Get(st.id) || !r.Get(st.account_id) ||
      !r.Get(st.spoiler_text) || !r.Get(st.language) || !r.Get(visibility) ||
      !r.Get(st.in_reply_to_id) || !r.Get(st.in_reply_to_account_id) || !r.Get(st.reblog_of_id) ||
      !r.Get(n)) {
    return nullptr;
  }
  st.visibility = static_cast<store::Visibility>(visibility);
  st.mentions.resize(n);
  for (Id& m : st.mentions) {
    if (!r.Get(m)) return nullptr;
  }
  if (!r.Get(n)) return nullptr;
  st.tags.resize(n);
  for (auto& t : st.tags) {
    if (!r.Get(t)) return nullptr;
  }
  if (!r.Get(st.application_id) || !r.Get(snap->counts.replies) || !r.Get(snap->counts.reblogs) ||
      !r.Get(snap->counts.favourites) || !r.Get(n)) {
    return nullptr;
  }
  snap->mentions.resize(n);
  for (auto& [id, username] : snap->mentions) {
    if (!r.Get(id) || !r.Get(username)) return nullptr;
  }
  if (!r.Get(has_app_name)) return nullptr;
  if (has_app_name && !r.Get(snap->application_name.emplace())) return nullptr;
  if (!r.Get(st.media) || !r.Get(json) || !r.Done()) return nullptr;
  snap->json.Get([&] { return std::move(json); });
  return snap;
}

// One compression and one decompression context per thread, reused; the
// frame's parameters are set once (they stay across frames).
struct Contexts {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_DCtx* d = ZSTD_createDCtx();
  Contexts() {
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 0);
    ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);
  }
  ~Contexts() {
    ZSTD_freeCCtx(c);
    ZSTD_freeDCtx(d);
  }
};
Contexts& ThreadContexts() {
  thread_local Contexts contexts;
  return contexts;
}

}  // namespace

struct StatusPacker::Dictionary {
  ZSTD_CDict* c = nullptr;
  ZSTD_DDict* d = nullptr;
  ~Dictionary() {
    ZSTD_freeCDict(c);
    ZSTD_freeDDict(d);
  }
};

StatusPacker::StatusPacker(std::size_t training_bytes) : training_bytes_(training_bytes) {}
StatusPacker::~StatusPacker() = default;

// An edited status or one with a poll (few) is not packed: its edit time and
// its poll are not among the fields packed, so it is loaded again instead.
bool StatusPacker::Packable(const StatusSnapshot& snap) {
  return snap.json.Rendered() && !snap.status.poll_id && !snap.status.edited_at_ms;
}

bool StatusPacker::Trained() const { return std::atomic_load(&dict_) != nullptr; }

void StatusPacker::Learn(const std::string& raw) {
  std::lock_guard lock(training_mu_);
  if (training_done_) return;
  samples_ += raw;
  sample_sizes_.push_back(raw.size());
  if (samples_.size() < training_bytes_) return;
  training_done_ = true;
  std::string buffer(kDictionaryBytes, '\0');
  std::size_t size =
      ZDICT_trainFromBuffer(buffer.data(), buffer.size(), samples_.data(), sample_sizes_.data(),
                            static_cast<unsigned>(sample_sizes_.size()));
  std::string().swap(samples_);
  std::vector<std::size_t>().swap(sample_sizes_);
  if (ZDICT_isError(size)) return;  // packed without one, as until now
  auto dict = std::make_shared<Dictionary>();
  dict->c = ZSTD_createCDict(buffer.data(), size, kLevel);
  dict->d = ZSTD_createDDict(buffer.data(), size);
  if (!dict->c || !dict->d) return;
  std::atomic_store(&dict_, std::shared_ptr<const Dictionary>(std::move(dict)));
}

// Packed: one byte (whether the dictionary was used), the raw size (4 bytes),
// then a zstd frame without its checksum, sizes or dictionary id.
std::optional<std::string> StatusPacker::Pack(const StatusSnapshot& snap) {
  const std::string* json = snap.json.Rendered();
  if (!json) return std::nullopt;
  std::string raw = Serialize(snap, *json);
  if (raw.size() > kMaxRawBytes) return std::nullopt;
  auto dict = std::atomic_load(&dict_);
  if (!dict) Learn(raw);
  ZSTD_CCtx* c = ThreadContexts().c;
  ZSTD_CCtx_refCDict(c, dict ? dict->c : nullptr);  // nullptr: none
  const std::size_t header = 1 + sizeof(std::uint32_t);
  std::string out(header + ZSTD_compressBound(raw.size()), '\0');
  out[0] = dict ? 1 : 0;
  auto raw_size = static_cast<std::uint32_t>(raw.size());
  std::memcpy(out.data() + 1, &raw_size, sizeof raw_size);
  std::size_t n =
      ZSTD_compress2(c, out.data() + header, out.size() - header, raw.data(), raw.size());
  if (ZSTD_isError(n)) return std::nullopt;
  out.resize(header + n);
  out.shrink_to_fit();
  return out;
}

std::shared_ptr<StatusSnapshot> StatusPacker::Unpack(std::string_view packed) const {
  const std::size_t header = 1 + sizeof(std::uint32_t);
  if (packed.size() < header) return nullptr;
  bool with_dict = packed[0] == 1;
  std::uint32_t raw_size = 0;
  std::memcpy(&raw_size, packed.data() + 1, sizeof raw_size);
  if (raw_size > kMaxRawBytes) return nullptr;
  auto dict = std::atomic_load(&dict_);
  if (with_dict && !dict) return nullptr;
  ZSTD_DCtx* d = ThreadContexts().d;
  ZSTD_DCtx_refDDict(d, with_dict ? dict->d : nullptr);  // nullptr: none
  // The thread's buffer, reused: one allocation less per unpack.
  thread_local std::string raw;
  raw.resize(raw_size);
  std::size_t n = ZSTD_decompressDCtx(d, raw.data(), raw.size(), packed.data() + header,
                                      packed.size() - header);
  if (ZSTD_isError(n) || n != raw_size) return nullptr;
  return Deserialize(raw);
}

}  // namespace piaf::service
