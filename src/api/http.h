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
  // message each. They count against the stream's bound until Sent.
  virtual std::vector<std::string> Take() = 0;
  // What Take gave last is written: a client that does not read holds no
  // more than the bound.
  virtual void Sent() = 0;
  // Called, from any thread, when there is something to take or the stream
  // ended. Cleared (an empty function) before the connection goes.
  virtual void SetWake(std::function<void()> wake) = 0;
  virtual bool Ended() = 0;
  virtual void Receive(std::string_view message) = 0;  // a WebSocket text message
  virtual void Close() = 0;                            // the connection is gone
};

// A body in pieces, written as they are (one gather write): a timeline page
// is mostly JSON rendered once and kept by its snapshots, pointed at rather
// than copied (copying it was a tenth of a home timeline read). What the
// pieces point into is held until the body goes; the small parts between
// (separators, a viewer's flags) are copied, together, into the body's own
// text.
class Pieces {
 public:
  // `text` stays as it is while what Hold was given lives.
  void Kept(std::string_view text) {
    if (text.empty()) return;
    Close();
    parts_.push_back({text.data(), text.size(), false});
    size_ += text.size();
  }
  void Hold(std::shared_ptr<const void> holder) { held_.push_back(std::move(holder)); }
  Pieces& operator+=(std::string_view text) {
    own_.append(text);
    size_ += text.size();
    return *this;
  }
  std::size_t size() const { return size_; }
  // The pieces, in order; the body may not change any more.
  const std::vector<std::string_view>& Views() {
    Close();
    views_.clear();
    for (const Part& p : parts_) views_.emplace_back(p.own ? own_.data() + p.at : p.data, p.size);
    return views_;
  }
  std::string Joined() {
    std::string out;
    out.reserve(size_);
    for (std::string_view v : Views()) out += v;
    return out;
  }

 private:
  // A piece of own_ by offset: own_ may move as it grows.
  struct Part {
    const char* data;
    std::size_t size;
    bool own;
    std::size_t at = 0;
  };
  void Close() {
    if (own_.size() == closed_) return;
    parts_.push_back({nullptr, own_.size() - closed_, true, closed_});
    closed_ = own_.size();
  }
  std::string own_;
  std::size_t closed_ = 0, size_ = 0;
  std::vector<Part> parts_;
  std::vector<std::string_view> views_;
  std::vector<std::shared_ptr<const void>> held_;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body = "{}";
  // When set, the body instead of `body`.
  std::shared_ptr<Pieces> pieces;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set: keep the connection open and stream (status 200 only); with
  // Request::websocket, after the upgrade.
  std::shared_ptr<Stream> stream;
};

// Whether handling a request may wait for a write (a group commit and its
// sync): every method but GET, HEAD and OPTIONS, and a search, which first
// indexes the statuses waiting for the full-text index. The server runs
// these off its I/O threads, and the suggestions too: they read the lists of
// up to 1,000 followed accounts (service/suggestions.h), which would hold up
// every other request of an I/O thread. `path` without the query.
inline bool MayWrite(std::string_view method, std::string_view path) {
  if (path == "/api/v2/search" || path == "/api/v2/suggestions") return true;
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Where the server runs a request: on its I/O thread (kRead), on the worker
// pool (kWrite: MayWrite), or on the small pool that hashes passwords
// (kPassword: the password grant and the other grants of /oauth/token, the
// sign-in and sign-up form, registration), so that a burst of logins cannot
// hold up the writes. `path` without the query.
enum class Work { kRead, kWrite, kPassword };

inline Work WorkOf(std::string_view method, std::string_view path) {
  if (method == "POST" &&
      (path == "/oauth/token" || path == "/oauth/authorize" || path == "/api/v1/accounts")) {
    return Work::kPassword;
  }
  return MayWrite(method, path) ? Work::kWrite : Work::kRead;
}

}  // namespace piaf::api
