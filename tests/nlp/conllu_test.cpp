#include "nlp/conllu.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "base/paths.h"

namespace dyad {

TEST(Conllu, ParsesWordsMultiwordTokensAndComments) {
  const char* data =
      "# sent_id = s1\n# text = I don't know.\n"
      "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
  auto s = conllu::parse(data, "x");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].text, "I don't know.");
  ASSERT_EQ(s[0].words.size(), 5u);
  ASSERT_EQ(s[0].mwts.size(), 1u);
  EXPECT_EQ(s[0].words[3].form, "know");
  EXPECT_FALSE(s[0].words[3].space_after);
  Doc d = conllu::to_doc(s);
  EXPECT_EQ(d.num_tokens(), 5u);
  EXPECT_EQ(d.head[0], 3);
  EXPECT_EQ(d.head[3], -1);
  EXPECT_EQ(deprel_name(d.deprel[0]), "nsubj");
  auto back = conllu::from_doc(d);
  EXPECT_EQ(back[0].words[0].head, 4);
  EXPECT_EQ(back[0].words[4].deprel, "punct");
}

TEST(Conllu, MalformedLineNamesFileAndLine) {
  try {
    conllu::parse("1\tI\tI\n", "bad.conllu");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "bad.conllu:1");
  }
}

TEST(Conllu, ReadsEwtTestWithAllWordsKnown) {
  const auto path = shared_data_dir() + "/ud-english-ewt/en_ewt-ud-test.conllu";
  auto sents = conllu::read_file(path);
  EXPECT_EQ(sents.size(), 2077u);
  size_t words = 0, unknown_xpos = 0, unknown_rel = 0;
  for (const auto& s : sents)
    for (const auto& w : s.words) {
      ++words;
      unknown_xpos += xpos_id(w.xpos) == kUnknownLabel;
      unknown_rel += deprel_id(w.deprel) == kUnknownLabel;
    }
  EXPECT_EQ(words, 25094u);
  EXPECT_EQ(unknown_xpos, 0u);
  EXPECT_EQ(unknown_rel, 0u);
}

}  // namespace dyad
