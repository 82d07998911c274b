// utf8.h — validation and repair of UTF-8 input.
//
// Input from the web is often broken. dyad stores only valid UTF-8 (SQLite and JSON need it), so
// every byte string from outside passes through valid_utf8() or repair_utf8() first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dyad {

// Byte offset of the first invalid sequence (overlong forms, surrogates and code points above
// U+10FFFF are invalid), or std::string_view::npos if `s` is valid UTF-8.
size_t first_invalid_utf8(std::string_view s);
inline bool valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

// Copy of `s` with each invalid sequence replaced by U+FFFD; *replaced (if given) counts them.
std::string repair_utf8(std::string_view s, size_t* replaced = nullptr);

// Decode one code point at s[i]; advances i. Returns 0xFFFD (and advances one byte) on error.
char32_t decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);

// 1-based line number of byte offset `pos` in `s` (for error messages).
size_t line_of_offset(std::string_view s, size_t pos);

}  // namespace dyad
