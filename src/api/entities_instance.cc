// The entities of the server itself and of what apps ask for at start:
// apps, markers, the instance (v1, v2), announcements, rules, preferences,
// suggestions, familiar followers, NodeInfo, WebFinger.
#include <boost/json.hpp>

#include "api/entities.h"
#include "core/id.h"
#include "service/bookmarks.h"
#include "service/media.h"
#include "service/polls.h"

namespace piaf::api {
namespace {

using core::FormatTime;
using core::IdToString;

std::string StreamingUrl(const service::Settings& s) {
  std::string url = s.public_url;
  if (url.starts_with("https://")) return "wss://" + url.substr(8);
  if (url.starts_with("http://")) return "ws://" + url.substr(7);
  return url;
}

// The parts of the instance configuration v1 and v2 share (no media, no
// polls yet).
json::object StatusesConfiguration(int max) {
  return {
      {"max_characters", max},
      {"max_media_attachments", service::kMaxMediaAttachments},
      {"characters_reserved_per_url", 23}};
}
json::object MediaConfiguration() {
  // Images only (service/media.h); no video.
  media::Limits limits;
  return {{"supported_mime_types", json::array{"image/jpeg", "image/png", "image/gif", "image/webp"}},
          {"image_size_limit", limits.max_bytes},
          {"image_matrix_limit", limits.max_pixels},
          {"description_limit", service::kMaxMediaDescription},
          {"video_size_limit", 0},
          {"video_frame_rate_limit", 0},
          {"video_matrix_limit", 0}};
}
json::object PollsConfiguration(const service::Settings& s) {
  return {{"max_options", service::kMaxPollOptions},
          {"max_characters_per_option", service::kMaxPollOptionCharacters},
          {"min_expiration", s.min_poll_seconds},
          {"max_expiration", service::kMaxPollSeconds}};
}

// Piaf's own: the length rules the web app's compose counter follows
// ("classic", twitter-text v1, or "weighted", v3).
json::object PiafConfiguration(const service::Settings& s) {
  return json::object{{"length", s.length_config == "weighted" ? "weighted" : "classic"}};
}

}  // namespace

json::value AppJson(const store::App& app, bool with_secret) {
  json::array scopes;
  std::string_view rest = app.scopes;
  while (!rest.empty()) {
    auto sp = rest.find(' ');
    if (sp != 0) scopes.push_back(json::string(rest.substr(0, sp)));
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp + 1);
  }
  json::array uris;
  std::string_view u = app.redirect_uris;
  while (!u.empty()) {
    auto nl = u.find('\n');
    if (nl != 0) uris.push_back(json::string(u.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    u.remove_prefix(nl + 1);
  }
  json::object o{
      {"id", IdToString(app.id)},
      {"name", app.name},
      {"website", app.website.empty() ? json::value(nullptr) : json::value(app.website)},
      {"scopes", scopes},
      {"redirect_uri", app.redirect_uris},
      {"redirect_uris", uris},
      {"vapid_key", ""},
  };
  if (with_secret) {
    o["client_id"] = app.client_id;
    o["client_secret"] = app.client_secret;
    o["client_secret_expires_at"] = 0;
  }
  return o;
}

json::value MarkersJson(const std::vector<store::Marker>& markers) {
  json::object o;
  for (const auto& m : markers) {
    o[m.timeline] = json::object{{"last_read_id", IdToString(m.last_read_id)},
                                 {"version", m.version},
                                 {"updated_at", FormatTime(m.updated_at_ms)}};
  }
  return o;
}

json::value InstanceV1Json(const service::Settings& s, std::int64_t users, std::int64_t statuses) {
  int max = s.Length().max_weighted_length;
  return json::object{
      {"uri", s.Domain()},
      {"title", s.instance_name},
      {"short_description", "A Piaf community"},
      {"description", "A Piaf community: short messages, listening and answering."},
      {"email", ""},
      {"version", VersionString()},
      {"urls", json::object{{"streaming_api", StreamingUrl(s)}}},
      {"stats",
       json::object{{"user_count", users}, {"status_count", statuses}, {"domain_count", 0}}},
      {"thumbnail", nullptr},
      {"languages", json::array{"fr", "en"}},
      {"registrations", s.registrations_open},
      {"approval_required", false},
      {"invites_enabled", false},
      {"max_toot_chars", max},
      {"configuration",
       json::object{
           {"accounts", json::object{{"max_featured_tags", 0},
                                     {"max_pinned_statuses", service::kMaxPinnedStatuses}}},
           {"statuses", StatusesConfiguration(max)},
           {"media_attachments", MediaConfiguration()},
           {"polls", PollsConfiguration(s)},
           {"piaf", PiafConfiguration(s)},
       }},
      {"contact_account", nullptr},
      {"rules", json::array()},
  };
}

json::value InstanceV2Json(const service::Settings& s, std::int64_t users) {
  int max = s.Length().max_weighted_length;
  return json::object{
      {"domain", s.Domain()},
      {"title", s.instance_name},
      {"version", VersionString()},
      // Mastodon 4.3's: grouped notifications (/api/v2/notifications) are
      // served, which apps such as Phanpy look for here.
      {"api_versions", json::object{{"mastodon", 2}}},
      {"source_url", "https://example.invalid/piaf"},
      {"description", "A Piaf community: short messages, listening and answering."},
      {"usage", json::object{{"users", json::object{{"active_month", users}}}}},
      {"thumbnail", json::object{{"url", s.public_url + "/thumbnail.png"}}},
      {"languages", json::array{"fr", "en"}},
      {"configuration",
       json::object{
           {"urls", json::object{{"streaming", StreamingUrl(s)}}},
           {"accounts", json::object{{"max_featured_tags", 0},
                                     {"max_pinned_statuses", service::kMaxPinnedStatuses}}},
           {"statuses", StatusesConfiguration(max)},
           {"media_attachments", MediaConfiguration()},
           {"polls", PollsConfiguration(s)},
           {"translation", json::object{{"enabled", false}}},
           {"piaf", PiafConfiguration(s)},
       }},
      {"registrations",
       json::object{
           {"enabled", s.registrations_open}, {"approval_required", false}, {"message", nullptr}}},
      {"contact", json::object{{"email", ""}, {"account", nullptr}}},
      {"rules", json::array()},
  };
}

// ------------------------------------------- what Mastodon apps ask for at start

json::value AnnouncementJson(const service::AnnouncementView& v) {
  const store::Announcement& a = v.announcement;
  auto time = [](const std::optional<std::int64_t>& ms) -> json::value {
    if (!ms) return nullptr;
    return json::value(core::FormatTime(*ms));
  };
  return json::object{
      {"id", IdToString(a.id)},
      {"content", a.content},
      {"starts_at", time(a.starts_at_ms)},
      {"ends_at", time(a.ends_at_ms)},
      {"all_day", a.all_day},
      {"published_at", core::FormatTime(a.published_at_ms)},
      {"updated_at", core::FormatTime(a.updated_at_ms)},
      {"read", v.read},
      {"mentions", json::array()},
      {"statuses", json::array()},
      {"tags", json::array()},
      {"emojis", json::array()},
      {"reactions", json::array()},
  };
}

json::value RulesJson(const std::vector<std::string>& rules) {
  json::array out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    out.push_back(json::object{{"id", std::to_string(i + 1)}, {"text", rules[i]}, {"hint", ""}});
  }
  return out;
}

json::value PreferencesJson() {
  return json::object{
      {"posting:default:visibility", "public"}, {"posting:default:sensitive", false},
      {"posting:default:language", nullptr},    {"reading:expand:media", "default"},
      {"reading:expand:spoilers", false},
  };
}

void AppendSuggestion(std::string& out, const service::AccountView& v, const service::Settings& s) {
  // `source` is the deprecated field, as Mastodon maps friends_of_friends.
  out += R"({"source":"past_interactions","sources":["friends_of_friends"],"account":)";
  AppendAccount(out, v, s);
  out += '}';
}

void AppendFamiliarFollowers(std::string& out, const service::FamiliarFollowers& f,
                             const service::Settings& s) {
  out += R"({"id":)";
  AppendJsonString(out, IdToString(f.id));
  out += R"(,"accounts":[)";
  for (std::size_t i = 0; i < f.accounts.size(); ++i) {
    if (i) out += ',';
    AppendAccount(out, f.accounts[i], s);
  }
  out += "]}";
}

json::value NodeInfoLinksJson(const service::Settings& s) {
  return json::object{
      {"links", json::array{json::object{{"rel", "http://nodeinfo.diaspora.software/ns/schema/2.0"},
                                         {"href", s.public_url + "/nodeinfo/2.0"}}}}};
}

json::value NodeInfoJson(const service::Settings& s, std::int64_t users, std::int64_t statuses) {
  return json::object{
      {"version", "2.0"},
      {"software", json::object{{"name", "piaf"}, {"version", "0.1.0"}}},  // as VersionString
      // Piaf does not federate (yet): no protocol is claimed.
      {"protocols", json::array()},
      {"services", json::object{{"outbound", json::array()}, {"inbound", json::array()}}},
      {"usage", json::object{{"users", json::object{{"total", users}}}, {"localPosts", statuses}}},
      {"openRegistrations", s.registrations_open},
      // megalodon's detector() takes a server whose software it does not
      // know for Mastodon when its upstream says so (else: "Unknown SNS").
      {"metadata", json::object{{"nodeName", s.instance_name},
                                {"upstream", json::object{{"name", "mastodon"}}}}},
  };
}

json::value WebFingerJson(const store::Account& a, const service::Settings& s) {
  std::string profile = s.public_url + "/@" + a.username;
  return json::object{
      {"subject", "acct:" + a.username + "@" + s.Domain()},
      {"aliases", json::array{profile}},
      {"links",
       json::array{
           json::object{{"rel", "http://webfinger.net/rel/profile-page"},
                        {"type", "text/html"},
                        {"href", profile}},
           // The account's `uri` (Piaf serves no ActivityPub actor yet).
           json::object{{"rel", "self"}, {"type", "application/activity+json"}, {"href", profile}},
       }},
  };
}

}  // namespace piaf::api
