// The status line and header fields of an HTTP/1.x response, written as one
// string: the server sends it and the body together (one gather write)
// without copying the body or going through Beast's serializer (with it,
// Beast's own code was 12 % of a home-timeline profile's samples; 4.6 %
// without it, for the request parser).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "api/http.h"

namespace piaf::net {

// `version` as Beast counts it (11: HTTP/1.1, 10: HTTP/1.0); `reason` the
// status's reason phrase; `date` an IMF-fixdate. The fields: Server, Date,
// Content-Type, the response's own headers (CR and LF in a name or value
// become spaces: no header can be split in two), Connection when it differs
// from the version's default, and Content-Length (none for 1xx, 204 and 304,
// which have no body). A HEAD answer gives the length of the body it omits.
std::string ResponseHead(const api::Response& res, unsigned version, std::string_view reason,
                         std::string_view date, bool keep_alive, std::size_t content_length);

// Whether a response with `status` carries a body at all.
bool HasBody(int status);

// The current time as an HTTP date (IMF-fixdate), formatted once per second
// per thread.
std::string_view HttpDateNow();

}  // namespace piaf::net
