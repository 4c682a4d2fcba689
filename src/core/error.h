// Errors of the domain and store layers: a code, a message safe to show the
// client, and a detail that is logged and never sent. api/ maps codes to
// HTTP statuses in one place (api/errors.cc).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace piaf::core {

enum class ErrorCode {
  kInvalidArgument,  // malformed request, missing parameter: 400
  kUnauthenticated,  // no or bad token: 401
  kForbidden,        // authenticated, not allowed: 403
  kNotFound,         // unknown, or invisible to the viewer: 404
  kUnprocessable,    // validation failed: 422
  kTooManyRequests,  // throttled: 429
  kInternal,         // a bug or a broken store: 500
};

struct Error {
  ErrorCode code;
  std::string safe_message;
  std::string detail;  // for the log only
};

inline Error NotFound() { return {ErrorCode::kNotFound, "Record not found", ""}; }
inline Error Invalid(std::string message) {
  return {ErrorCode::kInvalidArgument, std::move(message), ""};
}
inline Error Unprocessable(std::string message) {
  return {ErrorCode::kUnprocessable, "Validation failed: " + std::move(message), ""};
}
inline Error Forbidden() { return {ErrorCode::kForbidden, "This action is not allowed", ""}; }
inline Error Internal(std::string detail) {
  return {ErrorCode::kInternal, "Internal server error", std::move(detail)};
}

// A value or an Error. Small on purpose (std::expected arrives with C++23).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

}  // namespace piaf::core
