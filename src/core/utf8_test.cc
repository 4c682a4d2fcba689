#include "core/utf8.h"

#include <gtest/gtest.h>

namespace piaf::core {
namespace {

TEST(Utf8, RoundTripsEveryPlane) {
  std::u32string text = U"a\u00e9\u4e2d\U0001F431";
  auto decoded = DecodeUtf8(EncodeUtf8(text));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, text);
  EXPECT_EQ(Utf16Length(text), 5u);
  EXPECT_EQ(Utf16Length(EncodeUtf8(text)), 5u);
}

TEST(Utf8, RejectsMalformedInput) {
  EXPECT_FALSE(DecodeUtf8("\xC3").has_value());              // truncated
  EXPECT_FALSE(DecodeUtf8("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_FALSE(DecodeUtf8("\xED\xA0\x80").has_value());      // surrogate
  EXPECT_FALSE(DecodeUtf8("\xF4\x90\x80\x80").has_value());  // past U+10FFFF
  EXPECT_FALSE(DecodeUtf8("\xFF").has_value());
  EXPECT_FALSE(DecodeUtf8("a\x80").has_value());
}

}  // namespace
}  // namespace piaf::core
