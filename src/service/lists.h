// Lists (docs.joinmastodon.org/methods/lists): an account's private groups
// of accounts it follows, each with a timeline of their posts.
//
// A list and its members are read from the owner's Relations snapshot (its
// lists with their members, loaded with its follows and forgotten with them),
// so a list's timeline and its stream cost no read of the store. A list
// timeline is not kept anywhere: it is merged at read time from its members'
// author windows (the windows the fan-out already keeps, pushed before a post
// is answered), so posting costs nothing more for lists, and a home read
// nothing more than one look for the exclusive lists' members (`InHome`).
//
// Only the owner sees a list: anyone else gets not found. An unfollow (or a
// block) takes the account out of the follower's lists (the store's trigger).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

// What POST and PUT /api/v1/lists take; what is unset stays as it was (a new
// list: `list` replies, not exclusive).
struct ListInput {
  std::optional<std::string> title;
  std::optional<std::string> replies_policy;
  std::optional<bool> exclusive;
};

// Unprocessable for an empty title or an unknown replies policy.
Result<store::List> CreateList(Context& ctx, const Viewer& viewer, const ListInput& in);
// The viewer's lists, oldest first.
std::vector<store::List> GetLists(Context& ctx, const Viewer& viewer);
// Not found unless the viewer owns it.
Result<store::List> GetList(Context& ctx, const Viewer& viewer, Id id);
Result<store::List> UpdateList(Context& ctx, const Viewer& viewer, Id id, const ListInput& in);
core::Status DeleteList(Context& ctx, const Viewer& viewer, Id id);

// The list's members, newest first by when they were added ((row id, account)
// pages; `page.limit` 0: all of them).
Result<AccountPage> ListAccounts(Context& ctx, const Viewer& viewer, Id id,
                                 const store::Page& page);
// Adds accounts the viewer follows (or itself), all or none: not found for an
// unknown account, unprocessable for one not followed or already a member.
core::Status AddListAccounts(Context& ctx, const Viewer& viewer, Id id,
                             const std::vector<Id>& accounts);
core::Status RemoveListAccounts(Context& ctx, const Viewer& viewer, Id id,
                                const std::vector<Id>& accounts);
// The viewer's lists that hold `account`; not found for an unknown account.
Result<std::vector<store::List>> ListsWithAccount(Context& ctx, const Viewer& viewer, Id account);

// The list's timeline: its members' statuses (and reblogs) the viewer may
// see, never a direct one, replies as its policy says, nothing muted
// (service/timelines.cc: merged from the members' author windows).
Result<std::vector<StatusView>> ReadListTimeline(Context& ctx, const Viewer& viewer, Id id,
                                                 const store::Page& page);
// Whether a status enters the list's timeline (and its stream), before the
// visibility check: a member's, not direct, a reply only as the policy says.
bool InList(Context& ctx, const Viewer& viewer, const ListMembers& list,
            const store::Status& status);
// The viewer's list `id` (from its relations), or nullptr when it owns no such list.
const ListMembers* FindOwnList(Context& ctx, const Viewer& viewer, Id id);

}  // namespace piaf::service
