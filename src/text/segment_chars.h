// segment_chars.h — code point classes for the tokenizer and sentence splitter (internal).
#pragma once

#include <cstdint>
#include <string_view>

namespace dyad::seg {

enum CharClass : uint8_t {
  kSpace,   // whitespace incl. NBSP, line/paragraph separators, zero-width space, BOM, controls
  kLetter,  // L*
  kDigit,   // N*
  kMark,    // M*, ZWJ/ZWNJ, variation selectors, emoji modifiers: glued to the previous char
  kPunct,   // everything else (P*, S*, private use, U+FFFD ...)
};

CharClass char_class(char32_t c);
bool is_upper(char32_t c);  // Lu or Lt
bool is_lower(char32_t c);  // Ll

// Decodes the code point at s[i] (s.size() > i); sets *len to its byte length (>= 1). Invalid
// sequences decode as U+FFFD of length 1.
char32_t decode_at(std::string_view s, size_t i, uint32_t* len);

}  // namespace dyad::seg
