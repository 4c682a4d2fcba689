#include "net/response_head.h"

#include <charconv>
#include <ctime>

namespace piaf::net {
namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  auto clean = [&out](std::string_view s) {
    std::size_t from = out.size();
    out += s;
    for (std::size_t at = from; at < out.size(); ++at) {
      if (out[at] == '\r' || out[at] == '\n') out[at] = ' ';
    }
  };
  clean(name);
  out += ": ";
  clean(value);
  out += "\r\n";
}

}  // namespace

bool HasBody(int status) { return status >= 200 && status != 204 && status != 304; }

std::string ResponseHead(const api::Response& res, unsigned version, std::string_view reason,
                         std::string_view date, bool keep_alive, std::size_t content_length) {
  std::string out;
  out.reserve(256);
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, res.status).ptr;
  out.append(digits, end);
  out += ' ';
  out += reason;
  out += "\r\n";
  AppendField(out, "Server", "Piaf");
  AppendField(out, "Date", date);
  AppendField(out, "Content-Type", res.content_type);
  for (const auto& [name, value] : res.headers) AppendField(out, name, value);
  if (version == 10 && keep_alive) AppendField(out, "Connection", "keep-alive");
  if (version != 10 && !keep_alive) AppendField(out, "Connection", "close");
  if (HasBody(res.status)) {
    end = std::to_chars(digits, digits + sizeof digits, content_length).ptr;
    AppendField(out, "Content-Length", std::string_view(digits, end - digits));
  }
  out += "\r\n";
  return out;
}

std::string_view HttpDateNow() {
  thread_local std::time_t second = -1;
  thread_local char text[64];
  thread_local std::size_t size = 0;
  std::time_t now = std::time(nullptr);
  if (now != second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    size = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    second = now;
  }
  return {text, size};
}

}  // namespace piaf::net
