// UTF-8 <-> code points, strict: overlong forms, surrogates and values past
// U+10FFFF are rejected, so everything downstream works on valid text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace piaf::core {

// Decodes `in` into code points. Returns nullopt when `in` is not valid UTF-8.
std::optional<std::u32string> DecodeUtf8(std::string_view in);

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void AppendUtf8(std::string& out, char32_t cp);

std::string EncodeUtf8(std::u32string_view in);

// Number of UTF-16 code units `in` takes (what JavaScript's String.length says).
std::size_t Utf16Length(std::u32string_view in);
// The same for valid UTF-8, without decoding it.
std::size_t Utf16Length(std::string_view utf8);

}  // namespace piaf::core
