// A stream's connection: server-sent events (a chunked response) or a
// WebSocket, each sending what the stream (api::Stream) queues as it comes.
#include "net/stream_transport.h"

#include <boost/beast/websocket.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "net/response_head.h"

namespace piaf::net {
namespace {

namespace websocket = beast::websocket;
using namespace std::chrono_literals;

// One incoming WebSocket message at most (Beast's default is 16 MiB): a
// client sends subscribe and unsubscribe, a few hundred bytes.
constexpr std::size_t kMaxWebSocketMessage = 64 * 1024;

// Wakes a stream's connection from any thread: the wake is posted to the
// connection's I/O thread, where it cancels the wait on `timer`.
struct Waker {
  explicit Waker(asio::any_io_executor ex) : timer(ex) {}
  asio::steady_timer timer;
  bool pending = false;      // woken since the last look
  bool peer_closed = false;  // the WebSocket reader has stopped
  // When the stream ends (a reader too slow, a revoked token) while a write
  // is stuck on a client that stopped reading: cancel it.
  std::function<void()> on_end;
  std::shared_ptr<api::Stream> stream;
  void Wake() {
    pending = true;
    timer.cancel();
  }
};

std::shared_ptr<Waker> Attach(const std::shared_ptr<api::Stream>& stream,
                              asio::any_io_executor ex) {
  auto waker = std::make_shared<Waker>(ex);
  waker->stream = stream;
  stream->SetWake([weak = std::weak_ptr<Waker>(waker), ex] {
    asio::post(ex, [weak] {
      if (auto w = weak.lock()) {
        w->Wake();
        if (w->on_end && w->stream->Ended()) std::exchange(w->on_end, {})();
      }
    });
  });
  return waker;
}

// Waits for a wake or `timeout`; true when woken.
asio::awaitable<bool> Wait(Waker& w, std::chrono::steady_clock::duration timeout) {
  if (!w.pending) {
    w.timer.expires_after(timeout);
    co_await w.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return std::exchange(w.pending, false);
}

}  // namespace

// Server-sent events: a chunked text/event-stream response, a comment line
// right away, events as they come, a heartbeat comment every 15 s; until the
// stream ends or a write fails (the client went away).
asio::awaitable<void> ServeEvents(beast::tcp_stream& socket, unsigned version, api::Response res) {
  auto ex = co_await asio::this_coro::executor;
  auto stream = res.stream;
  auto waker = Attach(stream, ex);
  waker->on_end = [&socket] { socket.cancel(); };
  http::response<http::empty_body> head{http::status::ok, version};
  head.set(http::field::server, "Piaf");
  head.set(http::field::date, HttpDateNow());
  head.set(http::field::content_type, res.content_type);
  for (const auto& [name, value] : res.headers) head.set(name, value);
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer{head};
  socket.expires_never();
  auto [ec, n] =
      co_await http::async_write_header(socket, serializer, asio::as_tuple(asio::use_awaitable));
  std::string out = ":)\n";
  while (!ec && !stream->Ended()) {
    for (auto& m : stream->Take()) out += m;
    if (!out.empty()) {
      std::tie(ec, n) = co_await asio::async_write(socket, http::make_chunk(asio::buffer(out)),
                                                   asio::as_tuple(asio::use_awaitable));
      out = {};
      if (ec) break;
      stream->Sent();
    }
    if (!co_await Wait(*waker, 15s)) out = ":thump\n";
  }
  waker->on_end = {};
  stream->SetWake({});
  stream->Close();
}

// The WebSocket endpoint: the upgrade (echoing the subprotocol offered: masto
// sends its token there), then a reader handing the client's messages to the
// stream and this loop sending what the stream queues, until either side ends.
asio::awaitable<void> ServeWebSocket(beast::tcp_stream socket,
                                     const http::request<http::string_body>& req,
                                     api::Response res) {
  auto ex = co_await asio::this_coro::executor;
  auto stream = res.stream;
  websocket::stream<beast::tcp_stream> ws(std::move(socket));
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  // Larger messages fail the connection (close code 1009).
  ws.read_message_max(kMaxWebSocketMessage);
  std::string offered(req[http::field::sec_websocket_protocol]);
  std::string protocol = offered.substr(0, offered.find(','));
  while (!protocol.empty() && protocol.back() == ' ') protocol.pop_back();
  ws.set_option(websocket::stream_base::decorator([protocol](websocket::response_type& r) {
    r.set(http::field::server, "Piaf");
    if (!protocol.empty()) r.set(http::field::sec_websocket_protocol, protocol);
  }));
  auto [accept_ec] = co_await ws.async_accept(req, asio::as_tuple(asio::use_awaitable));
  if (accept_ec) {
    stream->Close();
    co_return;
  }
  auto waker = Attach(stream, ex);
  waker->on_end = [&ws] { beast::get_lowest_layer(ws).cancel(); };
  // The reader runs beside this loop on the same I/O thread.
  asio::co_spawn(
      ex,
      [&ws, stream, waker]() -> asio::awaitable<void> {
        beast::flat_buffer buffer;
        for (;;) {
          auto [ec, n] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
          if (ec) break;
          if (ws.got_text()) stream->Receive(beast::buffers_to_string(buffer.data()));
          buffer.consume(buffer.size());
        }
        waker->peer_closed = true;
        waker->Wake();
      },
      asio::detached);
  ws.text(true);
  bool open = true;
  while (open && !waker->peer_closed && !stream->Ended()) {
    for (auto& m : stream->Take()) {
      auto [ec, n] = co_await ws.async_write(asio::buffer(m), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        open = false;
        break;
      }
    }
    stream->Sent();
    if (open) co_await Wait(*waker, 60s);
  }
  waker->on_end = {};
  stream->SetWake({});
  stream->Close();
  if (!waker->peer_closed) {
    // Ended here (a slow reader, a revoked token): close, then wait for the
    // reader to stop before `ws` goes.
    if (open) {
      co_await ws.async_close(websocket::close_code::normal, asio::as_tuple(asio::use_awaitable));
    }
    beast::get_lowest_layer(ws).close();
    while (!waker->peer_closed) co_await Wait(*waker, 1s);
  }
}

}  // namespace piaf::net
