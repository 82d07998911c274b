#include "nlp/ner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/paths.h"
#include "nlp/ner_data.h"
#include "nlp/ner_hash.h"
#include "nlp/ner_model.h"
#include "nlp/ner_train.h"

namespace dyad {
namespace {

std::string model_path() { return std::string(DYAD_SOURCE_DIR) + "/models/ner.bin"; }

const Ner& model() {
  static const Ner ner = Ner::load(model_path());
  return ner;
}

// A one-sentence Doc from space-separated tokens.
Doc make_doc(const std::string& sentence) {
  Doc doc;
  doc.text = sentence;
  size_t i = 0;
  while (i < sentence.size()) {
    const size_t j = std::min(sentence.find(' ', i), sentence.size());
    if (j > i) doc.tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
    i = j + 1;
  }
  doc.sentences.push_back({0, doc.num_tokens(), {0, static_cast<uint32_t>(sentence.size())}});
  return doc;
}

// "Text/TYPE" for every entity.
std::vector<std::string> entities(const std::string& sentence) {
  Doc doc = make_doc(sentence);
  model().recognize(doc);
  std::vector<std::string> out;
  for (const Entity& e : doc.entities) {
    std::string s;
    for (uint32_t t = e.first; t < e.last; ++t)
      s += std::string(t > e.first ? " " : "") + std::string(doc.token_text(t));
    out.push_back(s + "/" + std::string(entity_type_name(e.type)));
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "; ";
  return s;
}

TEST(NerData, ParsesUnerAndConllAndNormalisesIob1) {
  const std::string uner =
      "# sent_id = x\n1\tAl\tB-ORG\t-\ts\n2\t-\tI-ORG\t-\ts\n3\tZaman\tI-ORG\n4\tsaid\tO\n\n"
      "1\tin\tO\n2\tParis\tB-LOC\n";
  auto s = parse_ner(uner, "u");
  ASSERT_EQ(s.size(), 2u);
  ASSERT_EQ(s[0].spans.size(), 1u);
  EXPECT_EQ(s[0].spans[0], (NerSpan{0, 3, "ORG"}));
  EXPECT_EQ(s[1].spans[0], (NerSpan{1, 2, "LOC"}));
  // IOB1: I- after O starts a span; MISC dropped by rename.
  NerReadOptions opt;
  opt.rename["MISC"] = "";
  auto c = parse_ner("-DOCSTART- O\n\nThe O\nMad I-ORG\nCapsule I-ORG\nJapanese I-MISC\nKim I-PER\nB B-PER\n",
                     "c", opt);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].new_doc);
  ASSERT_EQ(c[0].spans.size(), 3u);
  EXPECT_EQ(c[0].spans[0], (NerSpan{1, 3, "ORG"}));
  EXPECT_EQ(c[0].spans[1], (NerSpan{4, 5, "PER"}));
  EXPECT_EQ(c[0].spans[2], (NerSpan{5, 6, "PER"}));
}

TEST(NerData, BadTagNamesFileAndLine) {
  try {
    parse_ner("1\tok\tO\n2\tbad\tX-PER\n", "f.iob2");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "f.iob2:2");
  }
  EXPECT_THROW(parse_ner("lonely\n", "f"), InputError);
  EXPECT_THROW(parse_ner("a O\n\xff\xfe O\n", "f"), InputError);
  EXPECT_TRUE(parse_ner("", "f").empty());
}

TEST(NerData, ScoreIsExactSpanMatch) {
  NerScore sc;
  sc.add({{0, 2, "PER"}, {3, 4, "LOC"}}, {{0, 2, "PER"}, {3, 4, "ORG"}, {5, 6, "NORP"}}, {"NORP"});
  EXPECT_EQ(sc.overall.gold, 2u);
  EXPECT_EQ(sc.overall.pred, 2u);  // NORP left out of overall
  EXPECT_EQ(sc.overall.correct, 1u);
  EXPECT_DOUBLE_EQ(sc.overall.f1(), 50.0);
  EXPECT_EQ(sc.by_type["NORP"].pred, 1u);
}

TEST(NerModel, BilouTransitions) {
  const int b_per = ner_label(0, Bilou::B), i_per = ner_label(0, Bilou::I), l_per = ner_label(0, Bilou::L);
  const int l_org = ner_label(1, Bilou::L), u_loc = ner_label(2, Bilou::U);
  EXPECT_TRUE(ner_transition_ok(-1, b_per));
  EXPECT_FALSE(ner_transition_ok(-1, i_per));
  EXPECT_TRUE(ner_transition_ok(b_per, i_per));
  EXPECT_TRUE(ner_transition_ok(i_per, l_per));
  EXPECT_FALSE(ner_transition_ok(b_per, l_org));
  EXPECT_FALSE(ner_transition_ok(b_per, 0));
  EXPECT_TRUE(ner_transition_ok(l_per, u_loc));
  EXPECT_FALSE(ner_final_ok(b_per));
  const auto spans = ner_label_spans({0, b_per, l_per, u_loc, i_per});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].first, 1u);
  EXPECT_EQ(spans[0].last, 3u);
  EXPECT_EQ(spans[2].first, 4u);  // a stray I still yields a span
}

TEST(Ner, LoadErrors) {
  EXPECT_THROW(Ner::load("/nonexistent/ner.bin"), InputError);
  // A valid model file of another kind is not an NER model.
  const std::string other = std::string(DYAD_BINARY_DIR) + "/ner_test_not_ner.bin";
  ModelWriter w;
  w.add("something", "x");
  w.write(other);
  EXPECT_THROW(Ner::load(other), InputError);
}

TEST(Ner, ExampleSentenceLavrov) {
  const auto e =
      entities("Russian Foreign Minister Sergey Lavrov was hosted by Kim during a visit to North Korea");
  SCOPED_TRACE(join(e));
  EXPECT_TRUE(has(e, "Russian/NORP"));
  EXPECT_TRUE(has(e, "Sergey Lavrov/PER"));
  EXPECT_TRUE(has(e, "Kim/PER"));
  EXPECT_TRUE(has(e, "North Korea/LOC"));
}

TEST(Ner, ExampleSentenceKcna) {
  const auto e = entities(
      "The North Korean news agency KCNA and the Russian state media group Rossiya Segodnya also agreed to "
      "intensify their cooperation");
  SCOPED_TRACE(join(e));
  EXPECT_TRUE(has(e, "North Korean/NORP"));
  EXPECT_TRUE(has(e, "Russian/NORP"));
  EXPECT_TRUE(has(e, "KCNA/ORG"));
  EXPECT_TRUE(has(e, "Rossiya Segodnya/ORG"));
}

TEST(Ner, ExampleSentenceGoremykin) {
  const auto e = entities("Deputy Defense Minister Viktor Goremykin");
  SCOPED_TRACE(join(e));
  EXPECT_TRUE(has(e, "Viktor Goremykin/PER"));
}

TEST(Ner, Robustness) {
  Doc empty;
  model().recognize(empty);
  EXPECT_TRUE(empty.entities.empty());
  // No sentences: the whole document is one sentence.
  Doc nosent = make_doc("Vladimir Putin met Kim Jong Un in Pyongyang");
  nosent.sentences.clear();
  model().recognize(nosent);
  EXPECT_FALSE(nosent.entities.empty());
  // Odd tokens: punctuation only, non-ASCII, very long, empty spans.
  Doc odd =
      make_doc("... \xc3\x9c\xc3\x9f \xe2\x80\x9c \xf0\x9f\x98\x80 " + std::string(5000, 'A') + " Ελλάδα");
  odd.tokens.push_back({0, 0});
  odd.sentences[0].last = odd.num_tokens();
  model().recognize(odd);
  for (const Entity& en : odd.entities) EXPECT_LE(en.last, odd.num_tokens());
  // Sentences out of range are clipped, not trusted.
  Doc bad = make_doc("Paris is in France");
  bad.sentences[0].last = 99;
  model().recognize(bad);
  for (const Entity& en : bad.entities) EXPECT_LE(en.last, bad.num_tokens());
  // A token outside the text is an error naming the document.
  Doc broken = make_doc("Paris");
  broken.path = "doc.txt";
  broken.tokens[0].end = 50;
  EXPECT_THROW(model().recognize(broken), InputError);
  // POS tags, when present, gate the NORP rule (a VERB-tagged demonym is not NORP).
  Doc tagged = make_doc("Russian troops");
  tagged.upos = {Upos::VERB, Upos::NOUN};
  model().recognize(tagged);
  for (const Entity& en : tagged.entities) EXPECT_NE(en.type, EntityType::NORP);
  // Entities are sorted and non-overlapping.
  Doc many =
      make_doc("Russian President Vladimir Putin and Chinese leader Xi Jinping met in Moscow , Russia");
  model().recognize(many);
  for (size_t k = 1; k < many.entities.size(); ++k)
    EXPECT_LE(many.entities[k - 1].last, many.entities[k].first);
}

TEST(NerDocContext, CountsCapitalisedMidSentenceAndLowercase) {
  NerDocContext doc;
  const std::vector<std::string_view> a = {"Kerala", "is", "in", "India"};
  const std::vector<std::string_view> b = {"i", "love", "kerala", "and", "Kerala", "food"};
  doc.add(a);
  doc.add(b);
  // "Kerala" sentence-initial does not count as capitalised mid-sentence.
  const auto k = doc.get(ner_hash("kerala"));
  EXPECT_EQ(k.cap_mid, 1u);
  EXPECT_EQ(k.lower, 1u);
  EXPECT_EQ(doc.get(ner_hash("india")).cap_mid, 1u);
  EXPECT_EQ(doc.get(ner_hash("love")).lower, 1u);
  EXPECT_EQ(doc.get(ner_hash("absent")).cap_mid + doc.get(ner_hash("absent")).lower, 0u);
}

// The document context changes the features of a lowercase word written capitalised elsewhere.
TEST(NerFeaturizer, DocumentContextAddsEvidence) {
  const std::vector<std::string_view> words = {"we", "went", "to", "kerala"};
  NerFeaturizer fz(&model().gazetteer());
  std::vector<uint64_t> alone, with_doc, lower, shape;
  std::vector<uint32_t> offsets;
  NerDocContext solo, doc;
  solo.add(words);
  doc.add(words);
  doc.add(std::vector<std::string_view>{"I", "love", "Kerala"});
  fz.extract(words, alone, offsets, lower, shape, &solo);
  const std::vector<uint32_t> off_alone = offsets;
  fz.extract(words, with_doc, offsets, lower, shape, &doc);
  ASSERT_EQ(off_alone, offsets);
  const std::vector<uint64_t> a(alone.begin() + off_alone[3], alone.end());
  const std::vector<uint64_t> b(with_doc.begin() + offsets[3], with_doc.end());
  EXPECT_NE(a, b);
  // Words without other occurrences are unaffected.
  EXPECT_TRUE(std::equal(alone.begin(), alone.begin() + off_alone[1], with_doc.begin()));
}

TEST(NerGazetteer, ActorsFirstNamesAndCommonWords) {
  const std::string dir = ::testing::TempDir();
  const std::string actors = dir + "/ner_actors.tsv", names = dir + "/ner_names.txt";
  {
    std::ofstream f(actors);
    f << "# test\nE\tA\tBARACK_OBAMA\t-\t0\tUSAELI@19780101-20000101;\nP\tBARACK HUSSEIN OBAMA\nP\tMR "
         "OBAMA_\n"
         "E\tA\tUNITED_NATIONS_\tIGOUNO\t0\t\nP\tUNITED NATIONS_\nE\tA\tRUSSIA_\tRUS\t0\t\n";
    std::ofstream g(names);
    g << "Priscilla\nConstance\n";
  }
  NerTrainOptions opt;
  opt.actors = actors;
  opt.first_names = {names};
  NerSentence s;
  s.words = {"i", "love", "kerala", "food"};
  s.spans = {{2, 3, "LOC"}};
  const std::string bytes = build_ner_gazetteer(opt, {s}).serialize();
  const Gazetteer gaz = Gazetteer::load(bytes, "test");
  EXPECT_TRUE(gaz.lookup("Barack Obama") & kGazPerson);
  EXPECT_TRUE(gaz.lookup("Barack Hussein Obama") & kGazPerson);
  EXPECT_FALSE(gaz.lookup("Mr Obama") & kGazPerson);
  EXPECT_TRUE(gaz.lookup("Barack") & kGazFirstName);
  EXPECT_TRUE(gaz.lookup("Priscilla") & kGazFirstName);
  EXPECT_TRUE(gaz.lookup("United Nations") & kGazActor);
  EXPECT_FALSE(gaz.lookup("Russia") & kGazActor);  // country codes are left to the country list
  EXPECT_TRUE(gaz.lookup("love") & kGazLowerWord);
  EXPECT_FALSE(gaz.lookup("kerala") & kGazLowerWord);  // inside a gold entity
  std::remove(actors.c_str());
  std::remove(names.c_str());
}

// Names predicted once are found again elsewhere in the document, whole and with their type.
TEST(Ner, PropagatesNamesAcrossTheDocument) {
  // Tokens: 0 HANO, 3 Enron, 5 then, 6 HANO, 8 Enron, 10-12 New Enron Corp, 14 hano.
  Doc doc = make_doc("HANO staff met Enron . then HANO sued Enron and New Enron Corp . hano left");
  doc.sentences = {{0, 5, {}}, {5, 16, {}}};
  std::vector<Entity> ents = {{0, 1, EntityType::ORG}, {3, 4, EntityType::ORG}};
  ner_propagate_names(doc, doc.sentences, ents);
  std::sort(ents.begin(), ents.end(), [](const Entity& a, const Entity& b) { return a.first < b.first; });
  std::vector<std::pair<uint32_t, uint32_t>> got;
  for (const Entity& e : ents) {
    EXPECT_EQ(e.type, EntityType::ORG);
    got.emplace_back(e.first, e.last);
  }
  // "HANO" (6) and "Enron" (8) are added; "Enron" inside "New Enron Corp" is glued to capitalised
  // words and "hano" differs in case: both left alone.
  const std::vector<std::pair<uint32_t, uint32_t>> want = {{0, 1}, {3, 4}, {6, 7}, {8, 9}};
  EXPECT_EQ(got, want);
}

TEST(Ner, PropagatesSurnamesOfPeople) {
  Doc doc = make_doc("Sergey Lavrov arrived . Lavrov spoke . Moscow and Moscow Oblast");
  doc.sentences = {{0, 4, {}}, {4, 7, {}}, {7, 11, {}}};
  std::vector<Entity> ents = {{0, 2, EntityType::PER}, {9, 11, EntityType::LOC}};
  ner_propagate_names(doc, doc.sentences, ents);
  ASSERT_EQ(ents.size(), 3u);  // "Moscow" alone is not propagated from "Moscow Oblast"
  EXPECT_EQ(ents[2].first, 4u);
  EXPECT_EQ(ents[2].last, 5u);
  EXPECT_EQ(ents[2].type, EntityType::PER);
}

TEST(NerEval, DumpHasGoldAndPredictedColumns) {
  NerSentence s;
  s.words = {"Sergey", "Lavrov", "visited", "Pyongyang", "."};
  s.spans = {{0, 2, "PER"}, {3, 4, "LOC"}};
  s.new_doc = true;
  std::string dump;
  evaluate_ner(model(), {s}, &dump);
  EXPECT_EQ(dump.substr(0, dump.find('\n')), "Sergey\tB-PER\tB-PER");
  EXPECT_NE(dump.find("Pyongyang\tB-LOC\t"), std::string::npos);
  EXPECT_EQ(std::count(dump.begin(), dump.end(), '\n'), 6);  // 5 words + blank line
}

// Measured 70.0 with models/ner.bin of 2026-11-23 13:09 (dev sentences 1-400; 66.4 in session 1).
constexpr double kDevFloor = 64.0;

// F1 on the first 400 dev sentences. The floor is set a few points below the measured figure
// (see the report) so a broken feature or model shows, not noise.
TEST(Ner, DevF1AboveFloor) {
  auto dev = read_ner_file(shared_data_dir() + "/ner/uner-english-ewt/en_ewt-ud-dev.iob2");
  ASSERT_GT(dev.size(), 400u);
  dev.resize(400);
  const NerScore s = evaluate_ner(model(), dev);
  EXPECT_GT(s.overall.f1(), kDevFloor) << s.report();
}

}  // namespace
}  // namespace dyad
