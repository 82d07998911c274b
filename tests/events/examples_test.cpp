// The two example articles (examples/*.txt) through segment -> tag -> lemmatize -> parse -> event
// coder with the committed models and dictionaries: the events an analyst reads out of them must
// be found. Each expectation names a phrase of the sentence, the source and target countries and
// the CAMEO roots accepted. Skipped when a model is missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "base/paths.h"
#include "events/coder.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "text/segment.h"

using namespace dyad;

namespace {

bool models_present() {
  for (const char* m : {"tagger.bin", "lemmatizer.bin", "parser.bin"})
    if (!std::filesystem::exists(models_dir() + "/" + m)) return false;
  return true;
}

// Article text -> coded Doc. `published` is the article's date (the pipeline finds it in metadata
// or text; the coder uses it for dated roles).
Doc analyse(const std::string& file, const std::string& published) {
  Doc d;
  d.text = read_file(source_dir() + "/examples/" + file);
  d.published = published;
  d.path = file;
  segment(d);
  static const Tagger tagger = Tagger::load(models_dir() + "/tagger.bin");
  static const Lemmatizer lemmatizer = Lemmatizer::load(models_dir() + "/lemmatizer.bin");
  static const Parser parser = Parser::load(models_dir() + "/parser.bin");
  tagger.tag(d);
  lemmatizer.lemmatize(d);
  parser.parse(d);
  static const EventCoder coder = EventCoder::load(source_dir() + "/data");
  coder.code(d);
  return d;
}

struct Want {
  const char* phrase;  // a phrase of the event's sentence
  const char* source;  // country (first three letters of the actor code)
  const char* target;
  std::set<std::string> roots;
  bool either_way = false;  // meetings: either direction counts
};

std::string dump(const Doc& d) {
  std::string o;
  for (const auto& e : d.events) {
    std::string_view s = d.span_text(d.sentences[e.sentence].span);
    o += std::to_string(e.sentence) + " " + e.source.code + ">" + e.target.code + ":" + e.code + "  " +
         std::string(s.substr(0, 70)) + "\n";
  }
  return o;
}

void expect_found(const Doc& d, const Want& w) {
  bool found = false;
  for (const auto& e : d.events) {
    std::string_view s = d.span_text(d.sentences[e.sentence].span);
    if (s.find(w.phrase) == std::string_view::npos) continue;
    std::string src = e.source.code.substr(0, 3), tgt = e.target.code.substr(0, 3);
    bool dir = (src == w.source && tgt == w.target) || (w.either_way && src == w.target && tgt == w.source);
    found |= dir && w.roots.count(e.root) > 0;
  }
  EXPECT_TRUE(found) << w.source << " -> " << w.target << " in \"" << w.phrase << "\"\n" << dump(d);
}

}  // namespace

TEST(ExampleArticles, July2025) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  Doc d = analyse("seed-russia-dprk-2025-07.txt", "2025-07-12");
  // Lavrov hosted by / greeting Kim: a meeting between RUS and PRK.
  expect_found(d, {"was hosted by Kim", "PRK", "RUS", {"04"}, true});
  expect_found(d, {"Lavrov greeting Kim", "RUS", "PRK", {"04", "05"}, true});
  // Pyongyang reaffirmed its backing of Russia's war: support.
  expect_found(d, {"reaffirmed its strong backing", "PRK", "RUS", {"05", "01"}});
  // Over 10,000 DPRK troops assisting Russian forces: military aid.
  expect_found(d, {"10,000 DPRK troops", "PRK", "RUS", {"07", "15"}});
  // Pyongyang agreed to send 6,000 engineers and workers.
  expect_found(d, {"agreed to send 6,000", "PRK", "RUS", {"03", "07"}});
}

TEST(ExampleArticles, November2025) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  Doc d = analyse("seed-russia-dprk-2025-11.txt", "2025-11-20");
  // Choe Son Hui met Lavrov ("she", coreference) and held talks with Putin.
  expect_found(d, {"she met with her Russian counterpart", "PRK", "RUS", {"04"}, true});
  expect_found(d, {"she held talks with Russian President", "PRK", "RUS", {"04"}, true});
  // The Medvedev-led delegation traveled to Pyongyang.
  expect_found(d, {"a Russian delegation traveled to Pyongyang", "RUS", "PRK", {"04"}});
  // Moscow sent a military delegation to Pyongyang; the two sides discussed cooperation.
  expect_found(d, {"Moscow sent a high-ranking military delegation", "RUS", "PRK", {"04"}});
  expect_found(d, {"the two sides discussed", "RUS", "PRK", {"04"}, true});
  // Media agreement: KCNA and Rossiya Segodnya agreed to intensify their cooperation.
  expect_found(d, {"signed a media agreement", "PRK", "RUS", {"05", "06"}, true});
  expect_found(d, {"KCNA and the Russian state media group", "PRK", "RUS", {"05", "06"}, true});
}
