// `dyad eval plover [FILE]`: PLOVER category accuracy of dyad's CAMEO -> PLOVER coding on the
// PLOVER gold standard records (PLOVER_GSR_CAMEO.txt, a JSON array; CC BY-SA 4.0). Each record's
// raw text goes through the full pipeline (clean -> segment -> tag -> parse -> NER -> actors ->
// events); the predicted category is that of the first coded event (token order), and a record
// also counts as "any" when the gold category is among all coded events' categories.
//
// The gold file uses PLOVER 0.5b1 names; dyad's map is CAMEO2PLOVER-2021 (manual 0.8), which
// renamed DEMAND -> REQUEST, DISAPPROVE -> ACCUSE and merged INVESTIGATE into ACCUSE and FIGHT into
// ASSAULT. Gold names are mapped to the 2021 names before comparing.
#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/paths.h"
#include "cli/command.h"
#include "pipeline/pipeline.h"

namespace {

std::string plover_2021(const std::string& gold) {
  if (gold == "DEMAND") return "REQUEST";
  if (gold == "DISAPPROVE" || gold == "INVESTIGATE") return "ACCUSE";
  if (gold == "FIGHT") return "ASSAULT";
  return gold;
}

struct Options {
  std::string file;
  bool verbose = false;
};

void run(const Options& o) {
  std::string path =
      o.file.empty() ? dyad::shared_data_dir() + "/events/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"
                     : o.file;
  nlohmann::json recs;
  try {
    recs = nlohmann::json::parse(dyad::read_file(path));
  } catch (const nlohmann::json::exception& ex) {
    throw dyad::InputError(path, std::string("bad JSON: ") + ex.what());
  }
  if (!recs.is_array()) throw dyad::InputError(path, "expected a JSON array of records");
  const auto& g = dyad::cli::globals();
  std::vector<std::string> warnings;
  const dyad::Pipeline p = dyad::Pipeline::load(g.models_folder(), &warnings);
  if (!g.quiet)
    for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);
  size_t n = 0, top = 0, any = 0, coded = 0;
  std::map<std::string, std::pair<size_t, size_t>> by_gold;         // gold -> (top correct, total)
  std::map<std::pair<std::string, std::string>, size_t> confusion;  // (gold, predicted) -> count
  for (size_t i = 0; i < recs.size(); ++i) {
    const auto& r = recs[i];
    if (!r.is_object() || !r.contains("text") || !r["text"].is_string() || !r.contains("event")) continue;
    std::string gold = plover_2021(r["event"].get<std::string>());
    dyad::Doc d;
    d.id = r.value("id", std::to_string(i));
    d.path = path + ":" + d.id;
    std::string date = r.value("date", "");
    if (date.size() == 10) d.published = date;
    p.run(d, r["text"].get<std::string>(), dyad::InputFormat::kText);
    std::vector<const dyad::Event*> evs;
    for (const auto& e : d.events) evs.push_back(&e);
    std::stable_sort(evs.begin(), evs.end(),
                     [](const auto* a, const auto* b) { return a->trigger_first < b->trigger_first; });
    std::string pred = "NONE";
    bool hit_any = false;
    for (const auto* e : evs) {
      if (e->plover.empty()) continue;
      if (pred == "NONE") pred = e->plover;
      hit_any |= e->plover == gold;
    }
    ++n;
    coded += pred != "NONE";
    top += pred == gold;
    any += hit_any;
    auto& bg = by_gold[gold];
    bg.first += pred == gold;
    ++bg.second;
    ++confusion[{gold, pred}];
    if (o.verbose && pred != gold)
      fmt::print("MISS {}  gold {}  got {}  {}\n", d.id, gold, pred,
                 r["text"].get<std::string>().substr(0, 120));
  }
  if (n == 0) throw dyad::InputError(path, "no records with text and event");
  fmt::print("records {}  coded (>= 1 event with a PLOVER category) {} = {:.1f}%\n", n, coded,
             100.0 * coded / n);
  fmt::print("accuracy (first event's category == gold) {}/{} = {:.1f}%\n", top, n, 100.0 * top / n);
  fmt::print("any-event accuracy (gold among coded categories) {}/{} = {:.1f}%\n", any, n, 100.0 * any / n);
  fmt::print("accuracy on coded records {}/{} = {:.1f}%\n", top, coded, coded ? 100.0 * top / coded : 0.0);
  fmt::print("\nby gold category (first-event accuracy; most frequent predictions):\n");
  for (const auto& [gold, ct] : by_gold) {
    std::vector<std::pair<size_t, std::string>> preds;
    for (const auto& [k, c] : confusion)
      if (k.first == gold) preds.emplace_back(c, k.second);
    std::sort(preds.rbegin(), preds.rend());
    std::string top3;
    for (size_t k = 0; k < preds.size() && k < 3; ++k)
      top3 += fmt::format("{}{} {}", k ? ", " : "", preds[k].second, preds[k].first);
    fmt::print("  {:<11} {:>3}/{:<3} {:5.1f}%   {}\n", gold, ct.first, ct.second,
               100.0 * ct.first / ct.second, top3);
  }
}

dyad::cli::Command reg("eval", [](CLI::App& eval) {
  static Options o;
  auto* sub = eval.add_subcommand("plover", "PLOVER category accuracy on the PLOVER gold standard records");
  sub->add_option("file", o.file, "PLOVER_GSR_CAMEO.txt (default: the shared copy)");
  sub->add_flag("--verbose", o.verbose, "List records whose first-event category is wrong");
  sub->callback([] { run(o); });
});

}  // namespace
