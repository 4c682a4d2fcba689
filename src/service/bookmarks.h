// Bookmarks and pinned statuses (Mastodon's /api/v1/bookmarks,
// statuses/:id/{bookmark,unbookmark,pin,unpin}, accounts/:id/statuses?pinned).
//
// A bookmark is the viewer's private note of a status; what the list shows is
// checked as every read is (CanSee), so a followers-only status of an account
// the viewer no longer follows, or a direct message it is no longer party to,
// stays out of it while its row stays. A pin features one of the viewer's own
// statuses on its profile, five at most. Both change the viewer's Relations
// snapshot, whence every status it reads takes its `bookmarked` and `pinned`
// flags; a status deleted takes its bookmarks and pins with it (the store's
// DeleteStatus).
#pragma once

#include <utility>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

// Mastodon's limit (StatusPinValidator), shown as max_pinned_statuses by
// /api/v2/instance.
inline constexpr int kMaxPinnedStatuses = 5;

// Bookmarks the status for the viewer (a reblog: the status it reblogs, as
// Mastodon does) and answers it as the viewer now sees it; bookmarking twice
// is one bookmark. Not found when the viewer may not see it.
Result<StatusView> Bookmark(Context& ctx, const Viewer& viewer, Id id);
// Removes the bookmark, if any; not found when the viewer may not see it.
Result<StatusView> Unbookmark(Context& ctx, const Viewer& viewer, Id id);
// The viewer's bookmarks, newest first, paged by the bookmark's row id (the
// Link header's cursors): (row id, status) pairs, the statuses the viewer may
// not see (any more) left out.
std::vector<std::pair<Id, StatusView>> ListBookmarks(Context& ctx, const Viewer& viewer,
                                                     const store::Page& page);

// Pins one of the viewer's own statuses. Not found when the viewer may not
// see it; unprocessable (Mastodon's messages) for a reblog, another's status,
// a direct one, or a sixth pin. Pinning twice is one pin.
Result<StatusView> Pin(Context& ctx, const Viewer& viewer, Id id);
// Removes the viewer's pin of the status, if any; not found when the viewer
// may not see it.
Result<StatusView> Unpin(Context& ctx, const Viewer& viewer, Id id);
// The account's pinned statuses the viewer may see, newest pin first; the
// page's cursors apply to the statuses' ids, the filter as for its other
// statuses. Not found for an unknown or suspended account.
Result<std::vector<StatusView>> ReadPinnedStatuses(Context& ctx, const Viewer& viewer, Id account,
                                                   const store::Page& page,
                                                   const AccountStatusesFilter& filter = {});

}  // namespace piaf::service
