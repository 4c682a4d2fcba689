// Where the server runs each kind of request (api::WorkOf).
#include <gtest/gtest.h>

#include "api/http.h"

namespace piaf::api {
namespace {

TEST(WorkOf, ReadsStayOnTheIoThreads) {
  EXPECT_EQ(WorkOf("GET", "/api/v1/timelines/home"), Work::kRead);
  EXPECT_EQ(WorkOf("GET", "/oauth/authorize"), Work::kRead);  // the page, no password
  EXPECT_EQ(WorkOf("HEAD", "/api/v1/accounts"), Work::kRead);
}

TEST(WorkOf, WritesSearchAndSuggestionsGoToTheWorkers) {
  EXPECT_EQ(WorkOf("POST", "/api/v1/statuses"), Work::kWrite);
  EXPECT_EQ(WorkOf("DELETE", "/api/v1/statuses/1"), Work::kWrite);
  EXPECT_EQ(WorkOf("GET", "/api/v2/search"), Work::kWrite);
  EXPECT_EQ(WorkOf("GET", "/api/v2/suggestions"), Work::kWrite);  // up to 1,000 lists read
  EXPECT_EQ(WorkOf("POST", "/api/v1/accounts/1/follow"), Work::kWrite);
}

TEST(WorkOf, WhatHashesAPasswordGoesToItsOwnPool) {
  EXPECT_EQ(WorkOf("POST", "/oauth/token"), Work::kPassword);
  EXPECT_EQ(WorkOf("POST", "/oauth/authorize"), Work::kPassword);
  EXPECT_EQ(WorkOf("POST", "/api/v1/accounts"), Work::kPassword);
}

}  // namespace
}  // namespace piaf::api
