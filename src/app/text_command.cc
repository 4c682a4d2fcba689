#include "app/text_command.h"

#include <boost/json.hpp>
#include <istream>
#include <optional>
#include <ostream>

#include "api/entities.h"
#include "core/utf8.h"
#include "text/extract.h"
#include "text/html.h"

namespace piaf::app {
namespace {

namespace json = boost::json;

using api::AppendJsonString;

std::string ErrorJson(std::string_view message) {
  std::string out = "{\"error\": ";
  AppendJsonString(out, message);
  out += "}";
  return out;
}

// Decodes a line holding one JSON string into code points, or sets `error`.
std::optional<std::u32string> ReadJsonStringLine(const std::string& line, std::string& error) {
  json::error_code ec;
  json::value v = json::parse(line, ec);
  if (ec) {
    error = "line is not valid JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_string()) {
    error = "line is not a JSON string";
    return std::nullopt;
  }
  const json::string& s = v.get_string();
  auto text = core::DecodeUtf8(std::string_view(s.data(), s.size()));
  if (!text) {
    error = "text is not valid UTF-8";
    return std::nullopt;
  }
  return text;
}

template <typename T, typename F>
void AppendEntities(std::string& out, std::string_view key, std::string_view field,
                    const std::vector<T>& items, F value) {
  out += ", \"";
  out += key;
  out += "\": [";
  bool first = true;
  for (const T& item : items) {
    if (!first) out += ", ";
    first = false;
    out += "{\"";
    out += field;
    out += "\": ";
    AppendJsonString(out, value(item));
    out += ", \"indices\": [";
    out += std::to_string(item.indices.start);
    out += ", ";
    out += std::to_string(item.indices.end);
    out += "]}";
  }
  out += "]";
}

}  // namespace

std::string ParseLineToJson(const std::string& line, const text::LengthConfig& config) {
  std::string error;
  auto text = ReadJsonStringLine(line, error);
  if (!text) return ErrorJson(error);
  text::ParsedText parsed = text::ParseText(*text, config);
  const text::TweetLength& length = parsed.length;
  const text::Entities& e = parsed.entities;
  std::string out = "{\"weighted_length\": " + std::to_string(length.weighted_length);
  out += ", \"valid\": ";
  out += length.valid ? "true" : "false";
  AppendEntities(out, "mentions", "username", e.mentions,
                 [](const text::Mention& m) -> const std::string& { return m.username; });
  AppendEntities(out, "hashtags", "tag", e.hashtags,
                 [](const text::Hashtag& h) -> const std::string& { return h.tag; });
  AppendEntities(out, "urls", "url", e.urls,
                 [](const text::Url& u) -> const std::string& { return u.url; });
  AppendEntities(out, "cashtags", "symbol", e.cashtags,
                 [](const text::Cashtag& c) -> const std::string& { return c.symbol; });
  out += "}";
  return out;
}

int RunTextParse(std::istream& in, std::ostream& out, const text::LengthConfig& config) {
  for (std::string line; std::getline(in, line);) {
    out << ParseLineToJson(line, config) << '\n';
  }
  out.flush();
  return out ? 0 : 1;
}

int RunTextHtml(std::istream& in, std::ostream& out) {
  text::LinkTargets targets{
      [](std::string_view u) { return "/@" + std::string(u); },
      [](std::string_view t) { return "/tags/" + std::string(t); },
  };
  for (std::string line; std::getline(in, line);) {
    std::string error;
    auto text = ReadJsonStringLine(line, error);
    if (!text) {
      out << ErrorJson(error) << '\n';
      continue;
    }
    std::string html;
    AppendJsonString(html, text::RenderHtml(*text, text::ExtractEntities(*text), targets));
    out << html << '\n';
  }
  out.flush();
  return out ? 0 : 1;
}

}  // namespace piaf::app
