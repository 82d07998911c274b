// hash.h — a fast non-cryptographic 64-bit hash.
//
// Used for document content hashes (idempotent ingest), model file checksums and feature
// hashing. Not for security: nothing here resists a chosen collision.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad {

uint64_t hash64(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t hash64(std::string_view s, uint64_t seed = 0) { return hash64(s.data(), s.size(), seed); }

// Cheap combiner for feature hashing: mixes `v` into `h`.
inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}

// 16 lowercase hex digits.
std::string hex64(uint64_t v);

}  // namespace dyad
