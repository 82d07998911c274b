// Runs clean_html() on a fixed subset of the article-extraction benchmark (the first 20 page ids in
// sorted order) and checks the benchmark's F1 has not regressed. Measured 2026-11-23 (see
// eval/boilerplate/README.md): F1 on this subset = 0.992 (P 0.987, R 0.996); the bound leaves a 0.03 margin.
#include "text/clean_bench.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/paths.h"

namespace dyad {
namespace {

TEST(CleanBench, SubsetF1) {
  std::string dir = shared_data_dir() + "/boilerplate/article-extraction-benchmark";
  if (!std::filesystem::exists(dir + "/ground-truth.json")) GTEST_SKIP() << "no benchmark data at " << dir;
  auto pages = run_boilerplate_benchmark(dir, 20);
  ASSERT_EQ(pages.size(), 20u);
  BenchmarkScores s = score_pages(pages, 0);
  EXPECT_GT(s.f1, 0.96) << "precision " << s.precision << " recall " << s.recall;
}

TEST(CleanBench, ScorerMatchesEvaluatePy) {
  // Hand-checked against evaluate.py's definitions.
  auto c = shingle_match("a b c d e", "a b c d x");  // gold shingles {abcd, bcde}, pred {abcd, bcdx}
  EXPECT_DOUBLE_EQ(c.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.fn, 1.0 / 3);
  auto short_text = shingle_match("two words", "two words");  // fewer than 4 tokens: one shingle
  EXPECT_DOUBLE_EQ(short_text.tp, 1.0);
  auto empty = shingle_match("", "");
  EXPECT_DOUBLE_EQ(page_precision(empty), 1.0);
  EXPECT_DOUBLE_EQ(page_recall(empty), 1.0);
  EXPECT_EQ(benchmark_tokens("Don't stop — café_2, naïve 123!").size(), 6u);  // Don t stop café_2 naïve 123
  EXPECT_TRUE(token_exact_match("Hello, world!", "hello world") == false);    // case-sensitive
  EXPECT_TRUE(token_exact_match("Hello, world!", "Hello\nworld"));
  auto s = aggregate_scores({c, empty}, {false, true}, 0);
  EXPECT_DOUBLE_EQ(s.precision, 0.5);  // the empty page has tp+fp = 0: left out of the mean
  EXPECT_DOUBLE_EQ(s.accuracy, 0.5);
}

}  // namespace
}  // namespace dyad
