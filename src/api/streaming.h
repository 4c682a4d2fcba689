// The streaming API (Mastodon's): SSE endpoints and the WebSocket endpoint
// open a stream for the viewer; WebSocket clients subscribe and unsubscribe
// with JSON messages on the socket. What goes on the streams is published by
// the service layer (service/streaming.h).
#pragma once

#include <string>

#include "api/api.h"

namespace piaf::api {

// Opens a stream for the call: `name` is the stream asked for (may be empty
// on a WebSocket, which subscribes later). Checks the name, the tag of
// hashtag streams, and that user streams have a user token with a read scope.
Response OpenStream(service::Context& ctx, Call& call, const std::string& name);

}  // namespace piaf::api
