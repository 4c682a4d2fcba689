// The streaming bus: who listens to which stream, and each listening
// connection's bounded queue of messages (Mastodon's streaming API).
//
// A Subscriber is one open connection (an SSE response or a WebSocket). The
// service layer publishes: it asks the bus for the subscribers of a stream,
// decides for each whether it may see the event (visibility, blocks, mutes),
// and delivers the event, rendered once and shared, to those that may. The
// subscriber frames it for its transport and queues it; the connection takes
// what is queued when woken. A subscriber whose queue grows past its bound
// (a reader too slow to keep up) is ended: its connection closes, nothing
// else waits for it. The bound counts what the connection took and has not
// written yet too: a client that never reads holds at most that much of the
// server's memory (1 MiB queued plus 1 MiB taken, before, came to some
// 1.15 MB per unread WebSocket in a probe).
//
// Plain C++, no I/O: the net layer owns the connections.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/id.h"

namespace piaf::stream {

// One event, rendered once and shared by all its recipients.
struct Event {
  Event(std::string name, std::string payload);
  std::string name;     // update, delete, notification, status.update
  std::string payload;  // JSON text; for delete, the bare id
  std::string quoted;   // the payload as a JSON string (WebSocket messages)
};

// A stream as the client named it: `name` is user, user:notification,
// public, public:local, hashtag, hashtag:local or list; `tag` as the client
// spelled it (hashtag streams), or the list's id (list streams, all filed
// under the key "list": a status is checked against each open one).
struct StreamName {
  std::string name;
  std::string tag;
  std::string key;  // where the bus files it: the name, plus the tag lower-cased
  bool operator==(const StreamName& other) const = default;
};

// Whether `name` is a stream this server knows, and whether it needs a user.
bool KnownStream(const std::string& name);
bool UserStream(const std::string& name);

enum class Format { kSse, kWebSocket };

class Subscriber {
 public:
  // `account`: the viewer (none for an anonymous public stream);
  // `token_hash`: the token it was opened with (revoking it ends the stream).
  // Large enough for dozens of events behind the socket's own buffer.
  static constexpr std::size_t kDefaultMaxQueuedBytes = 128 * 1024;

  Subscriber(Format format, std::optional<core::Id> account, std::string token_hash,
             std::size_t max_queued_bytes = kDefaultMaxQueuedBytes);

  Format format() const { return format_; }
  const std::optional<core::Id>& account() const { return account_; }
  const std::string& token_hash() const { return token_hash_; }

  // Frames `event` as sent on `stream` and queues it; wakes the connection.
  // Past the bound, the subscriber ends instead.
  void Deliver(const StreamName& stream, const Event& event);
  // Queues a raw WebSocket message (an error answer to a bad subscription).
  void DeliverRaw(std::string message);
  // The messages queued so far, oldest first (each one WebSocket message, or
  // one SSE event). They count against the bound until Sent.
  std::vector<std::string> Take();
  // What was taken last has been written to the socket.
  void Sent();
  // `wake` is called, from any thread, when messages are queued or the
  // subscriber ends. Cleared with an empty function when the connection goes.
  void SetWake(std::function<void()> wake);
  void End();
  bool Ended() const;

 private:
  void Queue(std::string message);

  const Format format_;
  const std::optional<core::Id> account_;
  const std::string token_hash_;
  const std::size_t max_queued_bytes_;
  mutable std::mutex mu_;
  std::vector<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t taken_bytes_ = 0;  // taken, not yet written
  bool ended_ = false;
  std::function<void()> wake_;
};

class Bus {
 public:
  struct Listener {
    std::shared_ptr<Subscriber> subscriber;
    StreamName stream;  // as the subscriber named it
  };

  void Subscribe(const std::shared_ptr<Subscriber>& s, const StreamName& stream);
  void Unsubscribe(const Subscriber* s, const StreamName& stream);
  void UnsubscribeAll(const Subscriber* s);
  // The live subscribers of the stream with this key.
  std::vector<Listener> Listeners(const std::string& key);
  // Ends every stream opened with this token (it was revoked).
  void EndToken(const std::string& token_hash);
  // Ends every stream of this account (it was suspended).
  void EndAccount(core::Id account);
  // The accounts with a stream open, each once.
  std::vector<core::Id> Accounts();
  std::size_t SubscriberCount();

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<Listener>> by_key_;
};

}  // namespace piaf::stream
