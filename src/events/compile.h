// compile.h — builds dyad's own actor/event data files from the PETRARCH/CAMEO/PLOVER sources.
//
// `dyad compile-actors` calls compile_event_data(shared_data_dir(), "<repo>/data"):
//   data/actors/phoenix.tsv   Phoenix countries + international + non-state actors, agents and
//                             discards in dyad's compiled format (actors/dict.h), MIT (PETRARCH2)
//   data/events/verbs.txt     CAMEO.2.0 verb dictionary, copied verbatim (MIT, PETRARCH2)
//   data/events/cameo.tsv     CAMEO codes with Goldstein, quad class and PLOVER category
// The output is deterministic, so re-running it reproduces the committed files byte for byte.
#pragma once

#include <string>

namespace dyad::events {

struct CompileStats {
  size_t actor_entries = 0, phrases = 0, verb_patterns = 0, cameo_codes = 0;
  size_t skipped = 0;    // malformed lines skipped in the Phoenix files
  std::string warnings;  // one line each
};

CompileStats compile_event_data(const std::string& shared_data, const std::string& out_data);

}  // namespace dyad::events
