// HTTP/1.1 server: Boost.Beast with C++20 coroutines on a few I/O threads,
// keep-alive, a request body limit, and graceful shutdown on SIGINT/SIGTERM
// (stop accepting, let requests in flight finish, return). Beast and Asio
// types stay inside net/.
//
// Reads (GET, HEAD, OPTIONS) are handled on the I/O threads: they never wait
// on a disk. Every other request may write, and a write waits for its group
// commit (or hashes a password), as does a search (api::MayWrite): those run
// on a pool of worker threads while the connection's coroutine is suspended,
// so the I/O threads keep serving and the writes waiting together commit
// together. Password hashing (sign-in, registration) runs on a small pool of
// its own, with a bounded queue (api::WorkOf): 48 wrong passwords at once had
// taken every worker, and a post waited seconds behind them.
//
// Connections are capped in total and per client address; out of file
// descriptors, the accept loop waits before it tries again (it spun at 100 %
// CPU).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "api/http.h"

namespace piaf::net {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;   // I/O threads
  int workers = 32;  // threads for requests that may write
  std::size_t body_limit = 1 << 20;
  // For the requests that carry an upload (api::IsUpload): an image of
  // media::Limits' 16 MiB and the multipart around it.
  std::size_t upload_body_limit = 17 << 20;
  // Open connections at most: 0 takes the file descriptor limit (raised to
  // its hard limit at start) less a reserve for the store and the threads.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_ip = 256;
  int password_workers = 2;   // threads that hash passwords
  int password_queue = 16;    // requests waiting for them; past it, 503 at once
};

using RequestHandler = std::function<api::Response(const api::Request&)>;

// Serves until SIGINT or SIGTERM. `on_ready` is called with the bound port
// once the server accepts connections. Throws on bind failure.
void Serve(const ServerOptions& options, RequestHandler handler,
           std::function<void(std::uint16_t)> on_ready = {});

}  // namespace piaf::net
