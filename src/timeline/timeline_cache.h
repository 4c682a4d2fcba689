// Home timelines: per account, the ids of the statuses to show, newest first.
//
// The interface is the seam for the cluster backend (Redis) of a later
// issue. A timeline that is not loaded is rebuilt from the store by the
// caller (service/), which then calls Load.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <optional>
#include <vector>

#include "core/id.h"

namespace piaf::timeline {

using core::Id;

class TimelineCache {
 public:
  virtual ~TimelineCache() = default;

  // The ids of `account`'s home timeline, newest first, or nullopt when it is
  // not loaded.
  virtual std::optional<std::vector<Id>> Get(Id account) = 0;
  // Replaces `account`'s timeline with `ids` (newest first; capped).
  virtual void Load(Id account, std::vector<Id> ids) = 0;
  // Adds `status` to the loaded timelines among `accounts` (fan-out on write).
  virtual void Push(const std::vector<Id>& accounts, Id status) = 0;
  // Removes `status` from every loaded timeline.
  virtual void Remove(Id status) = 0;
  // Forgets `account`'s timeline (it is rebuilt on the next read).
  virtual void Drop(Id account) = 0;

  // Hybrid fan-out: authors with many followers are not pushed into every
  // follower's timeline; their recent posts are kept here, per author, and
  // merged in at read time.
  virtual void MarkHeavyAuthor(Id author) = 0;
  virtual bool IsHeavyAuthor(Id author) = 0;
  // The recent status ids of a heavy author (newest first), or nullopt when
  // not loaded.
  virtual std::optional<std::vector<Id>> GetAuthorWindow(Id author) = 0;
  virtual void LoadAuthorWindow(Id author, std::vector<Id> ids) = 0;
  // Adds to a loaded author window.
  virtual void PushAuthorWindow(Id author, Id status) = 0;
};

}  // namespace piaf::timeline
