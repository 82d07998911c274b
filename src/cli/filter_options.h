// filter_options.h — the event filter flags shared by `dyad query` and `dyad export`.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "store/query.h"

namespace dyad::cli {

struct FilterFlags {
  EventFilter f;
  std::string dyad;  // "RUS:PRK"
  std::string root;  // CAMEO root "04"
  bool no_negated = false;

  // Turns the flags into f; throws CLI::ValidationError on a malformed --dyad.
  EventFilter filter() const {
    EventFilter out = f;
    if (!dyad.empty()) {
      const size_t colon = dyad.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == dyad.size())
        throw CLI::ValidationError("--dyad", "expected SOURCE:TARGET, e.g. RUS:PRK, got \"" + dyad + "\"");
      out.source = dyad.substr(0, colon);
      out.target = dyad.substr(colon + 1);
    }
    if (!root.empty()) {
      if (!out.code.empty() && out.code.rfind(root, 0) != 0)
        throw CLI::ValidationError("--root", "--code " + out.code + " is not under root " + root);
      if (out.code.empty()) out.code = root;
    }
    if (no_negated) out.include_negated = false;
    return out;
  }
};

inline void add_filter_options(CLI::App* sub, FilterFlags& x) {
  EventFilter& f = x.f;
  sub->add_option("--actor", f.actor, "Source or target actor code prefix (RUS matches RUSGOV)");
  sub->add_option("--source", f.source, "Source actor code prefix");
  sub->add_option("--target", f.target, "Target actor code prefix");
  sub->add_option("--dyad", x.dyad, "SOURCE:TARGET actor code prefixes, e.g. RUS:PRK");
  sub->add_flag("--either-direction", f.either_direction, "With --dyad/--source+--target: both directions");
  sub->add_option("--code", f.code, "CAMEO code prefix (\"042\", \"04\")");
  sub->add_option("--root", x.root, "CAMEO root code (\"04\")");
  sub->add_option("--quad", f.quad_class, "Quad class 1..4")->check(CLI::Range(1, 4));
  sub->add_option("--from", f.date_from, "First date, YYYY-MM-DD (or YYYY-MM, YYYY)");
  sub->add_option("--to", f.date_to, "Last date, inclusive");
  sub->add_option("--place", f.place, "Place name, ISO alpha-3 country or ADM1 (exact, case-insensitive)");
  sub->add_option("--claim", f.claimant, "Claimant contains (case-insensitive)");
  sub->add_option("--evidential", f.evidential, "asserted | reported | alleged | believed | denied")
      ->check(CLI::IsMember({"asserted", "reported", "alleged", "believed", "denied"}));
  sub->add_option("--doc", f.doc, "Document id");
  sub->add_option("--text", f.text, "Evidence sentence contains (case-insensitive)");
  sub->add_option("--cluster", f.cluster, "Only mentions of this event cluster");
  sub->add_option("--min-sources", f.min_sources, "Only events reported by at least N distinct outlets");
  sub->add_flag("--no-negated", x.no_negated, "Leave out negated events");
  sub->add_option("--offset", f.offset, "Skip this many rows")->check(CLI::NonNegativeNumber);
}

}  // namespace dyad::cli
