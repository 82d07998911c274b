// `dyad enqueue PATH... --db postgresql://...`: split inputs into documents and queue them for
// `dyad worker` (docs/postgres.md). Inputs are split exactly as `dyad ingest` splits them
// (pipeline/read.h: files, folders, one item per JSONL line); each item carries its raw bytes, so
// workers on other machines need no access to the files.
#include <fmt/core.h>

#include "cli/command.h"
#include "pipeline/read.h"
#include "store/pg_queue.h"

namespace {

struct EnqueueArgs {
  std::vector<std::string> paths;
  double max_doc_mb = 20;
};

void run(const EnqueueArgs& a) {
  const auto& g = dyad::cli::globals();
  if (!dyad::pg::is_url(g.db)) {
    fmt::print(stderr,
               "dyad enqueue: the work queue needs a PostgreSQL store (--db postgresql://...), not {}\n",
               g.db);
    throw CLI::RuntimeError(2);
  }
  dyad::PgStore store(g.db, {});
  dyad::PgQueue queue(store, "enqueue");
  dyad::ReadOptions ro;
  ro.max_doc_bytes = static_cast<size_t>(a.max_doc_mb * (1 << 20));

  size_t read = 0, skipped = 0, warnings = 0;
  int64_t added = 0;
  dyad::IssueSink issue = [&](const dyad::ReadIssue& is) {
    fmt::print(stderr, "{}{}\n", is.skipped ? "" : "warning: ", is.text());
    if (!is.skipped) {
      ++warnings;
      return;
    }
    ++skipped;
    store.record_error(is.where, is.message);
  };
  std::vector<dyad::QueueInput> batch;
  // One transaction per few hundred items: fast, and a crash loses at most an uncommitted batch
  // (enqueueing again is harmless: queued inputs are recognised by their content key).
  auto flush = [&] {
    if (!batch.empty()) added += queue.enqueue(batch);
    batch.clear();
  };
  for (const std::string& f : dyad::list_inputs(a.paths, issue)) {
    dyad::read_input(
        f, ro,
        [&](dyad::RawDoc&& d) {
          ++read;
          batch.push_back({std::move(d.content_key), std::move(d.doc), d.format == dyad::InputFormat::kHtml,
                           std::move(d.raw)});
          if (batch.size() >= 256) flush();
        },
        issue);
  }
  flush();
  const dyad::QueueStats s = queue.stats();
  fmt::print("documents read      {}\n", read);
  fmt::print("queued              {}\n", added);
  fmt::print("already queued      {}\n", static_cast<int64_t>(read) - added);
  fmt::print("inputs skipped      {}  (unreadable files or lines; see the errors table)\n", skipped);
  if (warnings) fmt::print("warnings            {}\n", warnings);
  fmt::print("queue               {} pending, {} running, {} done, {} failed\n", s.pending, s.running, s.done,
             s.failed);
  if (read == 0) {
    fmt::print(stderr, "dyad enqueue: no document could be read\n");
    throw CLI::RuntimeError(1);
  }
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<EnqueueArgs>();
  auto* sub = app.add_subcommand("enqueue",
                                 "Queue .txt/.html/.jsonl files or folders for `dyad worker` (PostgreSQL)");
  sub->add_option("paths", a->paths, "Files or folders (searched recursively)")->required();
  sub->add_option("--max-doc-mb", a->max_doc_mb, "Refuse single documents larger than this")
      ->capture_default_str();
  sub->callback([a] { run(*a); });
});

}  // namespace
