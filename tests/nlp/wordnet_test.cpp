#include "nlp/wordnet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "base/error.h"

namespace dyad::wordnet {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(WordNet, RegularInflections) {
  EXPECT_TRUE(has(plurals("box"), "boxes"));
  EXPECT_TRUE(has(plurals("city"), "cities"));
  EXPECT_TRUE(has(plurals("day"), "days"));
  EXPECT_TRUE(has(past_forms("stop"), "stopped"));
  EXPECT_TRUE(has(past_forms("hope"), "hoped"));
  EXPECT_TRUE(has(past_forms("carry"), "carried"));
  EXPECT_TRUE(has(ing_forms("make"), "making"));
  EXPECT_TRUE(has(ing_forms("die"), "dying"));
  EXPECT_TRUE(has(ing_forms("see"), "seeing"));
  EXPECT_TRUE(has(ing_forms("run"), "running"));
  EXPECT_TRUE(has(comparatives("big"), "bigger"));
  EXPECT_TRUE(has(comparatives("happy"), "happiest"));
  EXPECT_FALSE(has(ing_forms("make"), "makeing"));
}

// A tiny database in the WordNet 3.0 file format.
class TinyWordNet : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / "dyad_wordnet_test";
    std::filesystem::create_directories(dir_);
    write("data.noun",
          "  1 This is a licence header line\n"
          "00001740 03 n 02 dog 0 domestic_dog 0 001 @ 00001930 n 0000 | a canine\n"
          "00001930 15 n 02 Paris 0 City_of_Light 0 001 @i 00001740 n 0000 | the capital of France\n"
          "00002000 03 n 01 run 0 000 | a score in baseball\n");
    write("data.verb", "00003000 38 v 01 run 0 000 | move fast\n00003001 38 v 01 stop 0 000 | halt\n");
    write("data.adj", "00004000 00 a 01 big(a) 0 000 | large\n");
    write("data.adv", "00005000 02 r 01 fast 0 000 | quickly\n");
    write("noun.exc", "mice mouse\n");
    write("verb.exc", "ran run\n");
    write("adj.exc", "better good well\n");
    write("adv.exc", "best well\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(TinyWordNet, ClassesAndInflections) {
  const auto lex = read_lexicon(dir_.string());
  std::map<std::string, uint32_t> m, sense;
  for (const auto& [form, bits] : lex) {
    m[form] = bits & ((1u << kSenseShift) - 1);
    sense[form] = bits >> kSenseShift;
  }
  EXPECT_TRUE(std::is_sorted(lex.begin(), lex.end()));
  // Lexicographer-file classes: "dog" (noun.animal 03) and its plural share one, "paris"
  // (noun.location 15) has another; irregular forms have none.
  EXPECT_NE(sense["dog"], 0u);
  EXPECT_EQ(sense["dogs"], sense["dog"]);
  EXPECT_NE(sense["paris"], sense["dog"]);
  EXPECT_EQ(sense["mice"], 0u);
  EXPECT_EQ(m["dog"], kNoun | kLowercase);
  EXPECT_EQ(m["dogs"], kPlural);
  EXPECT_EQ(m["run"], kNoun | kVerb | kLowercase);
  EXPECT_EQ(m["runs"], kPlural | kVerbS);
  EXPECT_EQ(m["running"], kVerbIng);
  EXPECT_EQ(m["ran"], kVerbEd);
  EXPECT_EQ(m["stopped"], kVerbEd);
  EXPECT_EQ(m["paris"], kNoun | kCapitalised | kInstance);
  EXPECT_EQ(m.count("parises"), 0u);   // names are not inflected
  EXPECT_EQ(m["city"], kInMultiword);  // from City_of_Light
  EXPECT_EQ(m.count("domestic"), 0u);  // lowercase multiword lemmas are skipped
  EXPECT_EQ(m["big"], kAdj | kLowercase);
  EXPECT_EQ(m["bigger"], kComparative);
  EXPECT_EQ(m["fast"], kAdv | kLowercase);
  EXPECT_EQ(m["mice"], kPlural);
  EXPECT_EQ(m["better"], kComparative);
}

TEST_F(TinyWordNet, MissingFilesAreInputErrors) {
  std::filesystem::remove(dir_ / "data.verb");
  EXPECT_THROW(read_lexicon(dir_.string()), InputError);
  EXPECT_THROW(read_lexicon("/nonexistent/wordnet"), InputError);
}

}  // namespace
}  // namespace dyad::wordnet
