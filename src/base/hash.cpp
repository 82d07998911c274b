#include "base/hash.h"

#include <cstring>

namespace dyad {
namespace {

inline uint64_t mix(uint64_t x) {
  // splitmix64 finaliser: full avalanche in three steps.
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t hash64(const void* data, size_t size, uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = mix(seed ^ (0x9E3779B97F4A7C15ULL * (size + 1)));
  // Two independent lanes keep the multiply latency off the critical path.
  uint64_t a = h, b = ~h;
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    uint64_t w0, w1;
    std::memcpy(&w0, p + i, 8);
    std::memcpy(&w1, p + i + 8, 8);
    a = (a ^ w0) * 0x9FB21C651E98DF25ULL;
    a ^= a >> 29;
    b = (b ^ w1) * 0xC2B2AE3D27D4EB4FULL;
    b ^= b >> 32;
  }
  if (i + 8 <= size) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    a = (a ^ w) * 0x9FB21C651E98DF25ULL;
    a ^= a >> 29;
    i += 8;
  }
  uint64_t tail = 0;  // fewer than 8 bytes left
  std::memcpy(&tail, p + i, size - i);
  a ^= tail;
  return mix(a ^ mix(b + size));
}

std::string hex64(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = digits[v & 15];
  return s;
}

}  // namespace dyad
