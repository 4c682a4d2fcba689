// The HTML document every page of the web app is: the head (title, the
// preview meta tags other apps read, the app's style and script) and the
// server-rendered content inside <div id="app">, which the app replaces.
#pragma once

#include <string>
#include <string_view>

#include "web/assets.h"

namespace piaf::web {

struct Head {
  std::string lang = "en";
  std::string title;
  std::string description;       // plain text
  std::string url;               // absolute: og:url and the canonical link
  std::string type = "website";  // og:type: website, article, profile
  std::string site_name;
};

// `app_html` goes inside <div id="app"> as it is: escape what users wrote.
std::string Document(const Manifest& manifest, const Head& head, std::string_view app_html);

// The app's mark (a bird on a disc, as the app's own navigation draws it),
// inline SVG for the server's pages.
extern const char kBrandMark[];

// HTML-escaped text (& < > " ').
std::string Esc(std::string_view text);
// The text of an HTML fragment (a post's content): tags dropped, the entities
// the server writes decoded, paragraphs and line breaks as spaces; cut to
// `max_chars` code points with an ellipsis.
std::string PlainText(std::string_view html, std::size_t max_chars = 200);

}  // namespace piaf::web
