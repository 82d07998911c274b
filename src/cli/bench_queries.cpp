// `dyad bench-queries [--reps N]`: latency of the typical reader queries on the store named by --db
// (SQLite file or postgresql:// URL), through the Store interface, so both backends are measured
// the same way: median and p99 over N repetitions after one warm-up run each.
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
  std::string source, target, from = "2020-01-01", to = "2020-03-31", code = "04";
};

void run(const BenchArgs& a) {
  auto store = dyad::open_store(dyad::cli::globals().db);
  std::string src = a.source, tgt = a.target;
  if (src.empty() || tgt.empty()) {
    // The heaviest edge of the network: the dyad a user would most likely open (not timed).
    dyad::EventFilter all;
    all.limit = 1;
    auto top = store->network(all, 1);
    if (top.empty()) {
      fmt::print(stderr, "dyad bench-queries: the store has no events with both actors\n");
      throw CLI::RuntimeError(1);
    }
    src = top[0].source, tgt = top[0].target;
  }
  dyad::EventFilter dyad_page;
  dyad_page.source = src, dyad_page.target = tgt, dyad_page.either_direction = true, dyad_page.limit = 50;
  dyad::EventFilter actor;
  actor.actor = src.substr(0, 3), actor.limit = 50;
  dyad::EventFilter code_date;
  code_date.code = a.code, code_date.date_from = a.from, code_date.date_to = a.to, code_date.limit = 50;
  dyad::EventFilter dyad_only = dyad_page;
  dyad_only.limit = -1;
  dyad::EventFilter net;
  net.limit = 100;

  int64_t sink = 0;  // results are used, so nothing is optimised away
  const std::vector<std::pair<std::string, std::function<void()>>> queries = {
      {fmt::format("dyad page ({}<->{}, 50 rows)", src, tgt), [&] { sink += store->query_events(dyad_page).size(); }},
      {fmt::format("actor filter ({}*, 50 rows)", actor.actor), [&] { sink += store->query_events(actor).size(); }},
      {fmt::format("code {}* + date {}..{} (50 rows)", a.code, a.from, a.to),
       [&] { sink += store->query_events(code_date).size(); }},
      {fmt::format("monthly series ({}<->{})", src, tgt),
       [&] { sink += store->series(dyad_only, dyad::Interval::kMonth).size(); }},
      {"network (top 100 edges)", [&] { sink += store->network(net, 1).size(); }},
      {fmt::format("count (actor {}*)", actor.actor), [&] { sink += store->count_events(actor); }},
  };
  fmt::print("store {}  ({} events)\n", dyad::cli::globals().db, store->count_events({}));
  fmt::print("{:<48} {:>10} {:>10}\n", "query", "median ms", "p99 ms");
  for (const auto& [name, fn] : queries) {
    fn();  // warm-up: caches, prepared plans
    std::vector<double> ms;
    for (int i = 0; i < a.reps; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      fn();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p99 = ms[std::min(ms.size() - 1, static_cast<size_t>(0.99 * static_cast<double>(ms.size())))];
    fmt::print("{:<48} {:>10.2f} {:>10.2f}\n", name, median, p99);
  }
  if (sink < 0) fmt::print("{}\n", sink);
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  auto* sub = app.add_subcommand("bench-queries", "Latency (median, p99) of the typical reader queries on --db");
  sub->add_option("--reps", a->reps, "Repetitions per query")->check(CLI::Range(1, 100000))->capture_default_str();
  sub->add_option("--source", a->source, "Dyad source (default: the heaviest network edge)");
  sub->add_option("--target", a->target, "Dyad target");
  sub->add_option("--code", a->code, "CAMEO code prefix for the code+date query")->capture_default_str();
  sub->add_option("--from", a->from, "Date range start for the code+date query")->capture_default_str();
  sub->add_option("--to", a->to, "Date range end")->capture_default_str();
  sub->callback([a] { run(*a); });
});

}  // namespace
