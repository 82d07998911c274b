// clean_eval.h — the scoring of scrapinghub's article-extraction-benchmark, reimplemented.
//
// Matches evaluate.py of github.com/scrapinghub/article-extraction-benchmark: text is split into
// \w+ tokens (Unicode letters, digits and '_'), each page's gold and predicted text become
// multisets of 4-token shingles (one shorter shingle if a text has fewer than 4 tokens), and a
// page's (tp, fp, fn) are normalised to sum to 1. Precision is the mean over pages with tp+fp > 0,
// recall the mean over pages with tp+fn > 0, F1 = 2PR/(P+R) of those means; accuracy is the share
// of pages whose token sequences are identical. Standard deviations come from a bootstrap over
// pages (fixed seed, so reruns print the same figures).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// \w+ tokens of `text` as Python's re module finds them (str patterns).
std::vector<std::string_view> benchmark_tokens(std::string_view text);

struct ShingleCounts {
  double tp = 0, fp = 0, fn = 0;  // normalised to sum to 1 (all 0 if both texts are empty)
};
ShingleCounts shingle_match(std::string_view gold, std::string_view pred, int n = 4);
bool token_exact_match(std::string_view gold, std::string_view pred);

struct BenchmarkScores {
  double precision = 0, recall = 0, f1 = 0, accuracy = 0;
  double precision_std = 0, recall_std = 0, f1_std = 0, accuracy_std = 0;
  size_t pages = 0;
};
// Aggregates per-page counts as evaluate.py does; n_bootstrap = 0 skips the standard deviations.
BenchmarkScores aggregate_scores(const std::vector<ShingleCounts>& pages, const std::vector<bool>& exact,
                                 int n_bootstrap = 1000);

// Per-page precision / recall / F1 with evaluate.py's conventions for empty cases.
double page_precision(const ShingleCounts& c);
double page_recall(const ShingleCounts& c);
double page_f1(const ShingleCounts& c);

}  // namespace dyad
