// `dyad bench-micro`: Google Benchmark over the hot loops (UTF-8 check, hashing, cleaning,
// segmentation, tagging, parsing) on the bundled example articles. `dyad bench` gives whole-stage
// words/s; this gives stable per-call figures for tuning one loop.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <vector>

#include "base/hash.h"
#include "base/paths.h"
#include "base/utf8.h"
#include "cli/command.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "text/clean.h"
#include "text/segment.h"

namespace {

std::string example_text() {
  std::string all;
  for (const auto& e : std::filesystem::directory_iterator(dyad::source_dir() + "/examples"))
    if (e.path().extension() == ".txt") all += dyad::read_file(e.path().string()) + "\n\n";
  return all;
}

const std::string& text() {
  static const std::string t = example_text();
  return t;
}

dyad::Doc segmented() {
  dyad::Doc d;
  d.text = dyad::clean_text(text()).text;
  dyad::segment(d);
  return d;
}

void BM_Utf8Validate(benchmark::State& st) {
  for (auto _ : st) benchmark::DoNotOptimize(dyad::valid_utf8(text()));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text().size()));
}
void BM_Hash64(benchmark::State& st) {
  for (auto _ : st) benchmark::DoNotOptimize(dyad::hash64(text()));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text().size()));
}
void BM_CleanText(benchmark::State& st) {
  for (auto _ : st) benchmark::DoNotOptimize(dyad::clean_text(text()));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text().size()));
}
void BM_Segment(benchmark::State& st) {
  dyad::Doc base = segmented();
  for (auto _ : st) {
    dyad::Doc d;
    d.text = base.text;
    dyad::segment(d);
    benchmark::DoNotOptimize(d.tokens.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * base.num_tokens()));
}
void BM_Tag(benchmark::State& st) {
  const auto tagger = dyad::Tagger::load(dyad::models_dir() + "/tagger.bin");
  dyad::Doc d = segmented();
  for (auto _ : st) {
    tagger.tag(d);
    benchmark::DoNotOptimize(d.upos.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * d.num_tokens()));
}
void BM_Parse(benchmark::State& st) {
  const auto tagger = dyad::Tagger::load(dyad::models_dir() + "/tagger.bin");
  const auto parser = dyad::Parser::load(dyad::models_dir() + "/parser.bin");
  dyad::Doc d = segmented();
  tagger.tag(d);
  for (auto _ : st) {
    parser.parse(d);
    benchmark::DoNotOptimize(d.head.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * d.num_tokens()));
}

// Tagger then parser on the same document: the combined words/s of issue 3's speed goal.
void BM_TagParse(benchmark::State& st) {
  const auto tagger = dyad::Tagger::load(dyad::models_dir() + "/tagger.bin");
  const auto parser = dyad::Parser::load(dyad::models_dir() + "/parser.bin");
  dyad::Doc d = segmented();
  for (auto _ : st) {
    tagger.tag(d);
    parser.parse(d);
    benchmark::DoNotOptimize(d.head.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * d.num_tokens()));
}
// Loading (mmap, checksum, validation, building the inference layout) of the parser model.
void BM_LoadParser(benchmark::State& st) {
  for (auto _ : st)
    benchmark::DoNotOptimize(dyad::Parser::load(dyad::models_dir() + "/parser.bin").num_features());
}

dyad::cli::Command reg("", [](CLI::App& app) {
  static std::vector<std::string> args;
  auto* sub = app.add_subcommand("bench-micro", "Google Benchmark of the hot loops on the example articles");
  sub->add_option("args", args, "Google Benchmark flags, e.g. --benchmark_filter=Parse (after --)");
  sub->callback([] {
    benchmark::RegisterBenchmark("Utf8Validate", BM_Utf8Validate);
    benchmark::RegisterBenchmark("Hash64", BM_Hash64);
    benchmark::RegisterBenchmark("CleanText", BM_CleanText);
    benchmark::RegisterBenchmark("Segment", BM_Segment);
    benchmark::RegisterBenchmark("Tag", BM_Tag);
    benchmark::RegisterBenchmark("Parse", BM_Parse);
    benchmark::RegisterBenchmark("TagParse", BM_TagParse);
    benchmark::RegisterBenchmark("LoadParser", BM_LoadParser)->Unit(benchmark::kMillisecond);
    std::vector<char*> argv{const_cast<char*>("dyad bench-micro")};
    for (auto& a : args) argv.push_back(a.data());
    int argc = static_cast<int>(argv.size());
    benchmark::Initialize(&argc, argv.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  });
});

}  // namespace
