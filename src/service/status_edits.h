// Editing a status (Mastodon 4: docs.joinmastodon.org/methods/statuses#edit,
// #history, #source).
//
// Only its author edits a status, not a reblog, and not its visibility nor
// what it replies to; the text is checked as a new status's is (the length
// limit, ComposeStatusText) and what follows from it is extracted again
// (mentions, tags, the full-text index, trends). A poll given anew with other
// options (or none given) replaces the old one and its votes. The first edit
// records the original version too, so the history lists every version,
// oldest first. After the commit the status's snapshot is forgotten (its
// shared JSON is rendered again at the next read, for every timeline), the
// `status.update` event goes to the streams that carry it, and those who
// reblogged it get the `update` notification.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/verbs.h"

namespace piaf::service {

struct EditStatusInput {
  std::string text;
  std::string spoiler_text;
  std::optional<std::string> language;  // none: unchanged
  std::optional<PollInput> poll;        // none: no poll (any poll is removed)
  // The attachments it keeps: as apps send them back on every edit. None:
  // unchanged; a different set is refused (media is not edited yet).
  std::vector<Id> media_ids;
};

// 404 when the status is not the viewer's (or not visible), 403 for a
// reblog, 422 for a text or poll a new status could not have.
Result<StatusView> EditStatus(Context& ctx, const Viewer& viewer, Id id,
                              const EditStatusInput& input);

struct StatusHistory {
  StatusView view;                       // the status now (its author)
  std::vector<store::StatusEdit> edits;  // oldest first; the original alone if never edited
};
Result<StatusHistory> GetStatusHistory(Context& ctx, const Viewer& viewer, Id id);

// The text as written, for editing (only its author: 404 otherwise).
struct StatusSource {
  Id id = 0;
  std::string text, spoiler_text;
};
Result<StatusSource> GetStatusSource(Context& ctx, const Viewer& viewer, Id id);

}  // namespace piaf::service
