// Posting, reading, deleting statuses; favourites and reblogs.
#include <algorithm>

#include "core/utf8.h"
#include "service/conversations.h"
#include "service/filters.h"
#include "service/notification_policy.h"
#include "service/distribution.h"
#include "service/followed_tags.h"
#include "service/media.h"
#include "service/polls.h"
#include "service/rate_limit.h"
#include "service/streaming.h"
#include "service/verbs.h"
#include "text/char_class.h"
#include "text/html.h"
#include "trends/tag_trends.h"

namespace piaf::service {
namespace {

// Takes one from the author's budget of statuses (posts and reblogs, as
// Mastodon counts them), once the status is known to be valid.
core::Status TakeStatusBudget(Context& ctx, Id author) {
  if (!ctx.limits || ctx.limits->statuses.Take("account:" + std::to_string(author))) {
    return core::Ok();
  }
  return core::Error{core::ErrorCode::kTooManyRequests, "Too many requests", "statuses throttled"};
}

// Hashtags compare case-insensitively: stored and linked lower-cased.
std::string TagName(std::string_view tag) { return text::LowerCase(tag); }

// Public statuses count in the tag trends.
void RecordTrends(Context& ctx, const store::Status& st) {
  if (!ctx.trends || st.visibility != store::Visibility::kPublic || st.reblog_of_id) return;
  for (const auto& tag : st.tags) {
    ctx.trends->Record(tag, st.account_id, core::IdToMs(st.id), st.language);
  }
}

// After the commit: the author's own timelines at once (they read their post
// back), then, off the request path (service/distribution.h), the home
// timelines of the followers — unless the author has so many followers that
// their posts are merged in at read time instead (hybrid fan-out; see
// HomeIds) —, the streams and the trends.
void Deliver(Context& ctx, const store::Status& status,
             std::shared_ptr<const StatusSnapshot> snapshot) {
  ctx.timelines.PushAuthorWindow(status.account_id, status.id);
  PushTagWindows(ctx, status);  // followed tags (service/followed_tags.h)
  ctx.timelines.Push({status.account_id}, status.id);
  Distribute(
      ctx,
      [&ctx, status, snapshot = std::move(snapshot)] {
        auto author = ctx.snapshots.Account(status.account_id);
        if (ctx.timelines.IsHeavyAuthor(status.account_id) ||
            (author && author->counts.followers >= ctx.settings.fanout_threshold)) {
          ctx.timelines.MarkHeavyAuthor(status.account_id);
        } else {
          ctx.timelines.Push(*ctx.snapshots.FollowersOf(status.account_id), status.id);
        }
        PublishStatus(ctx, snapshot);
        RecordTrends(ctx, status);
      },
      status.account_id);
}

}  // namespace

bool Notify(Context& ctx, Id account, Id from, const char* type, std::optional<Id> status,
            const store::Status* mention) {
  if (account == from) return false;  // never notify yourself
  store::Notification n{ctx.ids.Next(), account, from, type, status};
  if (mention) {
    switch (JudgeMention(ctx, account, *mention)) {
      case PolicyVerdict::kDrop:
        return false;
      case PolicyVerdict::kFilter:
        ctx.store.PutFilteredNotification(n, ctx.ids.Next());
        return false;
      case PolicyVerdict::kAccept:
        break;
    }
  }
  ctx.store.PutNotification(n);
  PublishNotification(ctx, n);
  return true;
}

core::Status ComposeStatusText(Context& ctx, const std::string& input_text,
                               const std::string& spoiler_text, store::Status& st,
                               bool has_media) {
  auto text = core::DecodeUtf8(input_text);
  if (!text) return core::Invalid("Text is not valid UTF-8");
  bool blank = std::all_of(text->begin(), text->end(), [](char32_t c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  });
  if (blank && !has_media) return core::Unprocessable("Text can't be blank");
  text::ParsedText parsed = text::ParseText(*text, ctx.settings.Length());
  if (parsed.length.weighted_length > ctx.settings.Length().max_weighted_length) {
    return core::Unprocessable("Text is too long (" +
                               std::to_string(parsed.length.weighted_length) +
                               " characters; the limit is " +
                               std::to_string(ctx.settings.Length().max_weighted_length) + ")");
  }
  if (!parsed.length.valid && !blank) return core::Unprocessable("Text contains invalid characters");
  if (core::DecodeUtf8(spoiler_text) == std::nullopt || spoiler_text.size() > 1000) {
    return core::Unprocessable("Spoiler text is invalid");
  }
  st.text = input_text;
  st.spoiler_text = spoiler_text;
  st.mentions.clear();
  st.tags.clear();
  // Only mentions that resolve to accounts become links.
  text::Entities linked = parsed.entities;
  std::erase_if(linked.mentions, [&](const text::Mention& m) {
    auto id = ctx.snapshots.AccountIdByUsername(m.username);
    auto account = id ? ctx.snapshots.Account(*id) : nullptr;
    if (!account) return true;
    if (!account->account.suspended &&
        std::find(st.mentions.begin(), st.mentions.end(), *id) == st.mentions.end()) {
      st.mentions.push_back(*id);
    }
    return false;
  });
  for (const auto& h : parsed.entities.hashtags) {
    std::string name = TagName(h.tag);
    if (std::find(st.tags.begin(), st.tags.end(), name) == st.tags.end()) st.tags.push_back(name);
  }
  // Site-relative: the render of the entity puts the address the server is
  // reached at in front (api::StatusHead), so links stay right when it moves.
  text::LinkTargets targets{
      [&](std::string_view u) { return "/@" + std::string(u); },
      [&](std::string_view t) { return "/tags/" + TagName(t); },
  };
  st.content = text::RenderHtml(*text, linked, targets);
  return core::Ok();
}

Result<StatusView> PostStatus(Context& ctx, const Viewer& viewer, const PostStatusInput& input) {
  if (!viewer.account_id) return core::Forbidden();
  Id author = *viewer.account_id;
  if (!input.idempotency_key.empty()) {
    if (auto existing = ctx.store.GetIdempotentStatus(author, input.idempotency_key)) {
      if (auto view = ViewStatusById(ctx, viewer, *existing)) return *view;
    }
  }
  store::Status st;
  st.id = ctx.ids.Next();
  st.account_id = author;
  if (auto ok = ComposeStatusText(ctx, input.text, input.spoiler_text, st,
                                  !input.media_ids.empty());
      !ok) {
    return ok.error();
  }
  st.language = input.language.size() <= 8 ? input.language : "";
  st.visibility = input.visibility.value_or(store::Visibility::kPublic);
  st.application_id = viewer.app_id;
  if (!input.media_ids.empty()) {
    // Mastodon refuses a poll with media with its "too many" message.
    if (input.poll) return core::Error{core::ErrorCode::kUnprocessable, "Cannot attach more than 4 files", ""};
    auto media = PrepareStatusMedia(ctx, viewer, input.media_ids);
    if (!media) return media.error();
    st.media = std::move(*media);
    st.media_ids = input.media_ids;
  }
  if (input.in_reply_to_id) {
    auto parent = ctx.snapshots.Status(*input.in_reply_to_id);
    if (!parent || parent->status.reblog_of_id || !CanSee(ctx, viewer, parent->status)) {
      return core::NotFound();
    }
    st.in_reply_to_id = parent->status.id;
    st.in_reply_to_account_id = parent->status.account_id;
  }
  std::optional<store::Poll> poll;
  if (input.poll) {
    auto made = MakePoll(ctx, st.id, author, *input.poll);
    if (!made) return made.error();
    poll = std::move(*made);
    st.poll_id = poll->id;
  }
  if (auto budget = TakeStatusBudget(ctx, author); !budget) return budget.error();

  if (poll) ctx.store.PutPoll(*poll);  // before the status that names it
  std::uint64_t before = ctx.snapshots.BeforeNewStatus(st.id);
  std::uint64_t author_before = ctx.snapshots.BeforeAccountChange(author);
  auto counts = ctx.store.PutStatus(st);  // committed: everything below is derived
  auto snapshot = ctx.snapshots.NewStatus(st, before);
  ctx.snapshots.AccountCountsChanged(author, counts, author_before);  // statuses_count
  if (!input.idempotency_key.empty()) {
    ctx.store.PutIdempotencyKey(author, input.idempotency_key, st.id);
  }
  if (st.in_reply_to_id) ctx.snapshots.ForgetStatus(*st.in_reply_to_id);  // replies_count
  Deliver(ctx, st, snapshot);
  std::vector<Id> reached;  // the mentioned accounts notified
  for (Id m : st.mentions) {
    if (CanSee(ctx, Viewer{m, "", 0}, st) && Notify(ctx, m, author, "mention", st.id, &st)) {
      reached.push_back(m);
    }
  }
  AddToConversations(ctx, st, reached);  // a direct status only
  auto view = ViewNewStatus(ctx, viewer, std::move(snapshot));
  if (!view) return core::Internal("a new status is not visible to its author");
  return *view;
}

Result<StatusView> GetStatus(Context& ctx, const Viewer& viewer, Id id) {
  auto view = ViewStatusById(ctx, viewer, id);
  if (!view) return core::NotFound();
  return *view;
}

namespace {

// Deletes a status and its reblogs, then forgets what they counted in: the
// authors' counters, the parent's replies, the original's reblogs.
void Delete(Context& ctx, const store::Status& status) {
  Settle(ctx);  // its fan-out and its update event come before it goes
  // Who counted it: its author, whoever reblogged or favourited it.
  std::vector<Id> authors{status.account_id}, favouriters;
  store::Page all;
  all.limit = 1 << 30;
  for (auto [reblog, account] : ctx.store.ListRebloggedBy(status.id, all)) {
    authors.push_back(account);
    if (auto wrapper = ctx.snapshots.Status(reblog)) PublishDelete(ctx, wrapper->status);
  }
  PublishDelete(ctx, status);
  RemoveFromConversations(ctx, status);  // a direct status only
  for (auto [row, account] : ctx.store.ListFavouritedBy(status.id, all)) {
    favouriters.push_back(account);
  }
  // Its bookmarks go with it (DeleteStatus), and so does its id from the
  // bookmarkers' flags (its pins are its author's, forgotten below).
  for (Id account : ctx.store.ListBookmarkerIds(status.id)) favouriters.push_back(account);
  for (const auto& removed : ctx.store.DeleteStatus(status.id)) {
    // Only the homes it was delivered to may hold it: its author's and its
    // author's followers' (Deliver).
    std::vector<Id> audience = *ctx.snapshots.FollowersOf(removed.account_id);
    audience.push_back(removed.account_id);
    ctx.timelines.Remove(removed.id, removed.account_id, audience);
    ctx.snapshots.ForgetStatus(removed.id);
  }
  for (Id a : authors) {
    ctx.snapshots.ForgetAccount(a);
    ctx.snapshots.ForgetRelations(a);  // its reblogged flags
  }
  for (Id a : favouriters) ctx.snapshots.ForgetRelations(a);
  if (status.in_reply_to_id) ctx.snapshots.ForgetStatus(*status.in_reply_to_id);
  if (status.reblog_of_id) ctx.snapshots.ForgetStatus(*status.reblog_of_id);
}

}  // namespace

Result<DeletedStatus> DeleteStatus(Context& ctx, const Viewer& viewer, Id id) {
  auto snap = ctx.snapshots.Status(id);
  if (!snap || !CanSee(ctx, viewer, snap->status)) return core::NotFound();
  // Another's status is not found, as in Mastodon (not "forbidden").
  if (snap->status.account_id != viewer.account_id) return core::NotFound();
  auto view = ViewStatus(ctx, viewer, snap);
  auto row = ctx.store.GetStatusById(id);
  if (!view || !row) return core::NotFound();
  Delete(ctx, snap->status);
  return DeletedStatus{std::move(*view), std::move(row->text)};
}

Result<ThreadView> GetContext(Context& ctx, const Viewer& viewer, Id id) {
  auto status = ctx.snapshots.Status(id);
  if (!status || !CanSee(ctx, viewer, status->status)) return core::NotFound();
  ThreadView thread;
  // Ancestors: root first.
  std::optional<Id> parent = status->status.in_reply_to_id;
  for (int depth = 0; parent && depth < 200; ++depth) {
    auto p = ctx.snapshots.Status(*parent);
    if (!p) break;
    parent = p->status.in_reply_to_id;
    if (auto v = ViewStatus(ctx, viewer, std::move(p))) thread.ancestors.push_back(std::move(*v));
  }
  std::reverse(thread.ancestors.begin(), thread.ancestors.end());
  // Descendants: depth first, oldest reply first at each level.
  std::vector<Id> stack{id};
  std::vector<Id> order;
  while (!stack.empty() && order.size() < 4000) {
    Id current = stack.back();
    stack.pop_back();
    if (current != id) order.push_back(current);
    auto replies = ctx.store.ListReplies(current);
    for (auto it = replies.rbegin(); it != replies.rend(); ++it) stack.push_back(it->id);
  }
  for (Id d : order) {
    if (auto v = ViewStatusById(ctx, viewer, d)) thread.descendants.push_back(std::move(*v));
  }
  ApplyFilters(ctx, viewer, FilterContext::kThread, thread.ancestors);
  ApplyFilters(ctx, viewer, FilterContext::kThread, thread.descendants);
  return thread;
}

Result<StatusView> Favourite(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto status = ctx.snapshots.Status(id);
  if (!status || status->status.reblog_of_id || !CanSee(ctx, viewer, status->status)) {
    return core::NotFound();
  }
  if (ctx.store.PutFavourite(ctx.ids.Next(), *viewer.account_id, id)) {
    ctx.snapshots.ForgetStatus(id);                      // favourites_count
    ForgetRelations(ctx, viewer, {*viewer.account_id});  // its flags
    Notify(ctx, status->status.account_id, *viewer.account_id, "favourite", id);
  }
  return GetStatus(ctx, viewer, id);
}

Result<StatusView> Unfavourite(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto status = ctx.snapshots.Status(id);
  if (!status || !CanSee(ctx, viewer, status->status)) return core::NotFound();
  if (ctx.store.DeleteFavourite(*viewer.account_id, id)) {
    ctx.snapshots.ForgetStatus(id);
    ForgetRelations(ctx, viewer, {*viewer.account_id});  // its flags
  }
  return GetStatus(ctx, viewer, id);
}

Result<StatusView> Reblog(Context& ctx, const Viewer& viewer, Id id,
                          std::optional<store::Visibility> visibility) {
  if (!viewer.account_id) return core::Forbidden();
  auto snap = ctx.snapshots.Status(id);
  if (!snap || !CanSee(ctx, viewer, snap->status)) return core::NotFound();
  if (snap->status.reblog_of_id) {  // reblogging a reblog reblogs the original
    snap = ctx.snapshots.Status(*snap->status.reblog_of_id);
    if (!snap || !CanSee(ctx, viewer, snap->status)) return core::NotFound();
  }
  const store::Status* status = &snap->status;
  bool own = status->account_id == *viewer.account_id;
  if (status->visibility == store::Visibility::kDirect ||
      (status->visibility == store::Visibility::kPrivate && !own)) {
    return core::Forbidden();
  }
  if (auto existing = ctx.store.FindReblog(*viewer.account_id, status->id)) {
    return GetStatus(ctx, viewer, *existing);
  }
  store::Status wrapper;
  wrapper.id = ctx.ids.Next();
  wrapper.account_id = *viewer.account_id;
  wrapper.reblog_of_id = status->id;
  // A followers-only status (its author's own) stays followers-only when
  // reblogged, as in Mastodon: a public wrapper would carry it to others.
  wrapper.visibility = visibility.value_or(store::Visibility::kPublic);
  if (wrapper.visibility == store::Visibility::kDirect)
    wrapper.visibility = store::Visibility::kPublic;
  if (status->visibility == store::Visibility::kPrivate) {
    wrapper.visibility = store::Visibility::kPrivate;
  }
  wrapper.application_id = viewer.app_id;
  if (auto budget = TakeStatusBudget(ctx, wrapper.account_id); !budget) return budget.error();
  ctx.store.PutStatus(wrapper);
  Deliver(ctx, wrapper, ctx.snapshots.Status(wrapper.id));
  ctx.snapshots.ForgetAccount(wrapper.account_id);
  ctx.snapshots.ForgetStatus(status->id);              // reblogs_count
  ForgetRelations(ctx, viewer, {*viewer.account_id});  // its flags
  Notify(ctx, status->account_id, *viewer.account_id, "reblog", status->id);
  return GetStatus(ctx, viewer, wrapper.id);
}

Result<StatusView> Unreblog(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto status = ctx.snapshots.Status(id);
  if (!status || !CanSee(ctx, viewer, status->status)) return core::NotFound();
  Id original = status->status.reblog_of_id.value_or(status->status.id);
  if (auto existing = ctx.store.FindReblog(*viewer.account_id, original)) {
    if (auto wrapper = ctx.snapshots.Status(*existing)) Delete(ctx, wrapper->status);
  }
  ForgetRelations(ctx, viewer, {*viewer.account_id});  // its flags
  return GetStatus(ctx, viewer, original);
}

AccountPage AccountRows(Context& ctx, const std::vector<std::pair<Id, Id>>& rows) {
  AccountPage out;
  for (auto [row, account] : rows) {
    if (auto a = ViewAccount(ctx, account); a && !a->account().suspended) {
      out.items.emplace_back(row, std::move(*a));
    }
  }
  return out;
}

Result<AccountPage> RebloggedBy(Context& ctx, const Viewer& viewer, Id id,
                                const store::Page& page) {
  auto status = ctx.snapshots.Status(id);
  if (!status || !CanSee(ctx, viewer, status->status)) return core::NotFound();
  return AccountRows(ctx, ctx.store.ListRebloggedBy(id, page));
}

std::vector<std::pair<Id, StatusView>> Favourites(Context& ctx, const Viewer& viewer,
                                                  const store::Page& page) {
  std::vector<std::pair<Id, StatusView>> out;
  if (!viewer.account_id) return out;
  for (auto [row, status] : ctx.store.ListFavourites(*viewer.account_id, page)) {
    if (auto v = ViewStatusById(ctx, viewer, status)) out.emplace_back(row, std::move(*v));
  }
  return out;
}

Result<AccountPage> FavouritedBy(Context& ctx, const Viewer& viewer, Id id,
                                 const store::Page& page) {
  auto status = ctx.snapshots.Status(id);
  if (!status || !CanSee(ctx, viewer, status->status)) return core::NotFound();
  return AccountRows(ctx, ctx.store.ListFavouritedBy(id, page));
}

}  // namespace piaf::service
