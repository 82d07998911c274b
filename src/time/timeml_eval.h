// timeml_eval.h — reading TimeML (TempEval-3) files and scoring timex recognition/normalisation
// the TempEval-3 way: strict span match (same characters), relaxed span match (overlap), value
// accuracy and type accuracy over the relaxed matches, and value F1 (precision = correct values /
// system timexes, recall = correct values / gold timexes).
#pragma once

#include <string>
#include <vector>

#include "base/doc.h"

namespace dyad::timeml {

struct GoldTimex {
  Span span;  // byte offsets into Document::text
  std::string type, value;
};

struct Document {
  std::string path;
  std::string text;  // the <TEXT> element with markup removed and entities decoded
  std::string dct;   // creation time (YYYY-MM-DD) from the CREATION_TIME TIMEX3, "" if none
  std::vector<GoldTimex> timexes;
};

// Parses one TimeML file; throws InputError naming the file (and line) if it is malformed.
Document read_file(const std::string& path);
// All *.tml files under dir (recursively), sorted by path.
std::vector<std::string> list_files(const std::string& dir);

struct Counts {
  int gold = 0, system = 0;
  int strict = 0;         // gold timexes matched exactly by a system timex
  int relaxed = 0;        // gold timexes overlapped by a (distinct) system timex
  int value_correct = 0;  // among relaxed matches
  int type_correct = 0;
  void add(const Counts& o);
};
struct Scores {
  double strict_p, strict_r, strict_f, relaxed_p, relaxed_r, relaxed_f, value_acc, type_acc, value_p, value_r,
      value_f;
};
Scores scores(const Counts& c);

// Runs the time stage on one document (lite tokenizer, find_timexes) and scores it. If errors is
// not null, a line per mismatch ("value  gold=... sys=... 'text'") is appended for inspection.
Counts evaluate(const Document& d, std::vector<std::string>* errors = nullptr);

}  // namespace dyad::timeml
