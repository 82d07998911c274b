// clean_bench.h — runs clean_html() over scrapinghub's article-extraction-benchmark.
//
// The benchmark folder holds html/<sha256>.html.gz and ground-truth.json ({id: {articleBody, url}}).
// It has no train/test split, so pages are split by the first hex digit of their sha256 name:
// 0-7 = dev (heuristics were tuned looking at these), 8-f = test.
#pragma once

#include <string>
#include <vector>

#include "text/clean_eval.h"

namespace dyad {

struct BenchPage {
  std::string id, url;
  std::string pred;      // extracted (or given) article text
  ShingleCounts counts;  // against the gold articleBody
  bool exact = false;    // token sequences identical
  size_t html_bytes = 0;
  double seconds = 0;  // time spent in clean_html
};

inline bool bench_is_dev(const std::string& id) { return !id.empty() && id[0] >= '0' && id[0] <= '7'; }

// Scores every page (or the first `limit` ids in sorted order, 0 = all). With `pred_json` set,
// scores that prediction file (benchmark format, optionally wrapped in {"output": ...}) instead of
// running clean_html. Throws InputError naming the file on unreadable input.
std::vector<BenchPage> run_boilerplate_benchmark(const std::string& dir, size_t limit = 0,
                                                 const std::string& pred_json = "");

BenchmarkScores score_pages(const std::vector<BenchPage>& pages, int n_bootstrap);

}  // namespace dyad
