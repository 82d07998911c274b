// `dyad train tagger`, `dyad train lemmatizer`, `dyad eval tagger`: the POS tagger and lemmatizer
// trained on and scored against CoNLL-U treebanks (UD English EWT by default).
#include <fmt/core.h>

#include <chrono>
#include <iostream>

#include "base/paths.h"
#include "cli/command.h"
#include "nlp/conllu.h"
#include "nlp/lemmatizer.h"
#include "nlp/tagger.h"
#include "nlp/tagger_eval.h"

namespace {

std::string model_path(const std::string& given, const char* name) {
  if (!given.empty()) return given;
  const auto& g = dyad::cli::globals();
  return g.models_folder() + "/" + name;
}
std::string ewt(const char* split) {
  return dyad::shared_data_dir() + "/ud-english-ewt/en_ewt-ud-" + split + ".conllu";
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct TrainOpts {
  std::string data, dev, out;
  int epochs = dyad::TaggerTrainOptions{}.epochs;
  uint64_t seed = dyad::TaggerTrainOptions{}.seed;
  std::string wordnet = dyad::TaggerTrainOptions{}.wordnet_dir;
  int folds = dyad::TaggerTrainOptions{}.folds;
  int amb_min_count = dyad::TaggerTrainOptions{}.amb_min_count;
  uint32_t features = dyad::TaggerTrainOptions{}.feature_set;
  int dict_min_count = dyad::TaggerTrainOptions{}.dict_min_count;
  double dict_min_ratio = dyad::TaggerTrainOptions{}.dict_min_ratio;
  int mix = dyad::TaggerTrainOptions{}.mix;
  float prune = dyad::TaggerTrainOptions{}.prune;
};

dyad::cli::Command reg_train("train", [](CLI::App& train) {
  static TrainOpts t;
  auto* sub = train.add_subcommand("tagger", "Train the UPOS+XPOS tagger (averaged perceptron)");
  sub->add_option("--data", t.data, "Training CoNLL-U (default: EWT train)");
  sub->add_option("--dev", t.dev, "Dev CoNLL-U, scored after each epoch (default: EWT dev; 'none' to skip)");
  sub->add_option("--out", t.out, "Output model (default: <models>/tagger.bin)");
  sub->add_option("--epochs", t.epochs, "Training epochs")->capture_default_str();
  sub->add_option("--seed", t.seed, "Shuffling seed")->capture_default_str();
  sub->add_option("--wordnet", t.wordnet,
                  "WordNet database directory (Debian's wordnet-base); 'none' for no lexicon")
      ->capture_default_str();
  sub->add_option("--folds", t.folds, "Jackknife folds for the ambiguity classes (<= 1: off)")
      ->capture_default_str();
  sub->add_option("--features", t.features,
                  "Optional template groups (bits: 1 lexicon, 2 names, 4 wide lexicon)")
      ->capture_default_str();
  sub->add_option("--dict-min", t.dict_min_count, "Minimum count of a form tagged by dictionary lookup")
      ->capture_default_str();
  sub->add_option("--dict-ratio", t.dict_min_ratio, "Minimum share of its commonest class for such a form")
      ->capture_default_str();
  sub->add_option("--mix", t.mix, "Train this many seeds (seed, seed+1, ...) and keep their mean weights")
      ->capture_default_str();
  sub->add_option("--prune", t.prune, "Drop averaged weights smaller than this (smaller, faster model)")
      ->capture_default_str();
  sub->add_option("--amb-min", t.amb_min_count, "Minimum count of a word for its ambiguity class")
      ->capture_default_str();
  sub->callback([] {
    const auto t0 = std::chrono::steady_clock::now();
    const auto train_sents = dyad::conllu::read_file(t.data.empty() ? ewt("train") : t.data);
    std::vector<dyad::conllu::Sentence> dev;
    if (t.dev != "none") dev = dyad::conllu::read_file(t.dev.empty() ? ewt("dev") : t.dev);
    dyad::TaggerTrainOptions opt;
    opt.epochs = t.epochs;
    opt.seed = t.seed;
    opt.wordnet_dir = t.wordnet == "none" ? "" : t.wordnet;
    opt.folds = t.folds;
    opt.amb_min_count = t.amb_min_count;
    opt.feature_set = t.features;
    opt.dict_min_count = t.dict_min_count;
    opt.dict_min_ratio = t.dict_min_ratio;
    opt.mix = t.mix;
    opt.prune = t.prune;
    if (t.features & dyad::kFeatNames) opt.first_names = dyad::cli::first_name_lists();
    if (!dyad::cli::globals().quiet) opt.log = [](const std::string& s) { fmt::print(stderr, "{}\n", s); };
    dyad::ModelWriter w;
    dyad::Tagger::train(train_sents, dev, opt, w);
    const std::string out = model_path(t.out, "tagger.bin");
    w.write(out);
    fmt::print("wrote {} ({:.1f} s)\n", out, since(t0));
  });

  static TrainOpts l;
  auto* lem = train.add_subcommand("lemmatizer", "Train the lemmatizer (edit-script rules + exceptions)");
  lem->add_option("--data", l.data, "Training CoNLL-U (default: EWT train)");
  lem->add_option("--out", l.out, "Output model (default: <models>/lemmatizer.bin)");
  lem->callback([] {
    const auto t0 = std::chrono::steady_clock::now();
    const auto train_sents = dyad::conllu::read_file(l.data.empty() ? ewt("train") : l.data);
    dyad::ModelWriter w;
    dyad::Lemmatizer::train(train_sents, w, [](const std::string& s) {
      if (!dyad::cli::globals().quiet) fmt::print(stderr, "{}\n", s);
    });
    const std::string out = model_path(l.out, "lemmatizer.bin");
    w.write(out);
    fmt::print("wrote {} ({:.1f} s)\n", out, since(t0));
  });
});

struct EvalOpts {
  std::string file, tagger, lemmatizer;
};

dyad::cli::Command reg_eval("eval", [](CLI::App& eval) {
  static EvalOpts e;
  auto* sub = eval.add_subcommand("tagger", "Score UPOS, XPOS, AllTags and Lemma on gold-tokenised CoNLL-U");
  sub->add_option("file", e.file, "Gold CoNLL-U (default: EWT test)");
  sub->add_option("--tagger", e.tagger, "Tagger model (default: <models>/tagger.bin)");
  sub->add_option("--lemmatizer", e.lemmatizer, "Lemmatizer model (default: <models>/lemmatizer.bin)");
  sub->callback([] {
    const std::string file = e.file.empty() ? ewt("test") : e.file;
    auto t0 = std::chrono::steady_clock::now();
    const auto tagger = dyad::Tagger::load(model_path(e.tagger, "tagger.bin"));
    const double tagger_load = since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto lemmatizer = dyad::Lemmatizer::load(model_path(e.lemmatizer, "lemmatizer.bin"));
    const double lemmatizer_load = since(t0);
    const auto gold = dyad::conllu::read_file(file);
    const auto r = dyad::evaluate_tagging(gold, tagger, &lemmatizer);
    fmt::print("{}: {} words (gold tokenisation)\n", file, r.words);
    fmt::print("Metric     | Accuracy\n-----------+---------\n");
    fmt::print("UPOS       | {:8.2f}\nXPOS       | {:8.2f}\nAllTags    | {:8.2f}\nLemmas     | {:8.2f}\n",
               r.pct(r.upos), r.pct(r.xpos), r.pct(r.alltags), r.pct(r.lemma));
    fmt::print("(AllTags = UPOS and XPOS both right; no UFeats are predicted)\n");
    fmt::print("tagger: {:.0f} words/s ({:.3f} s), load {:.3f} s\n", r.words / std::max(r.tag_seconds, 1e-9),
               r.tag_seconds, tagger_load);
    fmt::print("lemmatizer: {:.0f} words/s ({:.3f} s), load {:.3f} s\n",
               r.words / std::max(r.lemma_seconds, 1e-9), r.lemma_seconds, lemmatizer_load);
  });
});

}  // namespace
