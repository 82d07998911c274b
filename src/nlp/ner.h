// ner.h — named-entity recogniser: PER, ORG, LOC (learned) and NORP (rule-based).
//
// PER/ORG/LOC come from an averaged-perceptron BILOU sequence labeller (nlp/ner_model.h) trained
// on UNER English-EWT (+ wikigold) with gazetteer features; see `dyad train ner`.
//
// NORP (nationalities, religious and political groups: "Russian", "North Korean", "Muslims") is
// NOT learned — UNER does not annotate it (its "American" is O). It is a rule layer on top: a
// capitalised phrase from the demonym gazetteer that no predicted entity overlaps becomes NORP
// (if POS tags are present, its last token must be ADJ, PROPN or NOUN); a predicted entity that
// is exactly a demonym (and not also a country name) is relabelled NORP.
//
// Everything the recogniser needs at run time (weights, gazetteers) is inside the model file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "base/model_file.h"
#include "nlp/gazetteer.h"
#include "nlp/ner_model.h"

namespace dyad {

class Ner {
 public:
  // Section names inside the model file.
  static constexpr std::string_view kMetaSection = "ner.meta";
  static constexpr std::string_view kGazSection = "ner.gazetteer";
  static constexpr std::string_view kWeightSection = "ner.weights";
  static constexpr uint32_t kVersion = 3;

  // Throws InputError naming the file if it is missing or not an NER model.
  static Ner load(const std::string& path);

  // Fills doc.entities (token ranges, sorted by first token) from doc.tokens / doc.sentences.
  // Uses doc.upos (as features and for the NORP rule) when it is filled: run the tagger first for
  // full accuracy (the model is trained on tagged text); works without it, less accurately. A document
  // without sentences is treated as one sentence. Throws InputError if a token span lies outside the text.
  void recognize(Doc& doc) const;

  // Labels one sentence of words (no NORP layer): spans with types from types().
  std::vector<NerLabelSpan> label(std::span<const std::string_view> words) const;
  // Same, for a sentence of a document whose words are all in `doc`, with the words' UPOS tags
  // (empty = none).
  std::vector<NerLabelSpan> label(std::span<const std::string_view> words, const NerDocContext& doc,
                                  std::span<const Upos> upos = {}) const;

  const std::vector<std::string>& types() const { return type_names_; }

  // Document-level consistency (on by default): after every sentence is labelled, another
  // occurrence of a predicted PER/ORG/LOC name with exactly the same spelling (case included),
  // not overlapping another entity nor glued to a capitalised word, gets the type most often
  // predicted for that spelling; the surname of a predicted multi-word PER counts as PER too.
  // (+1.0 F1 on UNER-EWT dev, mostly ORG recall: see eval/ner.)
  void set_propagate(bool on) { propagate_ = on; }
  const Gazetteer& gazetteer() const { return gaz_; }

 private:
  void add_norp(const Doc& doc, uint32_t first, uint32_t last, std::vector<Entity>& out,
                size_t sentence_entities_begin) const;

  ModelFile file_;
  Gazetteer gaz_;
  NerWeights weights_;
  std::vector<std::string> type_names_;
  std::vector<EntityType> types_;
  bool propagate_ = true;
};

// The document-level consistency pass of Ner::recognize (see set_propagate): appends to
// `entities` the further occurrences of their names in `sentences` of `doc`.
void ner_propagate_names(const Doc& doc, const std::vector<Sentence>& sentences,
                         std::vector<Entity>& entities);

// Writes a model file: gazetteer bytes (GazetteerBuilder::serialize), entity type names, and the
// weight rows (keys[r] -> w[r*num_labels .. +num_labels]).
void write_ner_model(const std::string& path, const std::vector<std::string>& type_names,
                     const std::string& gazetteer_bytes, const std::vector<uint64_t>& keys,
                     const std::vector<float>& weights);

}  // namespace dyad
