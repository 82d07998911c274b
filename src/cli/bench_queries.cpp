// `dyad bench-queries [--reps N]`: latency of the typical reader queries on the store named by --db
// (SQLite file or postgresql:// URL), through the Store interface: the query set of `dyad bench-store`
// on an existing store of either backend; median and p99 over N repetitions after one warm-up run.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include "cli/command.h"
#include "store/store.h"

namespace {

struct BenchArgs {
  int reps = 50;
};

void run(const BenchArgs& a) {
  auto store = dyad::open_store(dyad::cli::globals().db);
  // The query set of `dyad bench-store` (src/cli/bench_store.cpp), same names, filters and
  // repetition rule (full scans run reps/20 times, at least 5), so SQLite and PostgreSQL figures
  // line up row by row.
  auto dyad_filter = [] {
    dyad::EventFilter f;
    f.source = "RUS";
    f.target = "PRK";
    f.either_direction = true;
    f.limit = 50;
    return f;
  };
  struct Q {
    std::string name;
    std::function<size_t()> fn;
    bool heavy = false;
  };
  dyad::Store& s = *store;
  const std::vector<Q> qs = {
      {"dyad RUS-PRK (either direction), page 1 of 50", [&] { return s.query_events(dyad_filter()).size(); }},
      {"dyad RUS-PRK, page 20 (offset 950)",
       [&] {
         auto f = dyad_filter();
         f.offset = 950;
         return s.query_events(f).size();
       }},
      {"actor USA, page 1",
       [&] {
         dyad::EventFilter f;
         f.actor = "USA";
         f.limit = 50;
         return s.query_events(f).size();
       }},
      {"root 19 + one year, page 1",
       [&] {
         dyad::EventFilter f;
         f.code = "19", f.date_from = "2020-01-01", f.date_to = "2020-12-31", f.limit = 50;
         return s.query_events(f).size();
       }},
      {"monthly series RUS-PRK", [&] { return s.series(dyad_filter(), dyad::Interval::kMonth).size(); }},
      {"count dyad RUS-PRK", [&] { return static_cast<size_t>(s.count_events(dyad_filter())); }},
      {"count root 04 + one year",
       [&] {
         dyad::EventFilter f;
         f.code = "04", f.date_from = "2021-01-01", f.date_to = "2021-12-31";
         return static_cast<size_t>(s.count_events(f));
       }},
      {"network top 50 edges, one year",
       [&] {
         dyad::EventFilter f;
         f.date_from = "2022-01-01", f.date_to = "2022-12-31", f.limit = 50;
         return s.network(f, 1).size();
       }},
      {"count all", [&] { return static_cast<size_t>(s.count_events({})); }, true},
      {"network top 50 edges, whole store",
       [&] {
         dyad::EventFilter f;
         f.limit = 50;
         return s.network(f, 1).size();
       },
       true},
      {"top 20 actors, whole store", [&] { return s.top_actors({}, 20).size(); }, true},
  };
  fmt::print("store {}  ({} events)\n", dyad::cli::globals().db, s.count_events({}));
  fmt::print("{:<48} {:>6} {:>10} {:>10} {:>8}\n", "query", "runs", "median ms", "p99 ms", "rows");
  for (const Q& q : qs) {
    const int runs = q.heavy ? std::max(5, a.reps / 20) : a.reps;
    q.fn();  // warm-up: caches, plans
    std::vector<double> ms;
    size_t rows = 0;
    for (int i = 0; i < runs; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      rows = q.fn();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p99 =
        ms[std::min(ms.size() - 1, static_cast<size_t>(0.99 * static_cast<double>(ms.size())))];
    fmt::print("{:<48} {:>6} {:>10.2f} {:>10.2f} {:>8}\n", q.name, runs, median, p99, rows);
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  auto* sub =
      app.add_subcommand("bench-queries", "Latency (median, p99) of the typical reader queries on --db");
  sub->add_option("--reps", a->reps, "Repetitions per query")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->callback([a] { run(*a); });
});

}  // namespace
