// `dyad bench [--corpus FILE] [--words N] [--repeat-min-docs]`: words per second of each pipeline
// stage in one run over a corpus — the given file(s), or the bundled examples/ repeated until the
// corpus holds at least N words. Nothing is stored.
#include <fmt/core.h>

#include <chrono>

#include "base/paths.h"
#include "cli/command.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "pipeline/read.h"

namespace {

struct BenchArgs {
  std::vector<std::string> corpus;
  uint64_t words = 100000;
};

void bench(const BenchArgs& a) {
  const auto& g = dyad::cli::globals();
  std::vector<std::string> warnings;
  const dyad::Pipeline p = dyad::Pipeline::load(g.models_folder(), &warnings);
  for (const auto& w : warnings) fmt::print(stderr, "warning: {}\n", w);

  std::vector<std::string> inputs = a.corpus;
  if (inputs.empty()) inputs.push_back(dyad::source_dir() + "/examples");
  std::vector<dyad::RawDoc> docs;
  auto issue = [](const dyad::ReadIssue& is) { fmt::print(stderr, "{}\n", is.text()); };
  for (const auto& f : dyad::list_inputs(inputs, issue))
    dyad::read_input(
        f, {}, [&](dyad::RawDoc&& d) { docs.push_back(std::move(d)); }, issue);
  if (docs.empty()) {
    fmt::print(stderr, "dyad bench: no documents in the corpus\n");
    throw CLI::RuntimeError(1);
  }
  uint64_t corpus_words = 0;
  for (const auto& d : docs) corpus_words += dyad::count_words(d.raw);

  // One pass over the documents, repeated until the word budget is reached.
  dyad::StageTimes times;
  uint64_t words = 0, ndocs = 0, bytes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (words < a.words || ndocs < docs.size()) {
    for (const auto& in : docs) {
      dyad::Doc d = in.doc;
      p.run(d, in.raw, in.format, &times);
      words += dyad::count_words(d.text);
      bytes += in.raw.size();
      ++ndocs;
    }
    if (corpus_words == 0) break;
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  fmt::print("corpus: {} document(s), {} words per pass; ran {} documents, {} words ({:.1f} KB), 1 thread\n",
             docs.size(), corpus_words, ndocs, words, bytes / 1024.0);
  fmt::print("{:<16} {:>10} {:>14}\n", "stage", "seconds", "words/s");
  for (size_t i = 0; i < p.stage_names().size(); ++i) {
    double s = i < times.seconds.size() ? times.seconds[i] : 0;
    fmt::print("{:<16} {:>10.3f} {:>14.0f}\n", p.stage_names()[i], s, s > 0 ? words / s : 0.0);
  }
  fmt::print("{:<16} {:>10.3f} {:>14.0f}\n", "total", total, total > 0 ? words / total : 0.0);
  for (const auto& s : p.skipped()) fmt::print("skipped: {}\n", s);
}

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  auto* sub = app.add_subcommand("bench", "Measure words/s of each pipeline stage (nothing is stored)");
  sub->add_option("--corpus", a->corpus, "Input files or folders (default: the bundled examples/)");
  sub->add_option("--words", a->words, "Repeat the corpus until this many words were analysed")
      ->capture_default_str();
  sub->callback([a] { bench(*a); });
});

}  // namespace
