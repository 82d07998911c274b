#include "text/segment.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "base/paths.h"
#include "text/segment_abbrev.h"
#include "text/segment_eval.h"

namespace dyad {
namespace {

std::vector<std::string> toks(const std::string& text) {
  Doc d;
  d.text = text;
  Segmenter().segment(d);
  std::vector<std::string> out;
  for (uint32_t i = 0; i < d.num_tokens(); ++i) out.emplace_back(d.token_text(i));
  return out;
}

using V = std::vector<std::string>;

TEST(SegmentTokens, ArticleExamples) {
  EXPECT_EQ(toks("the 1.3-kilometer bridge"), (V{"the", "1.3", "-", "kilometer", "bridge"}));
  EXPECT_EQ(toks("Presidents Putin and Kim Jong-Un last summer."),
            (V{"Presidents", "Putin", "and", "Kim", "Jong", "-", "Un", "last", "summer", "."}));
  EXPECT_EQ(toks("Russia\u2019s war"), (V{"Russia", "\u2019s", "war"}));
  EXPECT_EQ(toks("Russia's war"), (V{"Russia", "'s", "war"}));
  EXPECT_EQ(toks("railway bridge\u2014the only"), (V{"railway", "bridge", "\u2014", "the", "only"}));
  EXPECT_EQ(toks("in Washington, D.C., and Seoul."),
            (V{"in", "Washington", ",", "D.C.", ",", "and", "Seoul", "."}));
  EXPECT_EQ(toks("the U.S. think tank"), (V{"the", "U.S.", "think", "tank"}));
  EXPECT_EQ(toks("Lavrov said, \u201cWe exchanged views\u2026 Our friends.\u201d"),
            (V{"Lavrov", "said", ",", "\u201c", "We", "exchanged", "views", "\u2026", "Our", "friends", ".",
               "\u201d"}));
  EXPECT_EQ(toks("over 10,000 DPRK troops"), (V{"over", "10,000", "DPRK", "troops"}));
  EXPECT_EQ(toks("smiles\u2026\n\u2757Lavrov"), (V{"smiles", "\u2026", "\u2757", "Lavrov"}));
  EXPECT_EQ(toks("(@Zlatti_71) July 12, 2025"), (V{"(", "@Zlatti_71", ")", "July", "12", ",", "2025"}));
  EXPECT_EQ(toks("pic.twitter.com/rH5QC5uJWK"), (V{"pic.twitter.com/rH5QC5uJWK"}));
}

TEST(SegmentTokens, EwtConventions) {
  EXPECT_EQ(toks("I don't know"), (V{"I", "do", "n't", "know"}));
  EXPECT_EQ(toks("I can't, I won't"), (V{"I", "ca", "n't", ",", "I", "wo", "n't"}));
  EXPECT_EQ(toks("you cannot"), (V{"you", "can", "not"}));
  EXPECT_EQ(toks("gonna go"), (V{"gon", "na", "go"}));
  EXPECT_EQ(toks("I'm sure they're here, we've said we'll go and I'd"),
            (V{"I", "'m", "sure", "they", "'re", "here", ",", "we", "'ve", "said", "we", "'ll", "go", "and",
               "I", "'d"}));
  EXPECT_EQ(toks("an e-mail about a non-stop search-engine"),
            (V{"an", "e-mail", "about", "a", "non-stop", "search", "-", "engine"}));
  EXPECT_EQ(toks("Dr. Smith met Mr. Jones"), (V{"Dr.", "Smith", "met", "Mr.", "Jones"}));
  EXPECT_EQ(toks("e.g. at 5:30 p.m. on 11/28/2000"), (V{"e.g.", "at", "5:30", "p.m.", "on", "11/28/2000"}));
  EXPECT_EQ(toks("call 713-853-3989 or mail jo.smith@enron.com!"),
            (V{"call", "713-853-3989", "or", "mail", "jo.smith@enron.com", "!"}));
  EXPECT_EQ(toks("see (http://www.example.com/a?b=c)."),
            (V{"see", "(", "http://www.example.com/a?b=c", ")", "."}));
  EXPECT_EQ(toks("Great :) Really?!"), (V{"Great", ":)", "Really", "?!"}));
  EXPECT_EQ(toks("wait... what"), (V{"wait", "...", "what"}));
  EXPECT_EQ(toks("$10 (about 5%)"), (V{"$", "10", "(", "about", "5", "%", ")"}));
  EXPECT_EQ(toks("the workers' party"), (V{"the", "workers", "'", "party"}));
  EXPECT_EQ(toks("at 7:30PM on a 35mm film, the 30th"),
            (V{"at", "7:30", "PM", "on", "a", "35", "mm", "film", ",", "the", "30th"}));
  EXPECT_EQ(toks("its a reel but its own tune"), (V{"it", "s", "a", "reel", "but", "its", "own", "tune"}));
  EXPECT_EQ(toks("CCNG, Inc.. On"), (V{"CCNG", ",", "Inc.", ".", "On"}));
  EXPECT_EQ(toks("caf\u00e9\u00a0na\u00efve\u200bword"), (V{"caf\u00e9", "na\u00efve", "word"}));
}

TEST(SegmentTokens, ClitiFlagsMarkSurfaceWords) {
  Doc d;
  d.text = "don't stop";
  std::vector<uint8_t> flags;
  Segmenter().segment(d, &flags);
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0], 0);
  EXPECT_EQ(flags[1], kTokenJoinsPrev);
  EXPECT_EQ(flags[2], 0);
}

void check_invariants(const Doc& d) {
  uint32_t prev = 0;
  for (const auto& t : d.tokens) {
    ASSERT_LT(t.begin, t.end);
    ASSERT_GE(t.begin, prev);
    ASSERT_LE(t.end, d.text.size());
    prev = t.end;
  }
  uint32_t next = 0;
  for (const auto& s : d.sentences) {
    ASSERT_EQ(s.first, next);
    ASSERT_LT(s.first, s.last);
    ASSERT_EQ(s.span.begin, d.tokens[s.first].begin);
    ASSERT_EQ(s.span.end, d.tokens[s.last - 1].end);
    next = s.last;
  }
  ASSERT_EQ(next, d.num_tokens());
}

TEST(SegmentAbbrev, TablesAreSearchable) {
  for (const char* w : {"Adm", "Supt", "Messrs", "Ala", "Wyo", "approx", "yrs", "etc", "Sept", "Jan"})
    EXPECT_TRUE(seg::is_abbreviation(w)) << w;
  EXPECT_TRUE(seg::is_abbreviation("Etc"));
  EXPECT_FALSE(seg::is_abbreviation("Al"));
  EXPECT_FALSE(seg::is_abbreviation("the"));
  EXPECT_TRUE(seg::is_title_abbreviation("Gen"));
  EXPECT_FALSE(seg::is_title_abbreviation("Inc"));
}

TEST(SegmentTokens, EmptyAndWhitespace) {
  for (const char* t : {"", " ", "\n\n\t", "\u00a0\u200b"}) {
    Doc d;
    d.text = t;
    segment(d);
    EXPECT_TRUE(d.tokens.empty());
    EXPECT_TRUE(d.sentences.empty());
  }
}

TEST(SegmentTokens, InvalidAndRandomBytesNeverBreakInvariants) {
  std::mt19937 rng(42);
  const std::string alphabet =
      std::string("aZ9 .,'\"-\n!?:/@#") + "\xe2\x80\x99\xe2\x80\xa6\xc3\xa9\xff\xc0\xed\xa0";
  for (int round = 0; round < 300; ++round) {
    Doc d;
    const int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) d.text += alphabet[rng() % alphabet.size()];
    segment(d);
    check_invariants(d);
  }
  Doc d;
  d.text = "ab\xe2\x80";  // truncated sequence at the end
  segment(d);
  check_invariants(d);
}

std::vector<std::string> sents(const std::string& text, const Segmenter& seg) {
  Doc d;
  d.text = text;
  seg.segment(d);
  std::vector<std::string> out;
  for (const auto& s : d.sentences) out.emplace_back(d.span_text(s.span));
  return out;
}

TEST(SegmentSentences, RulesHandleAbbreviationsQuotesAndLines) {
  const Segmenter rules;
  EXPECT_EQ(sents("Mr. Smith went to Washington. He met Gen. Lee there.", rules),
            (V{"Mr. Smith went to Washington.", "He met Gen. Lee there."}));
  EXPECT_EQ(sents("He said, \u201cWe agree.\u201d Then he left.", rules),
            (V{"He said, \u201cWe agree.\u201d", "Then he left."}));
  EXPECT_EQ(sents("Road bridge over the Tuman River\n\nAn analysis shows progress", rules),
            (V{"Road bridge over the Tuman River", "An analysis shows progress"}));
  EXPECT_EQ(sents("Delegation visits\nIn addition, a delegation came.", rules),
            (V{"Delegation visits", "In addition, a delegation came."}));
}

TEST(SegmentSentences, ParagraphsAreHardBoundaries) {
  Doc d;
  d.text = "first part second part";
  d.paragraphs = {{0, 10}, {11, 22}};
  Segmenter().segment(d);
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.span_text(d.sentences[0].span), "first part");
}

std::string model_path() { return std::string(DYAD_SOURCE_DIR) + "/models/segmenter.bin"; }

TEST(SegmentSentences, ModelSplitsArticleText) {
  if (!std::filesystem::exists(model_path())) GTEST_SKIP() << "no model at " << model_path();
  const auto seg = Segmenter::load(model_path());
  EXPECT_EQ(
      sents("Russia\u2019s defense ministry shared footage of Kim and FM Lavrov shaking hands and embracing "
            "on Saturday. Lavrov said, \u201cWe exchanged views.\u201d",
            seg),
      (V{"Russia\u2019s defense ministry shared footage of Kim and FM Lavrov shaking hands and embracing on "
         "Saturday.",
         "Lavrov said, \u201cWe exchanged views.\u201d"}));
  EXPECT_EQ(
      sents("His work includes stations in Berlin, Washington, D.C., and Seoul. Tim has two degrees.", seg),
      (V{"His work includes stations in Berlin, Washington, D.C., and Seoul.", "Tim has two degrees."}));
}

// Floors measured on EWT dev (see eval/segment/README.md), a little below the measured figures.
TEST(SegmentEval, EwtDevAboveFloor) {
  const std::string path = shared_data_dir() + "/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no EWT dev at " << path;
  const auto gold = read_segment_gold(path);
  Doc d;
  d.text = gold.text;
  std::vector<uint8_t> flags;
  Segmenter().segment(d, &flags);
  check_invariants(d);
  auto s = score_segmentation(gold, d, flags);
  EXPECT_GE(s.tokens.f1(), 99.0);
  EXPECT_GE(s.words.f1(), 98.7);
  EXPECT_GE(s.sentences.f1(), 75.0);  // rules only
  if (std::filesystem::exists(model_path())) {
    Segmenter::load(model_path()).segment(d, &flags);
    s = score_segmentation(gold, d, flags);
    EXPECT_GE(s.sentences.f1(), 88.0);
  }
}

}  // namespace
}  // namespace dyad
