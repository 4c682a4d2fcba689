// Polls (docs.joinmastodon.org/methods/polls and statuses#create): made with
// a new or edited status, voted in, closed when their time is up.
//
// A poll is the status's: what a viewer may see of it is what it may see of
// its status (CanSee). Its options and counts are in the status's snapshot
// (StatusSnapshot::poll), rendered with it for every viewer; whether the
// viewer voted and how comes from its Relations snapshot (poll_votes), looked
// at only for a status that has a poll. A vote forgets the status's snapshot
// (its counts) and the voter's relations. ClosePolls, called every second by
// the server's housekeeping, marks those whose time is up closed and sends
// the `poll` notification to their voters and authors.
#pragma once

#include <string>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

// Twitter's limits (2 to 4 options of 25 characters at most), Mastodon's
// longest duration shortened to Twitter's week; the shortest is the
// settings' (min_poll_seconds, Mastodon's 5 minutes).
inline constexpr int kMaxPollOptions = 4;
inline constexpr int kMaxPollOptionCharacters = 25;
inline constexpr std::int64_t kMaxPollSeconds = 7 * 24 * 3600;

// The poll of status `status_id` by `author` as `input` asks for it (its
// options stripped, blank ones left out), or 422 with Mastodon's reason.
Result<store::Poll> MakePoll(Context& ctx, Id status_id, Id author, const PollInput& input);
// The status of a poll as the viewer sees it (its poll rendered with
// api::PollText); not found when there is none or the viewer may not see it.
Result<StatusView> GetPoll(Context& ctx, const Viewer& viewer, Id poll_id);
// Votes for `choices` (indexes of options, as given): 422 when the poll has
// ended, a choice does not exist, several are given to a poll of one, the
// viewer wrote it, or voted already; answers the poll's status afterwards.
Result<StatusView> VoteInPoll(Context& ctx, const Viewer& viewer, Id poll_id,
                              const std::vector<std::string>& choices);
// Closes the polls whose time is up: each one's status is forgotten (its
// `expired`), its voters and its author get a `poll` notification. Returns
// how many were closed.
int ClosePolls(Context& ctx);

}  // namespace piaf::service
