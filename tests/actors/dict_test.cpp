#include "actors/dict.h"

#include <gtest/gtest.h>

#include "actors/resolve.h"
#include "base/error.h"
#include "nlp/conllu.h"

using namespace dyad;
using namespace dyad::actors;

namespace {

const char* kActors = R"(<!-- test -->
NORTH_KOREA  [PRK]
+PYONGYANG
+THE_HERMIT_KINGDOM
RUSSIA [RUS]
+RUSSIAN
GOLLUM  # comment
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
ARGENTIN [ARG]
)";

const char* kAgents = R"(!PERSON! = MAN, MEN
FOREIGN_MINISTRY [~GOV]
FOREIGN_MINISTER [~GOVFRM]
TROOP [~MIL]
CONGRESS!PERSON! [~LEG]
POLICE {} [~COP]
MSF {} [NGO~]
)";

std::vector<std::string> up(std::initializer_list<const char*> w) {
  std::vector<std::string> v;
  for (auto* s : w) v.push_back(upper(s));
  return v;
}

}  // namespace

TEST(ActorDates, TwoDigitYears) {
  bool ok = false;
  EXPECT_EQ(parse_petrarch_date("950601", &ok), 19950601);
  EXPECT_TRUE(ok);
  EXPECT_EQ(parse_petrarch_date("300101", &ok), 20300101);
  EXPECT_EQ(parse_petrarch_date("310101", &ok), 19310101);
  EXPECT_EQ(parse_petrarch_date("20080120", &ok), 20080120);
  parse_petrarch_date("9008223", &ok);
  EXPECT_FALSE(ok);
  parse_petrarch_date("951301", &ok);
  EXPECT_FALSE(ok);
}

TEST(ActorDict, DatedRoles) {
  ActorDict d;
  d.read_petrarch_actors(kActors, "t.txt");
  Match m;
  auto toks = up({"Smeagol"});
  ASSERT_TRUE(d.match_at(toks, {}, 0, Kind::Actor, &m));
  EXPECT_EQ(d.code_on(m.entry, 19950531), "HOB");
  EXPECT_EQ(d.code_on(m.entry, 19950601), "HOBGOV");
  EXPECT_EQ(d.code_on(m.entry, 19990815), "HOBGOV");
  EXPECT_EQ(d.code_on(m.entry, 19990816), "");  // '>' is strict; no undated default
  EXPECT_EQ(d.code_on(m.entry, 20010101), "HOBREB");
}

// No date known: an entry with only dated roles takes its latest role (the one ending last), not
// nothing; an entry with an undated code keeps it.
TEST(ActorDict, UndatedLookupTakesTheLatestRole) {
  ActorDict d;
  d.read_petrarch_actors(kActors, "t.txt");
  Match m;
  ASSERT_TRUE(d.match_at(up({"Smeagol"}), {}, 0, Kind::Actor, &m));
  EXPECT_EQ(d.code_on(m.entry, 0), "HOBREB");
  EXPECT_EQ(d.code_on(m.entry, 19990816), "") << "a known date that no role covers still codes nothing";
  ASSERT_TRUE(d.match_at(up({"Pyongyang"}), {}, 0, Kind::Actor, &m));
  EXPECT_EQ(d.code_on(m.entry, 0), "PRK");
}

TEST(ActorDict, LongestMatchAndStems) {
  ActorDict d;
  d.read_petrarch_actors(kActors, "t.txt");
  Match m;
  auto toks = up({"The", "Hermit", "Kingdom", "fired"});
  ASSERT_TRUE(d.match_at(toks, {}, 0, Kind::Actor, &m));
  EXPECT_EQ(m.last, 3u);
  EXPECT_EQ(d.code_on(m.entry, 0), "PRK");
  auto arg = up({"Argentina"});
  ASSERT_TRUE(d.match_at(arg, {}, 0, Kind::Actor, &m));
  EXPECT_FALSE(m.exact);
  EXPECT_EQ(d.code_on(m.entry, 0), "ARG");
  auto none = up({"fired"});
  EXPECT_FALSE(d.match_at(none, {}, 0, Kind::Actor, &m));
}

TEST(ActorDict, AgentsPluralsAndSubstitutions) {
  ActorDict d;
  d.read_petrarch_agents(kAgents, "a.txt");
  Match m;
  bool prefix = true;
  auto t1 = up({"troops"});
  ASSERT_TRUE(d.match_at(t1, {}, 0, Kind::Agent, &m));
  EXPECT_EQ(d.agent_code(m.entry, &prefix), "MIL");
  EXPECT_FALSE(prefix);
  auto t2 = up({"congressmen"});
  ASSERT_TRUE(d.match_at(t2, {}, 0, Kind::Agent, &m));
  EXPECT_EQ(d.agent_code(m.entry, &prefix), "LEG");
  auto t3 = up({"MSF"});
  ASSERT_TRUE(d.match_at(t3, {}, 0, Kind::Agent, &m));
  EXPECT_EQ(d.agent_code(m.entry, &prefix), "NGO");
  EXPECT_TRUE(prefix);
  auto t4 = up({"polices"});  // "{}": no generated plural
  EXPECT_FALSE(d.match_at(t4, {}, 0, Kind::Agent, &m));
}

TEST(ActorDict, MalformedLinesNameFileAndLine) {
  ActorDict d;
  try {
    d.read_petrarch_actors("RUSSIA [RUS]\nGOLLUM\n\t[HOB 9008223-911221]\n", "bad.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "bad.txt:3");
  }
  EXPECT_THROW(d.read_petrarch_actors("+ALIAS_FIRST\n", "x.txt"), InputError);
  EXPECT_THROW(d.read_petrarch_actors("RUSSIA [RUS\n", "x.txt"), InputError);
  try {
    d.read_petrarch_agents("TROOP [MIL]\n", "ag.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "ag.txt:1");
  }
  ActorDict lenient;
  lenient.strict = false;
  lenient.read_petrarch_actors("GOLLUM\n\t[HOB 9008223-911221]\n\t[HOB]\n", "bad.txt");
  EXPECT_EQ(lenient.warnings.size(), 1u);
}

TEST(ActorDict, CompiledRoundTrip) {
  ActorDict d;
  d.read_petrarch_actors(kActors, "t.txt");
  d.read_petrarch_agents(kAgents, "a.txt");
  std::string c = d.write_compiled();
  ActorDict e;
  e.read_compiled(c, "c.tsv");
  EXPECT_EQ(e.write_compiled(), c);
  Match m;
  auto toks = up({"Smeagol"});
  ASSERT_TRUE(e.match_at(toks, {}, 0, Kind::Actor, &m));
  EXPECT_EQ(e.code_on(m.entry, 19960101), "HOBGOV");
  EXPECT_THROW(e.read_compiled("P\tORPHAN\n", "c.tsv"), InputError);
}

// "Russian Foreign Ministry and North Korean troops" with UD v2 labels.
TEST(ActorResolve, AgentsCombineWithCountries) {
  ActorDict d;
  d.read_petrarch_actors("RUSSIA [RUS]\n+RUSSIAN\nNORTH_KOREA [PRK]\n+NORTH_KOREAN\n", "t.txt");
  d.read_petrarch_agents(kAgents, "a.txt");
  const char* conllu =
      "1\tRussian\tRussian\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
      "2\tForeign\tForeign\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
      "3\tMinistry\tMinistry\tPROPN\tNNP\t_\t0\troot\t_\t_\n"
      "4\tand\tand\tCCONJ\tCC\t_\t7\tcc\t_\t_\n"
      "5\tNorth\tNorth\tPROPN\tNNP\t_\t6\tcompound\t_\t_\n"
      "6\tKorean\tKorean\tADJ\tJJ\t_\t7\tamod\t_\t_\n"
      "7\ttroops\ttroop\tNOUN\tNNS\t_\t3\tconj\t_\t_\n\n";
  Doc doc = conllu::to_doc(conllu::parse(conllu, "t.conllu"));
  DocView v = build_view(d, doc, 0);
  auto codes = np_codes(d, v, 2);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0], "RUSGOV");
  EXPECT_EQ(codes[1], "PRKMIL");
}
