// ner_data.h — NER corpora (IOB2 / CoNLL) and conlleval-style span scoring.
//
// Reads two layouts, sentence per blank-line-separated block, '#' comment lines skipped:
//   UNER:  "idx<TAB>token<TAB>tag[<TAB>...]"   (first column numeric)
//   CoNLL: "token tag" or "token ... tag"      (tag = last column; wikigold, CoNLL-2003)
// Tags may be IOB1 or IOB2; they are normalised to IOB2. "-DOCSTART-" lines and "# newdoc" start a
// new document. Types can be renamed or dropped (e.g. wikigold MISC -> dropped).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dyad {

struct NerSpan {
  uint32_t first = 0, last = 0;  // word range [first, last) within the sentence
  std::string type;
  bool operator==(const NerSpan&) const = default;
};

struct NerSentence {
  std::vector<std::string> words;
  std::vector<NerSpan> spans;  // gold entities, sorted
  bool new_doc = false;        // first sentence of a document
};

struct NerReadOptions {
  // Type renames applied while reading; a type mapped to "" is dropped (its words become O).
  std::map<std::string, std::string> rename;
};

// Throws InputError("path:line", ...) on malformed lines or tags.
std::vector<NerSentence> read_ner_file(const std::string& path, const NerReadOptions& opt = {});
std::vector<NerSentence> parse_ner(const std::string& data, const std::string& where,
                                   const NerReadOptions& opt = {});

// Spans of an IOB1/IOB2 tag sequence (conlleval chunking: an I- after O or another type starts a
// new span). Tags must be "O" or "B-X"/"I-X".
std::vector<NerSpan> spans_from_tags(const std::vector<std::string>& tags);

// Exact-span precision/recall/F1, overall and per type.
struct NerCounts {
  uint64_t gold = 0, pred = 0, correct = 0;
  double precision() const { return pred ? 100.0 * correct / pred : 0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
struct NerScore {
  NerCounts overall;
  std::map<std::string, NerCounts> by_type;
  // Adds one sentence. Predicted spans whose type is in `ignore` are counted under by_type only
  // (not in overall) — used for types the gold data does not annotate (NORP).
  void add(const std::vector<NerSpan>& gold, const std::vector<NerSpan>& pred,
           const std::vector<std::string>& ignore = {});
  std::string report() const;  // conlleval-like table
};

}  // namespace dyad
