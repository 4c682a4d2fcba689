#include "web/document.h"

#include "text/html.h"

namespace piaf::web {

std::string Esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  text::AppendEscapedHtml(out, text);
  return out;
}

std::string PlainText(std::string_view html, std::size_t max_chars) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      auto end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      if (tag.starts_with("br") || tag.starts_with("/p") || tag.starts_with("p")) space = true;
      i = end + 1;
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      for (auto [name, ch] : kEntities) {
        if (html.substr(i, name.size()) == name) {
          c = ch;
          i += name.size() - 1;
          break;
        }
      }
    }
    if (c == ' ' || c == '\n' || c == '\t') {
      space = true;
      ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
    ++i;
  }
  // Cut at a code point boundary.
  std::size_t points = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (points++ == max_chars) {
      out.resize(i);
      out += "\xE2\x80\xA6";  // …
      break;
    }
  }
  return out;
}

std::string Document(const Manifest& manifest, const Head& head, std::string_view app_html) {
  std::string out;
  out.reserve(2048 + app_html.size());
  out += "<!DOCTYPE html>\n<html lang=\"" + Esc(head.lang) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<title>" + Esc(head.title) + "</title>\n";
  if (!head.description.empty()) {
    out += "<meta name=\"description\" content=\"" + Esc(head.description) + "\">\n";
  }
  auto meta = [&](std::string_view attr, std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += "<meta ";
    out += attr;
    out += "=\"";
    out += name;
    out += "\" content=\"" + Esc(value) + "\">\n";
  };
  meta("property", "og:type", head.type);
  meta("property", "og:title", head.title);
  meta("property", "og:description", head.description);
  meta("property", "og:url", head.url);
  meta("property", "og:site_name", head.site_name);
  meta("property", "og:locale", head.lang == "fr" ? "fr_FR" : "en_US");
  meta("name", "twitter:card", "summary");
  meta("name", "twitter:title", head.title);
  meta("name", "twitter:description", head.description);
  if (!head.url.empty()) out += "<link rel=\"canonical\" href=\"" + Esc(head.url) + "\">\n";
  if (!manifest.entry_css.empty()) {
    out += "<link rel=\"stylesheet\" href=\"" + Esc(manifest.entry_css) + "\">\n";
  }
  for (const auto& chunk : manifest.preload) {
    out += "<link rel=\"modulepreload\" href=\"" + Esc(chunk) + "\">\n";
  }
  if (!manifest.entry_js.empty()) {
    out += "<script type=\"module\" src=\"" + Esc(manifest.entry_js) + "\"></script>\n";
  }
  out += "</head>\n<body>\n<div id=\"app\">";
  out += app_html;
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace piaf::web
