// Announcements of the administration (Mastodon's /api/v1/announcements):
// posted with `piaf admin announce`, shown to every account, each dismissed
// per account.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/context.h"

namespace piaf::service {

struct AnnouncementInput {
  std::string text;
  // The dates of what is announced (both or neither), not when it is shown:
  // an announcement is shown from when it is posted until it is deleted.
  std::optional<std::int64_t> starts_at_ms, ends_at_ms;
  bool all_day = false;
};

// Stores a new announcement, published now: its content is the text escaped
// in paragraphs (no links). 422 for a blank text, one date without the
// other, or an end before the start.
Result<store::Announcement> PostAnnouncement(Context& ctx, const AnnouncementInput& input);

struct AnnouncementView {
  store::Announcement announcement;
  bool read = false;  // the viewer dismissed it
};

// The announcements, in Mastodon's order; those the viewer dismissed only
// when `with_dismissed`. The viewer has an account.
std::vector<AnnouncementView> ListAnnouncements(Context& ctx, const Viewer& viewer,
                                                bool with_dismissed);
// 404 when there is no such announcement.
core::Status DismissAnnouncement(Context& ctx, const Viewer& viewer, Id id);

// An ISO 8601 date or time as the admin CLI takes it, in ms since the epoch:
// "2026-12-24" (midnight UTC), "2026-12-24T18:30", with seconds and a
// fraction, and "Z" or an offset ("+01:00", "-0500"; none: UTC). nullopt for
// anything else.
std::optional<std::int64_t> ParseIsoTime(std::string_view text);

}  // namespace piaf::service
