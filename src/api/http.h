// The HTTP request and response as api/ sees them: plain structs, no Beast
// types (those stay in net/).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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
  bool websocket = false;  // an upgrade to a WebSocket was asked for

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

// A long-lived stream a request opened: a text/event-stream response, or a
// WebSocket after the upgrade. The net layer sends what Take gives when woken,
// until Ended; it hands over the client's WebSocket messages and says when the
// connection is gone.
class Stream {
 public:
  virtual ~Stream() = default;
  // The messages queued so far, oldest first: SSE text, or one WebSocket
  // message each.
  virtual std::vector<std::string> Take() = 0;
  // Called, from any thread, when there is something to take or the stream
  // ended. Cleared (an empty function) before the connection goes.
  virtual void SetWake(std::function<void()> wake) = 0;
  virtual bool Ended() = 0;
  virtual void Receive(std::string_view message) = 0;  // a WebSocket text message
  virtual void Close() = 0;                            // the connection is gone
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body = "{}";
  std::vector<std::pair<std::string, std::string>> headers;
  // Set: keep the connection open and stream (status 200 only); with
  // Request::websocket, after the upgrade.
  std::shared_ptr<Stream> stream;
};

// Whether handling a request may wait for a write (a group commit and its
// sync): every method but GET, HEAD and OPTIONS, and a search, which first
// indexes the statuses waiting for the full-text index. The server runs
// these off its I/O threads. `path` without the query.
inline bool MayWrite(std::string_view method, std::string_view path) {
  if (path == "/api/v2/search") return true;
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace piaf::api
