// ner_model.h — the NER sequence labeller: BILOU labels, features, weights, greedy decoding.
//
// Model: a structured averaged perceptron over hashed sparse features (Collins 2002), decoded with
// first-order Viterbi under BILOU constraints (a B must be closed by an L of the same type), with
// BILOU encoding as recommended by Ratinov & Roth 2009.
//
// Labels: 0 = O, then for entity type t: 1+4t = B, 2+4t = I, 3+4t = L (last), 4+4t = U (unit).
// Features of word i are 64-bit hashes of (template id, string); the static ones depend only on
// the words and the gazetteer and are computed once per sentence, the history ones depend on the
// previous label (so Viterbi stays first-order).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/doc.h"
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

// How each word is written across one document: a word capitalised mid-sentence elsewhere in
// the document is likely a name even where it is lowercased or sentence-initial ("kerala" in a
// thread that also writes "Kerala"), and one written lowercase elsewhere likely is not.
class NerDocContext {
 public:
  struct Counts {
    uint32_t cap_mid = 0;  // capitalised ("Xx...") and not sentence-initial
    uint32_t lower = 0;    // no uppercase letter
  };
  void clear() { counts_.clear(); }
  // Adds the words of one sentence of the document.
  void add(std::span<const std::string_view> words);
  Counts get(uint64_t lower_hash) const {
    const auto it = counts_.find(lower_hash);
    return it == counts_.end() ? Counts{} : it->second;
  }

 private:
  std::unordered_map<uint64_t, Counts> counts_;  // by hash of the lowercased word
  std::string lower_, shape_;
};

// Computes the static features of every word of a sentence.
class NerFeaturizer {
 public:
  explicit NerFeaturizer(const Gazetteer* gaz) : gaz_(gaz) {}

  // feats receives the features of word i at [offsets[i], offsets[i+1]); offsets has n+1 entries.
  // Also fills lower_hash[i] / shape_hash[i], used by history features. `doc` (optional) holds
  // the whole document's words, this sentence included. `upos` (optional: empty or one per
  // word) are the tagger's part-of-speech tags; the model is trained with them, so leaving them
  // out costs accuracy.
  void extract(std::span<const std::string_view> words, std::vector<uint64_t>& feats,
               std::vector<uint32_t>& offsets, std::vector<uint64_t>& lower_hash,
               std::vector<uint64_t>& shape_hash, const NerDocContext* doc = nullptr,
               std::span<const Upos> upos = {}) const;

  // Appends the features that depend on the previous label (label of word i-1, -1 at the start).
  static constexpr int kHistory = 3;  // features appended per call
  static void history(int prev, uint64_t lower_hash, uint64_t shape_hash, std::vector<uint64_t>& out);

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

// First-order Viterbi under BILOU constraints. static_scores holds num_labels scores per word
// (from the static features); hist_row(key) returns the weight row of a history feature or
// nullptr. labels receives the best well-formed sequence.
template <typename HistRow>
void ner_viterbi(int num_labels, std::span<const float> static_scores, std::span<const uint64_t> lower_hash,
                 std::span<const uint64_t> shape_hash, HistRow hist_row, std::vector<int>& labels);

// Decodes one sentence with read-only weights.
void ner_decode(const NerWeights& w, std::span<const uint64_t> feats, std::span<const uint32_t> offsets,
                std::span<const uint64_t> lower_hash, std::span<const uint64_t> shape_hash,
                std::vector<int>& labels);

template <typename HistRow>
void ner_viterbi(int num_labels, std::span<const float> static_scores, std::span<const uint64_t> lower_hash,
                 std::span<const uint64_t> shape_hash, HistRow hist_row, std::vector<int>& labels) {
  const size_t n = lower_hash.size();
  const auto L = static_cast<size_t>(num_labels);
  labels.assign(n, 0);
  if (n == 0) return;
  constexpr float kNone = -1e30f;
  std::vector<float> delta(n * L, kNone), h(L);
  std::vector<int> back(n * L, 0);
  std::vector<uint64_t> hist;
  for (size_t i = 0; i < n; ++i) {
    const float* st = static_scores.data() + i * L;
    const int first_prev = i == 0 ? -1 : 0, last_prev = i == 0 ? -1 : num_labels - 1;
    for (int p = first_prev; p <= last_prev; ++p) {
      const float base = i == 0 ? 0.0f : delta[(i - 1) * L + static_cast<size_t>(p)];
      if (base <= kNone) continue;
      hist.clear();
      NerFeaturizer::history(p, lower_hash[i], shape_hash[i], hist);
      std::fill(h.begin(), h.end(), 0.0f);
      for (uint64_t f : hist)
        if (const float* row = hist_row(f))
          for (size_t l = 0; l < L; ++l) h[l] += row[l];
      for (int l = 0; l < num_labels; ++l) {
        if (!ner_transition_ok(p, l)) continue;
        if (i + 1 == n && !ner_final_ok(l)) continue;
        const float s = base + st[l] + h[static_cast<size_t>(l)];
        float& d = delta[i * L + static_cast<size_t>(l)];
        if (s > d) {
          d = s;
          back[i * L + static_cast<size_t>(l)] = p;
        }
      }
    }
  }
  int best = 0;
  for (int l = 1; l < num_labels; ++l)
    if (delta[(n - 1) * L + static_cast<size_t>(l)] > delta[(n - 1) * L + static_cast<size_t>(best)])
      best = l;
  for (size_t i = n; i-- > 0;) {
    labels[i] = best;
    best = back[i * L + static_cast<size_t>(best)];
  }
}

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
