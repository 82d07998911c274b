// `dyad eval segment [FILE.conllu]`: tokenization and sentence-splitting scores (CoNLL 2018 style).
// `dyad train segment`: trains the sentence-boundary perceptron on EWT train, tuned on dev.
#include <fmt/core.h>

#include <chrono>

#include "base/paths.h"
#include "cli/command.h"
#include "text/segment.h"
#include "text/segment_eval.h"

namespace {

std::string ewt(const std::string& split) {
  return dyad::shared_data_dir() + "/ud-english-ewt/en_ewt-ud-" + split + ".conllu";
}

std::string model_path(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  const auto& g = dyad::cli::globals();
  return g.models_folder() + "/segmenter.bin";
}

void print_prf(const char* name, const dyad::PRF& p) {
  fmt::print("{:<10} P {:6.2f}  R {:6.2f}  F1 {:6.2f}   (gold {}, system {}, correct {})\n", name,
             p.precision(), p.recall(), p.f1(), p.gold, p.system, p.correct);
}

struct EvalArgs {
  std::string file, model;
  bool rules = false;
};

dyad::cli::Command eval_reg("eval", [](CLI::App& eval) {
  static EvalArgs a;
  auto* sub = eval.add_subcommand("segment", "Score tokenization and sentence splitting on CoNLL-U gold");
  sub->add_option("file", a.file, "CoNLL-U file (default: EWT test from the shared data)");
  sub->add_option("--model", a.model, "Segmenter model (default: <models>/segmenter.bin if present)");
  sub->add_flag("--rules", a.rules, "Use the rule-based sentence splitter, not the model");
  sub->callback([] {
    const std::string file = a.file.empty() ? ewt("test") : a.file;
    const auto gold = dyad::read_segment_gold(file);
    dyad::Segmenter seg;
    if (!a.rules) {
      const std::string mp = model_path(a.model);
      std::FILE* f = a.model.empty() ? std::fopen(mp.c_str(), "rb") : nullptr;
      if (f) std::fclose(f);
      if (!a.model.empty() || f) seg = dyad::Segmenter::load(mp);
    }
    dyad::Doc doc;
    doc.text = gold.text;
    std::vector<uint8_t> flags;
    const auto t0 = std::chrono::steady_clock::now();
    seg.segment(doc, &flags);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto s = dyad::score_segmentation(gold, doc, flags);
    fmt::print("file       {}\nsplitter   {}\n", file, seg.has_model() ? "perceptron model" : "rules");
    fmt::print(
        "text       sentences joined by ' ' within a paragraph, by \"\\n\\n\" at # newpar / # newdoc\n");
    print_prf("Tokens", s.tokens);
    print_prf("Words", s.words);
    print_prf("Sentences", s.sentences);
    fmt::print("speed      {:.1f} MB/s, {:.0f} tokens/s ({} bytes, {} tokens in {:.3f} s, one run)\n",
               gold.text.size() / secs / 1e6, doc.tokens.size() / secs, gold.text.size(), doc.tokens.size(),
               secs);
  });
});

struct TrainArgs {
  std::string train, dev, out;
  int epochs = 10;
};

dyad::cli::Command train_reg("train", [](CLI::App& train) {
  static TrainArgs a;
  auto* sub =
      train.add_subcommand("segment", "Train the sentence-boundary perceptron (EWT train, tuned on dev)");
  sub->add_option("--train", a.train, "CoNLL-U training file (default: EWT train)");
  sub->add_option("--dev", a.dev, "CoNLL-U dev file for choosing the epoch (default: EWT dev)");
  sub->add_option("--epochs", a.epochs, "Maximum epochs")->capture_default_str();
  sub->add_option("-o,--out", a.out, "Output model (default: <models>/segmenter.bin)");
  sub->callback([] {
    auto example = [](const std::string& path) {
      const auto g = dyad::read_segment_gold(path);
      dyad::Segmenter::Example ex;
      ex.doc.text = g.text;
      for (const auto& s : g.sentences) ex.gold_ends.push_back(s.end);
      return ex;
    };
    const std::vector<dyad::Segmenter::Example> tr{example(a.train.empty() ? ewt("train") : a.train)};
    const std::vector<dyad::Segmenter::Example> dv{example(a.dev.empty() ? ewt("dev") : a.dev)};
    std::string log;
    const auto seg = dyad::Segmenter::train(tr, dv, a.epochs, &log);
    fmt::print("{}", log);
    const std::string out = model_path(a.out);
    seg.save(out);
    fmt::print("wrote {}\n", out);
  });
});

}  // namespace
