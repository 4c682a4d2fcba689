#include "net/http_server.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>
#include <vector>

namespace piaf::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

std::string HttpDate() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

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
  return r;
}

http::response<http::string_body> ToResponse(api::Response res, unsigned version, bool keep_alive,
                                             bool head) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "Piaf");
  out.set(http::field::date, HttpDate());
  out.set(http::field::content_type, res.content_type);
  for (const auto& [name, value] : res.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  std::size_t size = res.body.size();
  if (!head) out.body() = std::move(res.body);
  out.prepare_payload();
  if (head) out.content_length(size);
  return out;
}

bool MayWrite(http::verb method) {
  return method != http::verb::get && method != http::verb::head && method != http::verb::options;
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

asio::awaitable<void> Session(tcp::socket socket, const ServerOptions& options,
                              const RequestHandler& handler, asio::thread_pool& workers) {
  beast::tcp_stream stream(std::move(socket));
  beast::error_code ec;
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
      auto out = ToResponse(bad, 11, false, false);
      co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      break;
    }
    auto req = parser.release();
    api::Response res;
    if (MayWrite(req.method())) {
      // Suspends this coroutine until a worker has run the handler; the
      // answer comes back on this connection's I/O thread.
      res = co_await HandleOn(workers, handler, ToRequest(req, ip), asio::use_awaitable);
    } else {
      res = handler(ToRequest(req, ip));
    }
    bool keep = req.keep_alive();
    auto out = ToResponse(std::move(res), req.version(), keep, req.method() == http::verb::head);
    auto [write_ec, m] =
        co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    if (write_ec || !keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> Listen(tcp::acceptor& acceptor, const ServerOptions& options,
                             const RequestHandler& handler, asio::thread_pool& workers) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) continue;
    asio::co_spawn(acceptor.get_executor(), Session(std::move(socket), options, handler, workers),
                   asio::detached);
  }
}

}  // namespace

void Serve(const ServerOptions& options, RequestHandler handler,
           std::function<void(std::uint16_t)> on_ready) {
  asio::io_context ioc(options.threads);
  tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
  tcp::acceptor acceptor(ioc);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  std::uint16_t port = acceptor.local_endpoint().port();

  asio::thread_pool workers(std::max(1, options.workers));
  asio::co_spawn(ioc, Listen(acceptor, options, handler, workers), asio::detached);

  // Graceful shutdown: stop accepting; requests in flight finish; idle
  // keep-alive connections are closed after a short grace period.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ec;
    acceptor.close(ec);
    grace.expires_after(500ms);
    grace.async_wait([&](beast::error_code) { ioc.stop(); });
  });
  if (on_ready) on_ready(port);

  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  // Requests still on a worker finish before the coroutines waiting for
  // them (frames owned by `ioc`) are destroyed.
  workers.join();
}

}  // namespace piaf::net
