// Regression tests for hostile dictionary input (found while fuzzing, fuzz/petrarch_dict_fuzz.cpp):
// overlong digit runs used to escape as std::out_of_range from std::stoi instead of a clear result;
// codes the compiled TSV cannot hold, and phrases that did not survive write -> read -> write.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

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
    strict.read_petrarch_actors("KIM_JONG_UN_ [PRKGOV 1_____________________________11217-991231]\n",
                                "b.txt");
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
// TSV as a field separator. Tabs read as spaces; a code with a space is refused (strict) or its
// line skipped (lenient), and a tab inside a name stays a space in the compiled file.
TEST(DictHostile, TabsInsideNamesAndCodesRoundTrip) {
  ActorDict strict;
  try {
    strict.read_petrarch_agents("PRES\tIDENT [~GOV\tB]\n", "agents.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "agents.txt:1");
  }
  ActorDict d;
  d.strict = false;
  d.read_petrarch_agents("PRES\tIDENT [~GOV\tB]\nCHIEF\tMINISTER [~GOV]\n", "agents.txt");
  ASSERT_EQ(d.num_entries(), 1u);
  EXPECT_EQ(d.entry_name(0), "CHIEF MINISTER");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].rfind("agents.txt:1: ", 0), 0u) << d.warnings[0];
  ActorDict back;
  back.read_compiled(d.write_compiled(), "roundtrip");
  EXPECT_EQ(back.num_entries(), d.num_entries());
  EXPECT_EQ(back.write_compiled(), d.write_compiled());
}

TEST(DictHostile, ValidCode) {
  for (const char* ok : {"RUSGOV", "---", "+++", "FRO/BIL/SAM", "RUS@GOV", "~", "A"})
    EXPECT_TRUE(valid_code(ok)) << ok;
  for (const char* bad :
       {"", "-", "RUSGOV;", "RUS GOV", "RUS\tGOV", "RUS\x01", "RUS\x7f", "RUS\xc3\xa9", "\v"})
    EXPECT_FALSE(valid_code(bad)) << bad;
}

// The open finding of session 2 (tests/hostile/fuzz_petrarch_roundtrip2.bin): a ';' inside a dated
// code went into the compiled role list, where ';' separates roles, so the file could not be read.
TEST(DictHostile, SemicolonInDatedCode) {
  const char* text = "PUTIN_ [RUSGOV]\nKIM_ [PRKGOV]\n[RUSGOV; 20000507-20250101]\n";
  ActorDict strict;
  try {
    strict.read_petrarch_actors(text, "a.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "a.txt:3");
  }
  ActorDict d;
  d.strict = false;
  d.read_petrarch_actors(text, "a.txt");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("a.txt:3: invalid actor code"), std::string::npos) << d.warnings[0];
  ASSERT_EQ(d.num_entries(), 2u);
  EXPECT_EQ(d.code_on(1, 20100101), "PRKGOV");  // the bad block is skipped, the entry kept
  ActorDict back;
  ASSERT_NO_THROW(back.read_compiled(d.write_compiled(), "roundtrip"));
  EXPECT_EQ(back.write_compiled(), d.write_compiled());
  // A lone "-" is the compiled format's "no code".
  ActorDict dash;
  EXPECT_THROW(dash.read_petrarch_actors("X [-]\n", "d.txt"), InputError);
  EXPECT_THROW(dash.read_petrarch_agents("X [~-]\n", "g.txt"), InputError);
}

TEST(DictHostile, CompiledReaderRefusesInvalidCodes) {
  for (const char* bad : {"E\tA\tX\tRUS GOV\t0\t\n", "E\tA\tX\t-\t0\tRUS\x01@20000101-20010101;\n",
                          "E\tA\tX\t-\t0\t@20000101-20010101;\n"}) {
    ActorDict d;
    try {
      d.read_compiled(std::string("# c\n") + bad, "c.tsv");
      FAIL() << "expected InputError for " << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.where(), "c.tsv:2");
    }
  }
}

// Found by the byte-for-byte round trip: a word ending in '\v' was written at the end of a P line
// and trimmed by the reader. Any whitespace now separates phrase words.
TEST(DictHostile, AnyWhitespaceSeparatesPhraseWords) {
  ActorDict d;
  d.read_petrarch_discards("FOO\vBAR\fBAZ\v\n", "d.txt");
  ASSERT_EQ(d.num_phrases(), 1u);
  Match m;
  std::vector<std::string> toks = {"FOO", "BAR", "BAZ"};
  ASSERT_TRUE(d.match_at(toks, {}, 0, Kind::Discard, &m));
  EXPECT_EQ(m.last, 3u);
  const std::string c = d.write_compiled();
  EXPECT_NE(c.find("P\tFOO BAR BAZ\n"), std::string::npos) << c;
  ActorDict back;
  back.read_compiled(c, "c.tsv");
  EXPECT_EQ(back.write_compiled(), c);
}

// Found by the byte-for-byte round trip: the split form of a hyphenated phrase was written to the
// compiled file and derived again when it was read, so every reload added one more copy. It is now
// derived in memory only.
TEST(DictHostile, ReloadKeepsOneSplitFormOfAHyphenatedName) {
  ActorDict d;
  d.read_petrarch_actors("KIM_JONG-UN_ [PRKGOV]\n", "a.txt");
  ASSERT_EQ(d.num_phrases(), 2u);  // "KIM JONG-UN" and "KIM JONG - UN"
  std::string c = d.write_compiled();
  EXPECT_EQ(c.find("JONG - UN"), std::string::npos) << c;
  for (int i = 0; i < 3; ++i) {
    ActorDict back;
    back.read_compiled(c, "c.tsv");
    EXPECT_EQ(back.num_phrases(), 2u);
    EXPECT_EQ(back.write_compiled(), c);
    c = back.write_compiled();
  }
  ActorDict back;
  back.read_compiled(c, "c.tsv");
  Match m;
  std::vector<std::string> split = {"KIM", "JONG", "-", "UN"}, joined = {"KIM", "JONG-UN"};
  ASSERT_TRUE(back.match_at(split, {}, 0, Kind::Actor, &m));
  EXPECT_EQ(m.last, 4u);
  ASSERT_TRUE(back.match_at(joined, {}, 0, Kind::Actor, &m));
  EXPECT_EQ(m.last, 2u);
}

// Replays inputs petrarch_dict_fuzz saved (tests/hostile/fuzz_petrarch_roundtrip*.bin) the way the
// fuzz target reads them: the first byte picks the reader ((mode & 7) % 5) and strictness (bit 3).
std::string roundtrip_fuzz_input(const std::string& file) {
  std::ifstream f(std::string(DYAD_SOURCE_DIR) + "/tests/hostile/" + file, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (data.empty()) return "missing " + file;
  const auto mode = static_cast<uint8_t>(data[0]);
  const std::string_view text = std::string_view(data).substr(1);
  ActorDict d;
  d.strict = (mode & 8) != 0;
  try {
    switch ((mode & 7) % 5) {
      case 1:
        d.read_petrarch_actors(text, "fuzz.txt");
        break;
      case 2:
        d.read_petrarch_agents(text, "fuzz.txt");
        break;
      case 3:
        d.read_petrarch_discards(text, "fuzz.txt");
        break;
      case 4:
        d.read_compiled(text, "fuzz.txt");
        break;
      default:
        return "not a dictionary input";
    }
  } catch (const InputError& e) {
    return std::string(e.what()).rfind("fuzz.txt", 0) == 0 ? "" : std::string("bad error: ") + e.what();
  }
  const std::string written = d.write_compiled();
  ActorDict back;
  try {
    back.read_compiled(written, "roundtrip");
  } catch (const InputError& e) {
    return std::string("cannot read back: ") + e.what();
  }
  if (back.num_entries() != d.num_entries() || back.num_phrases() != d.num_phrases()) return "counts differ";
  if (back.write_compiled() != written) return "second write differs";
  return "";
}

TEST(DictHostile, FuzzRoundTripInputs) {
  EXPECT_EQ(roundtrip_fuzz_input("fuzz_petrarch_roundtrip.bin"), "");
  EXPECT_EQ(roundtrip_fuzz_input("fuzz_petrarch_roundtrip2.bin"), "");
}

}  // namespace
}  // namespace dyad::actors
