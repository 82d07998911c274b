// ner_hash.h — the string hash behind NER feature and gazetteer keys.
//
// The NER model stores hashed keys, so their values are part of the model format: this hash is
// kept here, fixed, instead of reusing base/hash.h (whose output may change when it is fixed or
// tuned — and which at the time of writing overruns its 8-byte tail buffer for lengths with
// size % 16 > 8). FNV-1a over the bytes, then the splitmix64 finaliser for avalanche.
#pragma once

#include <cstdint>
#include <string_view>

namespace dyad {

inline uint64_t ner_mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

inline uint64_t ner_hash(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xCBF29CE484222325ULL ^ ner_mix(seed + s.size());
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return ner_mix(h);
}

// Combines two hashes (order matters).
inline uint64_t ner_combine(uint64_t h, uint64_t v) {
  return ner_mix(h ^ (v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2)));
}

}  // namespace dyad
