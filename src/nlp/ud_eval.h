// ud_eval.h — CoNLL 2018 shared task scorer (a C++ port of the alignment and metrics of
// conll18_ud_eval.py).
//
// Gold and system words are aligned through the characters they cover, whitespace ignored: the two
// files must contain the same non-whitespace characters in the same order. Words are aligned by
// identical character spans; inside regions touched by a multiword token on either side they are
// aligned by the longest common subsequence of their lowercased forms. Each metric is then
// precision (correct / system words), recall (correct / gold words) and F1; with gold tokenization
// all three equal the accuracy.
//
//   UPOS, XPOS, Lemmas : aligned words with the same value (a gold lemma "_" counts as correct)
//   UAS                : aligned words whose heads are both root or aligned to each other
//   LAS                : UAS and the same universal relation (subtypes after ':' ignored)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "nlp/conllu.h"

namespace dyad::ud_eval {

struct Score {
  size_t gold = 0, system = 0, correct = 0;
  double precision() const { return system ? static_cast<double>(correct) / static_cast<double>(system) : 0; }
  double recall() const { return gold ? static_cast<double>(correct) / static_cast<double>(gold) : 0; }
  double f1() const {
    return gold + system ? 2.0 * static_cast<double>(correct) / static_cast<double>(gold + system) : 0;
  }
};

struct Result {
  Score tokens, sentences, words, upos, xpos, lemmas, uas, las;
};

// Scores `system` against `gold`. Throws InputError when their texts differ (naming the first
// differing character offset and the sentence line in each file).
Result evaluate(const std::vector<conllu::Sentence>& gold, const std::vector<conllu::Sentence>& system);

// The table printed by `dyad eval ud` (metric, precision, recall, F1, aligned accuracy).
std::string format(const Result& r);

}  // namespace dyad::ud_eval
