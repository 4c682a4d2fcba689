#include "net/http_server.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <cerrno>
#include <chrono>
#include <climits>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "net/response_head.h"

namespace piaf::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

api::Request ToRequest(const http::request<http::string_body>& req, const std::string& ip) {
  api::Request r;
  r.method = std::string(req.method_string());
  std::string_view target = req.target();
  auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(field.value());
  }
  r.body = req.body();
  r.remote_ip = ip;
  r.websocket = websocket::is_upgrade(req);
  return r;
}

// Sends as much of `buffers` as the (non-blocking) socket takes now, in one
// sendmsg: asio's writes take 64 buffers at a time, and a page written in
// pieces has more. Returns how many bytes went.
std::size_t SendNow(tcp::socket& socket, const std::vector<asio::const_buffer>& buffers,
                    beast::error_code& ec) {
  std::vector<iovec> iov;
  iov.reserve(std::min<std::size_t>(buffers.size(), IOV_MAX));
  for (const auto& b : buffers) {
    if (iov.size() == IOV_MAX) break;
    iov.push_back({const_cast<void*>(b.data()), b.size()});
  }
  msghdr msg{};
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  for (;;) {
    ssize_t n = ::sendmsg(socket.native_handle(), &msg, MSG_NOSIGNAL);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      ec = beast::error_code(errno, boost::system::system_category());
    }
    return 0;
  }
}

// Writes `res` (its head, then its body unless `head_only`) in one gather
// write where the socket takes it; the error of the write.
asio::awaitable<beast::error_code> WriteResponse(beast::tcp_stream& stream,
                                                 const api::Response& res, unsigned version,
                                                 bool keep_alive, bool head_only) {
  auto reason = http::obsolete_reason(static_cast<http::status>(res.status));
  bool body = HasBody(res.status);
  std::size_t length = res.pieces ? res.pieces->size() : res.body.size();
  std::string head = ResponseHead(res, version, std::string_view(reason.data(), reason.size()),
                                  HttpDateNow(), keep_alive, body ? length : 0);
  std::vector<asio::const_buffer> buffers{asio::buffer(head)};
  if (body && !head_only) {
    if (res.pieces) {
      const auto& views = res.pieces->Views();
      buffers.reserve(1 + views.size());
      for (std::string_view v : views) buffers.push_back(asio::buffer(v.data(), v.size()));
    } else {
      buffers.push_back(asio::buffer(res.body));
    }
  }
  beast::error_code ec;
  std::size_t sent = SendNow(stream.socket(), buffers, ec);
  if (ec) co_return ec;
  std::vector<asio::const_buffer> rest;  // what the socket did not take at once
  for (asio::const_buffer b : buffers) {
    if (sent >= b.size()) {
      sent -= b.size();
      continue;
    }
    rest.push_back(b + sent);
    sent = 0;
  }
  if (rest.empty()) co_return ec;
  auto [write_ec, n] = co_await asio::async_write(stream, rest, asio::as_tuple(asio::use_awaitable));
  co_return write_ec;
}

// Runs the handler on a worker; the waiting coroutine resumes on its own
// executor with the response.
template <typename Token>
auto HandleOn(asio::thread_pool& workers, const RequestHandler& handler, api::Request request,
              Token&& token) {
  return asio::async_initiate<Token, void(api::Response)>(
      [&workers, &handler](auto done, api::Request request) {
        auto back = asio::prefer(asio::get_associated_executor(done),
                                 asio::execution::outstanding_work.tracked);
        asio::post(workers, [&handler, done = std::move(done), back = std::move(back),
                             request = std::move(request)]() mutable {
          api::Response response = handler(request);
          asio::post(back, [done = std::move(done), response = std::move(response)]() mutable {
            std::move(done)(std::move(response));
          });
        });
      },
      token, std::move(request));
}

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
      out.clear();
      if (ec) break;
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

asio::awaitable<void> Session(tcp::socket socket, const ServerOptions& options,
                              const RequestHandler& handler, asio::thread_pool& workers) {
  beast::error_code ec;
  // An answer's last segment goes at once, not after the client's
  // (delayed) acknowledgement of the one before: a body in more pieces than
  // one write takes waited 40 ms.
  socket.set_option(tcp::no_delay(true), ec);
  socket.non_blocking(true, ec);  // for SendNow; asio's own operations wait as ever
  beast::tcp_stream stream(std::move(socket));
  std::string ip = stream.socket().remote_endpoint(ec).address().to_string();
  beast::flat_buffer buffer;
  for (;;) {
    stream.expires_after(60s);
    http::request_parser<http::string_body> parser;
    parser.body_limit(options.body_limit);
    parser.header_limit(16 * 1024);
    auto [read_ec, n] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_ec == http::error::end_of_stream || read_ec == beast::error::timeout ||
        read_ec == asio::error::operation_aborted) {
      break;
    }
    if (read_ec) {
      // Malformed or too large: answer once, then close.
      api::Response bad;
      bad.status = read_ec == http::error::body_limit ? 413 : 400;
      bad.body = bad.status == 413 ? R"({"error":"Request body too large"})"
                                   : R"({"error":"Malformed HTTP request"})";
      co_await WriteResponse(stream, bad, 11, false, false);
      break;
    }
    auto req = parser.release();
    bool upgrade = websocket::is_upgrade(req);
    api::Response res;
    std::string_view target = req.target();
    if (api::MayWrite(req.method_string(), target.substr(0, target.find('?')))) {
      // Suspends this coroutine until a worker has run the handler; the
      // answer comes back on this connection's I/O thread.
      res = co_await HandleOn(workers, handler, ToRequest(req, ip), asio::use_awaitable);
    } else {
      res = handler(ToRequest(req, ip));
    }
    if (res.stream && res.status == 200) {
      if (upgrade) {
        co_await ServeWebSocket(std::move(stream), req, std::move(res));
        co_return;
      }
      co_await ServeEvents(stream, req.version(), std::move(res));
      break;
    }
    bool keep = req.keep_alive() && !upgrade;
    auto write_ec =
        co_await WriteResponse(stream, res, req.version(), keep, req.method() == http::verb::head);
    if (write_ec || !keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// Connections are handed to the I/O threads in turn. Each thread runs its own
// io_context, so a connection's handlers all run on one thread, in order,
// without a strand; a stream's wakes from other threads are posted to it.
asio::awaitable<void> Listen(tcp::acceptor& acceptor, const ServerOptions& options,
                             const RequestHandler& handler, asio::thread_pool& workers,
                             std::vector<std::unique_ptr<asio::io_context>>& loops) {
  for (std::size_t next = 0;; ++next) {
    asio::io_context& loop = *loops[next % loops.size()];
    auto [ec, socket] = co_await acceptor.async_accept(loop, asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) continue;
    asio::co_spawn(loop, Session(std::move(socket), options, handler, workers), asio::detached);
  }
}

}  // namespace

void Serve(const ServerOptions& options, RequestHandler handler,
           std::function<void(std::uint16_t)> on_ready) {
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> busy;
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    loops.push_back(std::make_unique<asio::io_context>(1));
    busy.push_back(asio::make_work_guard(*loops.back()));
  }
  asio::io_context& ioc = *loops.front();
  tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
  tcp::acceptor acceptor(ioc);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  std::uint16_t port = acceptor.local_endpoint().port();

  asio::thread_pool workers(std::max(1, options.workers));
  asio::co_spawn(ioc, Listen(acceptor, options, handler, workers, loops), asio::detached);

  // Graceful shutdown: stop accepting; requests in flight finish; idle
  // keep-alive connections are closed after a short grace period.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ec;
    acceptor.close(ec);
    grace.expires_after(500ms);
    grace.async_wait([&](beast::error_code) {
      busy.clear();
      for (auto& loop : loops) loop->stop();
    });
  });
  if (on_ready) on_ready(port);

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < loops.size(); ++i) {
    threads.emplace_back([&loop = *loops[i]] { loop.run(); });
  }
  ioc.run();
  for (auto& t : threads) t.join();
  // Requests still on a worker finish before the coroutines waiting for
  // them (frames owned by the loops) are destroyed.
  workers.join();
}

}  // namespace piaf::net
