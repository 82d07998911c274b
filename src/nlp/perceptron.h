// perceptron.h — a reusable multi-class averaged perceptron over hashed features.
//
// Used by the tagger (and available to the parser and NER). The caller turns each decision into a
// list of 64-bit feature keys (hash a template id with the values it looks at, e.g.
// `hash_mix(kWordTemplate, hash64(word))`; see FeatureKey below) and asks for one score per class.
//
//   Training                                   Prediction
//   --------                                   ----------
//   perceptron::Trainer tr(num_classes);        perceptron::Model m = perceptron::Model::read(r);
//   for each epoch, for each example:          float s[C]; m.score(keys, s);  // s is overwritten
//     tr.score(keys, scores);                  argmax(s) ...
//     guess = argmax(scores);
//     tr.update(keys, gold, guess);  // no-op if gold == guess, but advances the clock
//   tr.write(writer);  // averaged, pruned, deterministic bytes
//
// Averaging is the usual lazy scheme (Collins 2002; Daumé's trick): every weight keeps the sum of
// its past values, brought up to date only when it changes, so an update costs O(#features).
//
// Storage. Training keeps one small sparse row per feature (only the classes an update touched).
// The written model is an open-addressing table of feature keys (power-of-two size, linear
// probing, load <= 1/2) whose 32-byte slots hold up to two (class, weight) pairs inline and point
// at the rest of their sparse row; the arrays are
// read in place from the mmap-ed model file (see base/model_file.h), so loading costs nothing but
// the checksum pass. Keys are stored in full, so there are no hash-bucket collisions between
// features; two different feature strings colliding in 64 bits is negligible.
//
// Determinism: nothing here depends on iteration order of a hash map or on the allocator; the
// written bytes are a function of the sequence of score/update calls only.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/hash.h"
#include "base/model_file.h"

namespace dyad::perceptron {

// Builds a feature key from a template id and up to three already-hashed values. The template id
// keeps "previous word = X" apart from "next word = X". Key 0 is reserved (empty slot marker), so
// the result is never 0.
inline uint64_t FeatureKey(uint64_t templ, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = hash_mix(hash_mix(hash_mix(templ * 0x9E3779B97F4A7C15ULL + 1, a), b), c);
  return h ? h : 1;
}

// Index of the largest score; ties go to the lowest class (deterministic).
inline uint32_t argmax(const float* scores, uint32_t n) {
  uint32_t best = 0;
  for (uint32_t i = 1; i < n; ++i)
    if (scores[i] > scores[best]) best = i;
  return best;
}

// A trained, read-only model. Holds views (spans) into memory owned by someone else: the
// ModelFile it was read from, or the buffer returned by Trainer::bytes(). Keep that alive.
class Model {
 public:
  Model() = default;
  // Reads a model written by Trainer::write; throws InputError on a malformed section.
  static Model read(ByteReader& r);

  uint32_t num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_weights() const { return weight_.size(); }

  // scores[0..num_classes) = sum of the weights of `keys`; unknown keys contribute nothing.
  // Allocation-free.
  void score(std::span<const uint64_t> keys, float* scores) const;
  // Adds the weights of one feature to scores (for callers that build keys one at a time).
  void add(uint64_t key, float* scores) const;

 private:
  friend class Trainer;  // writes the table
  // One 32-byte slot of the key table (two per cache line). Most features have one or two
  // non-zero classes; those live in the slot itself, so a lookup costs one cache miss. Longer
  // rows keep their first two entries inline and the rest in cls_/weight_[begin, end).
  static constexpr uint32_t kInline = 2;
  struct Slot {
    uint64_t key;    // 0 = empty
    uint32_t begin;  // overflow entries [begin, end) in cls_/weight_
    uint32_t end;
    uint16_t n_inline;
    uint16_t cls[kInline];
    uint16_t pad;
    float w[kInline];
  };
  static_assert(sizeof(Slot) == 32);
  uint32_t num_classes_ = 0;
  size_t num_features_ = 0;
  uint64_t mask_ = 0;  // table size - 1
  std::span<const Slot> table_;
  std::span<const uint16_t> cls_;
  std::span<const float> weight_;
};

class Trainer {
 public:
  explicit Trainer(uint32_t num_classes);

  uint32_t num_classes() const { return num_classes_; }
  size_t num_features() const { return rows_.size(); }

  // scores[0..num_classes) = current (not averaged) weights summed over `keys`.
  void score(std::span<const uint64_t> keys, float* scores) const;
  // One training example done: if guess != gold, moves weight from `guess` to `gold` on every
  // key. Always advances the averaging clock by one.
  void update(std::span<const uint64_t> keys, uint32_t gold, uint32_t guess);

  // Appends the averaged model to `w` in the format Model::read expects. Weights whose averaged
  // magnitude is below `prune` are dropped (and features left with no weights), which shrinks
  // the model several-fold at no measurable cost in accuracy.
  void write(ByteWriter& w, float prune = 1e-3f) const;
  // Like write(), for the mean of several trainers' averaged weights (parameter mixing: the same
  // data in different orders gives models whose mean generalises better than each). All must
  // have the same number of classes.
  static void write_mixed(std::span<const Trainer* const> trainers, ByteWriter& w, float prune = 1e-3f);

 private:
  struct Entry {
    uint16_t cls;
    float w;         // current weight
    double total;    // sum of w over past clock ticks, up to `stamp`
    uint64_t stamp;  // clock value at which `total` was last brought up to date
  };
  void bump(uint64_t key, uint32_t cls, float delta);

  uint32_t num_classes_;
  uint64_t clock_ = 0;
  std::unordered_map<uint64_t, uint32_t> index_;  // key -> row number
  std::vector<std::vector<Entry>> rows_;
  std::vector<uint64_t> keys_;  // key of each row
};

// Deterministic PRNG (splitmix64) and Fisher-Yates shuffle, identical on every platform and
// standard library (std::shuffle is not), for shuffling training data by seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[next() % i]);
  }

 private:
  uint64_t s_;
};

}  // namespace dyad::perceptron
