// tagger_eval.h — scores the tagger and lemmatizer on gold-tokenised CoNLL-U (CoNLL 2018 style).
//
// Words are the gold words, so every metric is a plain accuracy: UPOS, XPOS, AllTags (UPOS and
// XPOS both right; this engine predicts no UFeats, so CoNLL 2018's AllTags without them) and
// Lemma (exact string match). Also times the two stages on the whole file.
#pragma once

#include <cstddef>
#include <vector>

#include "nlp/conllu.h"
#include "nlp/lemmatizer.h"
#include "nlp/tagger.h"

namespace dyad {

struct TagEval {
  size_t words = 0, upos = 0, xpos = 0, alltags = 0, lemma = 0;
  double tag_seconds = 0, lemma_seconds = 0;
  double pct(size_t n) const {
    return words ? 100.0 * static_cast<double>(n) / static_cast<double>(words) : 0;
  }
};

// Tags (and lemmatizes, if `lemmatizer` is not null) the gold words of `gold`; the lemmatizer
// sees the predicted tags. Timing covers tag() / lemmatize() only, not reading or scoring.
TagEval evaluate_tagging(const std::vector<conllu::Sentence>& gold, const Tagger& tagger,
                         const Lemmatizer* lemmatizer);

}  // namespace dyad
