// The two ways a stream reaches its client, for the connection loop of
// http_server.cc: server-sent events and WebSocket. Net-internal.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "api/http.h"

namespace piaf::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// Server-sent events: a chunked text/event-stream response, a comment line
// right away, events as they come, a heartbeat comment every 15 s; until the
// stream ends or a write fails (the client went away).
asio::awaitable<void> ServeEvents(beast::tcp_stream& socket, unsigned version, api::Response res);

// The WebSocket endpoint: the upgrade (echoing the subprotocol offered),
// then a reader handing the client's messages to the stream and a loop
// sending what the stream queues, until either side ends.
asio::awaitable<void> ServeWebSocket(beast::tcp_stream socket,
                                     const http::request<http::string_body>& req,
                                     api::Response res);

}  // namespace piaf::net
