// `dyad train parser`: trains the dependency parser (see nlp/parser_train.h) and writes
// models/parser.bin.
#include <fmt/core.h>

#include "base/paths.h"
#include "cli/command.h"
#include "nlp/conllu.h"
#include "nlp/parser_train.h"

namespace {

struct Args {
  std::string data, dev, out;
  int epochs = 12;
  uint64_t seed = 1;
  double explore = 0.9;
  bool last = false;
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
  sub->add_flag("--last", args->last, "Keep the last epoch instead of the best one on --dev");
  sub->callback([args] {
    const auto& g = dyad::cli::globals();
    const std::string out =
        args->out.empty() ? (g.models.empty() ? dyad::models_dir() : g.models) + "/parser.bin" : args->out;
    const auto train = dyad::conllu::read_file(args->data);
    std::vector<dyad::conllu::Sentence> dev;
    if (!args->dev.empty()) dev = dyad::conllu::read_file(args->dev);
    dyad::ParserTrainOptions opts;
    opts.epochs = args->epochs;
    opts.seed = args->seed;
    opts.explore = args->explore;
    opts.keep_best = !args->last;
    opts.quiet = g.quiet;
    const auto rep = dyad::train_parser(train, dev, out, opts);
    fmt::print("parser: {} sentences ({} non-projective, {} arcs lifted), {} features, best epoch {}\n",
               rep.train_sentences, rep.nonprojective_sentences, rep.lifted_arcs, rep.features, rep.best_epoch);
    if (!dev.empty()) fmt::print("dev UAS {:.2f}  LAS {:.2f}\n", rep.dev_uas, rep.dev_las);
    fmt::print("wrote {} in {:.0f}s\n", out, rep.seconds);
  });
});

}  // namespace
