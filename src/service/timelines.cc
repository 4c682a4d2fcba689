// Reading timelines. "A home timeline is read": ids from the timeline cache
// (rebuilt from the store when not loaded), cursor-filtered, hydrated, and
// filtered through the one visibility check.
#include <algorithm>

#include "service/filters.h"
#include "service/distribution.h"
#include "service/followed_tags.h"
#include "service/lists.h"
#include "service/paging.h"
#include "service/verbs.h"
#include "text/char_class.h"

namespace piaf::service {
namespace {

constexpr int kRebuildDepth = 800;

using timeline::Slice;

// An author's newest statuses (any visibility), from memory: `slice` of them.
std::vector<Id> AuthorWindow(Context& ctx, Id author, const Slice& slice = {}) {
  if (auto window = ctx.timelines.GetAuthorWindow(author, slice)) return std::move(*window);
  auto version = ctx.timelines.WindowVersion(author);
  auto ids =
      ctx.store.ListStatusIdsByAuthors({author}, static_cast<int>(ctx.timelines.WindowCapacity()));
  ctx.timelines.LoadAuthorWindow(author, ids, version);
  return timeline::SliceOf(ids, slice);
}

// Sorts ids newest first, each once.
void SortNewestFirst(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end(), std::greater<>());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// `slice` of the viewer's home timeline.
std::vector<Id> HomeIds(Context& ctx, const Viewer& viewer, const Slice& slice) {
  Id account = *viewer.account_id;
  auto version = ctx.timelines.Version(account);  // before the follows are read
  const std::vector<Id>& following = Following(ctx, viewer);
  std::vector<Id> ids;
  if (auto cached = ctx.timelines.Get(account, slice)) {
    ids = std::move(*cached);
    // Hybrid fan-out: merge the recent posts of the heavy authors followed
    // (not pushed into loaded timelines), as much of each as the slice asks
    // and, when the home fills the slice, only what is newer than its oldest.
    auto heavy = ctx.timelines.HeavyAuthorsAmong(following);
    Slice newer = slice;
    if (ids.size() >= slice.count && !ids.empty()) newer.above = ids.back();
    for (Id author : heavy) {
      auto window = AuthorWindow(ctx, author, newer);
      ids.insert(ids.end(), window.begin(), window.end());
    }
    // Followed tags: their windows, merged the same way (not fanned out).
    const auto& tags = FollowedTagNames(ctx, viewer);
    for (const auto& tag : tags) {
      auto window = TagWindow(ctx, tag, newer);
      ids.insert(ids.end(), window.begin(), window.end());
    }
    if (!heavy.empty() || !tags.empty()) {
      SortNewestFirst(ids);
      if (ids.size() > slice.count) ids.resize(slice.count);
    }
    return ids;
  }
  // Rebuilt from the author windows, the heavy authors' included: the store
  // is read only for authors whose window is not in memory, or is full and
  // shallower than a home.
  std::vector<Id> authors = following;
  authors.push_back(account);
  std::vector<Id> deeper;
  std::size_t capacity = ctx.timelines.WindowCapacity();
  for (Id author : authors) {
    auto window = AuthorWindow(ctx, author);
    if (window.size() >= capacity && capacity < kRebuildDepth) {
      deeper.push_back(author);
    } else {
      ids.insert(ids.end(), window.begin(), window.end());
    }
  }
  if (!deeper.empty()) {
    auto more = ctx.store.ListStatusIdsByAuthors(deeper, kRebuildDepth);
    ids.insert(ids.end(), more.begin(), more.end());
  }
  SortNewestFirst(ids);
  if (ids.size() > static_cast<std::size_t>(kRebuildDepth)) ids.resize(kRebuildDepth);
  ctx.timelines.Load(account, ids, version);
  // Followed tags' windows are merged at each read, never kept in the home
  // (an unfollowed tag leaves it at once).
  const auto& tags = FollowedTagNames(ctx, viewer);
  if (tags.empty()) return timeline::SliceOf(ids, slice);
  std::vector<Id> out = timeline::SliceOf(ids, slice);
  Slice newer = slice;
  if (out.size() >= slice.count && !out.empty()) newer.above = out.back();
  for (const auto& tag : tags) {
    auto window = TagWindow(ctx, tag, newer);
    out.insert(out.end(), window.begin(), window.end());
  }
  SortNewestFirst(out);
  if (out.size() > slice.count) out.resize(slice.count);
  return out;
}

// Applies max_id/since_id/min_id to ids sorted newest first; returns
// candidates in the order they should be tried.
std::vector<Id> Window(const std::vector<Id>& ids, const store::Page& page) {
  std::vector<Id> out;
  for (Id id : ids) {
    if (page.max_id && id >= *page.max_id) continue;
    if (page.since_id && id <= *page.since_id) continue;
    if (page.min_id && id <= *page.min_id) continue;
    out.push_back(id);
  }
  if (page.min_id) std::reverse(out.begin(), out.end());  // oldest after min_id first
  return out;
}

// The snapshots of a page's first `limit` candidates, loaded together; the
// candidates past them are read one by one, as they come.
class PageSnapshots {
 public:
  PageSnapshots(Context& ctx, const std::vector<Id>& candidates, int limit)
      : ctx_(ctx), candidates_(candidates) {
    auto n = std::min(candidates.size(), static_cast<std::size_t>(std::max(limit, 0)));
    first_ = ctx.snapshots.Prefetch(std::vector<Id>(candidates.begin(), candidates.begin() + n));
  }
  // Candidate i's snapshot, handed over (each is taken once).
  std::shared_ptr<const StatusSnapshot> Take(std::size_t i) {
    return i < first_.size() ? std::move(first_[i]) : ctx_.snapshots.Status(candidates_[i]);
  }

 private:
  Context& ctx_;
  const std::vector<Id>& candidates_;
  std::vector<std::shared_ptr<const StatusSnapshot>> first_;
};

std::vector<StatusView> Visible(Context& ctx, const Viewer& viewer,
                                const std::vector<store::Status>& statuses) {
  std::vector<Id> ids;
  for (const auto& s : statuses) ids.push_back(s.id);
  return ViewStatuses(ctx, viewer, ctx.snapshots.Prefetch(ids));
}

// Whether a status belongs in its reader's home: direct statuses only when
// addressed to them, nothing from (or reblogged from) accounts they mute.
}  // namespace

void LoadAuthorWindows(Context& ctx) {
  ctx.store.ForEachAuthorStatusIds(
      static_cast<int>(ctx.timelines.WindowCapacity()), [&](Id author, std::vector<Id>& ids) {
        ctx.timelines.LoadAuthorWindow(author, std::move(ids), ctx.timelines.WindowVersion(author));
        return true;
      });
}

std::vector<StatusView> ReadHomeTimeline(Context& ctx, const Viewer& viewer,
                                         const store::Page& page) {
  std::vector<StatusView> out;
  if (!viewer.account_id) return out;
  // Every post acknowledged so far by an account followed is in the
  // timelines (the viewer's own are pushed before the answer).
  SettleAuthors(ctx, Following(ctx, viewer));
  // A slice a little larger than the page (all of it for min_id, read
  // oldest first); when the checks below leave the page short and the slice
  // was cut, the page is read again from the whole timeline.
  Slice slice{page.max_id, page.min_id ? Slice{}.count
                                       : static_cast<std::size_t>(std::max(page.limit, 0)) +
                                             ctx.settings.home_page_margin};
  while (true) {
    std::vector<Id> ids = HomeIds(ctx, viewer, slice);
    bool whole = ids.size() < slice.count;
    std::vector<Id> candidates = Window(ids, page);
    PageSnapshots snapshots(ctx, candidates, page.limit);
    std::size_t next = 0;
    while (static_cast<int>(out.size()) < page.limit && next < candidates.size()) {
      // Take as many candidates as are missing, view them together.
      std::vector<std::shared_ptr<const StatusSnapshot>> batch;
      while (next < candidates.size() && static_cast<int>(out.size() + batch.size()) < page.limit) {
        auto snap = snapshots.Take(next++);
        if (snap && InHome(ctx, viewer, *snap)) batch.push_back(std::move(snap));
      }
      for (auto& v : ViewStatuses(ctx, viewer, std::move(batch))) {
        if (HiddenByMute(ctx, viewer, v)) continue;
        out.push_back(std::move(v));
      }
    }
    if (static_cast<int>(out.size()) >= page.limit || whole) break;
    out.clear();
    slice.count = Slice{}.count;
  }
  if (page.min_id) std::reverse(out.begin(), out.end());
  ApplyFilters(ctx, viewer, FilterContext::kHome, out);  // no filters: one look in a cache
  return out;
}

std::vector<StatusView> ReadPublicTimeline(Context& ctx, const Viewer& viewer,
                                           const store::Page& page) {
  auto out = Visible(ctx, viewer, ctx.store.ListPublicStatuses(page));
  ApplyFilters(ctx, viewer, FilterContext::kPublic, out);
  return out;
}

std::vector<StatusView> ReadTagTimeline(Context& ctx, const Viewer& viewer, std::string_view tag,
                                        const store::Page& page) {
  if (!tag.empty() && tag[0] == '#') tag.remove_prefix(1);
  auto out = Visible(ctx, viewer, ctx.store.ListTagStatuses(text::LowerCase(tag), page));
  ApplyFilters(ctx, viewer, FilterContext::kPublic, out);
  return out;
}

Result<std::vector<StatusView>> ReadAccountStatuses(Context& ctx, const Viewer& viewer, Id account,
                                                    const store::Page& page,
                                                    const AccountStatusesFilter& filter) {
  auto wanted = [&](const store::Status& s) {
    if (filter.exclude_reblogs && s.reblog_of_id) return false;
    if (filter.only_media && s.media.empty()) return false;
    return !(filter.exclude_replies && s.in_reply_to_id && s.in_reply_to_account_id != account);
  };
  auto a = ctx.snapshots.Account(account);
  if (!a || a->account.suspended) return core::NotFound();
  // From the author's window when it holds the whole page: it has every
  // status of the author newer than its oldest id (all of them when it is not
  // full).
  std::vector<Id> window = AuthorWindow(ctx, account);
  bool complete = window.size() < ctx.timelines.WindowCapacity();
  std::optional<Id> lower = page.min_id ? page.min_id : page.since_id;
  bool covers_lower = complete || (lower && !window.empty() && *lower >= window.back());
  std::vector<StatusView> out;
  std::vector<Id> candidates = Window(window, page);
  PageSnapshots snapshots(ctx, candidates, page.limit);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (static_cast<int>(out.size()) >= page.limit) break;
    auto v = ViewStatus(ctx, viewer, snapshots.Take(i));
    if (v && wanted(v->status())) out.push_back(std::move(*v));
  }
  bool full = static_cast<int>(out.size()) >= page.limit;
  if (covers_lower || (full && !page.min_id)) {
    if (page.min_id) std::reverse(out.begin(), out.end());
  } else {
    // Older than the window: from the store.
    out = FillPage(
        page, [&](const store::Page& p) { return ctx.store.ListAccountStatuses(account, p); },
        [&](const store::Status& s) {
          return wanted(s) ? ViewStatusById(ctx, viewer, s.id) : std::nullopt;
        });
  }
  ApplyFilters(ctx, viewer, FilterContext::kAccount, out);
  return out;
}

Result<std::vector<StatusView>> ReadListTimeline(Context& ctx, const Viewer& viewer, Id id,
                                                 const store::Page& page) {
  const ListMembers* found = FindOwnList(ctx, viewer, id);
  if (!found) return core::NotFound();
  auto keep = viewer.memo->relations;  // the snapshot `found` is in, kept while the page is read
  const ListMembers& list = *found;
  SettleAuthors(ctx, list.members);  // every post they had answered is in their windows
  // The members' windows, merged at read time: a slice of each, as a home
  // read does (the whole of them when the page is left short).
  Slice slice{page.max_id, page.min_id ? Slice{}.count
                                       : static_cast<std::size_t>(std::max(page.limit, 0)) +
                                             ctx.settings.home_page_margin};
  std::vector<StatusView> out;
  while (true) {
    std::vector<Id> ids;
    for (Id member : list.members) {
      auto window = AuthorWindow(ctx, member, slice);
      ids.insert(ids.end(), window.begin(), window.end());
    }
    SortNewestFirst(ids);
    bool whole = ids.size() < slice.count;
    if (ids.size() > slice.count) ids.resize(slice.count);
    std::vector<Id> candidates = Window(ids, page);
    PageSnapshots snapshots(ctx, candidates, page.limit);
    for (std::size_t i = 0; i < candidates.size() && static_cast<int>(out.size()) < page.limit;
         ++i) {
      auto snap = snapshots.Take(i);
      if (!snap || !InList(ctx, viewer, list, snap->status)) continue;
      auto v = ViewStatus(ctx, viewer, std::move(snap));
      if (v && !HiddenByMute(ctx, viewer, *v)) out.push_back(std::move(*v));
    }
    if (static_cast<int>(out.size()) >= page.limit || whole) break;
    out.clear();
    slice.count = Slice{}.count;
  }
  if (page.min_id) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace piaf::service
