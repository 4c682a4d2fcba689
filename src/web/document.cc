#include "web/document.h"

#include "text/html.h"

namespace piaf::web {

const char kBrandMark[] =
    "<span class=\"brand-mark\" aria-hidden=\"true\"><svg viewBox=\"0 0 32 32\" width=\"32\" "
    "height=\"32\"><circle cx=\"16\" cy=\"16\" r=\"16\" fill=\"currentColor\"/><path "
    "d=\"M9 19c3 0 5-2 6-5 1-3 3-5 6-5l3 1-3 2c0 5-4 10-10 10H7z\" "
    "fill=\"var(--brand-ink)\"/></svg></span>";

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
  // The mark as the tab's icon (no request for /favicon.ico).
  out +=
      "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
      "viewBox='0 0 32 32'%3E%3Ccircle cx='16' cy='16' r='16' fill='%234a3fd8'/%3E%3Cpath "
      "d='M9 19c3 0 5-2 6-5 1-3 3-5 6-5l3 1-3 2c0 5-4 10-10 10H7z' fill='white'/%3E%3C/svg%3E\">\n";
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
  auto catalog = manifest.catalogs.find(head.lang);
  if (catalog == manifest.catalogs.end()) catalog = manifest.catalogs.find("en");
  if (catalog != manifest.catalogs.end()) {
    out += "<link rel=\"modulepreload\" href=\"" + Esc(catalog->second) + "\">\n";
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
