#include "api/params.h"

#include <gtest/gtest.h>

namespace piaf::api {
namespace {

TEST(Params, TakesArraysInEveryShapeClientsSend) {
  auto p = Params::FromQuery("id[]=1&id%5B%5D=2&id=3&limit=5&limit=5&q=a+b%20c");
  EXPECT_EQ(p.GetAll("id"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(p.Get("limit"), "5");
  EXPECT_EQ(p.Get("q"), "a b c");
}

TEST(Params, MergesJsonBodiesAndReadsBooleansAndIds) {
  Request r;
  r.method = "POST";
  r.query = "local=True";
  r.headers["content-type"] = "application/json; charset=utf-8";
  r.body = R"({"status": "hé", "media_ids": [], "in_reply_to_id": 42, "sensitive": false,
               "types": ["mention", "follow"], "poll": {"options": ["a"]}})";
  auto p = Params::FromRequest(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("status"), "hé");
  EXPECT_TRUE(p->GetAll("media_ids").empty());
  EXPECT_EQ(*p->GetId("in_reply_to_id").value(), 42);
  EXPECT_EQ(p->GetBool("sensitive").value(), false);
  EXPECT_EQ(p->GetBool("local").value(), true);
  EXPECT_EQ(p->GetAll("types").size(), 2u);
  EXPECT_FALSE(p->Has("poll"));
}

TEST(Params, NamesANestedJsonObjectsMembersAsAFormWould) {
  // {"home": {"last_read_id": "5"}} reads as home[last_read_id]=5 (markers);
  // {"poll": {"options": [...]}} as poll[options][]=...
  Request r;
  r.method = "POST";
  r.headers["content-type"] = "application/json";
  r.body = R"({"home": {"last_read_id": "5"}, "notifications": {"last_read_id": 7},
               "poll": {"options": ["a", "b"], "x": {"y": true}}, "empty": {}})";
  auto p = Params::FromRequest(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->Get("home[last_read_id]"), "5");
  EXPECT_EQ(p->Get("notifications[last_read_id]"), "7");
  EXPECT_EQ(p->GetAll("poll[options]"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p->Get("poll[x][y]"), "true");
  EXPECT_FALSE(p->Has("home"));
  EXPECT_FALSE(p->Has("empty"));
  // The same as a form.
  auto form = Params::FromQuery("home%5Blast_read_id%5D=5&poll[options][]=a&poll[options][]=b");
  EXPECT_EQ(form.Get("home[last_read_id]"), "5");
  EXPECT_EQ(form.GetAll("poll[options]"), (std::vector<std::string>{"a", "b"}));
}

TEST(Params, RejectsMalformedBodies) {
  Request r;
  r.headers["content-type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  r.body = "status=%Z1";
  EXPECT_FALSE(Params::FromRequest(r).ok());
  r.body = "status=%FF";  // decodes, but is not UTF-8
  EXPECT_FALSE(Params::FromRequest(r).ok());
  r.body = "\xff\xfe";  // a name that is not UTF-8
  EXPECT_FALSE(Params::FromRequest(r).ok());
  r.body.clear();
  r.query = "q=%C3";
  EXPECT_FALSE(Params::FromRequest(r).ok());
  r.query.clear();
  r.headers["content-type"] = "application/json";
  r.body = "[1]";
  EXPECT_FALSE(Params::FromRequest(r).ok());
  auto p = Params::FromQuery("flag=maybe");
  EXPECT_FALSE(p.GetBool("flag").ok());
  EXPECT_FALSE(p.GetId("flag").ok());
}

TEST(Params, MultipartGivesFieldsAsAFormsAndFilesApart) {
  Request r;
  r.headers["content-type"] = "multipart/form-data; boundary=\"XyZ\"";
  std::string png("\x89PNG\r\n\x1a\n\0\xff", 10);
  r.body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
           "a cat\r\n--XyZ\r\ncontent-disposition: form-data; name=\"media_ids[]\"\r\n\r\n"
           "7\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.png\"\r\n"
           "Content-Type: image/png\r\n\r\n" +
           png + "\r\n--XyZ--\r\n";
  auto p = Params::FromRequest(r);
  ASSERT_TRUE(p.ok()) << p.error().safe_message;
  EXPECT_EQ(p->Get("description"), "a cat");
  EXPECT_EQ(p->GetAll("media_ids"), std::vector<std::string>{"7"});
  const UploadedFile* f = p->File("file");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->data, png);  // binary, NUL included: not a parameter
  EXPECT_EQ(f->filename, "c.png");
  EXPECT_EQ(f->content_type, "image/png");
  EXPECT_FALSE(p->Get("file"));
  // Malformed: no boundary, no closing delimiter.
  r.headers["content-type"] = "multipart/form-data";
  EXPECT_FALSE(Params::FromRequest(r).ok());
  r.headers["content-type"] = "multipart/form-data; boundary=XyZ";
  r.body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb";
  EXPECT_FALSE(Params::FromRequest(r).ok());
}

TEST(DecodePathSegment, DecodesAndChecksUtf8) {
  EXPECT_EQ(DecodePathSegment("caf%C3%A9"), "café");
  EXPECT_FALSE(DecodePathSegment("%C3").has_value());
  EXPECT_FALSE(DecodePathSegment("%G1").has_value());
}

}  // namespace
}  // namespace piaf::api
