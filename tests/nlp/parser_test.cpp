// Tests for the dependency parser: the committed model on a news sentence and on EWT dev, tree
// well-formedness, projectivization, training determinism, bad model files.
#include "nlp/parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "base/paths.h"
#include "nlp/conllu.h"
#include "nlp/parser_train.h"
#include "nlp/tagger.h"
#include "text/segment.h"

namespace dyad {
namespace {

std::string model_path() { return source_dir() + "/models/parser.bin"; }
std::string ewt(const std::string& split) {
  return shared_data_dir() + "/ud-english-ewt/en_ewt-ud-" + split + ".conllu";
}

// One sentence from words and hand-assigned gold-ish tags.
Doc make_doc(const std::vector<std::tuple<const char*, const char*, Upos>>& words) {
  Doc d;
  for (const auto& [form, xpos, upos] : words) {
    if (!d.text.empty()) d.text += ' ';
    const auto b = static_cast<uint32_t>(d.text.size());
    d.text += form;
    d.tokens.push_back({b, static_cast<uint32_t>(d.text.size())});
    d.xpos.push_back(xpos_id(xpos));
    d.upos.push_back(upos);
  }
  d.sentences.push_back({0, d.num_tokens(), {0, static_cast<uint32_t>(d.text.size())}});
  return d;
}

// Checks every token has a head inside its sentence (or -1), one root per sentence, no cycles.
void expect_well_formed(const Doc& d) {
  ASSERT_EQ(d.head.size(), d.num_tokens());
  ASSERT_EQ(d.deprel.size(), d.num_tokens());
  for (const auto& s : d.sentences) {
    int roots = 0;
    for (uint32_t t = s.first; t < s.last; ++t) {
      const int h = d.head[t];
      ASSERT_TRUE(h == -1 || (h >= static_cast<int>(s.first) && h < static_cast<int>(s.last))) << "token " << t;
      ASSERT_NE(h, static_cast<int>(t));
      ASSERT_NE(d.deprel[t], kUnknownLabel);
      if (h == -1) {
        ++roots;
        EXPECT_EQ(deprel_name(d.deprel[t]), "root");
      } else {
        EXPECT_NE(deprel_name(d.deprel[t]), "root");
      }
      // Walking up from t reaches the root within the sentence length: no cycle.
      int x = static_cast<int>(t), steps = 0;
      while (x != -1 && steps <= static_cast<int>(s.last - s.first)) x = d.head[x], ++steps;
      ASSERT_EQ(x, -1) << "cycle through token " << t;
    }
    ASSERT_EQ(roots, 1);
  }
}

TEST(Parser, NewsSentencePassiveAgentAndObliques) {
  const Parser parser = Parser::load(model_path());
  Doc d = make_doc({{"Lavrov", "NNP", Upos::PROPN},
                    {"was", "VBD", Upos::AUX},
                    {"received", "VBN", Upos::VERB},
                    {"by", "IN", Upos::ADP},
                    {"Kim", "NNP", Upos::PROPN},
                    {"Jong-un", "NNP", Upos::PROPN},
                    {"during", "IN", Upos::ADP},
                    {"his", "PRP$", Upos::PRON},
                    {"visit", "NN", Upos::NOUN},
                    {"to", "IN", Upos::ADP},
                    {"the", "DT", Upos::DET},
                    {"DPRK", "NNP", Upos::PROPN},
                    {".", ".", Upos::PUNCT}});
  // Use the real tagger when its model is committed (the realistic setting).
  // (A tagger model from a different tagger version throws; the hand tags then stand.)
  if (std::filesystem::exists(source_dir() + "/models/tagger.bin")) {
    try {
      Tagger::load(source_dir() + "/models/tagger.bin").tag(d);
    } catch (const InputError&) {
    }
  }
  parser.parse(d);
  expect_well_formed(d);
  auto rel = [&](int t) { return std::string(deprel_name(d.deprel[t])); };
  constexpr int kLavrov = 0, kReceived = 2, kKim = 4, kVisit = 8, kDprk = 11;
  EXPECT_EQ(d.head[kReceived], -1);
  EXPECT_EQ(d.head[kLavrov], kReceived);
  EXPECT_EQ(rel(kLavrov), "nsubj:pass");
  // The name "Kim Jong-un" is headed by either word (flat: Kim; compound: Jong-un); its head is
  // the agent, the other word hangs off it.
  const int name_head = d.head[kKim] == kKim + 1 ? kKim + 1 : kKim;
  const int name_dep = name_head == kKim ? kKim + 1 : kKim;
  EXPECT_EQ(d.head[name_head], kReceived);
  EXPECT_EQ(d.head[name_dep], name_head);
  EXPECT_TRUE(rel(name_head) == "obl:agent" || rel(name_head) == "obl") << rel(name_head);
  EXPECT_EQ(d.head[kVisit], kReceived);
  EXPECT_EQ(rel(kVisit), "obl");
  // DPRK is under visit (directly, as nmod, or via a chain inside the visit phrase).
  int x = kDprk;
  while (x != -1 && x != kVisit && x != kReceived) x = d.head[x];
  EXPECT_EQ(x, kVisit);
}

// The sentence from issue 3, end to end from raw text with the shipped models (segmenter,
// tagger, parser): the passive subject, the agent ("by" Kim Jong-un) and the "during" oblique
// must all hang off "received".
TEST(Parser, NewsSentenceFromRawTextWithShippedModels) {
  Doc d;
  d.text = "Lavrov was received by Kim Jong-un during his visit to the DPRK.";
  segment(d);
  Tagger::load(source_dir() + "/models/tagger.bin").tag(d);
  Parser::load(model_path()).parse(d);
  expect_well_formed(d);
  auto find = [&](std::string_view w) {
    for (uint32_t t = 0; t < d.num_tokens(); ++t)
      if (d.token_text(t) == w) return static_cast<int>(t);
    ADD_FAILURE() << "no token " << w;
    return 0;
  };
  auto rel = [&](int t) { return std::string(deprel_name(d.deprel[t])); };
  const int lavrov = find("Lavrov"), received = find("received"), by = find("by"), kim = find("Kim"),
            during = find("during"), visit = find("visit");
  ASSERT_EQ(d.sentences.size(), 1u);
  EXPECT_EQ(d.head[received], -1);
  EXPECT_EQ(d.head[lavrov], received);
  EXPECT_EQ(rel(lavrov), "nsubj:pass");
  // The name (however the segmenter splits "Jong-un") has one token attached outside it: that
  // head is the agent oblique of "received" and carries the case marker "by".
  int name_head = -1, outside = 0;
  for (int t = kim; t < during; ++t) {
    if (d.head[t] < kim || d.head[t] >= during) {
      name_head = t;
      ++outside;
    }
  }
  ASSERT_EQ(outside, 1);
  EXPECT_EQ(d.head[name_head], received);
  EXPECT_TRUE(rel(name_head) == "obl" || rel(name_head) == "obl:agent") << rel(name_head);
  EXPECT_EQ(d.head[by], name_head);
  EXPECT_EQ(rel(by), "case");
  EXPECT_EQ(d.head[visit], received);
  EXPECT_EQ(rel(visit), "obl");
  EXPECT_EQ(d.head[during], visit);
  EXPECT_EQ(rel(during), "case");
}

// First `n` dev sentences, parsed with gold tags; returns LAS and UAS (all words).
void dev_scores(const Parser& parser, size_t n, double* uas, double* las) {
  auto dev = conllu::read_file(ewt("dev"));
  dev.resize(std::min(n, dev.size()));
  const Doc gold = conllu::to_doc(dev);
  Doc d = gold;
  d.head.clear();
  d.deprel.clear();
  parser.parse(d);
  expect_well_formed(d);
  size_t ok = 0, lab = 0;
  for (uint32_t t = 0; t < d.num_tokens(); ++t) {
    if (d.head[t] != gold.head[t]) continue;
    ++ok;
    if (d.deprel[t] == gold.deprel[t]) ++lab;
  }
  *uas = 100.0 * static_cast<double>(ok) / d.num_tokens();
  *las = 100.0 * static_cast<double>(lab) / d.num_tokens();
}

TEST(Parser, DevAccuracyAboveFloor) {
  const Parser parser = Parser::load(model_path());
  double uas = 0, las = 0;
  dev_scores(parser, 300, &uas, &las);
  // Measured with the committed model on the first 300 dev sentences (gold tags): see the
  // parser report; the floors sit a little below so retraining noise does not fail the test.
  EXPECT_GT(uas, 85.0);
  EXPECT_GT(las, 81.0);
}

TEST(Parser, EmptyAndOneWordSentences) {
  const Parser parser = Parser::load(model_path());
  Doc d = make_doc({{"Hello", "UH", Upos::INTJ}});
  parser.parse(d);
  expect_well_formed(d);
  EXPECT_EQ(d.head[0], -1);
  Doc empty;
  parser.parse(empty);
  EXPECT_TRUE(empty.head.empty());
  // Missing tag arrays are treated as unknown tags, not read out of bounds.
  Doc untagged = make_doc({{"Kim", "NNP", Upos::PROPN}, {"left", "VBD", Upos::VERB}});
  untagged.xpos.clear();
  untagged.upos.clear();
  parser.parse(untagged);
  expect_well_formed(untagged);
}

TEST(Parser, ProjectivizeLiftsCrossingArcs) {
  // Tokens 0..3, ROOT = 4. Arc 2 -> 0 crosses arc 3 -> 1 (1 is between 0 and 2, but headed by 3).
  std::vector<int> heads = {2, 3, 4, 2};
  EXPECT_GT(projectivize(heads), 0);
  // After lifting, no arc spans a token it does not dominate.
  const int n = 4;
  for (int d = 0; d < n; ++d) {
    const int h = heads[d];
    if (h == n) continue;
    for (int k = std::min(h, d) + 1; k < std::max(h, d); ++k) {
      int x = k;
      while (x != h && x != n) x = heads[x];
      EXPECT_EQ(x, h) << "arc " << h << "->" << d << " still crosses " << k;
    }
  }
  std::vector<int> proj = {1, 4, 1};
  EXPECT_EQ(projectivize(proj), 0);
  EXPECT_EQ(proj, (std::vector<int>{1, 4, 1}));
}

TEST(Parser, TrainingIsDeterministicAndLearns) {
  auto train = conllu::read_file(ewt("train"));
  train.resize(150);
  std::vector<conllu::Sentence> dev(train.begin(), train.begin() + 50);
  const auto dir = std::filesystem::temp_directory_path();
  const std::string a = (dir / "dyad_parser_test_a.bin").string(), b = (dir / "dyad_parser_test_b.bin").string();
  ParserTrainOptions opts;
  opts.epochs = 2;
  opts.seed = 7;
  opts.quiet = true;
  const auto ra = train_parser(train, dev, a, opts);
  const auto rb = train_parser(train, dev, b, opts);
  EXPECT_EQ(read_file(a), read_file(b));
  EXPECT_EQ(ra.dev_las, rb.dev_las);
  // Scored on (part of) its own training data, it must have learnt something.
  EXPECT_GT(ra.dev_uas, 60.0);
  const Parser p = Parser::load(a);
  Doc d = conllu::to_doc(dev);
  p.parse(d);
  expect_well_formed(d);
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST(Parser, BadModelFilesThrow) {
  EXPECT_THROW(Parser::load("/nonexistent/parser.bin"), InputError);
  const std::string p = (std::filesystem::temp_directory_path() / "dyad_parser_bad.bin").string();
  {
    std::ofstream out(p, std::ios::binary);
    out << "this is not a model file at all, just some bytes long enough to pass the size check";
  }
  EXPECT_THROW(Parser::load(p), InputError);
  std::filesystem::remove(p);
}

}  // namespace
}  // namespace dyad
