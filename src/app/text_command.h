// `piaf text ...`: the text engine on the command line.
#pragma once

#include <iosfwd>
#include <string>

#include "text/length.h"

namespace piaf::app {

// `piaf text parse`: reads one JSON string per line from `in`, writes one JSON
// object per line to `out`:
//   {"weighted_length": 26, "valid": true, "mentions": [...], "hashtags": [...],
//    "urls": [...], "cashtags": [...]}
// A line that is not a JSON string, or not valid UTF-8, gets {"error": "..."}
// and the run goes on. Returns the process exit code.
int RunTextParse(std::istream& in, std::ostream& out, const text::LengthConfig& config);

// Formats the answer for one line (exposed for tests).
std::string ParseLineToJson(const std::string& line, const text::LengthConfig& config);

// `piaf text html`: same input, one JSON string of Mastodon `content` HTML per line.
int RunTextHtml(std::istream& in, std::ostream& out);

}  // namespace piaf::app
