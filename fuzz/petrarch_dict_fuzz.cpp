// Fuzzes the PETRARCH dictionary readers: the verb dictionary (events/verbs.h) and the actor,
// agent, discard and compiled-TSV readers (actors/dict.h). The first byte picks the reader and
// strictness (see below). A malformed line must raise dyad::InputError naming "where:line" — any other
// exception (std::out_of_range from a number conversion, say) escapes and is a finding, and so is
// a dictionary whose compiled form does not survive write -> read -> write byte for byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "actors/dict.h"
#include "base/error.h"
#include "events/verbs.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Mode byte: bits 0-2 pick the reader ((mode & 7) % 5: 0 verbs, 1 actors, 2 agents, 3 discards,
  // 4 compiled), bit 3 strictness. The seeds are written that way (0x09 strict actors, 0x0c
  // strict compiled...); a plain mode % 5 sent them to the wrong readers.
  const uint8_t mode = data[0];
  const int reader = (mode & 7) % 5;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string where = "fuzz.txt";
  try {
    switch (reader) {
      case 0: {
        dyad::events::VerbDict v;
        v.strict = (mode & 8) != 0;
        v.read(text, where);
        std::vector<uint32_t> out;
        v.lookup("SAY", "SAY", &out);
        (void)v.num_patterns();
        break;
      }
      default: {
        dyad::actors::ActorDict d;
        d.strict = (mode & 8) != 0;
        switch (reader) {
          case 1:
            d.read_petrarch_actors(text, where);
            break;
          case 2:
            d.read_petrarch_agents(text, where);
            break;
          case 3:
            d.read_petrarch_discards(text, where);
            break;
          default:
            d.read_compiled(text, where);
            break;
        }
        // What was read must write out, read back and write out again to the same bytes (a lost
        // phrase word, a code the format cannot hold or a phrase added twice all show here).
        const std::string written = d.write_compiled();
        dyad::actors::ActorDict back;
        back.read_compiled(written, "roundtrip");
        FUZZ_CHECK(back.num_entries() == d.num_entries());
        FUZZ_CHECK(back.num_phrases() == d.num_phrases());
        FUZZ_CHECK(back.write_compiled() == written);
        std::vector<std::string> toks = {"NORTH", "KOREA", "PRESIDENT", "THE"}, lemmas(4);
        dyad::actors::Match m;
        for (uint32_t i = 0; i < toks.size(); ++i)
          for (auto k : {dyad::actors::Kind::Actor, dyad::actors::Kind::Agent, dyad::actors::Kind::Discard})
            if (d.match_at(toks, lemmas, i, k, &m))
              FUZZ_CHECK(m.first == i && m.last > i && m.last <= toks.size());
        break;
      }
    }
  } catch (const dyad::InputError& e) {
    FUZZ_CHECK(std::string_view(e.what()).rfind(where, 0) == 0);
  }
  return 0;
}
