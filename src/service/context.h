// What every service verb works with: the seams (store, timeline cache,
// clock, ids) and the instance settings. Services never see HTTP types.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/id.h"
#include "service/snapshots.h"
#include "store/store.h"
#include "text/length.h"
#include "timeline/timeline_cache.h"

namespace piaf::service {

using core::Id;
using core::Result;

struct Settings {
  std::string instance_name = "Piaf";
  std::string public_url = "http://127.0.0.1:8080";  // no trailing slash
  bool registrations_open = true;
  std::string length_config = "classic";  // or "weighted"
  // Login throttling: failed attempts allowed per window, per account from
  // one IP (so that no one can lock an account's owner out from elsewhere),
  // and per IP whatever the account.
  int login_attempts = 10;
  int login_attempts_per_ip = 25;
  std::int64_t login_window_ms = 5 * 60 * 1000;
  // Mastodon's defaults (0: no limit): accounts created per IP, statuses
  // (posts and reblogs) per account.
  int signups_per_ip = 5;
  std::int64_t signup_window_ms = 30 * 60 * 1000;
  int statuses_per_account = 300;
  std::int64_t status_window_ms = 3 * 60 * 60 * 1000;
  // Authors with at least this many followers are not fanned out on write;
  // their posts are merged into home timelines at read time.
  std::int64_t fanout_threshold = 10000;
  // A home page reads this many ids past its limit from the timeline (some
  // may not be shown: muted, direct to others), and the whole timeline only
  // when they do not suffice.
  std::size_t home_page_margin = 20;
  // The server's rules (GET /api/v1/instance/rules, the instance's `rules`),
  // in order: `--rule`, repeatable, or `rules = [...]` under [serve].
  std::vector<std::string> rules;
  // A poll lasts this long at least (Mastodon's 5 minutes; `--min-poll-seconds`
  // lowers it for tests).
  std::int64_t min_poll_seconds = 300;

  const text::LengthConfig& Length() const {
    return length_config == "weighted" ? text::LengthConfig::Weighted()
                                       : text::LengthConfig::Classic();
  }
  // The host[:port] part of the public URL.
  std::string Domain() const;
};

struct Streaming;   // service/streaming.h
class Distributor;  // service/distribution.h
struct Limits;      // service/rate_limit.h
class MediaFiles;   // service/media.h
class FilterCache;  // service/filters.h
}  // namespace piaf::service
namespace piaf::trends {
class TagTrends;  // trends/tag_trends.h
}  // namespace piaf::trends
namespace piaf::service {

struct Context {
  store::Store& store;
  timeline::TimelineCache& timelines;
  const core::Clock& clock;
  core::IdGenerator& ids;
  const Settings& settings;
  Snapshots& snapshots;
  Streaming* streaming = nullptr;       // none: nothing is streamed (tests, tools)
  trends::TagTrends* trends = nullptr;  // none: no trends are kept
  // Runs what follows a post off the request path; none: at once (tools).
  Distributor* distribution = nullptr;
  Limits* limits = nullptr;  // none: no rate limits (tests, tools)
  MediaFiles* media = nullptr;  // none: uploads are refused (tools)
  // The accounts' filters and statuses' plain texts; none: read from the
  // store each time (tests, tools).
  FilterCache* filters = nullptr;
};

// What one request learns about its viewer, taken once and reused by every
// status of the page: its relations snapshot. Verbs that change relations
// (follows, blocks, mutes, favourites, reblogs) clear it.
struct ViewerMemo {
  std::shared_ptr<const Relations> relations;
  void Clear() { *this = ViewerMemo(); }
};

// Who is asking: from a valid token. No account for anonymous requests and
// for app-only (client_credentials) tokens.
struct Viewer {
  std::optional<Id> account_id;
  std::string scopes;
  Id app_id = 0;
  std::shared_ptr<ViewerMemo> memo = std::make_shared<ViewerMemo>();
  bool Anonymous() const { return !account_id.has_value(); }
};

}  // namespace piaf::service
