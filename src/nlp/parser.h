// parser.h — labelled transition-based dependency parser (arc-hybrid, greedy).
//
// Model: arc-hybrid transitions (SHIFT, LEFT-l, RIGHT-l) over a stack and a buffer whose last
// element is an artificial ROOT, scored jointly (transition + label) by an averaged perceptron
// over Zhang & Nivre (2011)-style feature templates (words, tags, valency, left/right-most child
// labels, label sets, distance). Trained with Goldberg & Nivre's (2013) dynamic oracle with
// exploration; non-projective training trees are projectivized by lifting (see parser_train.h).
//
// Every token gets a head and a label; each sentence has exactly one root (the transition system
// only lets ROOT take a dependent when the stack holds a single token).
//
// Weights are stored quantized (int16) in a compact open-addressing table of feature
// fingerprints, each pointing at a row of (class, weight) pairs. Features promoted only once or
// twice in training are pruned from the file (`dyad train parser --min-updates`). At load time
// the rows of frequent features are expanded to dense int16 vectors added with SIMD (see
// parser_model.h). Forced moves (SHIFT on an empty stack, the final attachment to ROOT) are not
// scored. Parsing is allocation-free after the first call per thread.
//
// Input: an intra-word hyphen ("Jong-un") is read as HYPH whatever the tagger said (EWT itself
// tags 4% of them ","), so a tagging slip cannot open a clause boundary inside a name.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/doc.h"
#include "base/model_file.h"

namespace dyad {

namespace parser_impl {
struct Model;  // parser_model.h
}

class Parser {
 public:
  // Loads a model written by train_parser(); throws InputError naming the file when it is
  // missing, corrupt or not a parser model.
  static Parser load(const std::string& path);

  Parser(Parser&&) noexcept;
  Parser& operator=(Parser&&) noexcept;
  ~Parser();

  // Fills doc.head (document-level token index, -1 = root) and doc.deprel (index into
  // deprel_table()) for every sentence. Needs doc.tokens, doc.sentences, doc.upos, doc.xpos
  // (missing tag arrays are treated as unknown tags). Thread-safe (const, per-thread buffers).
  void parse(Doc& doc) const;

  // Model statistics, for reports.
  size_t num_features() const;
  size_t num_labels() const;

 private:
  Parser();
  ModelFile file_;
  std::unique_ptr<parser_impl::Model> model_;
};

}  // namespace dyad
