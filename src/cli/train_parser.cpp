// `dyad train parser`: trains the dependency parser (see nlp/parser_train.h) and writes
// models/parser.bin.
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/error.h"
#include "base/paths.h"
#include "cli/command.h"
#include "nlp/conllu.h"
#include "nlp/parser_train.h"
#include "nlp/tagger.h"

namespace {

// Returns a copy of `gold` with jackknifed predicted UPOS/XPOS: the sentences are dealt into k
// folds (sentence i to fold i % k), and each fold is tagged by a tagger trained on the other k-1
// (from gold tags), so the parser learns from tags with the errors it will see at run time.
std::vector<dyad::conllu::Sentence> jackknife_tags(const std::vector<dyad::conllu::Sentence>& gold, int k,
                                                   const std::string& tmp_path, bool quiet) {
  // The same options as `dyad train tagger` with its defaults, so the folds' tags have the shipped
  // tagger's kind of errors.
  dyad::TaggerTrainOptions opt;
  if (opt.feature_set & dyad::kFeatNames) opt.first_names = dyad::cli::first_name_lists();
  std::vector<dyad::conllu::Sentence> train = gold;
  for (int f = 0; f < k; ++f) {
    std::vector<dyad::conllu::Sentence> rest, fold;
    std::vector<size_t> fold_index;
    for (size_t i = 0; i < gold.size(); ++i) {
      if (static_cast<int>(i % static_cast<size_t>(k)) == f) {
        fold.push_back(gold[i]);
        fold_index.push_back(i);
      } else {
        rest.push_back(gold[i]);
      }
    }
    dyad::ModelWriter w;
    dyad::Tagger::train(rest, {}, opt, w);
    w.write(tmp_path);
    const auto tagger = dyad::Tagger::load(tmp_path);
    dyad::Doc d = dyad::conllu::to_doc(fold);
    tagger.tag(d);
    size_t t = 0, wrong = 0, total = 0;
    for (size_t j = 0; j < fold.size(); ++j) {
      for (auto& word : train[fold_index[j]].words) {
        const std::string xpos(dyad::xpos_name(d.xpos[t]));
        wrong += xpos != word.xpos;
        ++total;
        word.upos = std::string(dyad::upos_name(d.upos[t]));
        word.xpos = xpos;
        ++t;
      }
    }
    if (!quiet)
      fmt::print(
          stderr, "jackknife fold {}/{}: {} sentences, XPOS accuracy {:.2f}%\n", f + 1, k, fold.size(),
          100.0 - 100.0 * static_cast<double>(wrong) / static_cast<double>(std::max<size_t>(total, 1)));
  }
  std::filesystem::remove(tmp_path);
  return train;
}

struct Args {
  std::string data, dev, out, save_tagged;
  int epochs = 12;
  int mix = 1;
  bool with_gold = false;
  uint64_t seed = 1;
  double explore = 0.9;
  uint32_t min_updates = 1;
  std::vector<uint32_t> report_min_updates;
  bool last = false;
  int jackknife = 0;
  std::string dev_tagger;
};

dyad::cli::Command reg("train", [](CLI::App& train) {
  auto args = std::make_shared<Args>();
  auto* sub = train.add_subcommand("parser", "Train the dependency parser (arc-hybrid, averaged perceptron)");
  sub->add_option("--data", args->data, "Training CoNLL-U file (e.g. en_ewt-ud-train.conllu)")->required();
  sub->add_option("--dev", args->dev, "Development CoNLL-U file: scored each epoch, best epoch kept");
  sub->add_option("--out", args->out, "Output model (default: <models>/parser.bin)");
  sub->add_option("--epochs", args->epochs, "Training epochs")->capture_default_str();
  sub->add_option("--seed", args->seed, "Random seed (shuffling, exploration)")->capture_default_str();
  sub->add_option("--explore", args->explore, "Probability of following a wrong prediction after epoch 1")
      ->capture_default_str();
  sub->add_option("--min-updates", args->min_updates,
                  "Drop features promoted fewer than this many times (smaller, faster model)")
      ->capture_default_str();
  sub->add_option("--report-min-updates", args->report_min_updates,
                  "Tuning: each epoch also score --dev with these --min-updates values");
  sub->add_option(
      "--jackknife", args->jackknife,
      "Train on predicted tags: K taggers, each tagging the fold it was not trained on (0 = gold tags)");
  sub->add_option(
      "--dev-tagger", args->dev_tagger,
      "Tag --dev with this tagger model before scoring (e.g. models/tagger.bin; default: gold tags)");
  sub->add_option("--mix", args->mix, "Train this many seeds (seed, seed+1, ...) and keep their mean weights")
      ->capture_default_str();
  sub->add_flag(
      "--with-gold", args->with_gold,
      "With --jackknife: train on every sentence twice, with its gold and with its jackknifed tags");
  sub->add_option(
      "--save-tagged", args->save_tagged,
      "With --jackknife: also write the training file as trained on, predicted tags included (CoNLL-U)");
  sub->add_flag("--last", args->last, "Keep the last epoch instead of the best one on --dev");
  sub->callback([args] {
    const auto& g = dyad::cli::globals();
    const std::string out = args->out.empty() ? g.models_folder() + "/parser.bin" : args->out;
    auto train = dyad::conllu::read_file(args->data);
    if (args->jackknife == 1 || args->jackknife < 0) throw CLI::ValidationError("--jackknife needs K >= 2");
    if (args->with_gold && args->jackknife < 2) throw CLI::ValidationError("--with-gold needs --jackknife K");
    if (args->jackknife >= 2) {
      auto tagged = jackknife_tags(train, args->jackknife, out + ".jackknife-tagger.tmp", g.quiet);
      // --with-gold: each sentence twice, gold tags first, so the parser sees the tags it would get
      // at run time without forgetting what clean tags say (eval/ud/README.md: better than either).
      if (args->with_gold)
        train.insert(train.end(), std::make_move_iterator(tagged.begin()),
                     std::make_move_iterator(tagged.end()));
      else
        train = std::move(tagged);
      if (!args->save_tagged.empty()) {
        // Lets later runs train on the same predicted tags (`--data FILE`) without retraining taggers.
        std::ofstream f(args->save_tagged, std::ios::binary);
        f << dyad::conllu::write(train);
        if (!f) throw dyad::InputError(args->save_tagged, "cannot write the jackknifed training file");
      }
    }
    std::vector<dyad::conllu::Sentence> dev;
    if (!args->dev.empty()) dev = dyad::conllu::read_file(args->dev);
    dyad::ParserTrainOptions opts;
    opts.epochs = args->epochs;
    opts.seed = args->seed;
    opts.mix = args->mix;
    opts.explore = args->explore;
    opts.keep_best = !args->last;
    opts.min_updates = args->min_updates;
    opts.report_min_updates = args->report_min_updates;
    std::shared_ptr<dyad::Tagger> dev_tagger;
    if (!args->dev_tagger.empty()) {
      dev_tagger = std::make_shared<dyad::Tagger>(dyad::Tagger::load(args->dev_tagger));
      opts.tag_dev = [dev_tagger](dyad::Doc& d) { dev_tagger->tag(d); };
    }
    opts.quiet = g.quiet;
    const auto rep = dyad::train_parser(train, dev, out, opts);
    fmt::print("parser: {} sentences ({} non-projective, {} arcs lifted), {} features, best epoch {}\n",
               rep.train_sentences, rep.nonprojective_sentences, rep.lifted_arcs, rep.features,
               rep.best_epoch);
    if (!dev.empty()) fmt::print("dev UAS {:.2f}  LAS {:.2f}\n", rep.dev_uas, rep.dev_las);
    fmt::print("wrote {} in {:.0f}s\n", out, rep.seconds);
  });
});

}  // namespace
