// `dyad bench-store --events N --db FILE`: fills a store with N synthetic events through the
// real put() path (store/synth.h), then times typical reader queries (median and p99).
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>

#include "cli/command.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "store/synth.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  int64_t events = 100000;
  std::string db;
  int runs = 200;
  uint64_t seed = 1;
  bool no_fill = false;
  bool rebuild = false;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

uint64_t file_size(const std::string& p) {
  std::error_code ec;
  auto n = std::filesystem::file_size(p, ec);
  return ec ? 0 : n;
}

void run(const Args& a) {
  namespace fs = std::filesystem;
  if (!a.no_fill && fs::exists(a.db)) {
    fmt::print(stderr, "dyad bench-store: {} exists; remove it or pass --no-fill to query it\n", a.db);
    throw CLI::RuntimeError(1);
  }
  auto store = dyad::open_store(a.db);
  if (!a.no_fill) {
    dyad::SynthCorpus corpus(a.seed);
    int64_t docs = 0, next_report = a.events / 10;
    const auto t0 = Clock::now();
    while (corpus.events_made() < a.events) {
      dyad::Doc d = corpus.next();
      dyad::DocRecord r;
      r.content_key = dyad::content_key(d.text, d.id);
      r.stages = "synth";
      store->put(d, r);
      ++docs;
      if (corpus.events_made() >= next_report && !dyad::cli::globals().quiet) {
        fmt::print(stderr, "  {} events, {:.0f} events/s\n", corpus.events_made(),
                   static_cast<double>(corpus.events_made()) / seconds_since(t0));
        next_report += a.events / 10;
      }
    }
    const double secs = seconds_since(t0);
    fmt::print("insert: {} events in {} documents in {:.1f} s = {:.0f} events/s ({:.0f} documents/s), dedup on\n",
               corpus.events_made(), docs, secs, static_cast<double>(corpus.events_made()) / secs,
               static_cast<double>(docs) / secs);
  }
  {
    dyad::sqlite::Db db(a.db);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    // Planner statistics, as `PRAGMA optimize` at the end of an ingest would gather them.
    if (!a.no_fill) db.exec("ANALYZE");
  }
  const int64_t total = store->count_events({});
  const double mb = static_cast<double>(file_size(a.db) + file_size(a.db + "-wal")) / 1e6;
  fmt::print("size: {:.1f} MB for {} events = {:.0f} MB per million events\n", mb, total,
             mb * 1e6 / static_cast<double>(std::max<int64_t>(total, 1)));
  {
    dyad::EventFilter f;
    f.min_sources = 2;
    fmt::print("clusters: {} events corroborated by 2+ outlets\n", store->count_events(f));
  }

  struct Q {
    std::string name;
    std::function<size_t()> fn;
    bool heavy = false;  // full scans: fewer runs
  };
  auto dyad_filter = [] {
    dyad::EventFilter f;
    f.source = "RUS";
    f.target = "PRK";
    f.either_direction = true;
    f.limit = 50;
    return f;
  };
  std::vector<Q> qs = {
      {"dyad RUS-PRK (either direction), page 1 of 50", [&] { return store->query_events(dyad_filter()).size(); }},
      {"dyad RUS-PRK, page 20 (offset 950)",
       [&] {
         auto f = dyad_filter();
         f.offset = 950;
         return store->query_events(f).size();
       }},
      {"actor USA, page 1",
       [&] {
         dyad::EventFilter f;
         f.actor = "USA";
         f.limit = 50;
         return store->query_events(f).size();
       }},
      {"root 19 + one year, page 1",
       [&] {
         dyad::EventFilter f;
         f.code = "19";
         f.date_from = "2020-01-01";
         f.date_to = "2020-12-31";
         f.limit = 50;
         return store->query_events(f).size();
       }},
      {"monthly series RUS-PRK",
       [&] { return store->series(dyad_filter(), dyad::Interval::kMonth).size(); }},
      {"count dyad RUS-PRK", [&] { return static_cast<size_t>(store->count_events(dyad_filter())); }},
      {"count root 04 + one year",
       [&] {
         dyad::EventFilter f;
         f.code = "04";
         f.date_from = "2021-01-01";
         f.date_to = "2021-12-31";
         return static_cast<size_t>(store->count_events(f));
       }},
      {"network top 50 edges, one year",
       [&] {
         dyad::EventFilter f;
         f.date_from = "2022-01-01";
         f.date_to = "2022-12-31";
         f.limit = 50;
         return store->network(f, 1).size();
       }},
      {"count all", [&] { return static_cast<size_t>(store->count_events({})); }, true},
      {"network top 50 edges, whole store",
       [&] {
         dyad::EventFilter f;
         f.limit = 50;
         return store->network(f, 1).size();
       },
       true},
      {"top 20 actors, whole store", [&] { return store->top_actors({}, 20).size(); }, true},
  };
  fmt::print("\n{:<48} {:>6} {:>10} {:>10} {:>8}\n", "query", "runs", "median ms", "p99 ms", "rows");
  for (const Q& q : qs) {
    const int runs = q.heavy ? std::max(5, a.runs / 20) : a.runs;
    std::vector<double> ms;
    size_t rows = 0;
    for (int i = 0; i < runs; ++i) {
      const auto t = Clock::now();
      rows = q.fn();
      ms.push_back(seconds_since(t) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p99 = ms[std::min(ms.size() - 1, static_cast<size_t>(static_cast<double>(ms.size()) * 0.99))];
    fmt::print("{:<48} {:>6} {:>10.2f} {:>10.2f} {:>8}\n", q.name, runs, median, p99, rows);
  }
  if (a.rebuild) {
    const auto t = Clock::now();
    dyad::DedupStats s = store->rebuild_clusters();
    fmt::print("\ndedup --rebuild: {} events -> {} clusters in {:.1f} s\n", s.events, s.clusters, seconds_since(t));
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("bench-store", "Fill a SQLite store with synthetic events and time typical queries");
  sub->add_option("--events", a->events, "Events to generate")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--db", a->db, "SQLite file to create (must not exist unless --no-fill)")->required();
  sub->add_option("--runs", a->runs, "Runs per query (full-scan queries: runs/20, at least 5)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  sub->add_option("--seed", a->seed, "Generator seed")->capture_default_str();
  sub->add_flag("--no-fill", a->no_fill, "Only time the queries on an existing store");
  sub->add_flag("--rebuild", a->rebuild, "Also time dedup --rebuild");
  sub->callback([a] { run(*a); });
});

}  // namespace
