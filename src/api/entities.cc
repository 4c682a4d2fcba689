#include "api/entities.h"

#include <boost/json.hpp>

#include "core/id.h"
#include "service/bookmarks.h"
#include "service/media.h"
#include "service/polls.h"
#include "text/html.h"

namespace piaf::api {
namespace {

using core::FormatTime;
using core::IdToString;

std::string NoteHtml(std::string_view note) {
  if (note.empty()) return "";
  std::string out = "<p>";
  for (char c : note) {
    if (c == '\n') {
      out += "<br />";
    } else {
      std::string one(1, c);
      text::AppendEscapedHtml(out, one);
    }
  }
  return out + "</p>";
}

// Mastodon rounds an account's creation time to midnight UTC.
std::int64_t Midnight(std::int64_t ms) { return ms - ms % (24LL * 3600 * 1000); }

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // the start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\f':
        out += 'f';
        break;
      case '\n':
        out += 'n';
        break;
      case '\r':
        out += 'r';
        break;
      case '\t':
        out += 't';
        break;
      default:
        out += "u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

const char* VersionString() { return "4.2.0 (compatible; Piaf 0.1.0)"; }

const char* VisibilityName(store::Visibility v) {
  switch (v) {
    case store::Visibility::kPublic:
      return "public";
    case store::Visibility::kUnlisted:
      return "unlisted";
    case store::Visibility::kPrivate:
      return "private";
    case store::Visibility::kDirect:
      return "direct";
  }
  return "public";
}

std::optional<store::Visibility> ParseVisibility(std::string_view name) {
  if (name == "public") return store::Visibility::kPublic;
  if (name == "unlisted") return store::Visibility::kUnlisted;
  if (name == "private") return store::Visibility::kPrivate;
  if (name == "direct") return store::Visibility::kDirect;
  return std::nullopt;
}

namespace {

// Writes a JSON object's fields straight into a text, in order (no
// json::object built first: a hash table of its keys was most of a render).
class ObjectText {
 public:
  explicit ObjectText(std::string& out) : out_(out) {}
  // Writes `{"key":` or `,"key":`; the value follows.
  std::string& Field(std::string_view key) {
    out_ += open_ ? ',' : '{';
    open_ = true;
    AppendJsonString(out_, key);
    out_ += ':';
    return out_;
  }
  void String(std::string_view key, std::string_view value) { AppendJsonString(Field(key), value); }
  void Int(std::string_view key, std::int64_t n) { Field(key) += std::to_string(n); }
  void Bool(std::string_view key, bool b) { Field(key) += b ? "true" : "false"; }
  // A literal: null, [] or a JSON text written already.
  void Raw(std::string_view key, std::string_view json) { Field(key) += json; }
  void IdOrNull(std::string_view key, const std::optional<core::Id>& id) {
    if (id) {
      String(key, IdToString(*id));
    } else {
      Raw(key, "null");
    }
  }
  void Close() { out_ += open_ ? "}" : "{}"; }

 private:
  std::string& out_;
  bool open_ = false;
};

// The counts of an Account entity, from `,"followers_count":` to the value
// of `last_status_at`.
void AppendCounts(std::string& out, const store::AccountCounts& counts) {
  out += ",\"followers_count\":";
  out += std::to_string(counts.followers);
  out += ",\"following_count\":";
  out += std::to_string(counts.following);
  out += ",\"statuses_count\":";
  out += std::to_string(counts.statuses);
  out += ",\"last_status_at\":";
  if (counts.last_status_id) {
    AppendJsonString(out, FormatTime(core::IdToMs(*counts.last_status_id)).substr(0, 10));
  } else {
    out += "null";
  }
}

// The Account entity as everyone sees it, in the spec's order.
std::string AccountText(const store::Account& a, const store::AccountCounts& counts,
                        const service::Settings& s) {
  std::string out;
  out.reserve(1024 + a.note.size());
  ObjectText o(out);
  std::string url = s.public_url + "/@" + a.username;
  std::string avatar = a.avatar.empty() ? s.public_url + "/avatars/original/missing.png"
                                        : s.public_url + "/media/" + a.avatar;
  std::string header = a.header.empty() ? s.public_url + "/headers/original/missing.png"
                                        : s.public_url + "/media/" + a.header;
  o.String("id", IdToString(a.id));
  o.String("username", a.username);
  o.String("acct", a.username);
  o.String("display_name", a.display_name);
  o.Bool("locked", a.locked);
  o.Bool("bot", false);
  o.Bool("discoverable", true);
  o.Bool("indexable", true);
  o.Bool("group", false);
  o.String("created_at", FormatTime(Midnight(core::IdToMs(a.id))));
  o.String("note", NoteHtml(a.note));
  o.String("url", url);
  o.String("uri", url);
  o.String("avatar", avatar);
  o.String("avatar_static", avatar);
  o.String("header", header);
  o.String("header_static", header);
  AppendCounts(out, counts);
  o.Raw("emojis", "[]");
  o.Raw("fields", "[]");
  o.Raw("roles", "[]");
  o.Bool("noindex", false);
  o.Bool("hide_collections", false);
  if (a.organization) o.Bool("piaf_organization", true);
  o.Close();
  return out;
}

// `text` (an AccountText) with other counts: what lies between
// `,"followers_count":` and `,"emojis":` written again. Neither can occur
// inside a string value, where every quote is escaped.
std::optional<std::string> Recounted(std::string_view text, const store::AccountCounts& counts) {
  auto from = text.find(",\"followers_count\":");
  auto to = text.find(",\"emojis\":", from);
  if (from == std::string_view::npos || to == std::string_view::npos) return std::nullopt;
  std::string out;
  out.reserve(text.size() + 16);
  out += text.substr(0, from);
  AppendCounts(out, counts);
  out += text.substr(to);
  return out;
}

// `html` with its site-relative links (`href="/@simon"`, as posts store their
// mentions and hashtags) made absolute on `base`. Users' own text cannot
// hold `href="` (its quotes are escaped), so only the renderer's links match.
std::string AbsoluteLinks(std::string_view html, std::string_view base) {
  static constexpr std::string_view kRelative = "href=\"/";
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t from = 0;
  for (auto at = html.find(kRelative); at != std::string_view::npos;
       at = html.find(kRelative, from)) {
    out.append(html.substr(from, at + 6 - from));  // through the opening quote
    out.append(base);
    from = at + 6;
  }
  out.append(html.substr(from));
  return out;
}

// Everything of a status that is the same for every viewer, as an open JSON
// object ending with `"account":` (the author, the reblog and the viewer's
// flags follow, StatusTo: favourited, reblogged, bookmarked, pinned; none of
// them may be in the shared text). Written straight into the text, in the
// order of the spec's Status: building a json::object first (a hash table of
// 26 keys) was most of the render, which every status not yet in memory pays
// (8 % of an account timeline's profile on the large profile, 6 % of
// compose's).
std::string StatusHead(const service::StatusSnapshot& snap, const std::string& author_username,
                       const service::Settings& s) {
  const auto& st = snap.status;
  std::string head;
  head.reserve(512 + snap.content.size() + 160 * (snap.mentions.size() + st.tags.size()));
  ObjectText o(head);
  std::string url = s.public_url + "/@" + author_username + "/" + IdToString(st.id);
  o.String("id", IdToString(st.id));
  o.String("uri", url);
  o.String("url", url);
  o.String("created_at", FormatTime(core::IdToMs(st.id)));
  o.String("content", AbsoluteLinks(snap.content, s.public_url));
  o.String("visibility", VisibilityName(st.visibility));
  o.Bool("sensitive", !st.spoiler_text.empty());
  o.String("spoiler_text", st.spoiler_text);
  o.Raw("media_attachments", MediaAttachmentsJson(st.media, s));
  o.Field("mentions") += '[';
  for (std::size_t i = 0; i < snap.mentions.size(); ++i) {
    const auto& [id, username] = snap.mentions[i];
    if (i) head += ',';
    ObjectText m(head);
    m.String("id", IdToString(id));
    m.String("username", username);
    m.String("acct", username);
    m.String("url", s.public_url + "/@" + username);
    m.Close();
  }
  head += ']';
  o.Field("tags") += '[';
  for (std::size_t i = 0; i < st.tags.size(); ++i) {
    if (i) head += ',';
    ObjectText t(head);
    t.String("name", st.tags[i]);
    t.String("url", s.public_url + "/tags/" + st.tags[i]);
    t.Close();
  }
  head += ']';
  o.Raw("emojis", "[]");
  o.IdOrNull("in_reply_to_id", st.in_reply_to_id);
  o.IdOrNull("in_reply_to_account_id", st.in_reply_to_account_id);
  // A poll is written after the viewer's flags (StatusTo): its `voted` and
  // `own_votes` are the viewer's.
  if (!snap.poll) o.Raw("poll", "null");
  o.Raw("card", "null");
  if (st.language.empty()) {
    o.Raw("language", "null");
  } else {
    o.String("language", st.language);
  }
  if (st.edited_at_ms) {
    o.String("edited_at", FormatTime(*st.edited_at_ms));
  } else {
    o.Raw("edited_at", "null");
  }
  o.Int("replies_count", snap.counts.replies);
  o.Int("reblogs_count", snap.counts.reblogs);
  o.Int("favourites_count", snap.counts.favourites);
  o.Bool("muted", false);
  o.Raw("filtered", "[]");
  o.Field("account");                // left open: the author, the reblog and the flags follow
  std::string().swap(snap.content);  // in the JSON now (StatusSnapshot)
  return head;
}

}  // namespace

json::value AccountJson(const service::AccountView& v, const service::Settings& s,
                        bool credentials) {
  // Parsed from the text every status shows: one writer of the entity.
  json::object o = json::parse(AccountText(v.account(), v.counts(), s)).as_object();
  if (credentials) {
    const auto& a = v.account();
    o["source"] =
        json::object{{"note", a.note},     {"fields", json::array()}, {"privacy", "public"},
                     {"sensitive", false}, {"language", nullptr},     {"follow_requests_count", 0}};
    o["role"] = json::object{
        {"id", "-99"}, {"name", ""}, {"permissions", "0"}, {"color", ""}, {"highlighted", false}};
  }
  return o;
}

namespace {

// A std::string written as Pieces are: what is kept is copied.
struct TextOut {
  std::string& text;
  void Kept(std::string_view t) { text += t; }
  TextOut& operator+=(std::string_view t) {
    text += t;
    return *this;
  }
};

template <class Out>
void AccountTo(Out& out, const service::AccountView& v, const service::Settings& s) {
  out.Kept(v.snap->json.Get([&] {
    // Only the counts changed since the snapshot before: its text, recounted.
    auto before = std::move(v.snap->recount_of);
    if (before) {
      if (const std::string* text = before->json.Rendered()) {
        if (auto recounted = Recounted(*text, v.counts())) return std::move(*recounted);
      }
    }
    return AccountText(v.account(), v.counts(), s);
  }));
}

// The viewer's favourited, reblogged and bookmarked flags: one literal of
// eight, so that a status's flags cost one copy into the page's text (a
// home page renders 20 to 40 of them).
std::string_view ViewerFlags(const service::StatusView& v) {
  static constexpr std::string_view kFlags[8] = {
      R"(,"favourited":false,"reblogged":false,"bookmarked":false)",
      R"(,"favourited":false,"reblogged":false,"bookmarked":true)",
      R"(,"favourited":false,"reblogged":true,"bookmarked":false)",
      R"(,"favourited":false,"reblogged":true,"bookmarked":true)",
      R"(,"favourited":true,"reblogged":false,"bookmarked":false)",
      R"(,"favourited":true,"reblogged":false,"bookmarked":true)",
      R"(,"favourited":true,"reblogged":true,"bookmarked":false)",
      R"(,"favourited":true,"reblogged":true,"bookmarked":true)",
  };
  return kFlags[(v.favourited ? 4 : 0) | (v.reblogged ? 2 : 0) | (v.bookmarked ? 1 : 0)];
}

template <class Out>
void StatusTo(Out& out, const service::StatusView& v, const service::Settings& s) {
  const std::string& head =
      v.snap->json.Get([&] { return StatusHead(*v.snap, v.author.account().username, s); });
  if (v.filtered.empty()) {
    out.Kept(head);
  } else {
    // The viewer's FilterResults go between the brackets of the shared
    // text's `"filtered":[]`, which ends it (StatusHead) just before the author.
    static constexpr std::string_view kTail = "],\"account\":";
    out.Kept(std::string_view(head).substr(0, head.size() - kTail.size()));
    std::string results;
    AppendFilterResults(results, v.filtered);
    out += results;
    out += kTail;
  }
  AccountTo(out, v.author, s);
  out += ",\"reblog\":";
  if (v.reblog) {
    StatusTo(out, *v.reblog, s);
  } else {
    out += "null";
  }
  out += ViewerFlags(v);
  // Mastodon says whether a status is pinned only to its author, and only of
  // a status that may be pinned.
  if (v.pinnable) out += v.pinned ? ",\"pinned\":true" : ",\"pinned\":false";
  if (v.snap->poll) {
    std::string poll = ",\"poll\":";
    AppendPoll(poll, v);
    out += poll;
  }
  if (v.own && v.snap->application_name) {
    std::string app = ",\"application\":{\"name\":";
    AppendJsonString(app, *v.snap->application_name);
    app += ",\"website\":null}";
    out += app;
  }
  out += "}";
}

}  // namespace

void AppendAccount(std::string& out, const service::AccountView& v, const service::Settings& s) {
  TextOut text{out};
  AccountTo(text, v, s);
}

void AppendStatus(std::string& out, const service::StatusView& v, const service::Settings& s) {
  TextOut text{out};
  StatusTo(text, v, s);
}

void AppendStatus(Pieces& out, const service::StatusView& v, const service::Settings& s) {
  StatusTo(out, v, s);
}

std::string StatusText(const service::StatusView& v, const service::Settings& s) {
  std::string out;
  out.reserve(2048);  // a status and its author: grown from nothing, 1 % of a post's CPU
  AppendStatus(out, v, s);
  return out;
}

std::string DeletedStatusText(const service::DeletedStatus& d, const service::Settings& s) {
  std::string out = StatusText(d.view, s);
  out.pop_back();  // the closing brace
  out += ",\"text\":";
  AppendJsonString(out, d.text);
  out += '}';
  return out;
}

void AppendPoll(std::string& out, const service::StatusView& v) {
  const store::Poll& p = *v.snap->poll;
  std::int64_t total = 0;
  for (auto n : p.votes) total += n;
  // Mastodon hides the counts of a poll with hide_totals until it ends.
  bool totals = v.poll_expired || !p.hide_totals;
  ObjectText o(out);
  o.String("id", IdToString(p.id));
  o.String("expires_at", FormatTime(p.expires_at_ms));
  o.Bool("expired", v.poll_expired);
  o.Bool("multiple", p.multiple);
  o.Int("votes_count", total);
  o.Int("voters_count", p.voters);
  o.Field("options") += '[';
  for (std::size_t i = 0; i < p.options.size(); ++i) {
    if (i) out += ',';
    ObjectText option(out);
    option.String("title", p.options[i]);
    if (totals && i < p.votes.size()) {
      option.Int("votes_count", p.votes[i]);
    } else {
      option.Raw("votes_count", "null");
    }
    option.Close();
  }
  out += ']';
  o.Raw("emojis", "[]");
  if (v.poll_viewer) {  // only for a signed-in viewer, as Mastodon does
    o.Bool("voted", v.voted);
    o.Field("own_votes") += '[';
    bool first = true;
    for (int i = 0; i < 32; ++i) {
      if (!(v.own_votes & (1u << i))) continue;
      if (!first) out += ',';
      out += std::to_string(i);
      first = false;
    }
    out += ']';
  }
  o.Close();
}

std::string PollText(const service::StatusView& v) {
  std::string out;
  AppendPoll(out, v);
  return out;
}

void AppendStatusEdit(std::string& out, const store::StatusEdit& e, const service::StatusView& v,
                      const service::Settings& s) {
  ObjectText o(out);
  o.String("content", AbsoluteLinks(e.content, s.public_url));
  o.String("spoiler_text", e.spoiler_text);
  o.Bool("sensitive", !e.spoiler_text.empty());
  o.String("created_at", FormatTime(e.created_at_ms));
  AppendAccount(o.Field("account"), v.author, s);
  if (e.poll_options.empty()) {
    o.Raw("poll", "null");
  } else {
    o.Field("poll") += "{\"options\":[";
    for (std::size_t i = 0; i < e.poll_options.size(); ++i) {
      if (i) out += ',';
      out += "{\"title\":";
      AppendJsonString(out, e.poll_options[i]);
      out += '}';
    }
    out += "]}";
  }
  o.Raw("media_attachments", "[]");
  o.Raw("emojis", "[]");
  o.Close();
}

json::value TagJson(const std::string& name, const std::vector<trends::Day>& history,
                    const service::Settings& s, bool following) {
  json::array days;
  for (const auto& d : history) {
    days.push_back(json::object{{"day", std::to_string(d.day)},
                                {"uses", std::to_string(d.uses)},
                                {"accounts", std::to_string(d.accounts)}});
  }
  return json::object{{"name", name},
                      {"url", s.public_url + "/tags/" + name},
                      {"history", std::move(days)},
                      {"following", following}};
}

json::value RelationshipJson(const service::RelationshipView& r) {
  return json::object{
      {"id", IdToString(r.id)},
      {"following", r.following},
      {"followed_by", r.followed_by},
      {"showing_reblogs", r.following},
      {"notifying", false},
      {"languages", nullptr},
      {"blocking", r.blocking},
      {"blocked_by", r.blocked_by},
      {"muting", r.muting},
      {"muting_notifications", r.muting},
      {"requested", r.requested},
      {"requested_by", r.requested_by},
      {"domain_blocking", false},
      {"endorsed", false},
      {"note", ""},
  };
}

void AppendNotification(std::string& out, const service::NotificationView& n,
                        const service::Settings& s) {
  json::object o{
      {"id", IdToString(n.notification.id)},
      {"type", n.notification.type},
      {"created_at", FormatTime(core::IdToMs(n.notification.id))},
      {"group_key", "ungrouped-" + IdToString(n.notification.id)},
  };
  std::string head = json::serialize(o);
  head.pop_back();
  out += head;
  out += ",\"account\":";
  AppendAccount(out, n.from, s);
  if (n.status) {
    out += ",\"status\":";
    AppendStatus(out, *n.status, s);
  }
  out += '}';
}

std::string NotificationText(const service::NotificationView& n, const service::Settings& s) {
  std::string out;
  AppendNotification(out, n, s);
  return out;
}

}  // namespace piaf::api
