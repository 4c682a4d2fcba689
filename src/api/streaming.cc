#include "api/streaming.h"

#include <boost/json.hpp>
#include <algorithm>
#include <tuple>

#include "service/lists.h"
#include "service/streaming.h"

namespace piaf::api {
namespace {

namespace json = boost::json;

// A connection's subscriptions and a tag's length are bounded: one anonymous
// WebSocket sending 200,000 subscribes for 1,000-character tags took 640 MB.
// Mastodon's own streaming server is no more generous in practice (a client
// follows its timelines and a few tags).
constexpr std::size_t kMaxSubscriptions = 100;
constexpr std::size_t kMaxTagCharacters = 100;

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string StreamError(const std::string& message, int status) {
  return json::serialize(json::object{{"error", message}, {"status", status}});
}

// Streams Mastodon offers that nothing here publishes to: direct
// (conversations) until Piaf has them, and the remote and
// media variants of the public streams (one community: nothing remote; no
// media). A subscription to one is accepted and stays quiet. Refusing it
// would end a client's other streams too: npm masto 7 throws on any message
// with an "error" field, in the iterator of every subscription of the
// connection (its WebSocketSubscription.parseMessage). Real mistakes (an
// unknown name, a missing tag, a scope) are still answered with Mastodon's
// {"error", "status"}, as its own streaming server answers them.
bool QuietStream(const std::string& name) {
  return name == "direct" || name == "public:remote" || name == "public:media" ||
         name == "public:local:media" || name == "public:remote:media";
}

// Why the viewer may not listen to `name` (with `tag`: a hashtag stream's
// tag, a list stream's list), or "" when it may. Returns the HTTP status
// beside the message.
std::pair<int, std::string> Refusal(const service::Viewer& viewer, const std::string& name,
                                    const std::string& tag) {
  if (!stream::KnownStream(name) && !QuietStream(name)) return {400, "Unknown stream type"};
  if ((name == "hashtag" || name == "hashtag:local") && tag.empty()) {
    return {400, "No tag for hashtag stream"};
  }
  if (name == "list" && tag.empty()) return {400, "No list for list stream"};
  if (CodePoints(tag) > kMaxTagCharacters) return {400, "Tag too long"};
  // Mastodon's scopes: read:statuses for the user, direct and list streams.
  if (stream::UserStream(name) || name == "direct" || name == "list") {
    if (viewer.Anonymous()) return {401, "Missing access token"};
    const char* scope = name == "user:notification" ? "read:notifications" : "read:statuses";
    if (!service::ScopeAllows(viewer.scopes, scope)) {
      return {403, "This action is outside the authorized scopes"};
    }
  }
  return {0, ""};
}

// A list stream is its owner's only: anyone else's subscription is refused
// as Mastodon's streaming server refuses it (that one only; a WebSocket's
// other subscriptions go on).
std::pair<int, std::string> ListRefusal(service::Context& ctx, const service::Viewer& viewer,
                                        const std::string& name, const std::string& list) {
  if (name != "list") return {0, ""};
  auto id = core::ParseId(list);
  if (!id || !service::FindOwnList(ctx, viewer, *id)) {
    return {401, "Not authorized to stream this list"};
  }
  return {0, ""};
}

// The parameter that tells streams of one name apart: a list stream's list,
// else a hashtag stream's tag.
std::string StreamKey(const std::string& name, const std::string& tag, const std::string& list) {
  return name == "list" ? list : tag;
}

class ApiStream final : public Stream {
 public:
  ApiStream(service::Context& ctx, service::Viewer viewer,
            std::shared_ptr<stream::Subscriber> subscriber)
      : ctx_(ctx), viewer_(std::move(viewer)), subscriber_(std::move(subscriber)) {}

  // False when the connection has as many subscriptions as it may.
  bool Subscribe(const std::string& name, const std::string& tag) {
    stream::StreamName stream = service::MakeStreamName(name, tag);
    if (std::find(subscribed_.begin(), subscribed_.end(), stream) == subscribed_.end()) {
      if (subscribed_.size() >= kMaxSubscriptions) return false;
      subscribed_.push_back(stream);
    }
    ctx_.streaming->bus.Subscribe(subscriber_, stream);
    return true;
  }

  std::vector<std::string> Take() override { return subscriber_->Take(); }
  void Sent() override { subscriber_->Sent(); }
  void SetWake(std::function<void()> wake) override { subscriber_->SetWake(std::move(wake)); }
  bool Ended() override { return subscriber_->Ended(); }
  void Close() override {
    ctx_.streaming->bus.UnsubscribeAll(subscriber_.get());
    subscriber_->End();
  }

  // {"type":"subscribe"|"unsubscribe","stream":S,"tag"?:T}
  void Receive(std::string_view message) override {
    boost::system::error_code ec;
    json::value v = json::parse(message, ec);
    const json::object* o = ec ? nullptr : v.if_object();
    auto field = [&](const char* name) -> std::string {
      if (!o) return "";
      auto it = o->find(name);
      if (it == o->end() || !it->value().is_string()) return "";
      return std::string(it->value().get_string());
    };
    std::string type = field("type"), name = field("stream");
    std::string tag = StreamKey(name, field("tag"), field("list"));
    if (type != "subscribe" && type != "unsubscribe") {
      subscriber_->DeliverRaw(StreamError("Unknown message type", 400));
      return;
    }
    auto [status, error] = Refusal(viewer_, name, tag);
    if (!status && type == "subscribe") std::tie(status, error) = ListRefusal(ctx_, viewer_, name, tag);
    if (status) {
      subscriber_->DeliverRaw(StreamError(error, status));
      return;
    }
    if (type == "subscribe") {
      if (!Subscribe(name, tag)) subscriber_->DeliverRaw(StreamError("Too many subscriptions", 429));
    } else {
      stream::StreamName stream = service::MakeStreamName(name, tag);
      // The bus forgets every spelling of the tag.
      std::erase_if(subscribed_, [&](const stream::StreamName& s) {
        return s.name == stream.name && s.key == stream.key;
      });
      ctx_.streaming->bus.Unsubscribe(subscriber_.get(), stream);
    }
  }

 private:
  service::Context& ctx_;
  const service::Viewer viewer_;
  const std::shared_ptr<stream::Subscriber> subscriber_;
  // As the bus files them (each spelling of a tag apart, as there); only the
  // connection's thread (its reader) changes them.
  std::vector<stream::StreamName> subscribed_;
};

}  // namespace

Response OpenStream(service::Context& ctx, Call& c, const std::string& name) {
  if (!ctx.streaming) return ErrorResponse(core::NotFound());
  std::string tag =
      StreamKey(name, c.params.Get("tag").value_or(""), c.params.Get("list").value_or(""));
  if (name.empty() && !c.request.websocket) {
    return JsonResponse(400, R"({"error":"Unknown channel requested"})");
  }
  if (!name.empty()) {
    auto [status, error] = Refusal(c.viewer, name, tag);
    if (!status) std::tie(status, error) = ListRefusal(ctx, c.viewer, name, tag);
    if (status) return JsonResponse(status, json::serialize(json::object{{"error", error}}));
  }
  std::string token = BearerToken(c.request, c.params);
  auto subscriber = std::make_shared<stream::Subscriber>(
      c.request.websocket ? stream::Format::kWebSocket : stream::Format::kSse, c.viewer.account_id,
      token.empty() ? "" : service::HashToken(token));
  auto s = std::make_shared<ApiStream>(ctx, c.viewer, subscriber);
  if (!name.empty()) s->Subscribe(name, tag);
  Response r;
  r.content_type = "text/event-stream";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body.clear();
  r.stream = std::move(s);
  return r;
}

}  // namespace piaf::api
