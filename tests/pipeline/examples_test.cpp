// Issue 4's list for the two example articles, through the real ingest path: examples/ is read
// (file names give the publication month), cleaned, segmented, tagged, parsed, NER'd, coded,
// dated and stored in a SQLite store, and the stored documents are read back as `dyad events
// --doc` reads them. Each list item names a phrase of its sentence and what must be coded there.
// Skipped when a model is missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "base/paths.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

using namespace dyad;

namespace {

bool models_present() {
  for (const char* m : {"tagger.bin", "lemmatizer.bin", "parser.bin", "ner.bin"})
    if (!std::filesystem::exists(models_dir() + "/" + m)) return false;
  return true;
}

// Both examples ingested once into an in-memory store.
struct Ingested {
  std::unique_ptr<Store> store;
  IngestReport report;
};

const Ingested& ingested() {
  static const Ingested in = [] {
    Ingested r;
    r.store = open_store(":memory:");
    const Pipeline p = Pipeline::load(models_dir());
    r.report = ingest({source_dir() + "/examples"}, p, *r.store, IngestOptions{}, [](const std::string&) {});
    return r;
  }();
  return in;
}

Doc stored(const std::string& file) {
  auto s = ingested().store->load(file);
  if (!s) {
    ADD_FAILURE() << file << " not stored";
    return {};
  }
  return s->doc;
}

std::string country(const std::string& code) { return code.substr(0, 3); }

struct Want {
  const char* phrase;  // a phrase of the event's sentence
  const char* source;  // full code when longer than 3 letters, else the country
  const char* target;
  std::set<std::string> roots;
  bool either_way = false;  // meetings and agreements: either direction counts
};

bool code_matches(const std::string& code, const std::string& want) {
  return want.size() > 3 ? code == want : country(code) == want;
}

std::string dump(const Doc& d) {
  std::string o;
  for (const auto& e : d.events) {
    std::string_view s = d.span_text(d.sentences[e.sentence].span);
    o += std::to_string(e.sentence) + " " + e.source.code + " " + e.code + " " + e.target.code + " " +
         e.date + (e.modality.empty() ? "" : " [" + e.modality + "]");
    for (const Quantity& q : e.quantities) o += " {" + q.op + std::to_string(q.value) + " " + q.unit + "}";
    o += "  " + std::string(s.substr(0, 60)) + "\n";
  }
  return o;
}

// Events in the sentence holding `w.phrase` that match it.
std::vector<const Event*> found(const Doc& d, const Want& w) {
  std::vector<const Event*> out;
  for (const auto& e : d.events) {
    std::string_view s = d.span_text(d.sentences[e.sentence].span);
    if (s.find(w.phrase) == std::string_view::npos) continue;
    bool fwd = code_matches(e.source.code, w.source) && code_matches(e.target.code, w.target);
    bool back =
        w.either_way && code_matches(e.source.code, w.target) && code_matches(e.target.code, w.source);
    if ((fwd || back) && w.roots.count(e.root)) out.push_back(&e);
  }
  return out;
}

void expect_found(const Doc& d, const Want& w) {
  EXPECT_FALSE(found(d, w).empty()) << w.source << " -> " << w.target << " in \"" << w.phrase << "\"\n"
                                    << dump(d);
}

bool has_quantity(const Event& e, double at_least, const std::string& op) {
  for (const Quantity& q : e.quantities)
    if (q.value >= at_least && q.op == op) return true;
  return false;
}

// Every event dated (the file name's month at least), and no self-dyad: a bare country code
// against an actor of the same country.
void expect_dated_and_no_self_dyads(const Doc& d) {
  for (const Event& e : d.events) {
    EXPECT_FALSE(e.date.empty()) << "undated: sentence " << e.sentence << "\n" << dump(d);
    EXPECT_TRUE(!e.date.empty() && e.date[0] >= '1' && e.date[0] <= '2') << e.date;
    const bool bare = e.source.code.size() == 3 || e.target.code.size() == 3;
    EXPECT_FALSE(bare && country(e.source.code) == country(e.target.code))
        << "self-dyad " << e.source.code << " " << e.code << " " << e.target.code << "\n"
        << dump(d);
  }
}

}  // namespace

TEST(ExamplesIngest, BothStoredWithTheirNameMonth) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  EXPECT_EQ(ingested().report.stored, 2u);
  Doc jul = stored("seed-russia-dprk-2025-07.txt"), nov = stored("seed-russia-dprk-2025-11.txt");
  EXPECT_EQ(jul.published, "2025-07");
  EXPECT_EQ(jul.published_origin, "filename");
  EXPECT_EQ(nov.published, "2025-11");
  // Relative dates resolve against the month: "Last month", "last summer", "early November".
  std::map<std::string, std::string> v;
  for (const Doc* d : {&jul, &nov})
    for (const Timex& t : d->timexes) v[std::string(d->span_text(t.span))] = t.value;
  EXPECT_EQ(v["Last month"], "2025-06");
  EXPECT_EQ(v["last summer"], "2024-SU");
  EXPECT_EQ(v["early November"], "2025-11");
}

TEST(ExamplesIngest, July2025) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  const Doc d = stored("seed-russia-dprk-2025-07.txt");
  // Lavrov (RUS) met Kim Jong Un (PRK).
  for (const Event* e : found(d, {"was hosted by Kim", "RUS", "PRK", {"04"}, true}))
    EXPECT_EQ(e->date.substr(0, 7), "2025-07");
  expect_found(d, {"was hosted by Kim", "RUS", "PRK", {"04"}, true});
  // Pyongyang's support for Russia's war.
  expect_found(d, {"reaffirmed its strong backing", "PRK", "RUS", {"05"}});
  // Over 10,000 DPRK troops assisting Russia.
  auto troops = found(d, {"10,000 DPRK troops", "PRK", "RUS", {"07"}});
  bool ten_thousand = false;
  for (const Event* e : troops) ten_thousand |= has_quantity(*e, 10000, ">");
  EXPECT_TRUE(ten_thousand) << dump(d);
  // Pyongyang agreed to send 6,000 engineers.
  auto engineers = found(d, {"agreed to send 6,000", "PRK", "RUS", {"07", "03"}});
  bool six_thousand = false;
  for (const Event* e : engineers) six_thousand |= e->modality == "agree" && has_quantity(*e, 6000, "=");
  EXPECT_TRUE(six_thousand) << dump(d);
  expect_dated_and_no_self_dyads(d);
}

TEST(ExamplesIngest, November2025) {
  if (!models_present()) GTEST_SKIP() << "models/*.bin missing";
  const Doc d = stored("seed-russia-dprk-2025-11.txt");
  // KCNA and Rossiya Segodnya media deal.
  expect_found(d, {"KCNA and the Russian state media group", "PRK", "RUS", {"05", "06"}, true});
  // Choe Son Hui met Lavrov: "her Russian counterpart Sergey Lavrov" is the government's.
  expect_found(d, {"she met with her Russian counterpart", "PRK", "RUSGOV", {"04"}, true});
  // ... and Putin.
  expect_found(d, {"she held talks with Russian President", "PRK", "RUS", {"04"}, true});
  // The Medvedev-led delegation in Pyongyang.
  expect_found(d, {"a Russian delegation traveled to Pyongyang", "RUSGOV", "PRKGOV", {"04"}});
  // Moscow's military delegation (Goremykin's) to Pak Yong-il's Pyongyang.
  expect_found(d, {"Moscow sent a high-ranking military delegation", "RUSMIL", "PRKGOV", {"04"}});
  // "The two sides discussed cooperation".
  expect_found(d, {"the two sides discussed", "RUS", "PRK", {"04"}, true});
  expect_dated_and_no_self_dyads(d);
}
