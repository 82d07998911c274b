#include "text/segment_chars.h"

#include <utf8proc.h>

#include <array>

namespace dyad::seg {
namespace {

constexpr std::array<CharClass, 128> make_ascii() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c <= 32 || c == 127)
      t[c] = kSpace;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      t[c] = kLetter;
    else if (c >= '0' && c <= '9')
      t[c] = kDigit;
    else
      t[c] = kPunct;
  }
  return t;
}
constexpr auto kAscii = make_ascii();

}  // namespace

CharClass char_class(char32_t c) {
  if (c < 128) return kAscii[c];
  switch (c) {
    case 0x200B:
    case 0x2060:
    case 0xFEFF:
    case 0x180E:
    case 0x0085:
      return kSpace;
    case 0x200C:
    case 0x200D:
    case 0x00AD:  // joiners and the soft hyphen stay inside words
      return kMark;
    default:
      break;
  }
  if (c >= 0x1F3FB && c <= 0x1F3FF) return kMark;  // emoji skin tones
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return kLetter;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return kDigit;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return kMark;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
      return kSpace;
    default:
      return kPunct;
  }
}

bool is_upper(char32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z';
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool is_lower(char32_t c) {
  if (c < 128) return c >= 'a' && c <= 'z';
  return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_LL;
}

char32_t decode_at(std::string_view s, size_t i, uint32_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t avail = s.size() - i;
  const unsigned char b = p[0];
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  uint32_t n;
  char32_t c;
  if (b >= 0xC2 && b <= 0xDF)
    n = 2, c = b & 0x1F;
  else if (b >= 0xE0 && b <= 0xEF)
    n = 3, c = b & 0x0F;
  else if (b >= 0xF0 && b <= 0xF4)
    n = 4, c = b & 0x07;
  else {
    *len = 1;
    return 0xFFFD;
  }
  if (avail < n) {
    *len = 1;
    return 0xFFFD;
  }
  for (uint32_t k = 1; k < n; ++k) {
    if ((p[k] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    c = (c << 6) | (p[k] & 0x3F);
  }
  // Overlong forms, surrogates and values above U+10FFFF.
  if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF)) {
    *len = 1;
    return 0xFFFD;
  }
  *len = n;
  return c;
}

}  // namespace dyad::seg
