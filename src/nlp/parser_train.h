// parser_train.h — training the arc-hybrid parser (see parser.h).
//
// Averaged perceptron, one update per wrong decision, with Goldberg & Nivre's (2013) dynamic
// oracle: the gold decision is the best-scoring transition of minimal cost (arcs lost), and after
// the first epoch the trainer follows its own prediction with probability `explore` so it learns
// to recover from its mistakes. Non-projective gold trees are projectivized by lifting the
// shortest non-projective arc to its grandparent until the tree is projective (labels unchanged;
// the lifted arcs cannot be recovered at parse time). Deterministic for a given seed.
//
// Committed models/parser.bin: `dyad train parser --data en_ewt-ud-train.conllu --dev
// en_ewt-ud-dev.conllu --epochs 20 --min-updates 3` (best dev LAS epoch kept; figures in
// eval/ud/README.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/doc.h"
#include "nlp/conllu.h"

namespace dyad {

struct ParserTrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  double explore = 0.9;                      // probability of following a wrong prediction (after epoch 1)
  uint32_t min_updates = 1;                  // drop features promoted fewer times (model size and speed)
  // Tuning: also score dev with these pruning levels (with mix > 1, the mixed model at each level
  // is also written to out_path + ".minN").
  std::vector<uint32_t> report_min_updates;
  // Parameter mixing: train this many runs (seeds seed, seed+1, ...), each keeping its best epoch,
  // and write the mean of their averaged weights.
  int mix = 1;
  bool keep_best = true;                     // keep the epoch with the best dev LAS (else the last)
  bool quiet = false;
  // Optional: fills upos/xpos of a Doc (e.g. a trained tagger) before training and evaluation,
  // so the parser learns from and is scored on predicted tags. Empty = gold tags.
  std::function<void(Doc&)> tag;
  // Optional: tags the dev Doc only (after `tag`), e.g. when the training sentences already carry
  // jackknifed predicted tags and dev should be scored with the real tagger's output.
  std::function<void(Doc&)> tag_dev;
};

struct ParserTrainReport {
  int best_epoch = 0;
  double dev_uas = 0, dev_las = 0;  // CoNLL 2018 style: all words, LAS ignores label subtypes
  size_t features = 0;              // features kept in the model
  size_t train_sentences = 0, nonprojective_sentences = 0, lifted_arcs = 0;
  double seconds = 0;
};

// Trains on `train`, scores each epoch on `dev` (may be empty), and writes the model to
// `out_path` via ModelWriter. Throws InputError on unusable data.
ParserTrainReport train_parser(const std::vector<conllu::Sentence>& train,
                               const std::vector<conllu::Sentence>& dev, const std::string& out_path,
                               const ParserTrainOptions& opts);

// Lifts non-projective arcs until the tree is projective. heads[i] in [0, n] with n = ROOT.
// Returns the number of arcs lifted.
int projectivize(std::vector<int>& heads);

}  // namespace dyad
