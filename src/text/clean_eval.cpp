// clean_eval.cpp — article-extraction-benchmark scoring (see clean_eval.h).
#include "text/clean_eval.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "base/utf8.h"

namespace dyad {
namespace {

// Python's \w for str patterns: str.isalnum() (letter and number categories) or '_'.
bool is_word_cp(char32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::unordered_map<std::string, int> shingles(std::string_view text, int n) {
  auto toks = benchmark_tokens(text);
  std::unordered_map<std::string, int> out;
  if (toks.empty()) return out;
  size_t count = toks.size() >= static_cast<size_t>(n) ? toks.size() - n + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t j = i; j < std::min(toks.size(), i + n); ++j) {
      key.append(toks[j]);
      key.push_back('\x1f');  // never inside a \w token
    }
    ++out[key];
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / v.size();
}

double stdev(const std::vector<double>& v) {  // sample standard deviation, as statistics.stdev
  if (v.size() < 2) return 0;
  double m = mean(v), s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / (v.size() - 1));
}

struct Prf {
  double p, r, f;
};
Prf prf(const std::vector<ShingleCounts>& pages, const std::vector<size_t>& idx) {
  std::vector<double> ps, rs;
  for (size_t i : idx) {
    const auto& c = pages[i];
    if (c.tp + c.fp > 0) ps.push_back(page_precision(c));
    if (c.tp + c.fn > 0) rs.push_back(page_recall(c));
  }
  double p = mean(ps), r = mean(rs);
  return {p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0};
}

}  // namespace

std::vector<std::string_view> benchmark_tokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0, start = std::string_view::npos;
  while (i < text.size()) {
    size_t at = i;
    char32_t cp = decode_utf8(text, i);
    bool w = is_word_cp(cp);
    if (w && start == std::string_view::npos) start = at;
    if (!w && start != std::string_view::npos) {
      out.push_back(text.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
  return out;
}

ShingleCounts shingle_match(std::string_view gold, std::string_view pred, int n) {
  auto g = shingles(gold, n), p = shingles(pred, n);
  ShingleCounts c;
  for (const auto& [k, gc] : g) {
    auto it = p.find(k);
    int pc = it == p.end() ? 0 : it->second;
    c.tp += std::min(gc, pc);
    c.fn += std::max(0, gc - pc);
    c.fp += std::max(0, pc - gc);
  }
  for (const auto& [k, pc] : p)
    if (!g.count(k)) c.fp += pc;
  double s = c.tp + c.fp + c.fn;
  if (s > 0) c.tp /= s, c.fp /= s, c.fn /= s;
  return c;
}

bool token_exact_match(std::string_view gold, std::string_view pred) {
  return benchmark_tokens(gold) == benchmark_tokens(pred);
}

double page_precision(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1;
  if (c.tp == 0 && c.fp == 0) return 0;
  return c.tp / (c.tp + c.fp);
}
double page_recall(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1;
  if (c.tp == 0 && c.fn == 0) return 0;
  return c.tp / (c.tp + c.fn);
}
double page_f1(const ShingleCounts& c) {
  double p = page_precision(c), r = page_recall(c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

BenchmarkScores aggregate_scores(const std::vector<ShingleCounts>& pages, const std::vector<bool>& exact,
                                 int n_bootstrap) {
  BenchmarkScores s;
  s.pages = pages.size();
  if (pages.empty()) return s;
  std::vector<size_t> all(pages.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  Prf m = prf(pages, all);
  s.precision = m.p, s.recall = m.r, s.f1 = m.f;
  auto acc = [&](const std::vector<size_t>& idx) {
    double a = 0;
    for (size_t i : idx) a += i < exact.size() && exact[i] ? 1 : 0;
    return a / idx.size();
  };
  s.accuracy = acc(all);
  if (n_bootstrap < 2) return s;
  std::mt19937_64 rng(20191101);  // fixed: the figures must be reproducible
  std::uniform_int_distribution<size_t> pick(0, pages.size() - 1);
  std::vector<double> ps, rs, fs, as;
  std::vector<size_t> idx(pages.size());
  for (int b = 0; b < n_bootstrap; ++b) {
    for (auto& i : idx) i = pick(rng);
    Prf x = prf(pages, idx);
    ps.push_back(x.p), rs.push_back(x.r), fs.push_back(x.f), as.push_back(acc(idx));
  }
  s.precision_std = stdev(ps), s.recall_std = stdev(rs), s.f1_std = stdev(fs), s.accuracy_std = stdev(as);
  return s;
}

}  // namespace dyad
