#include "service/status_edits.h"

#include <algorithm>

#include "service/distribution.h"
#include "service/filters.h"
#include "service/media.h"
#include "service/polls.h"
#include "service/streaming.h"
#include "trends/tag_trends.h"

namespace piaf::service {
namespace {

// The viewer's own status (not found otherwise, as Mastodon finds it among
// the viewer's statuses).
Result<std::shared_ptr<const StatusSnapshot>> OwnStatus(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto snap = ctx.snapshots.Status(id);
  if (!snap || snap->status.account_id != *viewer.account_id) return core::NotFound();
  return snap;
}

std::vector<std::string> OptionsOf(const std::optional<store::Poll>& poll) {
  return poll ? poll->options : std::vector<std::string>{};
}

}  // namespace

Result<StatusView> EditStatus(Context& ctx, const Viewer& viewer, Id id,
                              const EditStatusInput& input) {
  auto snap = OwnStatus(ctx, viewer, id);
  if (!snap) return snap.error();
  if ((*snap)->status.reblog_of_id) return core::Forbidden();  // a reblog has no text to edit
  auto row = ctx.store.GetStatusById(id);
  if (!row) return core::NotFound();
  Id author = row->account_id;
  store::Status st = *row;  // visibility, reply, application, media: unchanged
  if (!input.media_ids.empty()) {
    std::vector<Id> now, asked = input.media_ids;
    for (const auto& m : ParseMediaColumn(row->media)) now.push_back(m.id);
    std::sort(now.begin(), now.end());
    std::sort(asked.begin(), asked.end());
    asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
    if (asked != now) {
      return core::Error{core::ErrorCode::kUnprocessable,
                         "Media attachments cannot be changed by an edit yet", ""};
    }
  }
  if (auto ok = ComposeStatusText(ctx, input.text, input.spoiler_text, st, !st.media.empty()); !ok) {
    return ok.error();
  }
  if (input.language) st.language = input.language->size() <= 8 ? *input.language : "";
  std::optional<store::Poll> old_poll;
  if (row->poll_id) old_poll = ctx.store.GetPoll(*row->poll_id);
  std::optional<store::Poll> new_poll;
  std::optional<Id> dropped;
  st.poll_id.reset();
  if (input.poll) {
    auto made = MakePoll(ctx, id, author, *input.poll);
    if (!made) return made.error();
    // The same options keep the poll and its votes (and its time).
    if (old_poll && old_poll->options == made->options && old_poll->multiple == made->multiple) {
      st.poll_id = old_poll->id;
    } else {
      new_poll = std::move(*made);
      st.poll_id = new_poll->id;
    }
  }
  if (old_poll && st.poll_id != old_poll->id) dropped = old_poll->id;
  if (st.text == row->text && st.spoiler_text == row->spoiler_text &&
      st.language == row->language && st.poll_id == row->poll_id) {
    return GetStatus(ctx, viewer, id);  // nothing changed: no new version
  }
  std::int64_t now = ctx.clock.NowMs();
  st.edited_at_ms = std::max(now, core::IdToMs(id));
  std::vector<store::StatusEdit> edits;
  if (!row->edited_at_ms) {  // the original, recorded at the first edit
    edits.push_back({ctx.ids.Next(), id, row->text, row->content, row->spoiler_text,
                     OptionsOf(old_poll), core::IdToMs(id)});
  }
  edits.push_back({ctx.ids.Next(), id, st.text, st.content, st.spoiler_text,
                   new_poll ? new_poll->options : OptionsOf(st.poll_id ? old_poll : std::nullopt),
                   *st.edited_at_ms});
  if (!ctx.store.EditStatus(st, edits, new_poll, dropped)) return core::NotFound();
  ctx.snapshots.ForgetStatus(id);  // its shared JSON is rendered again
  if (ctx.filters) ctx.filters->ForgetText(id);  // filters match the new text
  // Tags it did not have count in the trends from now (a public status).
  std::vector<std::string> added;
  if (st.visibility == store::Visibility::kPublic) {
    for (const auto& tag : st.tags) {
      if (std::find(row->tags.begin(), row->tags.end(), tag) == row->tags.end()) {
        added.push_back(tag);
      }
    }
  }
  auto fresh = ctx.snapshots.Status(id);
  if (!fresh) return core::NotFound();
  // After the status's own fan-out (jobs of one author run in order), as a
  // new status's streams and trends are.
  Distribute(
      ctx,
      [&ctx, fresh, added = std::move(added), now] {
        PublishStatus(ctx, fresh, "status.update");
        if (!ctx.trends) return;
        const store::Status& s = fresh->status;
        for (const auto& tag : added) ctx.trends->Record(tag, s.account_id, now, s.language);
      },
      author);
  store::Page all;
  all.limit = 1 << 30;
  for (auto [reblog, account] : ctx.store.ListRebloggedBy(id, all)) {
    if (CanSee(ctx, Viewer{account, "", 0}, fresh->status)) {
      Notify(ctx, account, author, "update", id);
    }
  }
  auto view = ViewStatus(ctx, viewer, fresh);
  if (!view) return core::NotFound();
  return *view;
}

Result<StatusHistory> GetStatusHistory(Context& ctx, const Viewer& viewer, Id id) {
  auto view = ViewStatusById(ctx, viewer, id);
  if (!view) return core::NotFound();
  StatusHistory history{*view, ctx.store.ListStatusEdits(id)};
  if (history.edits.empty()) {  // never edited: the original alone
    auto row = ctx.store.GetStatusById(id);
    if (!row) return core::NotFound();
    std::vector<std::string> options;
    if (view->snap->poll) options = view->snap->poll->options;
    history.edits.push_back(
        {0, id, row->text, row->content, row->spoiler_text, std::move(options), core::IdToMs(id)});
  }
  return history;
}

Result<StatusSource> GetStatusSource(Context& ctx, const Viewer& viewer, Id id) {
  auto snap = OwnStatus(ctx, viewer, id);
  if (!snap) return snap.error();
  auto row = ctx.store.GetStatusById(id);
  if (!row) return core::NotFound();
  return StatusSource{id, row->text, row->spoiler_text};
}

}  // namespace piaf::service
