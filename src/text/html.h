// Renders a post's text as the safe HTML of Mastodon's `content` field.
//
// Everything is escaped; mentions, hashtags and URLs become links; line
// breaks become <br />, blank lines separate paragraphs. Link targets come
// from the caller (the server knows its own URLs), so this module stays free
// of configuration.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "text/extract.h"

namespace piaf::text {

struct LinkTargets {
  // URL of an account's page, given the username as written (no @).
  std::function<std::string(std::string_view username)> mention;
  // URL of a hashtag's page, given the tag as written (no #).
  std::function<std::string(std::string_view tag)> hashtag;
};

// Appends `s` to `out` with & < > " ' escaped.
void AppendEscapedHtml(std::string& out, std::string_view s);

// `text` is the post as given (code points), `entities` what ExtractEntities
// found in it.
std::string RenderHtml(std::u32string_view text, const Entities& entities,
                       const LinkTargets& targets);

}  // namespace piaf::text
