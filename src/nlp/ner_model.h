// ner_model.h — the NER sequence labeller: BILOU labels, features, weights, greedy decoding.
//
// Model: an averaged perceptron over hashed sparse features (Collins 2002; Ratinov & Roth 2009
// "Design challenges and misconceptions in NER" show greedy left-to-right decoding with
// previous-label features and BILOU encoding is as good as Viterbi for this task).
//
// Labels: 0 = O, then for entity type t: 1+4t = B, 2+4t = I, 3+4t = L (last), 4+4t = U (unit).
// Features of word i are 64-bit hashes of (template id, string); the static ones depend only on
// the words and the gazetteer and are computed once per sentence, the history ones depend on the
// two previous predicted labels.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/gazetteer.h"

namespace dyad {

enum class Bilou : uint8_t { B = 0, I = 1, L = 2, U = 3 };

inline int ner_num_labels(int num_types) { return 1 + 4 * num_types; }
inline int ner_label(int type, Bilou part) { return 1 + 4 * type + static_cast<int>(part); }
inline int ner_label_type(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline Bilou ner_label_part(int label) { return static_cast<Bilou>((label - 1) % 4); }
// True if `label` may follow `prev` (-1 = sentence start) in a well-formed BILOU sequence.
bool ner_transition_ok(int prev, int label);
// True if `label` may end a sentence (not B or I).
inline bool ner_final_ok(int label) {
  return label == 0 || ner_label_part(label) == Bilou::L || ner_label_part(label) == Bilou::U;
}

// Computes the static features of every word of a sentence.
class NerFeaturizer {
 public:
  explicit NerFeaturizer(const Gazetteer* gaz) : gaz_(gaz) {}

  // feats receives the features of word i at [offsets[i], offsets[i+1]); offsets has n+1 entries.
  // Also fills lower_hash[i] / shape_hash[i], used by history features.
  void extract(std::span<const std::string_view> words, std::vector<uint64_t>& feats,
               std::vector<uint32_t>& offsets, std::vector<uint64_t>& lower_hash,
               std::vector<uint64_t>& shape_hash) const;

  // Appends the features that depend on the previous labels (prev1 = label of word i-1, prev2 of
  // i-2, -1 before the sentence start).
  static void history(int prev1, int prev2, uint64_t lower_hash, uint64_t shape_hash,
                      std::vector<uint64_t>& out);

 private:
  const Gazetteer* gaz_;
  // Scratch space (extract is called from one thread per featurizer).
  mutable std::vector<GazMarks> marks_;
  mutable std::vector<std::string> lower_, shape_;
};

// Read-only weights: an open-addressing hash table from feature hash to a row of num_labels
// floats, used in place from the model file.
class NerWeights {
 public:
  NerWeights() = default;
  NerWeights(std::span<const uint64_t> keys, std::span<const uint32_t> rows, std::span<const float> w,
             int num_labels)
      : keys_(keys), rows_(rows), w_(w), num_labels_(num_labels) {}
  // Row of num_labels weights, or nullptr for an unknown feature.
  const float* find(uint64_t key) const {
    if (keys_.empty()) return nullptr;
    if (key == 0) key = 1;  // 0 marks an empty slot
    const size_t mask = keys_.size() - 1;
    for (size_t s = key & mask;; s = (s + 1) & mask) {
      if (keys_[s] == key) return w_.data() + static_cast<size_t>(rows_[s]) * num_labels_;
      if (keys_[s] == 0) return nullptr;
    }
  }
  int num_labels() const { return num_labels_; }

 private:
  std::span<const uint64_t> keys_;  // power-of-two size, 0 = empty
  std::span<const uint32_t> rows_;
  std::span<const float> w_;
  int num_labels_ = 0;
};

// Builds the open-addressing table for NerWeights from (key, row weights) pairs; the outputs are
// what NerWeights reads.
void build_weight_table(const std::vector<uint64_t>& keys, std::vector<uint64_t>& table_keys,
                        std::vector<uint32_t>& table_rows);

// Greedy constrained decoding of one sentence: labels[i] for each word.
void ner_decode(const NerWeights& w, std::span<const uint64_t> feats, std::span<const uint32_t> offsets,
                std::span<const uint64_t> lower_hash, std::span<const uint64_t> shape_hash,
                std::vector<int>& labels);

}  // namespace dyad

namespace dyad {

// Entity spans of a label sequence: (first, last, type) with last exclusive. Tolerates ill-formed
// sequences (a stray I/L starts a span, a B/I at the end closes one).
struct NerLabelSpan {
  uint32_t first = 0, last = 0;
  int type = 0;
};
std::vector<NerLabelSpan> ner_label_spans(const std::vector<int>& labels);

}  // namespace dyad
