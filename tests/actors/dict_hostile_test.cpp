// Regression tests for hostile dictionary input (found while fuzzing, fuzz/petrarch_dict_fuzz.cpp):
// overlong digit runs used to escape as std::out_of_range from std::stoi instead of a clear result.
#include <gtest/gtest.h>

#include "actors/dict.h"
#include "base/error.h"

namespace dyad::actors {
namespace {

TEST(DictHostile, OverlongDatesAreRejectedNotThrown) {
  bool ok = true;
  EXPECT_EQ(parse_petrarch_date("99999999999999", &ok), 0);
  EXPECT_FALSE(ok);
  EXPECT_EQ(parse_petrarch_date("950601", &ok), 19950601);
  EXPECT_TRUE(ok);

  ActorDict d;
  d.strict = false;
  EXPECT_NO_THROW(d.read_petrarch_actors("KIM_ [PRKGOV 99999999999999-99999999999999]\n", "a.txt"));
  // The input libFuzzer found (underscores inside a date are dropped, leaving 14 digits).
  EXPECT_NO_THROW(d.read_petrarch_actors(
      "KIM_JONG_UN_ [PRKGOV 1_____________________________11217-991231]\n+KIM_JONG-UN\n", "b.txt"));
  ActorDict strict;
  try {
    strict.read_petrarch_actors("KIM_JONG_UN_ [PRKGOV 1_____________________________11217-991231]\n", "b.txt");
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "b.txt:1");
  }
}

TEST(DictHostile, CompiledRoleWithOverlongDateNamesTheLine) {
  ActorDict d;
  try {
    d.read_compiled("E\tA\tKIM\tPRK\t0\t\nE\tA\tX\tPRK\t0\tPRKGOV@99999999999-20000101\n", "c.tsv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "c.tsv:2");
  }
}

// Found by petrarch_dict_fuzz: a code holding '@' ("RUS@GOV") was written by write_compiled but
// could not be read back (the role separator is the last '@').
TEST(DictHostile, CompiledRoundTripWithAtInCode) {
  ActorDict d;
  d.read_petrarch_actors("PUTIN_ [RUS@GOV 20000507-20250101]\n", "a.txt");
  ActorDict back;
  ASSERT_NO_THROW(back.read_compiled(d.write_compiled(), "roundtrip"));
  EXPECT_EQ(back.num_entries(), d.num_entries());
  EXPECT_EQ(back.code_on(0, 20100101), "RUS@GOV");
}

}  // namespace
}  // namespace dyad::actors

namespace dyad::actors {
namespace {

// Found by petrarch_dict_fuzz: a tab inside an agent's code ("[GOV<TAB>B]") went into the compiled
// TSV as a field separator, so the compiled dictionary could not be read back.
TEST(DictHostile, TabsInsideNamesAndCodesRoundTrip) {
  ActorDict d;
  d.read_petrarch_agents("PRES\tIDENT [~GOV\tB]\nMINISTER [~GOV]\n", "agents.txt");
  ActorDict back;
  back.read_compiled(d.write_compiled(), "roundtrip");
  EXPECT_EQ(back.num_entries(), d.num_entries());
  EXPECT_EQ(back.write_compiled(), d.write_compiled());
}

}  // namespace
}  // namespace dyad::actors
