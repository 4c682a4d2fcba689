#include "text/html.h"

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace piaf::text {

void AppendEscapedHtml(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
}

namespace {

bool HasHttpScheme(std::string_view url) {
  std::string head;
  for (char c : url.substr(0, 8)) head.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return head.starts_with("http://") || head.starts_with("https://");
}

enum class Kind { kMention, kHashtag, kUrl };

struct Link {
  Span span;
  Kind kind;
  const std::string* value;
};

// Plain text between links: escaped, newlines turned into <br /> and
// paragraph breaks.
void AppendPlain(std::string& out, std::u32string_view text) {
  std::string chunk;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      AppendEscapedHtml(out, chunk);
      chunk.clear();
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        out += "</p><p>";
        while (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        out += "<br />";
      }
      continue;
    }
    core::AppendUtf8(chunk, c);
  }
  AppendEscapedHtml(out, chunk);
}

}  // namespace

std::string RenderHtml(std::u32string_view text, const Entities& entities,
                       const LinkTargets& targets) {
  std::vector<Link> links;
  for (const auto& m : entities.mentions) links.push_back({m.indices, Kind::kMention, &m.username});
  for (const auto& h : entities.hashtags) links.push_back({h.indices, Kind::kHashtag, &h.tag});
  for (const auto& u : entities.urls) links.push_back({u.indices, Kind::kUrl, &u.url});
  std::stable_sort(links.begin(), links.end(),
                   [](const Link& a, const Link& b) { return a.span.start < b.span.start; });

  std::string out = "<p>";
  std::size_t pos = 0;
  for (const Link& link : links) {
    if (link.span.start < pos || link.span.end > text.size()) continue;  // overlap
    AppendPlain(out, text.substr(pos, link.span.start - pos));
    std::string shown =
        core::EncodeUtf8(text.substr(link.span.start, link.span.end - link.span.start));
    switch (link.kind) {
      case Kind::kMention:
        out += "<span class=\"h-card\"><a href=\"";
        AppendEscapedHtml(out, targets.mention ? targets.mention(*link.value) : "");
        out += "\" class=\"u-url mention\">@<span>";
        AppendEscapedHtml(out, *link.value);
        out += "</span></a></span>";
        break;
      case Kind::kHashtag:
        out += "<a href=\"";
        AppendEscapedHtml(out, targets.hashtag ? targets.hashtag(*link.value) : "");
        out += "\" class=\"mention hashtag\" rel=\"tag\">#<span>";
        AppendEscapedHtml(out, *link.value);
        out += "</span></a>";
        break;
      case Kind::kUrl: {
        std::string_view url = *link.value;
        bool has_scheme = HasHttpScheme(url);
        out += "<a href=\"";
        if (!has_scheme) out += "http://";
        AppendEscapedHtml(out, url);
        out += "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">";
        AppendEscapedHtml(out, shown);
        out += "</a>";
        break;
      }
    }
    pos = link.span.end;
  }
  AppendPlain(out, text.substr(pos));
  out += "</p>";
  return out;
}

}  // namespace piaf::text
