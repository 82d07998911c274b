// clean_bench.cpp — article-extraction-benchmark driver (see clean_bench.h).
#include "text/clean_bench.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/paths.h"
#include "text/clean.h"

namespace dyad {

std::vector<BenchPage> run_boilerplate_benchmark(const std::string& dir, size_t limit,
                                                 const std::string& pred_json) {
  const std::string gold_path = dir + "/ground-truth.json";
  auto gold = nlohmann::json::parse(read_file(gold_path), nullptr, false);
  if (gold.is_discarded() || !gold.is_object()) throw InputError(gold_path + ":1", "not a JSON object");
  nlohmann::json preds;
  if (!pred_json.empty()) {
    preds = nlohmann::json::parse(read_file(pred_json), nullptr, false);
    if (preds.is_discarded() || !preds.is_object()) throw InputError(pred_json + ":1", "not a JSON object");
    if (preds.contains("output")) preds = preds["output"];
  }
  std::vector<BenchPage> pages;
  for (auto it = gold.begin(); it != gold.end(); ++it) {  // nlohmann objects iterate in key order
    if (limit && pages.size() >= limit) break;
    if (!it->is_object()) throw InputError(gold_path, "entry " + it.key() + " is not an object");
    BenchPage p;
    p.id = it.key();
    p.url = it->value("url", "");
    std::string truth = it->value("articleBody", "");
    if (!pred_json.empty()) {
      if (preds.contains(p.id) && preds[p.id].is_object()) p.pred = preds[p.id].value("articleBody", "");
    } else {
      std::string html = read_maybe_gz(dir + "/html/" + p.id + ".html.gz");
      auto t0 = std::chrono::steady_clock::now();
      p.pred = clean_html(html).text;
      p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      p.html_bytes = html.size();
    }
    p.counts = shingle_match(truth, p.pred);
    p.exact = token_exact_match(truth, p.pred);
    pages.push_back(std::move(p));
  }
  return pages;
}

BenchmarkScores score_pages(const std::vector<BenchPage>& pages, int n_bootstrap) {
  std::vector<ShingleCounts> cs;
  std::vector<bool> ex;
  for (const auto& p : pages) cs.push_back(p.counts), ex.push_back(p.exact);
  return aggregate_scores(cs, ex, n_bootstrap);
}

}  // namespace dyad
