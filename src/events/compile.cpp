#include "events/compile.h"

#include <filesystem>

#include "actors/dict.h"
#include "base/paths.h"
#include "events/cameo.h"
#include "events/verbs.h"

namespace dyad::events {

CompileStats compile_event_data(const std::string& shared, const std::string& out) {
  namespace fs = std::filesystem;
  const std::string dicts = shared + "/events/petrarch2/dictionaries/";
  CompileStats st;
  actors::ActorDict a;
  a.strict = false;  // the Phoenix files hold a few malformed date blocks: skipped, counted
  for (const char* f :
       {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"})
    a.load_file(dicts + f, actors::Kind::Actor);
  a.load_file(dicts + "Phoenix.agents.txt", actors::Kind::Agent);
  a.load_file(dicts + "Phoenix.discards.txt", actors::Kind::Discard);
  st.actor_entries = a.num_entries();
  st.skipped = a.warnings.size();
  for (const auto& w : a.warnings) st.warnings += w + "\n";
  st.phrases = a.num_phrases();
  fs::create_directories(out + "/actors");
  fs::create_directories(out + "/events");
  write_file_atomic(out + "/actors/phoenix.tsv", a.write_compiled());

  std::string verbs = read_file(dicts + "CAMEO.2.0.txt");
  VerbDict vd;
  vd.strict = false;
  vd.read(verbs, dicts + "CAMEO.2.0.txt");  // validate before copying
  st.verb_patterns = vd.num_patterns();
  st.skipped += vd.warnings.size();
  for (const auto& w : vd.warnings) st.warnings += w + "\n";
  write_file_atomic(out + "/events/verbs.txt", verbs);

  CameoTable ct;
  ct.read_sources(read_file(shared + "/cameo/cameo_eventcodes.tsv"),
                  read_file(shared + "/events/plover/CAMEO2PLOVER-2021.txt"),
                  shared + "/cameo/cameo_eventcodes.tsv");
  st.cameo_codes = ct.size();
  write_file_atomic(out + "/events/cameo.tsv", ct.write_compiled());
  return st;
}

}  // namespace dyad::events
