// tagger.h — part-of-speech tagger: UPOS and PTB XPOS, predicted jointly.
//
// Model: a greedy left-to-right averaged perceptron (nlp/perceptron.h) over ~30 hashed feature
// templates (word, lowercase, affixes, shape, the two words either side, the two previous
// predicted tags, and "ambiguity classes" — the set of tags a word had in training — of the word
// and of the words to its right, which stand in for the not-yet-predicted right-hand tags). A
// class is a (UPOS, XPOS) pair seen in training ("IN" is ADP or SCONJ, "VBZ" is VERB or AUX), so
// the two tag sets never disagree. Frequent words that are (nearly) unambiguous in training are
// tagged straight from a tag dictionary, which skips most of the scoring work.
//
// Model file sections (dyad::ModelFile): "tagger.meta" (classes), "tagger.weights"
// (perceptron), "tagger.dict" (form -> class), "tagger.amb" (lowercase form -> ambiguity class).
// Trained by `dyad train tagger` (src/cli/train_tagger.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "base/model_file.h"
#include "nlp/conllu.h"
#include "nlp/features.h"
#include "nlp/perceptron.h"

namespace dyad {

struct TaggerTrainOptions {
  int epochs = 7;  // dev accuracy flattens out after 5-7
  uint64_t seed = 1;
  // Tag dictionary: a form seen >= dict_min_count times with one class in >= dict_min_ratio of
  // them is tagged by lookup.
  int dict_min_count = 20;
  double dict_min_ratio = 0.995;
  // Ambiguity classes are recorded for lowercase forms seen >= amb_min_count times (rarer words
  // would make the feature an oracle on the training data).
  int amb_min_count = 3;
  // Averaged weights smaller than this are dropped from the written model: a smaller model is
  // faster (fewer cache misses per lookup). 0.1 was chosen on dev (no accuracy change).
  float prune = 0.1f;
  // Progress lines (per-epoch train/dev accuracy); may be empty.
  std::function<void(const std::string&)> log;
};

class Tagger {
 public:
  // Throws InputError naming the file on a missing or malformed model.
  static Tagger load(const std::string& path);
  // Trains on `train` (gold words, UPOS, XPOS), prints dev accuracy per epoch if `dev` is not
  // empty (dev never influences the model), and writes the model sections into `out`.
  static void train(const std::vector<conllu::Sentence>& train, const std::vector<conllu::Sentence>& dev,
                    const TaggerTrainOptions& options, ModelWriter& out);

  // Fills doc.upos and doc.xpos for every token (sentence by sentence; tokens outside any
  // sentence are tagged as sentences of their own). Needs doc.tokens and doc.sentences.
  void tag(Doc& doc) const;

  size_t num_classes() const { return upos_.size(); }

 private:
  struct Impl;
  std::shared_ptr<const ModelFile> file_;  // owns the memory the views below point into
  perceptron::Model weights_;
  features::FrozenMap dict_, amb_;
  std::vector<Upos> upos_;      // per class
  std::vector<uint8_t> xpos_;   // per class
};

}  // namespace dyad
