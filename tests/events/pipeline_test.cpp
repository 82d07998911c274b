// The event coder on real sentences from the example articles, parsed by the trained
// segmenter/tagger/lemmatizer/parser (models/*.bin). Skipped when a model is missing.
#include <gtest/gtest.h>

#include <filesystem>

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

Doc analyse(const std::string& text) {
  Doc d;
  d.text = text;
  d.published = "2025-07-12";
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

std::string dump(const Doc& d) {
  std::string o;
  for (const auto& e : d.events) o += e.source.code + ">" + e.target.code + ":" + e.code + " ";
  return o;
}

}  // namespace

TEST(EventPipeline, LavrovHostedByKim) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  Doc d = analyse(
      "North Korean leader Kim Jong Un spoke on Saturday. "
      "Russian Foreign Minister Sergey Lavrov was hosted by Kim during a visit to North Korea.");
  bool found = false;
  for (const auto& e : d.events)
    found |= e.sentence == 1 && e.code.rfind("04", 0) == 0 &&
             ((e.source.code == "PRKGOV" && e.target.code == "RUSGOV") ||
              (e.source.code == "RUSGOV" && e.target.code == "PRKGOV"));
  EXPECT_TRUE(found) << dump(d);
}
