// `dyad export --format jsonl|csv|gdelt [-o FILE] [filters]`: every matching event, streamed.
// `dyad dedup --rebuild`: recompute the cross-document event clusters and corroborated grades.
#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "cli/command.h"
#include "cli/filter_options.h"
#include "store/export_format.h"
#include "store/store.h"

namespace {

struct Args {
  dyad::cli::FilterFlags flags;
  std::string format = "jsonl";
  std::string out;
  int64_t limit = -1;
};

void run(const Args& a) {
  dyad::EventFilter f = a.flags.filter();
  f.limit = a.limit;
  auto store = dyad::open_store(dyad::cli::globals().db);
  std::FILE* out = stdout;
  if (!a.out.empty() && a.out != "-") {
    out = std::fopen(a.out.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "dyad export: cannot write {}: {}\n", a.out, std::strerror(errno));
      throw CLI::RuntimeError(1);
    }
  }
  int64_t rows = 0;
  std::unordered_set<int64_t> clusters_done;
  if (a.format == "csv") fmt::print(out, "{}", dyad::csv_header());
  store->visit_events(f, [&](const dyad::EventRow& r) {
    if (a.format == "gdelt") {
      // GDELT has one row per real-world event: the first mention of each cluster stands for it.
      if (!clusters_done.insert(r.cluster ? r.cluster : -r.id).second) return true;
      fmt::print(out, "{}", dyad::gdelt_row(r));
    } else if (a.format == "csv") {
      fmt::print(out, "{}", dyad::csv_row(r));
    } else {
      fmt::print(out, "{}\n", dyad::event_json(r).dump());
    }
    ++rows;
    return true;
  });
  const bool write_error = std::ferror(out) != 0;
  if (out != stdout && std::fclose(out) != 0) {
    fmt::print(stderr, "dyad export: error writing {}\n", a.out);
    throw CLI::RuntimeError(1);
  }
  if (write_error) {
    fmt::print(stderr, "dyad export: write error\n");
    throw CLI::RuntimeError(1);
  }
  if (!dyad::cli::globals().quiet && out != stdout)
    fmt::print(stderr, "{}: {} {} rows\n", a.out, rows, a.format);
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub =
      app.add_subcommand("export", "Export stored events as JSONL, CSV (RFC 4180) or GDELT 2.0 event TSV");
  dyad::cli::add_filter_options(sub, a->flags);
  sub->add_option("--limit", a->limit, "At most N events (-1 = all)")->capture_default_str();
  sub->add_option("--format", a->format, "jsonl | csv | gdelt (one row per event cluster)")
      ->check(CLI::IsMember({"jsonl", "csv", "gdelt"}))
      ->capture_default_str();
  sub->add_option("-o,--output", a->out, "Output file (default: standard output)");
  sub->callback([a] { run(*a); });
});

dyad::cli::Command dedup_reg("", [](CLI::App& app) {
  auto rebuild = std::make_shared<bool>(false);
  auto* sub =
      app.add_subcommand("dedup", "Cross-document event clusters (same real-world event, several reports)");
  sub->add_flag("--rebuild", *rebuild, "Recompute every cluster and corroborated grade from scratch")
      ->required();
  // The callback owns the flag's storage: CLI11 writes it during parsing, after this setup returns.
  sub->callback([rebuild] {
    auto store = dyad::open_store(dyad::cli::globals().db);
    dyad::DedupStats s = store->rebuild_clusters();
    fmt::print("{} events -> {} clusters ({} mentions joined an earlier one)\n", s.events, s.clusters,
               s.merged);
  });
});

}  // namespace
