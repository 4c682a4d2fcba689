#include "service/bookmarks.h"

#include <string>

#include "service/paging.h"

namespace piaf::service {
namespace {

// The status as the viewer sees it, else not found (unknown, invisible, by a
// suspended account, or reblogging one of those).
Result<StatusView> Visible(Context& ctx, const Viewer& viewer, Id id) {
  if (!viewer.account_id) return core::Forbidden();
  auto view = ViewStatusById(ctx, viewer, id);
  if (!view) return core::NotFound();
  return *view;
}

// What a bookmark of this status keeps: the original of a reblog.
Id Bookmarked(const StatusView& view) {
  return view.reblog ? view.reblog->status().id : view.status().id;
}

// A bookmark row, as FillPage reads rows.
struct BookmarkRow {
  Id id = 0;  // the bookmark's
  Id status = 0;
};

}  // namespace

Result<StatusView> Bookmark(Context& ctx, const Viewer& viewer, Id id) {
  auto view = Visible(ctx, viewer, id);
  if (!view) return view.error();
  if (ctx.store.PutBookmark(ctx.ids.Next(), *viewer.account_id, Bookmarked(*view))) {
    ForgetRelations(ctx, viewer, {*viewer.account_id});  // its bookmarked flags
  }
  return GetStatus(ctx, viewer, id);
}

Result<StatusView> Unbookmark(Context& ctx, const Viewer& viewer, Id id) {
  auto view = Visible(ctx, viewer, id);
  if (!view) return view.error();
  if (ctx.store.DeleteBookmark(*viewer.account_id, Bookmarked(*view))) {
    ForgetRelations(ctx, viewer, {*viewer.account_id});
  }
  return GetStatus(ctx, viewer, id);
}

std::vector<std::pair<Id, StatusView>> ListBookmarks(Context& ctx, const Viewer& viewer,
                                                     const store::Page& page) {
  if (!viewer.account_id) return {};
  // Rows whose status the viewer may not see are read past, not shown: a page
  // is filled from the rows after them (FillPage), so that a run of them does
  // not end the list early.
  return FillPage(
      page,
      [&](const store::Page& p) {
        std::vector<BookmarkRow> rows;
        for (auto [row, status] : ctx.store.ListBookmarks(*viewer.account_id, p)) {
          rows.push_back({row, status});
        }
        return rows;
      },
      [&](const BookmarkRow& row) -> std::optional<std::pair<Id, StatusView>> {
        auto v = ViewStatusById(ctx, viewer, row.status);
        if (!v) return std::nullopt;
        return std::pair<Id, StatusView>{row.id, std::move(*v)};
      });
}

Result<StatusView> Pin(Context& ctx, const Viewer& viewer, Id id) {
  auto view = Visible(ctx, viewer, id);
  if (!view) return view.error();
  // Each of Mastodon's objections (StatusPinValidator), in its order, joined
  // as Rails joins a record's errors.
  const store::Status& status = view->status();
  std::string objections;
  auto object = [&](const char* why) {
    if (!objections.empty()) objections += ", ";
    objections += why;
  };
  if (status.reblog_of_id) object("A boost cannot be pinned");
  if (status.account_id != *viewer.account_id) object("Someone else's post cannot be pinned");
  if (status.visibility == store::Visibility::kDirect) {
    object("Posts that are only visible to mentioned users cannot be pinned");
  }
  if (!objections.empty()) return core::Unprocessable(objections);
  switch (ctx.store.PutPin(ctx.ids.Next(), *viewer.account_id, id, kMaxPinnedStatuses)) {
    case store::Store::PinResult::kFull:
      return core::Unprocessable("You have already pinned the maximum number of posts");
    case store::Store::PinResult::kPinned:
      ForgetRelations(ctx, viewer, {*viewer.account_id});  // its pinned flag
      break;
    case store::Store::PinResult::kAlreadyPinned:  // Mastodon's unique index
      return core::Error{core::ErrorCode::kUnprocessable, "Duplicate record", ""};
  }
  return GetStatus(ctx, viewer, id);
}

Result<StatusView> Unpin(Context& ctx, const Viewer& viewer, Id id) {
  auto view = Visible(ctx, viewer, id);
  if (!view) return view.error();
  if (ctx.store.DeletePin(*viewer.account_id, id)) {
    ForgetRelations(ctx, viewer, {*viewer.account_id});
  }
  return GetStatus(ctx, viewer, id);
}

Result<std::vector<StatusView>> ReadPinnedStatuses(Context& ctx, const Viewer& viewer, Id account,
                                                   const store::Page& page,
                                                   const AccountStatusesFilter& filter) {
  auto a = ctx.snapshots.Account(account);
  if (!a || a->account.suspended) return core::NotFound();
  // Five at most, in the order pinned: one read of the pins' index, then the
  // statuses from memory (loaded together when not there).
  std::vector<Id> ids;
  for (Id id : ctx.store.ListPinnedIds(account)) {
    if (page.max_id && id >= *page.max_id) continue;
    if (page.since_id && id <= *page.since_id) continue;
    if (page.min_id && id <= *page.min_id) continue;
    ids.push_back(id);
  }
  std::vector<StatusView> out;
  for (auto& snap : ctx.snapshots.Prefetch(ids)) {
    if (static_cast<int>(out.size()) >= page.limit) break;
    auto v = ViewStatus(ctx, viewer, std::move(snap));
    if (!v || v->status().account_id != account) continue;
    const store::Status& s = v->status();
    if (filter.exclude_reblogs && s.reblog_of_id) continue;
    if (filter.exclude_replies && s.in_reply_to_id && s.in_reply_to_account_id != account) {
      continue;
    }
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace piaf::service
