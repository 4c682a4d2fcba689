// Home timelines: per account, the ids of the statuses to show, newest first.
//
// The interface is the seam for the cluster backend (Redis) of a later
// issue. A timeline that is not loaded is rebuilt from the store by the
// caller (service/), which then calls Load.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/id.h"

namespace piaf::timeline {

using core::Id;

// A part of a timeline: up to `count` ids older than `below` (from the
// newest when unset) and newer than `above` (when set), newest first. A page
// reads a slice a little larger than itself, not the 800 ids kept.
struct Slice {
  std::optional<Id> below;
  std::size_t count = std::numeric_limits<std::size_t>::max();
  std::optional<Id> above;
};

// `ids` (newest first) cut to `slice`.
std::vector<Id> SliceOf(const std::vector<Id>& ids, const Slice& slice);

class TimelineCache {
 public:
  virtual ~TimelineCache() = default;

  // `slice` of `account`'s home timeline (the whole of it by default), or
  // nullopt when it is not loaded.
  virtual std::optional<std::vector<Id>> Get(Id account, const Slice& slice = {}) = 0;
  // A rebuild reads Version(account) before it reads the store, and Load
  // keeps `ids` (newest first; capped) only if nothing was pushed to or
  // dropped from that timeline in between (else the next read rebuilds).
  // Author windows work the same way (WindowVersion, LoadAuthorWindow).
  virtual std::uint64_t Version(Id account) = 0;
  virtual void Load(Id account, std::vector<Id> ids, std::uint64_t version) = 0;
  // Adds `status` to the loaded timelines among `accounts` (fan-out on write).
  virtual void Push(const std::vector<Id>& accounts, Id status) = 0;
  // Removes `status`, written by `author`, from `author`'s window and from
  // the loaded timelines among `audience`: those that may hold it (the
  // author's and its followers'; a home holds only the statuses of its owner
  // and of the accounts it follows, and a follow or an unfollow drops it).
  // Nothing else is walked: deleting an old status of a large community
  // costs its audience, not every home.
  virtual void Remove(Id status, Id author, const std::vector<Id>& audience) = 0;
  // Forgets `account`'s timeline (it is rebuilt on the next read).
  virtual void Drop(Id account) = 0;

  // Hybrid fan-out: authors with many followers are not pushed into every
  // follower's timeline; their recent posts are merged in at read time from
  // their author window.
  virtual void MarkHeavyAuthor(Id author) = 0;
  virtual bool IsHeavyAuthor(Id author) = 0;
  // The heavy authors among `accounts`, in their order.
  virtual std::vector<Id> HeavyAuthorsAmong(const std::vector<Id>& accounts) = 0;
  // Author windows: any author's newest status ids (newest first, capped),
  // for account timelines and heavy authors (`slice` of it); nullopt when not
  // loaded.
  virtual std::optional<std::vector<Id>> GetAuthorWindow(Id author, const Slice& slice = {}) = 0;
  virtual std::uint64_t WindowVersion(Id author) = 0;
  virtual void LoadAuthorWindow(Id author, std::vector<Id> ids, std::uint64_t version) = 0;
  // Adds to a loaded author window.
  virtual void PushAuthorWindow(Id author, Id status) = 0;
  // How many ids an author window keeps at most.
  virtual std::size_t WindowCapacity() const = 0;
};

}  // namespace piaf::timeline
