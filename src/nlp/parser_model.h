// parser_model.h — internals shared by the parser and its trainer: the arc-hybrid state, the
// feature templates and the compact weight table. Not a public interface.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "base/model_file.h"

namespace dyad::parser_impl {

// Number of feature templates; extract() fills exactly this many keys.
inline constexpr int kNumTemplates = 91;
inline constexpr int kMaxLabels = 64;  // label sets are 64-bit masks

// Per-token inputs of one sentence. Index n is the artificial ROOT.
struct SentenceInput {
  int n = 0;
  std::vector<uint64_t> word;  // hash of the lowercased form
  std::vector<uint8_t> tag;    // xpos id (or 200 + upos when the xpos is unknown)
  void resize(int len) {
    n = len;
    word.resize(static_cast<size_t>(len) + 1);
    tag.resize(static_cast<size_t>(len) + 1);
  }
};

// Hash of a word form as the features see it (ASCII-lowercased, digits folded to '0').
uint64_t word_key(std::string_view form);
// Fills `in` for sentence [first, last) of `doc`.
void fill_input(const Doc& doc, uint32_t first, uint32_t last, SentenceInput& in);

// Transitions: class 0 = SHIFT, 1 + l = LEFT-l, 1 + L + l = RIGHT-l (l = label index).
enum Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };

// Arc-hybrid configuration. Stack holds token indices; the buffer is [b0, n] (n = ROOT).
struct State {
  int n = 0;
  int b0 = 0;
  std::vector<int> stack;
  std::vector<int> head;        // -2 = none yet, n = ROOT
  std::vector<uint8_t> label;   // label index
  std::vector<int> lc1, lc2, rc1, rc2;  // leftmost / 2nd leftmost / rightmost / 2nd rightmost child
  std::vector<uint8_t> nl, nr;          // number of left / right children
  std::vector<uint64_t> lset, rset;     // label sets of left / right children

  void init(int len);
  bool terminal() const { return stack.empty() && b0 == n; }
  bool can_shift() const { return b0 < n; }
  bool can_left() const { return !stack.empty() && (b0 < n || stack.size() == 1); }
  bool can_right() const { return stack.size() >= 2; }
  void apply(Move m, int lab);

 private:
  void add_arc(int h, int d, int lab);
};

// Fills keys[0..kNumTemplates) with the feature hashes of state `s`.
void extract(const SentenceInput& in, const State& s, uint64_t* keys);

// A slot of the open-addressing feature table: fingerprint (0 = empty) and row offset. A row in
// `rows` starts with its entry count, then entries packed as (class << 16) | uint16(weight).
struct Slot {
  uint32_t fp = 0;
  uint32_t row = 0;
};

// The read-only weights, viewing either an mmap-ed file or vectors owned by the trainer.
struct Model {
  std::vector<uint8_t> label_deprel;  // label index -> deprel id
  int root_label = -1;                // label index of "root"
  std::span<const Slot> table;        // power-of-two size
  std::span<const uint32_t> rows;
  size_t num_features = 0;

  int num_labels() const { return static_cast<int>(label_deprel.size()); }
  int num_classes() const { return 1 + 2 * num_labels(); }
  // Row offset of feature `key`, or -1 when the model does not know it.
  int64_t find(uint64_t key) const {
    uint32_t fp = static_cast<uint32_t>(key >> 32);
    if (fp == 0) fp = 1;
    const size_t mask = table.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      const Slot& s = table[i];
      if (s.fp == fp) return s.row;
      if (s.fp == 0) return -1;
    }
  }
  void add_row(int64_t row, int32_t* scores) const {
    const uint32_t* r = rows.data() + row;
    const uint32_t cnt = r[0];
    for (uint32_t j = 1; j <= cnt; ++j) scores[r[j] >> 16] += static_cast<int16_t>(r[j] & 0xFFFF);
  }
  // Adds the weights of every feature in keys[0..nk) to scores[class]. The table is far larger
  // than the caches, so slots and then rows are prefetched in batches before they are read.
  void add_scores(const uint64_t* keys, int nk, int32_t* scores) const {
    const size_t mask = table.size() - 1;
    for (int k = 0; k < nk; ++k) __builtin_prefetch(&table[keys[k] & mask]);
    int64_t found[128];
    int nf = 0;
    for (int k = 0; k < nk; ++k) {
      const int64_t r = find(keys[k]);
      if (r < 0) continue;
      __builtin_prefetch(rows.data() + r);
      found[nf++] = r;
      if (nf == 128) {
        for (int j = 0; j < nf; ++j) add_row(found[j], scores);
        nf = 0;
      }
    }
    for (int j = 0; j < nf; ++j) add_row(found[j], scores);
  }
};

// Builds the compact table from sparse weights: `entries[f]` lists (class, weight) for feature
// keys[f]. Weights are quantized to int16 after dividing by `scale`. Entries whose quantized
// weight is 0 are dropped.
struct ModelArrays {
  std::vector<Slot> table;
  std::vector<uint32_t> rows;
  size_t num_features = 0;
};

// Serialises a model into `w` (sections "parser.meta", "parser.table", "parser.rows").
void write_model(ModelWriter& w, const std::vector<uint8_t>& label_deprel, const ModelArrays& arrays);
// Reads a model from `file` (arrays stay in the mmap).
void read_model(const ModelFile& file, Model& m);

// Reusable per-thread buffers for parsing one sentence.
struct Workspace {
  SentenceInput in;
  State state;
  std::vector<int32_t> scores;
  uint64_t keys[kNumTemplates];
};

// Returns the best valid class under `scores` (-1 if none: cannot happen for a non-terminal state).
// `root_label` is the label index of "root": only attachments to ROOT carry it.
int best_valid(int num_labels, int root_label, const State& s, const int32_t* scores);
// Decodes a class into move + label.
inline void decode(int cls, int num_labels, Move* move, int* lab) {
  if (cls == 0) {
    *move = kShift;
    *lab = 0;
  } else if (cls <= num_labels) {
    *move = kLeft;
    *lab = cls - 1;
  } else {
    *move = kRight;
    *lab = cls - 1 - num_labels;
  }
}
// Whether class `cls` is allowed in state `s` (root label only for attachment to ROOT).
bool valid(int num_labels, int root_label, const State& s, int cls);

// Parses the sentence in ws.in greedily; heads (n = ROOT) and labels are left in ws.state.
void parse_sentence(const Model& m, Workspace& ws);

}  // namespace dyad::parser_impl
