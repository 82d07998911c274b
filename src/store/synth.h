// synth.h — synthetic but realistically shaped documents for store benchmarks.
//
// Documents of 1..20 events (mean ~8) from ~40 outlets over `years` years; ~300 actor codes
// (countries, and their GOV/MIL/... sub-actors) drawn Zipf-like so a few dyads dominate as in real
// news (RUS, PRK, USA, CHN... head the ranking); CAMEO codes weighted towards the common ones
// (statements, consultations, accusations, force) with their quad class and Goldstein value; 80%
// explicit dates (within 3 days before publication), half the events placed at a capital; about a
// third of the events re-report an event another outlet already reported, so dedup has work.
// Deterministic for a given seed. Spans are consistent with the text, so put() stores them as is.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "base/doc.h"

namespace dyad {

class SynthCorpus {
 public:
  explicit SynthCorpus(uint64_t seed = 1, int years = 10, int first_year = 2016);
  // The next document (id "synth-<n>").
  Doc next();
  int64_t events_made() const { return events_made_; }

 private:
  struct WorldEvent {
    int src, tgt, code;
    int64_t day;
    int place;  // -1 none
  };
  int zipf_actor();
  int pick_code();
  Event make_event(const WorldEvent& w, bool assumed, int64_t published_day, uint32_t sentence, uint32_t tok);

  std::mt19937_64 rng_;
  int years_, first_year_;
  int64_t doc_n_ = 0, events_made_ = 0;
  std::vector<double> actor_cdf_, code_cdf_;
  std::vector<WorldEvent> recent_;  // ring of recent world events for re-reports
  size_t recent_at_ = 0;
};

}  // namespace dyad
