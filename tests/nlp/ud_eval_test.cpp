// Tests for the CoNLL 2018 style scorer on hand-made CoNLL-U (incl. misaligned tokenization).
#include "nlp/ud_eval.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "nlp/conllu.h"

namespace dyad {
namespace {

std::vector<conllu::Sentence> parse(const std::string& s) { return conllu::parse(s, "test"); }

// "Kim visited Moscow ." with a gold tree.
const char* kGold =
    "1\tKim\tKim\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tMoscow\tMoscow\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

TEST(UdEval, IdenticalIsPerfect) {
  const auto g = parse(kGold);
  const auto r = ud_eval::evaluate(g, g);
  EXPECT_EQ(r.words.gold, 4u);
  EXPECT_EQ(r.words.correct, 4u);
  EXPECT_DOUBLE_EQ(r.tokens.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r.sentences.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r.upos.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r.uas.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r.las.f1(), 1.0);
}

TEST(UdEval, HeadLabelAndTagErrorsCount) {
  const auto g = parse(kGold);
  // Moscow attached to Kim (UAS error), "." labelled dep (LAS error only), Kim tagged NOUN.
  const auto s = parse(
      "1\tKim\tKim\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n"
      "2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tMoscow\tmoscow\tPROPN\tNNP\t_\t1\tobj\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tdep\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.upos.correct, 3u);
  EXPECT_EQ(r.xpos.correct, 3u);
  EXPECT_EQ(r.lemmas.correct, 3u);
  EXPECT_EQ(r.uas.correct, 3u);
  EXPECT_EQ(r.las.correct, 2u);
  EXPECT_DOUBLE_EQ(r.las.f1(), 0.5);
}

TEST(UdEval, LabelSubtypesIgnored) {
  const auto g = parse(
      "1\tKim\t_\tPROPN\tNNP\t_\t2\tnsubj:pass\t_\t_\n"
      "2\twon\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n\n");
  const auto s = parse(
      "1\tKim\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\twon\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.las.correct, 2u);
  EXPECT_EQ(r.lemmas.correct, 2u);  // gold lemma "_" counts as correct
}

TEST(UdEval, MisalignedTokenization) {
  // Gold: "New York is big" as 4 words; system glues "NewYork" (one token covering two gold
  // words) and attaches "big" to it. Whitespace is ignored when aligning.
  const auto g = parse(
      "1\tNew\t_\tPROPN\tNNP\t_\t2\tcompound\t_\t_\n"
      "2\tYork\t_\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
      "3\tis\t_\tAUX\tVBZ\t_\t4\tcop\t_\t_\n"
      "4\tbig\t_\tADJ\tJJ\t_\t0\troot\t_\t_\n\n");
  const auto s = parse(
      "1\tNewYork\t_\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "2\tis\t_\tAUX\tVBZ\t_\t3\tcop\t_\t_\n"
      "3\tbig\t_\tADJ\tJJ\t_\t0\troot\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.tokens.gold, 4u);
  EXPECT_EQ(r.tokens.system, 3u);
  EXPECT_EQ(r.tokens.correct, 2u);
  EXPECT_EQ(r.words.correct, 2u);
  EXPECT_DOUBLE_EQ(r.words.precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.words.recall(), 2.0 / 4.0);
  // "is" -> big and big -> root are right; both aligned words count.
  EXPECT_EQ(r.uas.correct, 2u);
  EXPECT_DOUBLE_EQ(r.uas.f1(), 2.0 * 2 / 7);
}

TEST(UdEval, HeadMustBeTheAlignedWord) {
  // Same character stream, different split: system head points at an unaligned word.
  const auto g = parse(
      "1\tNew\t_\tPROPN\tNNP\t_\t2\tcompound\t_\t_\n"
      "2\tYork\t_\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "3\tsleeps\t_\tVERB\tVBZ\t_\t0\troot\t_\t_\n\n");
  const auto s = parse(
      "1\tNe\t_\tPROPN\tNNP\t_\t2\tcompound\t_\t_\n"
      "2\twYork\t_\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "3\tsleeps\t_\tVERB\tVBZ\t_\t0\troot\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.words.correct, 1u);
  EXPECT_EQ(r.uas.correct, 1u);
  EXPECT_EQ(r.sentences.correct, 1u);
}

TEST(UdEval, MultiwordTokensAlignByForms) {
  // Gold has the multiword token "don't" = do + n't; the system splits it as two plain tokens.
  const auto g = parse(
      "1\tI\t_\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tdo\t_\tAUX\tVBP\t_\t4\taux\t_\t_\n"
      "3\tn't\t_\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\tknow\t_\tVERB\tVB\t_\t0\troot\t_\t_\n\n");
  const auto s = parse(
      "1\tI\t_\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
      "2\tdo\t_\tAUX\tVBP\t_\t4\taux\t_\tSpaceAfter=No\n"
      "3\tn't\t_\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\tknow\t_\tVERB\tVB\t_\t0\troot\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.words.correct, 4u);
  EXPECT_EQ(r.tokens.gold, 3u);
  EXPECT_EQ(r.tokens.system, 4u);
  EXPECT_EQ(r.tokens.correct, 2u);  // "I" and "know"
  EXPECT_EQ(r.upos.correct, 4u);
  EXPECT_EQ(r.uas.correct, 3u);  // gold "I" -> 3 ("n't"), system -> know
}

TEST(UdEval, SentenceBoundaries) {
  const auto g = parse(
      "1\tHi\t_\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
      "1\tGo\t_\tVERB\tVB\t_\t0\troot\t_\t_\n\n");
  const auto s = parse(
      "1\tHi\t_\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "2\tGo\t_\tVERB\tVB\t_\t1\tparataxis\t_\t_\n\n");
  const auto r = ud_eval::evaluate(g, s);
  EXPECT_EQ(r.sentences.gold, 2u);
  EXPECT_EQ(r.sentences.system, 1u);
  EXPECT_EQ(r.sentences.correct, 0u);
  EXPECT_EQ(r.words.correct, 2u);
  EXPECT_EQ(r.uas.correct, 1u);
}

TEST(UdEval, DifferentTextIsAnError) {
  const auto g = parse(kGold);
  const auto s = parse("1\tKim\t_\tPROPN\tNNP\t_\t0\troot\t_\t_\n\n");
  EXPECT_THROW(ud_eval::evaluate(g, s), InputError);
}

TEST(UdEval, FormatHasAllMetrics) {
  const auto g = parse(kGold);
  const std::string t = ud_eval::format(ud_eval::evaluate(g, g));
  for (const char* m : {"Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS"})
    EXPECT_NE(t.find(m), std::string::npos) << m;
}

}  // namespace
}  // namespace dyad
