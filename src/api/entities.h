// The one serializer per Mastodon entity (spec §6). Views in, JSON out.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "api/http.h"
#include "service/announcements.h"
#include "service/suggestions.h"
#include "service/verbs.h"
#include "trends/tag_trends.h"

namespace piaf::api {

namespace json = boost::json;

// Accounts, statuses and notifications are written as text: the shared part
// of each comes from its snapshot's RenderMemo (rendered once), the viewer's
// flags are spliced in.
void AppendAccount(std::string& out, const service::AccountView& v, const service::Settings& s);
void AppendStatus(std::string& out, const service::StatusView& v, const service::Settings& s);
// The same text, pointing into the snapshots' rendered JSON rather than
// copying it: `out` must hold `v` (Pieces::Hold) for as long as it lives.
void AppendStatus(Pieces& out, const service::StatusView& v, const service::Settings& s);
void AppendNotification(std::string& out, const service::NotificationView& n,
                        const service::Settings& s);
std::string StatusText(const service::StatusView& v, const service::Settings& s);
// A status just deleted, with its plain source (`text`) so that it can be
// redrafted; no other status shows it (spec: only in the DELETE response).
std::string DeletedStatusText(const service::DeletedStatus& d, const service::Settings& s);
// A status's Poll (docs.joinmastodon.org/entities/Poll) as `v`'s viewer sees
// it (`voted`, `own_votes` only for a signed-in viewer); `v` has a poll.
void AppendPoll(std::string& out, const service::StatusView& v);
std::string PollText(const service::StatusView& v);
// A StatusEdit (one version of the status `v`, written by its author).
void AppendStatusEdit(std::string& out, const store::StatusEdit& e, const service::StatusView& v,
                      const service::Settings& s);
std::string NotificationText(const service::NotificationView& n, const service::Settings& s);
// With credentials: the account of verify_credentials (source, role).
json::value AccountJson(const service::AccountView& v, const service::Settings& s,
                        bool credentials = false);
json::value RelationshipJson(const service::RelationshipView& r);
// A Tag: name, url, and its history (7 days, newest first; strings);
// `following`: whether the viewer follows it.
json::value TagJson(const std::string& name, const std::vector<trends::Day>& history,
                    const service::Settings& s, bool following = false);
json::value AppJson(const store::App& app, bool with_secret);
json::value InstanceV1Json(const service::Settings& s, std::int64_t users, std::int64_t statuses);
json::value InstanceV2Json(const service::Settings& s, std::int64_t users);
// Markers keyed by timeline: {"home": {last_read_id, version, updated_at}}.
json::value MarkersJson(const std::vector<store::Marker>& markers);

// -- what Mastodon apps ask for at start (instance_extras.cc, discovery.cc,
// announcements.cc)
// An Announcement: its text escaped in paragraphs, no mentions, statuses,
// tags, emojis nor reactions; `read` as the viewer left it.
json::value AnnouncementJson(const service::AnnouncementView& v);
// The server's rules as Rule entities: ids from "1" in order, no hint.
json::value RulesJson(const std::vector<std::string>& rules);
// The Preferences of an account: Mastodon's defaults, which Piaf does not
// let an account change (the same as verify_credentials' `source`).
json::value PreferencesJson();
// A Suggestion (v2) of a friend of friends.
void AppendSuggestion(std::string& out, const service::AccountView& v, const service::Settings& s);
// A FamiliarFollowers: {"id", "accounts": [Account]}.
void AppendFamiliarFollowers(std::string& out, const service::FamiliarFollowers& f,
                             const service::Settings& s);
// /.well-known/nodeinfo's links, and the NodeInfo 2.0 document.
json::value NodeInfoLinksJson(const service::Settings& s);
json::value NodeInfoJson(const service::Settings& s, std::int64_t users, std::int64_t statuses);
// A WebFinger JRD for a local account.
json::value WebFingerJson(const store::Account& a, const service::Settings& s);

// -- filters, conversations, grouped notifications (filters.cc,
// conversations.cc, notifications_v2.cc)
// A Filter (v2): with its keywords and statuses when `rules` (what
// /api/v2/filters shows), without them inside a FilterResult.
void AppendFilter(std::string& out, const store::Filter& f, bool rules);
// A V1::Filter: one keyword of a filter.
void AppendFilterV1(std::string& out, const store::Filter& f, const store::FilterKeyword& k);
// FilterResults, comma-separated (the inside of a status's `filtered`).
void AppendFilterResults(std::string& out, const std::vector<service::FilterResultView>& results);

// Appends `s` as a JSON string, escaped as boost::json::serialize escapes
// it (quote, backslash and control characters; UTF-8 is written as is).
void AppendJsonString(std::string& out, std::string_view s);
// The MediaAttachment entity (media.cc); a status's from its media column.
void AppendMediaAttachment(std::string& out, const store::MediaAttachment& m,
                           const service::Settings& s);
std::string MediaAttachmentsJson(std::string_view column, const service::Settings& s);

const char* VisibilityName(store::Visibility v);
std::optional<store::Visibility> ParseVisibility(std::string_view name);

// The version string every client parses (spec §7).
const char* VersionString();

}  // namespace piaf::api
