#include "service/polls.h"

#include <algorithm>
#include <charconv>

#include "core/utf8.h"
#include "service/streaming.h"

namespace piaf::service {
namespace {

std::string Strip(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Result<store::Poll> MakePoll(Context& ctx, Id status_id, Id author, const PollInput& input) {
  store::Poll poll;
  for (const auto& given : input.options) {
    std::string option = Strip(given);
    if (!option.empty()) poll.options.push_back(std::move(option));
  }
  // Mastodon's PollValidator, in its order, with its messages.
  if (poll.options.size() < 2) {
    return core::Unprocessable("Poll options must have more than one item");
  }
  if (poll.options.size() > static_cast<std::size_t>(kMaxPollOptions)) {
    return core::Unprocessable("Poll options can't contain more than " +
                               std::to_string(kMaxPollOptions) + " items");
  }
  for (const auto& option : poll.options) {
    auto decoded = core::DecodeUtf8(option);
    if (!decoded || decoded->size() > static_cast<std::size_t>(kMaxPollOptionCharacters)) {
      return core::Unprocessable("Poll options cannot be longer than " +
                                 std::to_string(kMaxPollOptionCharacters) + " characters each");
    }
  }
  for (std::size_t i = 0; i < poll.options.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (poll.options[i] == poll.options[j]) {
        return core::Unprocessable("Poll options contain duplicate items");
      }
    }
  }
  if (input.expires_in > kMaxPollSeconds) {
    return core::Unprocessable("Poll expires at is too far into the future");
  }
  if (input.expires_in < ctx.settings.min_poll_seconds) {
    return core::Unprocessable("Poll expires at is too soon");
  }
  poll.id = ctx.ids.Next();
  poll.status_id = status_id;
  poll.account_id = author;
  poll.expires_at_ms = ctx.clock.NowMs() + input.expires_in * 1000;
  poll.multiple = input.multiple;
  poll.hide_totals = input.hide_totals;
  poll.votes.assign(poll.options.size(), 0);
  return poll;
}

Result<StatusView> GetPoll(Context& ctx, const Viewer& viewer, Id poll_id) {
  auto poll = ctx.store.GetPoll(poll_id);
  if (!poll) return core::NotFound();
  auto view = ViewStatusById(ctx, viewer, poll->status_id);
  // Its status says which poll it has now (an edit may have replaced it).
  if (!view || !view->snap->poll || view->snap->poll->id != poll_id) return core::NotFound();
  return *view;
}

Result<StatusView> VoteInPoll(Context& ctx, const Viewer& viewer, Id poll_id,
                              const std::vector<std::string>& choices) {
  if (!viewer.account_id) return core::Forbidden();
  auto view = GetPoll(ctx, viewer, poll_id);
  if (!view) return view.error();
  const store::Poll& poll = *view->snap->poll;
  // Mastodon's VoteValidator, in its order, with its messages.
  if (view->poll_expired) return core::Unprocessable("The poll has already ended");
  std::vector<int> picked;
  for (const auto& c : choices) {
    int choice = -1;
    auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), choice);
    if (ec != std::errc() || end != c.data() + c.size() || choice < 0 ||
        choice >= static_cast<int>(poll.options.size())) {
      return core::Unprocessable("The chosen vote option does not exist");
    }
    if (std::find(picked.begin(), picked.end(), choice) == picked.end()) picked.push_back(choice);
  }
  if (picked.empty()) return core::Unprocessable("The chosen vote option does not exist");
  if (poll.account_id == *viewer.account_id) {
    return core::Unprocessable("You cannot vote in your own polls");
  }
  if (!poll.multiple && picked.size() > 1) {
    return core::Unprocessable("You have already voted on this poll");
  }
  switch (ctx.store.PutPollVotes(poll_id, *viewer.account_id, picked, ctx.clock.NowMs())) {
    case store::Store::VoteResult::kClosed:
      return core::Unprocessable("The poll has already ended");
    case store::Store::VoteResult::kAlreadyVoted:
      return core::Unprocessable("You have already voted on this poll");
    case store::Store::VoteResult::kVoted:
      break;
  }
  ctx.snapshots.ForgetStatus(poll.status_id);          // its counts
  ForgetRelations(ctx, viewer, {*viewer.account_id});  // the voter's votes
  return GetPoll(ctx, viewer, poll_id);
}

int ClosePolls(Context& ctx) {
  int closed = 0;
  for (const auto& poll : ctx.store.ListPollsToClose(ctx.clock.NowMs(), 100)) {
    if (!ctx.store.ClosePoll(poll.id)) continue;
    ++closed;
    ctx.snapshots.ForgetStatus(poll.status_id);  // `expired`, closed for good
    auto status = ctx.snapshots.Status(poll.status_id);
    if (!status) continue;
    // Its voters who may still see it, then its author (who is told too).
    for (Id voter : ctx.store.ListPollVoterIds(poll.id)) {
      if (CanSee(ctx, Viewer{voter, "", 0}, status->status)) {
        Notify(ctx, voter, poll.account_id, "poll", poll.status_id);
      }
    }
    store::Notification own{ctx.ids.Next(), poll.account_id, poll.account_id, "poll",
                            poll.status_id};
    ctx.store.PutNotification(own);
    PublishNotification(ctx, own);
  }
  return closed;
}

}  // namespace piaf::service
