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
inline constexpr int kNumTemplates = 101;
inline constexpr int kMaxLabels = 64;  // label sets are 64-bit masks

// Per-token inputs of one sentence. Index n is the artificial ROOT.
struct SentenceInput {
  int n = 0;
  std::vector<uint64_t> word;    // hash of the lowercased form
  std::vector<uint8_t> tag;      // xpos id (or 200 + upos when the xpos is unknown)
  std::vector<uint64_t> suffix;  // hash of the last 3 bytes of the lowercased form
  std::vector<uint8_t> shape;    // word_shape(): capitalisation, digits, hyphen, length class
  void resize(int len) {
    n = len;
    const size_t sz = static_cast<size_t>(len) + 1;
    word.resize(sz);
    tag.resize(sz);
    suffix.resize(sz);
    shape.resize(sz);
  }
};

// Hash of a word form as the features see it (ASCII-lowercased, digits folded to '0').
uint64_t word_key(std::string_view form);
// Hash of the last three bytes of the form, ASCII-lowercased (a cheap stand-in for the tag of
// unknown words when the tagger was wrong).
uint64_t suffix_key(std::string_view form);
// Small shape class of a form: first-letter case, all-caps, has digit, has hyphen, length 1..3+.
uint8_t word_shape(std::string_view form);
// Fills `in` for sentence [first, last) of `doc`.
void fill_input(const Doc& doc, uint32_t first, uint32_t last, SentenceInput& in);

// Transitions: class 0 = SHIFT, 1 + l = LEFT-l, 1 + L + l = RIGHT-l (l = label index).
enum Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };

// Arc-hybrid configuration. Stack holds token indices; the buffer is [b0, n] (n = ROOT).
struct State {
  int n = 0;
  int b0 = 0;
  std::vector<int> stack;
  std::vector<int> head;                // -2 = none yet, n = ROOT
  std::vector<uint8_t> label;           // label index
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

// A slot of the open-addressing feature table: fingerprint (0 = empty) and row offset (into
// ModelArrays::rows in the file form, into Model::rows in the inference form).
struct Slot {
  uint32_t fp = 0;
  uint32_t row = 0;
};

// The read-only weights in the layout parsing wants, built once from the sparse (file) form.
// Rows of frequent features (bias, tags, tag n-grams: most of the work) are stored dense as
// int16 per class and added with SIMD; rare features keep sparse (class, weight) entries.
// Everything is in one int16 array: a row starts with its count of sparse entries, or kDense;
// sparse entries follow as (class, weight) int16 pairs, dense rows as padded_classes() weights.
struct Model {
  static constexpr int16_t kDense = -1;
  std::vector<uint8_t> label_deprel;  // label index -> deprel id
  int root_label = -1;                // label index of "root"
  std::vector<Slot> table;            // power-of-two size; Slot::row indexes `rows`
  std::vector<int16_t> rows;          // rows, see above
  size_t num_features = 0;

  int num_labels() const { return static_cast<int>(label_deprel.size()); }
  int num_classes() const { return 1 + 2 * num_labels(); }
  // Score buffers must hold this many int32 (a multiple of 8, for the SIMD dense rows).
  int padded_classes() const { return (num_classes() + 7) & ~7; }

  // Builds the inference layout from the sparse file form (see ModelArrays). Rows must be valid.
  void build(std::span<const Slot> file_table, std::span<const uint32_t> file_rows);

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
  void add_row(int64_t row, int32_t* scores) const;
  // Adds rows[0..n) (row offsets) to scores: sparse rows entry by entry, dense rows summed 8
  // classes at a time in registers across all rows, so each score block is loaded and stored once.
  void add_rows(const int64_t* rows, int n, int32_t* scores) const;
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
        add_rows(found, nf, scores);
        nf = 0;
      }
    }
    add_rows(found, nf, scores);
  }
};

// The sparse (file) form of the weights, as the trainer produces it: `table` maps feature
// fingerprints to offsets in `rows`; a row is its entry count, then entries packed as
// (class << 16) | uint16(int16 weight). Entries whose quantized weight is 0 are absent.
struct ModelArrays {
  std::vector<Slot> table;
  std::vector<uint32_t> rows;
  size_t num_features = 0;
};

// Serialises a model into `w` (sections "parser.meta", "parser.table", "parser.rows").
void write_model(ModelWriter& w, const std::vector<uint8_t>& label_deprel, const ModelArrays& arrays);
// Reads and validates a model from `file` and builds its inference layout.
void read_model(const ModelFile& file, Model& m);

// Reusable per-thread buffers for parsing one sentence.
struct Workspace {
  SentenceInput in;
  State state;
  std::vector<int32_t> scores;  // Model::padded_classes() entries
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
