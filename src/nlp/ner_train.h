// ner_train.h — training the NER model (`dyad train ner`) and scoring it (`dyad eval ner`).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/gazetteer.h"
#include "nlp/ner.h"
#include "nlp/ner_data.h"
#include "nlp/tagger.h"

namespace dyad {

struct NerTrainOptions {
  std::string train;                     // UNER IOB2 training file
  std::vector<std::string> extra;        // extra CoNLL/IOB files (wikigold); their MISC is dropped
  std::string dev;                       // dev file: picks the best epoch (never the test file)
  std::string out;                       // model path
  std::string cities;                    // GeoNames cities TSV ("" = no city gazetteer)
  std::string admin1;                    // GeoNames admin1CodesASCII.txt ("" = none)
  std::string tagger;                    // POS tagger model: UPOS features ("" = none)
  std::string actors;                    // dyad actor dictionary (data/actors/phoenix.tsv; "" = none)
  std::vector<std::string> first_names;  // given-name lists, one name a line
  int min_population = 15000;            // cities at or above this population enter the gazetteer
  int epochs = 12;
  int min_count = 2;  // static features seen fewer times in training are dropped
  uint64_t seed = 1;  // shuffling
  int bags = 1;       // perceptrons averaged (each sees its own sentence order)
};

struct NerTrainResult {
  double dev_f1 = 0;
  int best_epoch = 0;
  size_t features = 0;  // weight rows written
  size_t gazetteer_entries = 0;
};

// Builds the gazetteer: built-in lexicon lists, GeoNames, actor dictionary and first names (if
// paths given) and the words seen in lowercase outside gold entities in `sentences`.
GazetteerBuilder build_ner_gazetteer(const NerTrainOptions& opt, const std::vector<NerSentence>& sentences);

// Trains, keeps the epoch with the best dev F1, writes opt.out. `log` gets progress lines.
NerTrainResult train_ner(const NerTrainOptions& opt, const std::function<void(std::string_view)>& log);

// Scores a model on gold sentences through Ner::recognize (documents rebuilt from the words,
// joined by spaces). NORP predictions are counted per type but left out of the overall figures
// (the gold data does not annotate NORP).
// If `dump` is given it receives one line per word, "word<TAB>gold<TAB>predicted" (IOB2), with a
// blank line after each sentence: for error analysis.
// `tagger` (optional) tags each document first, as the pipeline does.
NerScore evaluate_ner(const Ner& ner, const std::vector<NerSentence>& gold, std::string* dump = nullptr,
                      const Tagger* tagger = nullptr);

// The documents of `sentences` (split at new_doc) as Docs of space-joined words, one Sentence
// per NerSentence; calls fn(doc, index of its first sentence).
void for_each_ner_doc(const std::vector<NerSentence>& sentences, const std::function<void(Doc&, size_t)>& fn);

}  // namespace dyad
