#include "service/auth.h"

#include <gtest/gtest.h>

namespace piaf::service {
namespace {

TEST(ScopeAllows, AGrantedScopeAllowsItselfAndItsSubScopes) {
  EXPECT_TRUE(ScopeAllows("read write follow", "read"));
  EXPECT_TRUE(ScopeAllows("read write follow", "write:statuses"));
  EXPECT_TRUE(ScopeAllows("read", "read:accounts"));
  EXPECT_TRUE(ScopeAllows("admin:read", "admin:read:accounts"));
  EXPECT_TRUE(ScopeAllows("read:statuses", "read:statuses"));
}

TEST(ScopeAllows, FollowAllowsTheRelationScopesOnly) {
  for (const char* s : {"write:follows", "write:blocks", "write:mutes", "read:follows",
                        "read:blocks", "read:mutes"}) {
    EXPECT_TRUE(ScopeAllows("follow", s)) << s;
  }
  EXPECT_FALSE(ScopeAllows("follow", "read"));
  EXPECT_FALSE(ScopeAllows("follow", "write:statuses"));
}

TEST(ScopeAllows, ANameThatMerelyStartsTheSameAllowsNothing) {
  EXPECT_FALSE(ScopeAllows("read", "readx"));
  EXPECT_FALSE(ScopeAllows("read", "reading:x"));
  EXPECT_FALSE(ScopeAllows("write", "read:accounts"));
  EXPECT_FALSE(ScopeAllows("read:statuses", "read:accounts"));
  EXPECT_FALSE(ScopeAllows("read:statuses", "read"));
  EXPECT_FALSE(ScopeAllows("admin:read", "admin:write:accounts"));
}

TEST(ScopeAllows, ScopesAreSeparatedByAnyWhitespace) {
  EXPECT_TRUE(ScopeAllows("  push\tread\n", "read:notifications"));
  EXPECT_TRUE(ScopeAllows("read   write", "write"));
  EXPECT_FALSE(ScopeAllows("", "read"));
  EXPECT_FALSE(ScopeAllows("   ", "read"));
}

}  // namespace
}  // namespace piaf::service
