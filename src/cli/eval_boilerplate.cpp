// `dyad eval boilerplate`: scores clean_html() on scrapinghub's article-extraction-benchmark the way
// its evaluate.py does (see text/clean_eval.h). The benchmark has no train/test split; pages are
// split by the first hex digit of their sha256 name (0-7 = dev, used for tuning; 8-f = test) and
// both halves plus the total are reported.
#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/paths.h"
#include "cli/command.h"
#include "text/clean_bench.h"

namespace {

struct Options {
  std::string data;
  std::string pred;  // score this prediction JSON instead of running clean_html
  std::string dump;  // write our predictions as benchmark JSON
  int worst = 0;
  bool verbose = false;
  int bootstrap = 1000;
};

void run(const Options& o) {
  std::string dir =
      o.data.empty() ? dyad::shared_data_dir() + "/boilerplate/article-extraction-benchmark" : o.data;
  auto pages = dyad::run_boilerplate_benchmark(dir, 0, o.pred);
  if (!o.dump.empty()) {
    nlohmann::json dump = nlohmann::json::object();
    for (const auto& p : pages) dump[p.id]["articleBody"] = p.pred;
    dyad::write_file_atomic(o.dump, dump.dump(1));
  }
  fmt::print("{:<6} {:>5}  {:>15}  {:>15}  {:>15}  {:>15}\n", "split", "pages", "precision", "recall", "F1",
             "accuracy");
  for (const char* split : {"dev", "test", "all"}) {
    std::vector<dyad::BenchPage> sel;
    for (const auto& p : pages)
      if (split[0] == 'a' || (split[0] == 'd') == dyad::bench_is_dev(p.id)) sel.push_back(p);
    auto s = dyad::score_pages(sel, o.bootstrap);
    fmt::print("{:<6} {:>5}  {:.3f} ± {:.3f}  {:.3f} ± {:.3f}  {:.3f} ± {:.3f}  {:.3f} ± {:.3f}\n", split,
               s.pages, s.precision, s.precision_std, s.recall, s.recall_std, s.f1, s.f1_std, s.accuracy,
               s.accuracy_std);
  }
  double bytes = 0, seconds = 0;
  for (const auto& p : pages) bytes += p.html_bytes, seconds += p.seconds;
  if (seconds > 0)
    fmt::print("throughput: {:.1f} MB of HTML in {:.2f} s = {:.1f} MB/s ({:.1f} ms/page)\n", bytes / 1e6,
               seconds, bytes / 1e6 / seconds, 1000 * seconds / pages.size());
  if (o.verbose || o.worst > 0) {
    int n = o.worst > 0 ? o.worst : 15;
    std::sort(pages.begin(), pages.end(),
              [](const auto& a, const auto& b) { return dyad::page_f1(a.counts) < dyad::page_f1(b.counts); });
    fmt::print("\nworst pages (F1, precision, recall, split, id, url):\n");
    for (int i = 0; i < n && i < static_cast<int>(pages.size()); ++i) {
      const auto& p = pages[i];
      fmt::print("{:.3f}  P {:.3f}  R {:.3f}  {:<4}  {}  {}\n", dyad::page_f1(p.counts),
                 dyad::page_precision(p.counts), dyad::page_recall(p.counts),
                 dyad::bench_is_dev(p.id) ? "dev" : "test", p.id.substr(0, 12), p.url);
    }
  }
}

dyad::cli::Command reg("eval", [](CLI::App& eval) {
  static Options opts;  // lives as long as the CLI
  Options* o = &opts;
  auto* sub = eval.add_subcommand("boilerplate", "Score boilerplate removal on article-extraction-benchmark");
  sub->add_option("--data", o->data,
                  "benchmark folder (default: <shared>/boilerplate/article-extraction-benchmark)");
  sub->add_option("--pred", o->pred, "score this prediction JSON (benchmark format) instead of clean_html");
  sub->add_option("--dump", o->dump, "write clean_html output as benchmark prediction JSON");
  sub->add_option("--worst", o->worst, "list the N worst pages");
  sub->add_option("--bootstrap", o->bootstrap, "bootstrap samples for the ± figures (0 = none)");
  sub->add_flag("--verbose,-v", o->verbose, "list the worst pages");
  sub->callback([o] { run(*o); });
});

}  // namespace
