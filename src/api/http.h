// The HTTP request and response as api/ sees them: plain structs, no Beast
// types (those stay in net/).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace piaf::api {

struct Request {
  std::string method;                          // upper case
  std::string path;                            // without the query, percent-encoded as received
  std::string query;                           // after '?', may be empty
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_ip;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body = "{}";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace piaf::api
