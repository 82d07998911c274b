// petrarch_eval.h — runs the PETRARCH validation records (JSONL) through the event coder.
//
// Each record names its own test dictionaries ("dictionaries": Verbfile, Actorfile, Agentfile,
// Discardfile). They are looked up in <repo>/data/events/validate/ (the UD-PETRARCH 2_02 files,
// copied there with their licence), then in <shared>/events/petrarch2/dictionaries/ (the PETRARCH2
// files, also under their dotted names: PETR_Validate_agents_2_02.txt -> PETR.Validate.agents.txt,
// since UD-PETRARCH never published agents/discards files of its own).
// Records with a CoNLL-U parse are coded from that parse; PTB-parse records are counted as skipped.
//
// A record PASSES when the set of (source, target, code) triples coded equals the expected set
// (both empty counts as a pass). Event-level precision/recall are computed over those sets.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dyad::events {

struct PetrarchEval {
  int records = 0, evaluated = 0, passed = 0, skipped_ptb = 0, not_evaluated = 0;
  int from_ptb = 0;  // evaluated records whose parse was a Penn Treebank tree (converted)
  int tp = 0, fp = 0, fn = 0;
  std::map<std::string, std::pair<int, int>> by_category;  // category -> (passed, evaluated)
  std::vector<std::string> failures;                       // one line per failing record (for --verbose)
  double pass_rate() const { return evaluated ? double(passed) / evaluated : 0; }
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
};

// Throws InputError("file:line") on a malformed record or a missing dictionary.
// with_parses: each failure line is followed by the dependency parse the record was coded from.
PetrarchEval eval_petrarch(const std::string& jsonl_path, bool with_parses = false);

}  // namespace dyad::events
