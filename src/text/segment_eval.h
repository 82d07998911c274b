// segment_eval.h — scoring tokenization and sentence splitting against CoNLL-U gold, as the
// CoNLL 2018 shared task does (a unit is correct when its character span matches gold).
//
// The raw text is rebuilt from the "# text =" lines: sentences are joined by one space inside a
// paragraph and by "\n\n" where a sentence carries "# newpar" or "# newdoc". Gold spans are found by
// walking each sentence's tokens through its text. (A minimal CoNLL-U reader lives here because
// the text stage cannot depend on nlp/conllu.)
#pragma once

#include <string>
#include <vector>

#include "base/doc.h"

namespace dyad {

struct SegmentGold {
  std::string text;
  std::vector<Span> tokens;     // surface tokens (a multiword token is one)
  std::vector<Span> words;      // syntactic words; words of a multiword token get adjacent pieces of it
  std::vector<Span> sentences;  // from the first token's begin to the last token's end
};

// Throws InputError("path:line") on malformed input or a token not found in its "# text".
SegmentGold read_segment_gold(const std::string& path);
SegmentGold parse_segment_gold(std::string_view conllu, const std::string& where);

struct PRF {
  size_t gold = 0, system = 0, correct = 0;
  double precision() const { return system ? 100.0 * correct / system : 0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0; }
  double f1() const { return gold + system ? 200.0 * correct / (gold + system) : 0; }
};

// Exact span matching of two sorted span lists.
PRF score_spans(const std::vector<Span>& gold, const std::vector<Span>& system);

struct SegmentScores {
  PRF tokens, words, sentences;
};

// Scores a segmented doc (doc.text == gold.text). `flags` are the kTokenJoinsPrev flags from
// segment(): they merge words back into surface tokens for the Tokens metric.
SegmentScores score_segmentation(const SegmentGold& gold, const Doc& doc, const std::vector<uint8_t>& flags);

}  // namespace dyad
