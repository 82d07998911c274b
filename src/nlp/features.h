// features.h — word-level helpers shared by the tagger and the lemmatizer.
//
//   * ASCII lowercasing, word shape ("Jong-un" -> "Xxxx-xx"), UTF-8-safe affixes;
//   * WordInfo: every hash a token contributes to tagger features, computed once per token;
//   * FrozenMap: a read-only u64 -> u32 open-addressing table stored in a model file section and
//     used in place (mmap), for word dictionaries (tag dictionary, ambiguity classes, lemma
//     exceptions). Build with FrozenMap::write from (key, value) pairs.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/model_file.h"

namespace dyad::features {

// 64-bit hash of a byte string for feature keys and dictionary keys. (Own function rather than
// base/hash.h's hash64, whose tail copy reads past a 9..15-byte remainder.) Never returns 0.
uint64_t hash_str(std::string_view s, uint64_t seed = 0);

// ASCII-only lowercasing (non-ASCII bytes unchanged): English tags and lemmas need no more.
std::string lower(std::string_view s);
void lower_into(std::string_view s, std::string& out);

// Word shape: X upper, x lower, d digit, u non-ASCII byte, other ASCII bytes kept; runs of one
// class are cut to 3 ("Lavrov" -> "Xxxx", "Jong-un" -> "Xxxx-xx", "2024" -> "ddd").
std::string shape(std::string_view s);

// Byte length of the last `n` UTF-8 characters of s (or all of s if shorter).
size_t suffix_bytes(std::string_view s, size_t n);
// Byte length of the first `n` UTF-8 characters of s.
size_t prefix_bytes(std::string_view s, size_t n);

// Hashes of one token, the inputs of the tagger's feature templates.
struct WordInfo {
  uint64_t form = 0;   // exact form
  uint64_t lower = 0;  // lowercased form, digits mapped to '0'
  uint64_t shape = 0;
  uint64_t suf[4] = {};  // lowercased suffixes of 1..4 characters
  uint64_t pre[3] = {};  // lowercased prefixes of 1..3 characters
  uint32_t flags = 0;    // kHasDigit | kHasHyphen | kHasUpper | kAllUpper | kTitle
};
enum : uint32_t { kHasDigit = 1, kHasHyphen = 2, kHasUpper = 4, kAllUpper = 8, kTitle = 16 };
// `scratch` avoids an allocation per token.
// The WordInfo::lower hash of an already lowercased form (digits folded the same way).
uint64_t lower_key(std::string_view lowered);
void word_info(std::string_view form, std::string& scratch, WordInfo* out);
// The WordInfo of the padding positions before the first / after the last token.
const WordInfo& pad_info(int which);  // which = -1 (before) or +1 (after)

// Read-only hash map u64 -> u32 over model-file memory. Key 0 is not allowed.
class FrozenMap {
 public:
  FrozenMap() = default;
  static FrozenMap read(ByteReader& r);
  // Writes a table holding `entries` (duplicate keys: the first wins).
  static void write(ByteWriter& w, std::vector<std::pair<uint64_t, uint32_t>> entries);
  // Returns true and sets *value if present.
  bool find(uint64_t key, uint32_t* value) const {
    if (slots_.empty()) return false;
    for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
      const uint64_t k = slots_[2 * i];
      if (k == key) {
        *value = static_cast<uint32_t>(slots_[2 * i + 1]);
        return true;
      }
      if (k == 0) return false;
    }
  }
  size_t size() const { return size_; }

 private:
  std::span<const uint64_t> slots_;  // pairs (key, value)
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace dyad::features
