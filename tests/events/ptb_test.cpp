#include "events/ptb.h"

#include <gtest/gtest.h>

#include "base/error.h"

using namespace dyad;

namespace {
// (form -> "deprel head-form") for a converted tree.
std::string rel(const conllu::Sentence& s, const std::string& form) {
  for (const auto& w : s.words)
    if (w.form == form)
      return w.deprel + " " + (w.head == 0 ? std::string("ROOT") : s.words[w.head - 1].form);
  return "?";
}
}  // namespace

TEST(Ptb, ContentWordHeadsAndCoreRelations) {
  auto s = events::ptb_to_conllu(
      "(ROOT (S (S (NP (NNP Arnor) ) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB restore) (NP (JJ "
      "full) "
      "(JJ diplomatic) (NNS ties) ) (PP (IN with) (NP (NNP Gondor) ) ) ) ) ) ) ) ) (. .) ) )",
      "t");
  ASSERT_EQ(s.words.size(), 11u);
  EXPECT_EQ(rel(s, "restore"), "root ROOT");
  EXPECT_EQ(rel(s, "Arnor"), "nsubj restore");
  EXPECT_EQ(rel(s, "ties"), "obj restore");
  EXPECT_EQ(rel(s, "diplomatic"), "amod ties");
  EXPECT_EQ(rel(s, "with"), "case Gondor");
  EXPECT_EQ(rel(s, "Gondor"), "nmod restore");
  EXPECT_EQ(rel(s, "to"), "mark restore");
  EXPECT_EQ(s.words[0].upos, "PROPN");
}

TEST(Ptb, PassiveNegationAndConjunction) {
  auto s = events::ptb_to_conllu(
      "(ROOT (S (NP (NNP Lavrov)) (VP (VBD was) (RB not) (VP (VBN hosted) (PP (IN by) (NP (NNP Kim) (CC and) "
      "(NNP Choe))))) (. .)))",
      "t");
  EXPECT_EQ(rel(s, "hosted"), "root ROOT");
  EXPECT_EQ(rel(s, "Lavrov"), "nsubj:pass hosted");
  EXPECT_EQ(rel(s, "was"), "aux:pass hosted");
  EXPECT_EQ(rel(s, "not"), "neg hosted");
  EXPECT_EQ(rel(s, "by"), "case Kim");
  EXPECT_EQ(rel(s, "Choe"), "conj Kim");
  EXPECT_EQ(rel(s, "Kim"), "nmod hosted");
}

TEST(Ptb, BrokenTreesAreErrors) {
  EXPECT_THROW(events::ptb_to_conllu("(ROOT (S (NP (NNP Arnor))", "f:3"), InputError);
  EXPECT_THROW(events::ptb_to_conllu("(ROOT (S)) )", "f:3"), InputError);
  EXPECT_THROW(events::ptb_to_conllu("", "f:3"), InputError);
}
