// For tests of service verbs: a Context over a fresh SQLite store in a
// temporary directory, an in-memory timeline cache, a fake clock and the
// default settings (which a test may change: the context refers to them).
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/id.h"
#include "service/context.h"
#include "service/snapshots.h"
#include "store/sqlite_store.h"
#include "store/testing.h"
#include "timeline/memory_timeline_cache.h"

namespace piaf::service {

struct TestInstance {
  explicit TestInstance(std::int64_t now_ms = 1'800'000'000'000) : clock(now_ms) {}

  store::TempStoreDir temp;  // first: removed after the store closes
  store::SqliteStore store{temp.db()};
  timeline::MemoryTimelineCache timelines;
  core::FakeClock clock;
  core::IdGenerator ids{clock};
  Settings settings;
  Snapshots snapshots{store};
  Context ctx{store, timelines, clock, ids, settings, snapshots};
};

}  // namespace piaf::service
