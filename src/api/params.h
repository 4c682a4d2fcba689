// Request parameters, merged from the query string and the body (JSON or
// form-urlencoded), in all the shapes clients send them (spec §2.2):
// `k[]=` arrays (encoded or raw brackets) or a bare `k=`, repeated scalars,
// booleans as true/True/1/on..., ids as strings or numbers; a nested JSON
// object's members as the form names them, `k[member]`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "core/error.h"
#include "core/id.h"

namespace piaf::api {

// A file part of a multipart/form-data body (an upload): its bytes as sent,
// and what the client said of them (never trusted for the type).
struct UploadedFile {
  std::string filename;
  std::string content_type;
  std::string data;
};

class Params {
 public:
  // Fails with kInvalidArgument on a malformed body.
  static core::Result<Params> FromRequest(const Request& request);
  static Params FromQuery(std::string_view query);

  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  // nullopt when absent or empty; an error when present but not a boolean.
  core::Result<std::optional<bool>> GetBool(const std::string& name) const;
  core::Result<std::optional<core::Id>> GetId(const std::string& name) const;
  bool Has(const std::string& name) const;
  // A multipart body's file part of that name (the last one), or null.
  const UploadedFile* File(const std::string& name) const;

  void Add(std::string name, std::string value);

 private:
  core::Result<Params> Validate() &&;  // every name and value is UTF-8
  std::map<std::string, std::vector<std::string>> values_;
  std::map<std::string, UploadedFile> files_;
  friend bool AddMultipart(Params& params, std::string_view type, std::string_view body);
};

// Percent-decoding of a path segment; nullopt when malformed or not UTF-8.
std::optional<std::string> DecodePathSegment(std::string_view segment);
// Percent-encodes every byte but the unreserved ones (RFC 3986) and those in
// `keep`: a query value with no `keep`; a path as received with "/%:@".
std::string PercentEncode(std::string_view s, std::string_view keep = "");

}  // namespace piaf::api
