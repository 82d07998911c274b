// `dyad ingest PATH... [--jobs N] [--store-tokens]`: read, analyse and store documents.
#include "pipeline/ingest.h"

#include <fmt/core.h>
#include <unistd.h>

#include <iostream>

#include "base/paths.h"
#include "cli/command.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  int jobs = 1;
  bool store_tokens = false;
  double max_doc_mb = 20;
};

void run(const IngestArgs& a) {
  const auto& g = dyad::cli::globals();
  std::vector<std::string> warnings;
  const dyad::Pipeline pipeline = dyad::Pipeline::load(g.models_folder(), &warnings);
  if (!g.quiet)
    for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);
  dyad::StoreOptions so;
  so.store_tokens = a.store_tokens;
  auto store = dyad::open_store(g.db, so);

  dyad::IngestOptions io;
  io.jobs = a.jobs;
  io.progress = !g.quiet && isatty(STDERR_FILENO);
  io.read.max_doc_bytes = static_cast<size_t>(a.max_doc_mb * (1 << 20));
  const bool quiet = g.quiet;
  dyad::IngestReport r = dyad::ingest(a.paths, pipeline, *store, io, [quiet](const std::string& line) {
    // Problems are always shown; "already stored" notes only without --quiet.
    if (!quiet || line.find(": already stored") == std::string::npos) fmt::print(stderr, "{}\n", line);
  });

  fmt::print("documents read      {}\n", r.read);
  fmt::print("stored              {}\n", r.stored);
  fmt::print("already stored      {}\n", r.duplicates);
  fmt::print("failed              {}\n", r.failed);
  fmt::print("inputs skipped      {}  (unreadable files or lines; see the errors table)\n", r.skipped_inputs);
  if (r.warnings) fmt::print("warnings            {}\n", r.warnings);
  fmt::print("sentences {}  entities {}  timexes {}  events {}  ({} words, {:.2f} s)\n", r.sentences,
             r.entities, r.timexes, r.events, r.words, r.seconds);
  fmt::print("{:<16} {:>6} {:>10}\n", "stage", "docs", "seconds");
  for (size_t i = 0; i < r.stage_names.size(); ++i) {
    uint64_t docs = i < r.times.docs.size() ? r.times.docs[i] : 0;
    double secs = i < r.times.seconds.size() ? r.times.seconds[i] : 0;
    fmt::print("{:<16} {:>6} {:>10.3f}\n", r.stage_names[i], docs, secs);
  }
  for (const auto& s : pipeline.skipped())
    fmt::print("{:<16} skipped ({})\n", s.substr(0, s.find(':')), s.substr(s.find(':') + 2));
  if (r.nothing_ingested()) {
    fmt::print(stderr, "dyad ingest: nothing could be ingested\n");
    throw CLI::RuntimeError(1);
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<IngestArgs>();
  auto* sub = app.add_subcommand("ingest", "Read .txt/.html/.jsonl files or folders, analyse and store them");
  sub->add_option("paths", a->paths, "Files or folders (searched recursively)")->required();
  sub->add_option("-j,--jobs", a->jobs, "Analysis threads")->check(CLI::Range(1, 256))->capture_default_str();
  sub->add_flag("--store-tokens", a->store_tokens, "Also store every token (tag, lemma, head)");
  sub->add_option("--max-doc-mb", a->max_doc_mb, "Refuse single documents larger than this")
      ->capture_default_str();
  sub->callback([a] { run(*a); });
});

}  // namespace
