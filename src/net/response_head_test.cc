// ResponseHead against the writer it replaced: Beast's serializer of the
// same response (fields set in the same order), byte for byte.
#include "net/response_head.h"

#include <gtest/gtest.h>

#include <boost/beast/http.hpp>
#include <sstream>

namespace piaf::net {
namespace {

namespace http = boost::beast::http;

std::string BeastHead(const api::Response& res, unsigned version, bool keep_alive,
                      std::string_view date) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "Piaf");
  out.set(http::field::date, date);
  out.set(http::field::content_type, res.content_type);
  for (const auto& [name, value] : res.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  if (HasBody(res.status)) out.body() = res.body;
  out.prepare_payload();
  std::ostringstream text;
  text << out.base();
  return text.str();
}

std::string Head(const api::Response& res, unsigned version, bool keep_alive,
                 std::string_view date) {
  auto reason = http::obsolete_reason(static_cast<http::status>(res.status));
  return ResponseHead(res, version, std::string_view(reason.data(), reason.size()), date,
                      keep_alive, res.body.size());
}

constexpr std::string_view kDate = "Sat, 28 Nov 2026 20:10:00 GMT";

TEST(ResponseHead, WritesWhatBeastWrote) {
  api::Response ok;
  ok.body = R"([{"id":"1"}])";
  ok.headers.emplace_back("Link",
                          "<https://piaf.example/api/v1/timelines/home?max_id=1>; rel=\"next\"");
  api::Response missing;
  missing.status = 404;
  missing.body = R"({"error":"Record not found"})";
  api::Response created;
  created.status = 302;
  created.content_type = "text/html";
  created.body = "";
  created.headers.emplace_back("Location", "https://piaf.example/");
  created.headers.emplace_back("Cache-Control", "no-store");
  api::Response too_large;
  too_large.status = 413;
  too_large.body = R"({"error":"Request body too large"})";
  for (const auto* res : {&ok, &missing, &created, &too_large}) {
    for (unsigned version : {10u, 11u}) {
      for (bool keep : {true, false}) {
        SCOPED_TRACE(std::to_string(res->status) + " " + std::to_string(version) + " " +
                     std::to_string(keep));
        EXPECT_EQ(Head(*res, version, keep, kDate), BeastHead(*res, version, keep, kDate));
      }
    }
  }
}

// RFC 9110 8.6: no Content-Length in a 204 or 304 (Beast 1.81 wrote "0").
TEST(ResponseHead, NoContentHasNoLength) {
  for (int status : {204, 304}) {
    api::Response res;
    res.status = status;
    std::string head = ResponseHead(res, 11, "No Content", kDate, true, 0);
    EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
    EXPECT_FALSE(HasBody(status));
  }
  EXPECT_TRUE(HasBody(200));
  EXPECT_TRUE(HasBody(404));
}

TEST(ResponseHead, GivesTheLengthOfTheBodyAHeadAnswerOmits) {
  api::Response res;
  std::string head = ResponseHead(res, 11, "OK", kDate, true, 31495);
  EXPECT_NE(head.find("\r\nContent-Length: 31495\r\n\r\n"), std::string::npos) << head;
}

TEST(ResponseHead, NoFieldCanBeSplitByALineBreakInAValue) {
  api::Response res;
  res.headers.emplace_back("Link", "<https://piaf.example/?q=a\r\nSet-Cookie: x=1>; rel=\"next\"");
  res.headers.emplace_back("X-Odd\nName", "v");
  std::string head = ResponseHead(res, 11, "OK", kDate, true, 2);
  EXPECT_EQ(head.find("\r\nSet-Cookie"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nLink: <https://piaf.example/?q=a  Set-Cookie: x=1>; rel=\"next\"\r\n"),
            std::string::npos)
      << head;
  EXPECT_NE(head.find("\r\nX-Odd Name: v\r\n"), std::string::npos) << head;
  // Every line break is one of the head's own: one per field, the status
  // line's and the blank line's.
  std::size_t breaks = 0;
  for (std::size_t at = head.find('\n'); at != std::string::npos; at = head.find('\n', at + 1)) {
    EXPECT_EQ(head[at - 1], '\r');
    ++breaks;
  }
  EXPECT_EQ(breaks, 1 + 5 + 1 + 1u);  // Server, Date, Content-Type, two own fields, Content-Length
}

TEST(ResponseHead, DateIsAnImfFixdateOfNow) {
  std::string_view date = HttpDateNow();
  ASSERT_EQ(date.size(), 29u) << date;
  EXPECT_EQ(date.substr(26), "GMT");
  std::tm tm{};
  ASSERT_NE(strptime(std::string(date).c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm), nullptr);
  std::time_t parsed = timegm(&tm);
  EXPECT_LE(std::abs(parsed - std::time(nullptr)), 2);
}

}  // namespace
}  // namespace piaf::net
