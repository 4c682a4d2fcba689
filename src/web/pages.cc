// The pages that start the app, each with what a visitor without JavaScript
// reads: the server renders the posts into the HTML (the markup of
// docs/web.md, styled by the app's CSS), from the same entities the API
// answers with (api::StatusText, api::AccountJson), as an anonymous viewer
// sees them: only what anyone may see.
#include "web/pages.h"

#include <boost/json.hpp>
#include <cctype>

#include "api/entities.h"
#include "core/utf8.h"
#include "service/verbs.h"
#include "text/char_class.h"
#include "web/document.h"

namespace piaf::web {

namespace json = boost::json;

api::Response HtmlResponse(int status, std::string body) {
  api::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-cache"},
      {"Vary", "Accept-Language"},
  };
  return r;
}

namespace {

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

std::string NameOf(const json::object& account) {
  std::string name = Str(account, "display_name");
  return name.empty() ? Str(account, "username") : name;
}

// "2026-12-07T15:09:44.000Z" as "2026-12-07 15:09" (UTC): the app shows
// relative times; this is for readers without it.
std::string ShortTime(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

class Writer {
 public:
  explicit Writer(const PageContext& p) : p_(p) {}

  std::string T(std::string_view key,
                const std::vector<std::pair<std::string, std::string>>& args = {}) const {
    return p_.T(key, args);
  }

  // The bar above every page: the community's name, and signing in.
  void Bar() {
    out_ += "<a class=\"skip-link\" href=\"#main\">" + Esc(T("page.skip")) + "</a>";
    out_ += "<header class=\"ssr-bar\"><a class=\"brand\" href=\"/\">";
    out_ += kBrandMark;
    out_ += "<span class=\"brand-name\">" + Esc(p_.ctx.settings.instance_name) + "</span></a>";
    out_ += "<a class=\"button\" href=\"/\">" + Esc(T("page.sign_in")) + "</a></header>";
  }

  void Status(const json::object& st) {
    const json::object* shown = &st;
    const json::object& author = st.at("account").as_object();
    std::string reblogger;
    if (const auto* r = st.if_contains("reblog"); r && r->is_object()) {
      shown = &r->as_object();
      reblogger = NameOf(author);
    }
    const json::object& who = shown->at("account").as_object();
    std::string username = Str(who, "username");
    std::string lang = Str(*shown, "language");
    out_ += "<article class=\"status\"";
    if (!lang.empty()) out_ += " lang=\"" + Esc(lang) + "\"";
    out_ += " aria-label=\"" + Esc(T("page.post_by", {{"name", NameOf(who)}})) + "\">";
    if (!reblogger.empty()) {
      out_ += "<p class=\"status-reblogged\">" + Esc(T("page.reposted_by", {{"name", reblogger}})) +
              "</p>";
    }
    out_ += "<header class=\"status-head\"><a class=\"status-author\" href=\"/@" + Esc(username) +
            "\"><span class=\"display-name\">" + Esc(NameOf(who)) +
            "</span> <span class=\"acct\">@" + Esc(username) + "</span></a> ";
    std::string created = Str(*shown, "created_at");
    out_ += "<a class=\"status-time\" href=\"/@" + Esc(username) + "/" + Esc(Str(*shown, "id")) +
            "\"><time datetime=\"" + Esc(created) + "\">" + Esc(ShortTime(created)) +
            "</time></a></header>";
    std::string spoiler = Str(*shown, "spoiler_text");
    // `content` is the server's own sanitized HTML, its links to this site's
    // pages made relative: they stay on the address the reader used.
    std::string content =
        "<div class=\"status-content\">" + SiteRelative(Str(*shown, "content")) + "</div>";
    // A poll as a visitor sees it: its options, with their votes unless its
    // totals are hidden until it ends.
    if (const auto* poll = shown->if_contains("poll"); poll && poll->is_object()) {
      content += "<ul class=\"poll-results\">";
      for (const auto& option : poll->as_object().at("options").as_array()) {
        const json::object& o = option.as_object();
        content += "<li class=\"poll-result\"><span class=\"poll-title\">" + Esc(Str(o, "title")) +
                   "</span>";
        if (o.at("votes_count").is_int64()) {
          content += " <span class=\"poll-votes\">" +
                     Esc(p_.catalog.Plural(p_.lang, "page.votes", Int(o, "votes_count"))) +
                     "</span>";
        }
        content += "</li>";
      }
      content +=
          "</ul><p class=\"poll-footer\">" +
          Esc(p_.catalog.Plural(p_.lang, "page.votes", Int(poll->as_object(), "votes_count"))) +
          "</p>";
    }
    if (spoiler.empty()) {
      out_ += content;
    } else {
      out_ += "<details class=\"status-spoiler\"><summary>" + Esc(spoiler) + "</summary>" +
              content + "</details>";
    }
    out_ += "<footer class=\"status-counts\">";
    out_ += "<span>" +
            Esc(p_.catalog.Plural(p_.lang, "page.replies", Int(*shown, "replies_count"))) +
            "</span> ";
    out_ += "<span>" +
            Esc(p_.catalog.Plural(p_.lang, "page.reposts", Int(*shown, "reblogs_count"))) +
            "</span> ";
    out_ += "<span>" +
            Esc(p_.catalog.Plural(p_.lang, "page.likes", Int(*shown, "favourites_count"))) +
            "</span></footer></article>";
  }

  std::string SiteRelative(const std::string& html) const {
    std::string absolute = "href=\"" + p_.ctx.settings.public_url + "/";
    std::string out;
    std::size_t from = 0;
    for (auto at = html.find(absolute); at != std::string::npos; at = html.find(absolute, from)) {
      out.append(html, from, at - from);
      out += "href=\"/";
      from = at + absolute.size();
    }
    out.append(html, from);
    return out;
  }

  void Feed(const std::string& label, const std::vector<service::StatusView>& list) {
    out_ += "<div role=\"feed\" aria-label=\"" + Esc(label) + "\">";
    for (const auto& v : list) {
      json::value st = json::parse(api::StatusText(v, p_.ctx.settings));
      Status(st.as_object());
    }
    if (list.empty()) out_ += "<p class=\"empty\">" + Esc(T("page.no_posts")) + "</p>";
    out_ += "</div>";
  }

  std::string& out() { return out_; }

 private:
  const PageContext& p_;
  std::string out_;
};

Head BaseHead(const PageContext& p) {
  Head h;
  h.lang = p.lang;
  h.site_name = p.ctx.settings.instance_name;
  h.title = p.ctx.settings.instance_name;
  h.description =
      p.catalog.T(p.lang, "page.description", {{"instance", p.ctx.settings.instance_name}});
  return h;
}

api::Response Page(const PageContext& p, int status, const Head& head, Writer& w) {
  return HtmlResponse(status,
                      Document(p.manifest, head, "<div class=\"ssr\">" + w.out() + "</div>"));
}

}  // namespace

api::Response NotFoundPage(const PageContext& p) {
  Writer w(p);
  w.Bar();
  w.out() +=
      "<main class=\"ssr-main\" id=\"main\"><h1>" + Esc(w.T("page.not_found")) + "</h1></main>";
  Head head = BaseHead(p);
  head.title = w.T("page.not_found") + " · " + p.ctx.settings.instance_name;
  return Page(p, 404, head, w);
}

api::Response AppPage(const PageContext& p, const std::string& path) {
  Writer w(p);
  w.Bar();
  w.out() += "<main class=\"ssr-main\" id=\"main\">";
  Head head = BaseHead(p);
  head.url = p.ctx.settings.public_url + path;
  if (path != "/") {
    w.out() +=
        "<noscript><p class=\"lede\">" + Esc(w.T("page.needs_javascript")) + "</p></noscript>";
  } else {
    w.out() += "<h1>" + Esc(p.ctx.settings.instance_name) + "</h1><p class=\"lede\">" +
               Esc(head.description) + "</p>";
    store::Page page;
    w.Feed(w.T("page.public_timeline"),
           service::ReadPublicTimeline(p.ctx, service::Viewer{}, page));
  }
  w.out() += "</main>";
  return Page(p, 200, head, w);
}

api::Response ProfilePage(const PageContext& p, const std::string& username) {
  auto account = service::LookupAccount(p.ctx, username);
  if (!account) return NotFoundPage(p);
  json::value account_json = api::AccountJson(*account, p.ctx.settings);
  const json::object& a = account_json.as_object();
  Writer w(p);
  w.Bar();
  std::string name = NameOf(a);
  w.out() += "<main class=\"ssr-main\" id=\"main\"><section class=\"profile-header\">";
  w.out() += "<h1 class=\"display-name\">" + Esc(name) + "</h1><p class=\"acct\">@" +
             Esc(username) + "</p>";
  if (a.if_contains("piaf_organization")) {
    w.out() += "<span class=\"badge\">" + Esc(w.T("page.organization")) + "</span>";
  }
  w.out() += "<div class=\"note\">" + Str(a, "note") + "</div>";  // the server's HTML
  w.out() += "<ul class=\"counts\">";
  for (auto [key, field] : {std::pair{"page.posts_count", "statuses_count"},
                            std::pair{"page.following_count", "following_count"},
                            std::pair{"page.followers_count", "followers_count"}}) {
    w.out() += "<li>" + Esc(p.catalog.Plural(p.lang, key, Int(a, field))) + "</li>";
  }
  w.out() += "</ul></section>";
  store::Page page;
  // As the app's "Posts" tab: without replies to others.
  auto list = service::ReadAccountStatuses(p.ctx, service::Viewer{}, account->account().id, page,
                                           {.exclude_replies = true});
  w.Feed(w.T("page.posts_by", {{"name", name}}), list ? *list : std::vector<service::StatusView>{});
  w.out() += "</main>";
  Head head = BaseHead(p);
  head.type = "profile";
  head.title = name + " (@" + username + ") · " + p.ctx.settings.instance_name;
  head.url = p.ctx.settings.public_url + "/@" + account->account().username;
  std::string note = PlainText(Str(a, "note"));
  if (!note.empty()) head.description = note;
  return Page(p, 200, head, w);
}

api::Response StatusPage(const PageContext& p, const std::string& username,
                         const std::string& id_text) {
  auto id = core::ParseId(id_text);
  if (!id) return NotFoundPage(p);
  service::Viewer visitor;
  auto status = service::GetStatus(p.ctx, visitor, *id);
  if (!status || status->author.account().username != username) return NotFoundPage(p);
  if (status->reblog) {  // a repost's page is the original's
    api::Response r = HtmlResponse(301, "");
    r.headers.emplace_back("Location", "/@" + status->reblog->author.account().username + "/" +
                                           core::IdToString(status->reblog->status().id));
    return r;
  }
  auto thread = service::GetContext(p.ctx, visitor, *id);
  json::value status_json = json::parse(api::StatusText(*status, p.ctx.settings));
  const json::object& st = status_json.as_object();
  std::string name = NameOf(st.at("account").as_object());
  Writer w(p);
  w.Bar();
  w.out() += "<main class=\"ssr-main\" id=\"main\"><h1>" + Esc(w.T("page.conversation")) + "</h1>";
  std::vector<service::StatusView> all;
  if (thread) all = thread->ancestors;
  all.push_back(*status);
  if (thread) all.insert(all.end(), thread->descendants.begin(), thread->descendants.end());
  w.Feed(w.T("page.conversation"), all);
  w.out() += "</main>";
  Head head = BaseHead(p);
  head.type = "article";
  head.title = w.T("page.post_title", {{"name", name}, {"username", username}}) + " · " +
               p.ctx.settings.instance_name;
  head.url = p.ctx.settings.public_url + "/@" + username + "/" + core::IdToString(*id);
  head.description =
      Str(st, "spoiler_text").empty() ? PlainText(Str(st, "content")) : Str(st, "spoiler_text");
  return Page(p, 200, head, w);
}

api::Response TagPage(const PageContext& p, const std::string& tag) {
  // Only what a hashtag can be: a page does not repeat any text it is given.
  auto points = core::DecodeUtf8(tag);
  if (!points || points->empty() || points->size() > 100 ||
      !std::all_of(points->begin(), points->end(), text::IsHashtagAlnum)) {
    return NotFoundPage(p);
  }
  Writer w(p);
  w.Bar();
  w.out() += "<main class=\"ssr-main\" id=\"main\"><h1>#" + Esc(tag) + "</h1>";
  store::Page page;
  w.Feed(w.T("page.posts_tagged", {{"tag", tag}}),
         service::ReadTagTimeline(p.ctx, service::Viewer{}, tag, page));
  w.out() += "</main>";
  Head head = BaseHead(p);
  head.title = "#" + tag + " · " + p.ctx.settings.instance_name;
  head.url = p.ctx.settings.public_url + "/tags/" + PercentEncode(tag);
  head.description = w.T("page.posts_tagged", {{"tag", tag}});
  return Page(p, 200, head, w);
}

}  // namespace piaf::web
