#include "stream/bus.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

namespace piaf::stream {
namespace {

std::string Quote(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

bool HashtagStream(const std::string& name) { return name == "hashtag" || name == "hashtag:local"; }

}  // namespace

Event::Event(std::string n, std::string p)
    : name(std::move(n)), payload(std::move(p)), quoted(Quote(payload)) {}

bool KnownStream(const std::string& name) {
  return name == "user" || name == "user:notification" || name == "public" ||
         name == "public:local" || HashtagStream(name) || name == "list";
}

bool UserStream(const std::string& name) { return name == "user" || name == "user:notification"; }

Subscriber::Subscriber(Format format, std::optional<core::Id> account, std::string token_hash,
                       std::size_t max_queued_bytes)
    : format_(format),
      account_(account),
      token_hash_(std::move(token_hash)),
      max_queued_bytes_(max_queued_bytes) {}

void Subscriber::Deliver(const StreamName& stream, const Event& event) {
  std::string message;
  if (format_ == Format::kSse) {
    // LF only; "key: value" with a colon and a space; a blank line ends it.
    message.reserve(event.payload.size() + event.name.size() + 16);
    message.append("event: ").append(event.name).append("\ndata: ");
    message.append(event.payload).append("\n\n");
  } else {
    // {"stream":[name(, tag)],"event":...,"payload":"<JSON as a string>"}
    message.reserve(event.quoted.size() + event.name.size() + stream.tag.size() + 64);
    message.append(R"({"stream":[)").append(Quote(stream.name));
    // A hashtag stream's tag, a list stream's list id (as Mastodon's server).
    if (HashtagStream(stream.name) || stream.name == "list") {
      message.append(",").append(Quote(stream.tag));
    }
    message.append(R"(],"event":)").append(Quote(event.name));
    message.append(R"(,"payload":)").append(event.quoted).append("}");
  }
  Queue(std::move(message));
}

void Subscriber::DeliverRaw(std::string message) { Queue(std::move(message)); }

void Subscriber::Queue(std::string message) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    if (ended_) return;
    queued_bytes_ += message.size();
    if (queued_bytes_ + taken_bytes_ > max_queued_bytes_) {
      // Too slow a reader: dropped, its connection closes.
      ended_ = true;
      queue_ = {};
      queued_bytes_ = 0;
    } else {
      queue_.push_back(std::move(message));
    }
    wake = wake_;
  }
  if (wake) wake();
}

std::vector<std::string> Subscriber::Take() {
  std::lock_guard lock(mu_);
  taken_bytes_ += std::exchange(queued_bytes_, 0);
  return std::exchange(queue_, {});
}

void Subscriber::Sent() {
  std::lock_guard lock(mu_);
  taken_bytes_ = 0;
}

void Subscriber::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

void Subscriber::End() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    if (ended_) return;
    ended_ = true;
    wake = wake_;
  }
  if (wake) wake();
}

bool Subscriber::Ended() const {
  std::lock_guard lock(mu_);
  return ended_;
}

void Bus::Subscribe(const std::shared_ptr<Subscriber>& s, const StreamName& stream) {
  std::lock_guard lock(mu_);
  auto& listeners = by_key_[stream.key];
  for (const auto& l : listeners) {
    if (l.subscriber == s && l.stream == stream) return;
  }
  listeners.push_back({s, stream});
}

void Bus::Unsubscribe(const Subscriber* s, const StreamName& stream) {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(stream.key);
  if (it == by_key_.end()) return;
  std::erase_if(it->second, [&](const Listener& l) {
    // Every spelling of a tag; one list (all lists share the key "list").
    return l.subscriber.get() == s && l.stream.name == stream.name &&
           (stream.name != "list" || l.stream.tag == stream.tag);
  });
  if (it->second.empty()) by_key_.erase(it);
}

void Bus::UnsubscribeAll(const Subscriber* s) {
  std::lock_guard lock(mu_);
  for (auto it = by_key_.begin(); it != by_key_.end();) {
    std::erase_if(it->second, [&](const Listener& l) { return l.subscriber.get() == s; });
    it = it->second.empty() ? by_key_.erase(it) : std::next(it);
  }
}

std::vector<Bus::Listener> Bus::Listeners(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return {};
  std::vector<Listener> out;
  out.reserve(it->second.size());
  for (const auto& l : it->second) {
    if (!l.subscriber->Ended()) out.push_back(l);
  }
  return out;
}

void Bus::EndToken(const std::string& token_hash) {
  std::vector<std::shared_ptr<Subscriber>> ending;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, listeners] : by_key_) {
      for (const auto& l : listeners) {
        if (l.subscriber->token_hash() == token_hash) ending.push_back(l.subscriber);
      }
    }
  }
  for (auto& s : ending) s->End();
}

void Bus::EndAccount(core::Id account) {
  std::vector<std::shared_ptr<Subscriber>> ending;
  {
    std::lock_guard lock(mu_);
    for (auto& [key, listeners] : by_key_) {
      for (const auto& l : listeners) {
        if (l.subscriber->account() == account) ending.push_back(l.subscriber);
      }
    }
  }
  for (auto& s : ending) s->End();
}

std::vector<core::Id> Bus::Accounts() {
  std::lock_guard lock(mu_);
  std::set<core::Id> all;
  for (const auto& [key, listeners] : by_key_) {
    for (const auto& l : listeners) {
      if (l.subscriber->account()) all.insert(*l.subscriber->account());
    }
  }
  return {all.begin(), all.end()};
}

std::size_t Bus::SubscriberCount() {
  std::lock_guard lock(mu_);
  std::set<const Subscriber*> all;
  for (const auto& [key, listeners] : by_key_) {
    for (const auto& l : listeners) all.insert(l.subscriber.get());
  }
  return all.size();
}

}  // namespace piaf::stream
