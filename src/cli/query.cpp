// `dyad query [filters] [--format table|jsonl|csv]`: stored events matching a filter.
// `dyad query --series day|week|month`, `--network`, `--top-actors N`: analytics over them.
#include <fmt/core.h>

#include "cli/command.h"
#include "cli/filter_options.h"
#include "cli/show_common.h"
#include "store/export_format.h"
#include "store/store.h"

namespace {

struct Args {
  dyad::cli::FilterFlags flags;
  std::string format = "table";
  std::string series;
  bool network = false;
  int64_t min_events = 1;
  int top_actors = 0;
  bool count = false;
  int64_t limit = 50;
};

std::string cut(std::string_view s, size_t n) {
  std::string one = dyad::cli::one_line(s);
  if (one.size() <= n) return one;
  size_t k = n - 3;
  while (k > 0 && (static_cast<unsigned char>(one[k]) & 0xC0) == 0x80) --k;  // UTF-8 boundary
  return one.substr(0, k) + "...";
}

void print_events(dyad::Store& store, const dyad::EventFilter& f, const std::string& format) {
  if (format == "csv") fmt::print("{}", dyad::csv_header());
  if (format == "table")
    fmt::print("{:>8} {:<11} {:<10} {:<5} {:<10} {:>3} {:<4} {}\n", "id", "date", "source", "code", "target",
               "src", "cred", "evidence");
  int64_t n = 0;
  store.visit_events(f, [&](const dyad::EventRow& r) {
    ++n;
    if (format == "jsonl")
      fmt::print("{}\n", dyad::event_json(r).dump());
    else if (format == "csv")
      fmt::print("{}", dyad::csv_row(r));
    else
      fmt::print("{:>8} {:<11} {:<10} {:<5} {:<10} {:>3} {:<4} {}\n", r.id,
                 (r.date.empty() ? "?" : r.date) + (r.date_assumed ? "*" : ""),
                 r.source_code.empty() ? "-" : r.source_code, r.code,
                 r.target_code.empty() ? "-" : r.target_code, r.sources, r.credibility, cut(r.sentence, 70));
    return true;
  });
  if (format == "table") {
    const int64_t total = store.count_events(f);
    fmt::print(
        "({} of {} events from offset {}; * date assumed from publication; src = outlets reporting it)\n", n,
        total, f.offset);
  }
}

void run(const Args& a) {
  dyad::EventFilter f = a.flags.filter();
  f.limit = a.limit;
  auto store = dyad::open_store(dyad::cli::globals().db);
  const bool json = a.format == "jsonl", csv = a.format == "csv";
  if (a.count) {
    fmt::print("{}\n", store->count_events(f));
  } else if (!a.series.empty()) {
    dyad::Interval iv = a.series == "day"    ? dyad::Interval::kDay
                        : a.series == "week" ? dyad::Interval::kWeek
                                             : dyad::Interval::kMonth;
    auto pts = store->series(f, iv);
    if (csv) fmt::print("period,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4\r\n");
    if (a.format == "table")
      fmt::print("{:<10} {:>7} {:>10} {:>8} {:>6} {:>6} {:>6} {:>6}\n", "period", "events", "goldstein",
                 "mean", "q1", "q2", "q3", "q4");
    for (const auto& p : pts) {
      if (json)
        fmt::print("{}\n", nlohmann::json{{"period", p.period},
                                          {"events", p.events},
                                          {"goldstein_sum", p.goldstein_sum},
                                          {"goldstein_mean", p.goldstein_mean},
                                          {"quad", {p.quad[0], p.quad[1], p.quad[2], p.quad[3]}}}
                               .dump());
      else if (csv)
        fmt::print("{},{},{:.4g},{:.4g},{},{},{},{}\r\n", p.period, p.events, p.goldstein_sum,
                   p.goldstein_mean, p.quad[0], p.quad[1], p.quad[2], p.quad[3]);
      else
        fmt::print("{:<10} {:>7} {:>10.1f} {:>8.2f} {:>6} {:>6} {:>6} {:>6}\n", p.period, p.events,
                   p.goldstein_sum, p.goldstein_mean, p.quad[0], p.quad[1], p.quad[2], p.quad[3]);
    }
  } else if (a.network) {
    auto edges = store->network(f, a.min_events);
    if (csv) fmt::print("source,target,events,goldstein_sum\r\n");
    if (a.format == "table")
      fmt::print("{:<12} {:<12} {:>7} {:>10}\n", "source", "target", "events", "goldstein");
    for (const auto& e : edges) {
      if (json)
        fmt::print("{}\n", nlohmann::json{{"source", e.source},
                                          {"target", e.target},
                                          {"events", e.events},
                                          {"goldstein_sum", e.goldstein_sum}}
                               .dump());
      else if (csv)
        fmt::print("{},{},{},{:.4g}\r\n", dyad::csv_field(e.source), dyad::csv_field(e.target), e.events,
                   e.goldstein_sum);
      else
        fmt::print("{:<12} {:<12} {:>7} {:>10.1f}\n", e.source, e.target, e.events, e.goldstein_sum);
    }
  } else if (a.top_actors > 0) {
    auto top = store->top_actors(f, a.top_actors);
    if (csv) fmt::print("code,name,events\r\n");
    if (a.format == "table") fmt::print("{:<12} {:>7}  {}\n", "actor", "events", "name");
    for (const auto& t : top) {
      if (json)
        fmt::print("{}\n", nlohmann::json{{"code", t.code}, {"name", t.name}, {"events", t.events}}.dump());
      else if (csv)
        fmt::print("{},{},{}\r\n", dyad::csv_field(t.code), dyad::csv_field(t.name), t.events);
      else
        fmt::print("{:<12} {:>7}  {}\n", t.code, t.events, t.name);
    }
  } else {
    print_events(*store, f, a.format);
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("query", "Query stored events (filters; --series, --network, --top-actors)");
  dyad::cli::add_filter_options(sub, a->flags);
  sub->add_option("--limit", a->limit, "Rows (events or edges) to show; -1 = all")->capture_default_str();
  sub->add_option("--format", a->format, "Output format")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}))
      ->capture_default_str();
  auto* series =
      sub->add_option("--series", a->series, "Events, Goldstein sum/mean and quad counts per period")
          ->check(CLI::IsMember({"day", "week", "month"}));
  auto* net = sub->add_flag("--network", a->network, "Weighted directed actor edges");
  sub->add_option("--min-events", a->min_events, "With --network: leave out lighter edges")
      ->capture_default_str();
  auto* top = sub->add_option("--top-actors", a->top_actors, "The N actors most often source or target")
                  ->check(CLI::PositiveNumber);
  auto* count = sub->add_flag("--count", a->count, "Only the number of matching events");
  series->excludes(net)->excludes(top)->excludes(count);
  net->excludes(top)->excludes(count);
  top->excludes(count);
  sub->callback([a] { run(*a); });
});

}  // namespace
