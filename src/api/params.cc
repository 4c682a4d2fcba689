#include "api/params.h"

#include <boost/json.hpp>
#include <cctype>

#include "core/utf8.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding. Hand-written rather than Boost.URL's: clients send raw
// characters URL grammars reject (masto and axios put raw `[]` in queries),
// and we must take them as they come.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
      int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// "k[]" and "k" name the same parameter.
std::string BaseName(std::string name) {
  if (name.size() > 2 && name.ends_with("[]")) name.resize(name.size() - 2);
  return name;
}

bool AddForm(Params& params, std::string_view encoded) {
  while (!encoded.empty()) {
    auto amp = encoded.find('&');
    std::string_view pair = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!key || !value) return false;
    if (key->empty()) continue;
    params.Add(BaseName(std::move(*key)), std::move(*value));
  }
  return true;
}

// A header's parameter (`boundary=...`, `name="..."`), quoted or not.
std::optional<std::string> HeaderParameter(std::string_view header, std::string_view name) {
  std::size_t at = 0;
  while ((at = header.find(name, at)) != std::string_view::npos) {
    bool starts = at == 0 || header[at - 1] == ';' || header[at - 1] == ' ' || header[at - 1] == '\t';
    std::size_t eq = at + name.size();
    if (!starts || eq >= header.size() || header[eq] != '=') {
      at = eq;
      continue;
    }
    std::string_view rest = header.substr(eq + 1);
    if (!rest.empty() && rest.front() == '"') {
      auto close = rest.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      return std::string(rest.substr(1, close - 1));
    }
    return std::string(rest.substr(0, rest.find_first_of("; \t")));
  }
  return std::nullopt;
}

}  // namespace

// multipart/form-data (RFC 7578): parts between "--boundary" lines, each
// with its headers; a part with a filename is a file, the others are
// parameters as a form's. False when malformed.
bool AddMultipart(Params& params, std::string_view type, std::string_view body) {
  auto boundary = HeaderParameter(type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return false;
  std::string delimiter = "--" + *boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return false;
  at += delimiter.size();
  std::string next = "\r\n" + delimiter;
  for (;;) {
    if (body.substr(at, 2) == "--") return true;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return false;
    at += 2;
    auto head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return false;
    std::string_view head = body.substr(at, head_end - at);
    std::size_t data_at = head_end + 4;
    auto end = body.find(next, data_at);
    if (end == std::string_view::npos) return false;
    std::string_view data = body.substr(data_at, end - data_at);
    at = end + next.size();
    std::string disposition, content_type;
    while (!head.empty()) {
      auto eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name(line.substr(0, colon));
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (name == "content-disposition") disposition = value;
      if (name == "content-type") content_type = value;
    }
    auto name = HeaderParameter(disposition, "name");
    if (!name || name->empty()) continue;
    if (auto filename = HeaderParameter(disposition, "filename")) {
      params.files_[BaseName(*name)] = UploadedFile{*filename, content_type, std::string(data)};
    } else {
      params.Add(BaseName(*name), std::string(data));
    }
  }
}

namespace {

void AddJsonValue(Params& params, const std::string& name, const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      params.Add(name, std::string(v.get_string()));
      break;
    case json::kind::bool_:
      params.Add(name, v.get_bool() ? "true" : "false");
      break;
    case json::kind::int64:
      params.Add(name, std::to_string(v.get_int64()));
      break;
    case json::kind::uint64:
      params.Add(name, std::to_string(v.get_uint64()));
      break;
    case json::kind::double_:
      params.Add(name, json::serialize(v));
      break;
    case json::kind::array:
      for (const auto& item : v.get_array()) {
        if (!item.is_array() && !item.is_object()) AddJsonValue(params, name, item);
      }
      break;
    case json::kind::object:
      // {"home": {"last_read_id": "5"}} is the form's home[last_read_id]=5
      // (Rails reads both alike). Depth is bounded by the parser's (32).
      for (const auto& [key, member] : v.get_object()) {
        AddJsonValue(params, name + "[" + std::string(key) + "]", member);
      }
      break;
    case json::kind::null:
      break;
  }
}

}  // namespace

void Params::Add(std::string name, std::string value) {
  values_[std::move(name)].push_back(std::move(value));
}

Params Params::FromQuery(std::string_view query) {
  Params params;
  AddForm(params, query);
  return params;
}

core::Result<Params> Params::FromRequest(const Request& request) {
  Params params;
  if (!AddForm(params, request.query)) return core::Invalid("Malformed query string");
  if (request.body.empty()) return std::move(params).Validate();
  std::string type = request.Header("content-type");
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.starts_with("application/json")) {
    json::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec || !v.is_object()) return core::Invalid("Malformed JSON body");
    for (const auto& [key, value] : v.get_object()) {
      AddJsonValue(params, BaseName(std::string(key)), value);
    }
  } else if (type.starts_with("application/x-www-form-urlencoded") || type.empty()) {
    if (!AddForm(params, request.body)) return core::Invalid("Malformed form body");
  } else if (type.starts_with("multipart/form-data")) {
    // The boundary is case-sensitive: taken from the header as sent.
    if (!AddMultipart(params, request.Header("content-type"), request.body)) {
      return core::Invalid("Malformed multipart body");
    }
  } else {
    return core::Invalid("Unsupported content type");
  }
  return std::move(params).Validate();
}

std::string PercentEncode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' ||
        keep.find(static_cast<char>(ch)) != std::string_view::npos) {
      out.push_back(static_cast<char>(ch));
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

core::Result<Params> Params::Validate() && {
  for (const auto& [key, list] : values_) {
    if (!core::DecodeUtf8(key)) return core::Invalid("Parameters must be UTF-8");
    for (const auto& value : list) {
      if (!core::DecodeUtf8(value)) return core::Invalid("Parameters must be UTF-8");
      // A NUL would be cut short by C APIs down the line, or stored and
      // shown to others as it is: refused wherever it is.
      if (value.find('\0') != std::string::npos || key.find('\0') != std::string::npos) {
        return core::Unprocessable("Parameters must not contain NUL characters");
      }
    }
  }
  return std::move(*this);
}

std::optional<std::string> Params::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Params::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  std::vector<std::string> out;
  for (const auto& v : it->second) {
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

bool Params::Has(const std::string& name) const {
  return values_.contains(name) || files_.contains(name);
}

const UploadedFile* Params::File(const std::string& name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

core::Result<std::optional<bool>> Params::GetBool(const std::string& name) const {
  auto v = Get(name);
  if (!v || v->empty()) return std::optional<bool>();
  std::string s = *v;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "1" || s == "true" || s == "on" || s == "yes" || s == "t")
    return std::optional<bool>(true);
  if (s == "0" || s == "false" || s == "off" || s == "no" || s == "f")
    return std::optional<bool>(false);
  return core::Invalid(name + " must be a boolean");
}

core::Result<std::optional<core::Id>> Params::GetId(const std::string& name) const {
  auto v = Get(name);
  if (!v || v->empty()) return std::optional<core::Id>();
  auto id = core::ParseId(*v);
  if (!id) return core::Invalid(name + " must be an id");
  return std::optional<core::Id>(*id);
}

std::optional<std::string> DecodePathSegment(std::string_view segment) {
  auto out = PercentDecode(segment, false);
  if (!out || !core::DecodeUtf8(*out)) return std::nullopt;
  return out;
}

}  // namespace piaf::api
