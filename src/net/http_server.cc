#include "net/http_server.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <cerrno>
#include <chrono>
#include <climits>
#include <iostream>
#include <memory>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <unordered_map>
#include <vector>

#include "net/response_head.h"
#include "net/stream_transport.h"

// jemalloc's, when the binary is linked with it (not under the sanitizers).
extern "C" int mallctl(const char* name, void* old, std::size_t* old_size, void* value,
                       std::size_t size) __attribute__((weak));

namespace piaf::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Open connections, in total and per client address. Past either cap a new
// connection is closed at once: idle sockets held open from one address would
// otherwise take every file descriptor (the accept loop then fails).
class Connections {
 public:
  Connections(std::size_t max_total, std::size_t max_per_ip)
      : max_total_(max_total), max_per_ip_(max_per_ip) {}

  // Held while a connection is open; false when it was over a cap.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(Connections* owner, std::string ip) : owner_(owner), ip_(std::move(ip)) {}
    Ticket(Ticket&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), ip_(std::move(other.ip_)) {}
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (owner_) owner_->Leave(ip_);
    }
    explicit operator bool() const { return owner_ != nullptr; }
    const std::string& ip() const { return ip_; }

   private:
    Connections* owner_ = nullptr;
    std::string ip_;
  };

  Ticket Enter(const std::string& ip) {
    std::lock_guard lock(mu_);
    if (total_ >= max_total_) return {};
    std::size_t& mine = per_ip_[ip];
    if (max_per_ip_ && mine >= max_per_ip_) {
      if (mine == 0) per_ip_.erase(ip);
      return {};
    }
    ++mine;
    ++total_;
    return Ticket(this, ip);
  }

 private:
  void Leave(const std::string& ip) {
    std::lock_guard lock(mu_);
    --total_;
    auto it = per_ip_.find(ip);
    if (it != per_ip_.end() && --it->second == 0) per_ip_.erase(it);
  }

  const std::size_t max_total_, max_per_ip_;  // max_per_ip_ 0: no cap
  std::mutex mu_;
  std::size_t total_ = 0;
  std::unordered_map<std::string, std::size_t> per_ip_;
};

// Password hashing (argon2id, tens of milliseconds of CPU and 64 MiB each):
// a few threads, and at most `limit` requests in it, running or waiting;
// past that a request is answered 503 at once rather than queued.
struct PasswordPool {
  PasswordPool(int threads, int queue)
      : pool(static_cast<std::size_t>(std::max(1, threads))),
        limit(std::max(1, threads) + std::max(0, queue)) {}
  asio::thread_pool pool;
  const int limit;
  std::atomic<int> in{0};
};

// Gives freed memory back to the system. jemalloc keeps the pages it freed
// for reuse and returns them only as it goes on allocating: after 5,000
// streams that had queued a megabyte each were dropped, RSS stayed 5 GB up
// for minutes.
void ReleaseFreedMemory() {
  if (mallctl) {
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096: MALLCTL_ARENAS_ALL
  } else {
    malloc_trim(0);
  }
}

// Streams open, and closed since memory was last given back: a look every
// second releases it after many closed (or the last one).
struct Streams {
  std::atomic<int> open{0};
  std::atomic<int> closed{0};
  void Look() {
    int n = closed.load();
    if (n >= 16 || (n > 0 && open.load() == 0)) {
      closed -= n;
      ReleaseFreedMemory();
    }
  }
};

// What every connection uses besides its socket.
struct Shared {
  const ServerOptions& options;
  const RequestHandler& handler;
  asio::thread_pool& workers;
  PasswordPool& passwords;
  Connections& connections;
  Streams& streams;
};

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

api::Response Busy() {
  api::Response res;
  res.status = 503;
  res.body = R"({"error":"Too many sign-ins at once, try again shortly"})";
  res.headers.emplace_back("Retry-After", "1");
  return res;
}

// Runs the handler where a request that may wait belongs (api::WorkOf): on
// the workers, or on the password pool when it has room. (Reads run on the
// I/O thread without a coroutine of their own: Session calls the handler.)
asio::awaitable<api::Response> HandleOff(Shared& s, api::Work work, api::Request request) {
  switch (work) {
    case api::Work::kRead:
      co_return s.handler(request);
    case api::Work::kWrite:
      // Suspends this coroutine until a worker has run the handler; the
      // answer comes back on this connection's I/O thread.
      co_return co_await HandleOn(s.workers, s.handler, std::move(request), asio::use_awaitable);
    case api::Work::kPassword:
      break;
  }
  if (s.passwords.in.fetch_add(1) >= s.passwords.limit) {
    --s.passwords.in;
    co_return Busy();
  }
  auto res = co_await HandleOn(s.passwords.pool, s.handler, std::move(request), asio::use_awaitable);
  --s.passwords.in;
  co_return res;
}

asio::awaitable<void> Session(tcp::socket socket, Connections::Ticket ticket, Shared& s) {
  const ServerOptions& options = s.options;
  beast::error_code ec;
  // An answer's last segment goes at once, not after the client's
  // (delayed) acknowledgement of the one before: a body in more pieces than
  // one write takes waited 40 ms.
  socket.set_option(tcp::no_delay(true), ec);
  socket.non_blocking(true, ec);  // for SendNow; asio's own operations wait as ever
  beast::tcp_stream stream(std::move(socket));
  const std::string& ip = ticket.ip();
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
    api::Request request = ToRequest(req, ip);
    api::Work work = api::WorkOf(request.method, request.path);
    api::Response res;
    if (work == api::Work::kRead) {
      res = s.handler(request);
    } else {
      // (Not `?:` around the co_await: GCC 12 miscompiles it, and the
      // server died on its second WebSocket.)
      res = co_await HandleOff(s, work, std::move(request));
    }
    if (res.stream && res.status == 200) {
      ++s.streams.open;
      if (upgrade) {
        co_await ServeWebSocket(std::move(stream), req, std::move(res));
      } else {
        co_await ServeEvents(stream, req.version(), std::move(res));
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      }
      --s.streams.open;
      ++s.streams.closed;
      co_return;
    }
    bool keep = req.keep_alive() && !upgrade;
    auto write_ec =
        co_await WriteResponse(stream, res, req.version(), keep, req.method() == http::verb::head);
    if (write_ec || !keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

bool OutOfDescriptors(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory ||
         (ec.category() == asio::error::get_system_category() && ec.value() == ENFILE);
}

// Over a cap: a 503 if the socket takes it at once, and closed.
template <typename Socket>
void Refuse(Socket& socket) {
  api::Response res;
  res.status = 503;
  res.body = R"({"error":"Too many connections"})";
  std::string text = ResponseHead(res, 11, "Service Unavailable", HttpDateNow(), false,
                                  res.body.size()) +
                     res.body;
  ::send(socket.native_handle(), text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  beast::error_code ec;
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

// Connections are handed to the I/O threads in turn. Each thread runs its own
// io_context, so a connection's handlers all run on one thread, in order,
// without a strand; a stream's wakes from other threads are posted to it.
asio::awaitable<void> Listen(tcp::acceptor& acceptor, Shared& s,
                             std::vector<std::unique_ptr<asio::io_context>>& loops) {
  asio::steady_timer pause(acceptor.get_executor());
  bool out_of_descriptors = false;
  for (std::size_t next = 0; acceptor.is_open(); ++next) {
    asio::io_context& loop = *loops[next % loops.size()];
    auto [ec, socket] = co_await acceptor.async_accept(loop, asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted) co_return;
    if (OutOfDescriptors(ec)) {
      // The connection waits in the backlog; accepting again at once fails
      // again at once (this loop spun at 100 % CPU): wait for descriptors to
      // be freed.
      if (!std::exchange(out_of_descriptors, true)) {
        spdlog::warn("cannot accept connections: {}; trying again every 100 ms "
                     "(raise the file descriptor limit or lower --max-connections)",
                     ec.message());
      }
      pause.expires_after(100ms);
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (ec) continue;
    out_of_descriptors = false;
    beast::error_code endpoint_ec;
    auto endpoint = socket.remote_endpoint(endpoint_ec);
    if (endpoint_ec) continue;  // already gone
    Connections::Ticket ticket = s.connections.Enter(endpoint.address().to_string());
    if (!ticket) {
      Refuse(socket);
      continue;
    }
    asio::co_spawn(loop, Session(std::move(socket), std::move(ticket), s), asio::detached);
  }
}

// Raises the soft limit on file descriptors to the hard one (each connection
// takes one; the soft limit is often 1,024 where the hard one is far higher).
// Returns the limit now.
std::size_t RaiseDescriptorLimit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) return 1024;
  if (r.rlim_cur < r.rlim_max) {
    rlimit raised = r;
    raised.rlim_cur = r.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) r = raised;
  }
  return r.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20 : static_cast<std::size_t>(r.rlim_cur);
}

// Connections at most when not set: the descriptors less a reserve for the
// store (a SQLite connection per thread, its database and WAL files), the
// event loops, the logs.
std::size_t DefaultMaxConnections(const ServerOptions& o, std::size_t descriptors) {
  std::size_t reserve = 64 + 2 * static_cast<std::size_t>(std::max(0, o.threads) +
                                                           std::max(0, o.workers) +
                                                           std::max(0, o.password_workers));
  return std::max<std::size_t>(16, descriptors > reserve ? descriptors - reserve : 0);
}

}  // namespace

void Serve(const ServerOptions& options, RequestHandler handler,
           std::function<void(std::uint16_t)> on_ready) {
  std::size_t descriptors = RaiseDescriptorLimit();
  std::size_t max_connections = options.max_connections
                                    ? options.max_connections
                                    : DefaultMaxConnections(options, descriptors);
  spdlog::info("{} file descriptors, {} connections at most ({} per address)", descriptors,
               max_connections, options.max_connections_per_ip);
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
  PasswordPool passwords(options.password_workers, options.password_queue);
  Connections connections(max_connections, options.max_connections_per_ip);
  Streams streams;
  Shared shared{options, handler, workers, passwords, connections, streams};
  asio::co_spawn(ioc, Listen(acceptor, shared, loops), asio::detached);
  asio::steady_timer housekeeping(ioc);
  std::function<void()> look = [&] {
    housekeeping.expires_after(1s);
    housekeeping.async_wait([&](beast::error_code ec) {
      if (ec) return;
      streams.Look();
      look();
    });
  };
  look();

  // Graceful shutdown: stop accepting; requests in flight finish; idle
  // keep-alive connections are closed after a short grace period.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ec;
    acceptor.close(ec);
    housekeeping.cancel();
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
  passwords.pool.join();
}

}  // namespace piaf::net
