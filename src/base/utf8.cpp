#include "base/utf8.h"

#include <algorithm>

namespace dyad {
namespace {

// Length of the valid sequence starting at s[i], or 0 if it is invalid. Follows the table of
// well-formed byte sequences in the Unicode standard (ch. 3, table 3-7).
size_t valid_seq_len(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t n = s.size() - i;
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return (n >= 2 && (b(1) & 0xC0) == 0x80) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (b(1) < lo || b(1) > hi || (b(2) & 0xC0) != 0x80) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (b(1) < lo || b(1) > hi || (b(2) & 0xC0) != 0x80 || (b(3) & 0xC0) != 0x80) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

size_t first_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t len = valid_seq_len(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string repair_utf8(std::string_view s, size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  size_t count = 0, i = 0;
  while (i < s.size()) {
    const size_t len = valid_seq_len(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++count;
      ++i;
    } else {
      out.append(s.data() + i, len);
      i += len;
    }
  }
  if (replaced) *replaced = count;
  return out;
}

char32_t decode_utf8(std::string_view s, size_t& i) {
  const size_t len = valid_seq_len(s, i);
  const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  char32_t cp = 0xFFFD;
  switch (len) {
    case 1:
      cp = b(0);
      break;
    case 2:
      cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
      break;
    case 3:
      cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      break;
    case 4:
      cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
      break;
    default:
      break;
  }
  i += len == 0 ? 1 : len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    append_utf8(out, 0xFFFD);
  }
}

size_t line_of_offset(std::string_view s, size_t pos) {
  pos = std::min(pos, s.size());
  return 1 + static_cast<size_t>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
}

}  // namespace dyad
