// `dyad train ner` and `dyad eval ner`: train the NER model, score it on an IOB2/CoNLL file.
#include <fmt/core.h>

#include <chrono>
#include <optional>

#include "base/paths.h"
#include "cli/command.h"
#include "nlp/ner_train.h"

namespace {

std::string model_path(const std::string& given) {
  if (!given.empty()) return given;
  const auto& g = dyad::cli::globals();
  return g.models_folder() + "/ner.bin";
}

struct TrainArgs {
  dyad::NerTrainOptions opt;
  bool no_geonames = false;
  bool no_actors = false;
};

dyad::cli::Command train_reg("train", [](CLI::App& train) {
  auto args = std::make_shared<TrainArgs>();
  auto* sub =
      train.add_subcommand("ner", "Train the named-entity recogniser (PER/ORG/LOC; NORP is rule-based)");
  sub->add_option("--data", args->opt.train, "UNER IOB2 training file")->required();
  sub->add_option("--extra", args->opt.extra, "extra CoNLL/IOB training files (MISC dropped), e.g. wikigold");
  sub->add_option("--dev", args->opt.dev, "dev file: selects the best epoch");
  sub->add_option("--out", args->opt.out, "model file (default: <models>/ner.bin)");
  sub->add_option("--cities", args->opt.cities,
                  "GeoNames cities TSV (default: shared geo/cities-geonames.tsv)");
  sub->add_option("--admin1", args->opt.admin1,
                  "GeoNames admin1 codes (default: shared geo/admin1CodesASCII.txt)");
  sub->add_option("--actors", args->opt.actors,
                  "actor dictionary for person/actor gazetteers (default: data/actors/phoenix.tsv)");
  sub->add_option("--first-names", args->opt.first_names,
                  "given-name lists (default: models/ner-first-names-*.txt)");
  sub->add_option("--tagger", args->opt.tagger, "POS tagger model: adds UPOS features (default: none)");
  sub->add_flag("--no-actors", args->no_actors, "no actor-dictionary gazetteers");
  sub->add_flag("--no-geonames", args->no_geonames, "no city/admin1 gazetteers");
  sub->add_option("--min-population", args->opt.min_population, "smallest city population in the gazetteer");
  sub->add_option("--epochs", args->opt.epochs, "training epochs (best on dev is kept)");
  sub->add_option("--min-count", args->opt.min_count, "drop features seen fewer times");
  sub->add_option("--seed", args->opt.seed, "shuffling seed");
  sub->add_option("--bags", args->opt.bags, "perceptrons trained on different orders and averaged");
  sub->callback([args] {
    auto opt = args->opt;
    opt.out = model_path(opt.out);
    if (args->no_geonames) {
      opt.cities.clear();
      opt.admin1.clear();
    } else {
      if (opt.cities.empty()) opt.cities = dyad::shared_data_dir() + "/geo/cities-geonames.tsv";
      if (opt.admin1.empty()) opt.admin1 = dyad::shared_data_dir() + "/geo/admin1CodesASCII.txt";
    }
    if (args->no_actors)
      opt.actors.clear();
    else if (opt.actors.empty())
      opt.actors = dyad::source_dir() + "/data/actors/phoenix.tsv";
    if (opt.first_names.empty()) opt.first_names = dyad::cli::first_name_lists();
    const bool quiet = dyad::cli::globals().quiet;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      dyad::train_ner(opt, [quiet](std::string_view s) {
        if (!quiet) fmt::print(stderr, "{}\n", s);
      });
    } catch (const dyad::InputError& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      throw CLI::RuntimeError(1);
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!quiet) fmt::print(stderr, "trained in {:.1f} s\n", secs);
  });
});

dyad::cli::Command eval_reg("eval", [](CLI::App& eval) {
  auto file = std::make_shared<std::string>();
  auto model = std::make_shared<std::string>();
  auto dump = std::make_shared<std::string>();
  auto tagger = std::make_shared<std::string>();
  auto no_propagate = std::make_shared<bool>(false);
  auto sub = eval.add_subcommand("ner", "Score the NER model on an IOB2/CoNLL file (exact span match)");
  sub->add_option("file", *file, "gold IOB2 (UNER) or CoNLL file")->required();
  sub->add_option("--model", *model, "model file (default: <models>/ner.bin)");
  sub->add_option("--dump", *dump, "write word/gold/predicted IOB2 columns here (error analysis)");
  sub->add_option("--tagger", *tagger,
                  "POS tagger run first, as in the pipeline (for models trained with --tagger)");
  sub->add_flag("--no-propagate", *no_propagate, "no document-level propagation of names (ablation)");
  sub->callback([file, model, dump, tagger, no_propagate] {
    try {
      dyad::Ner ner = dyad::Ner::load(model_path(*model));
      ner.set_propagate(!*no_propagate);
      const auto gold = dyad::read_ner_file(*file);
      std::optional<dyad::Tagger> tg;
      if (!tagger->empty()) tg = dyad::Tagger::load(*tagger);
      std::string dumped;
      const auto t0 = std::chrono::steady_clock::now();
      const dyad::NerScore score =
          dyad::evaluate_ner(ner, gold, dump->empty() ? nullptr : &dumped, tg ? &*tg : nullptr);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!dump->empty()) dyad::write_file_atomic(*dump, dumped);
      fmt::print("{}: {} sentences\n{}", *file, gold.size(), score.report());
      size_t tokens = 0;
      for (const auto& s : gold) tokens += s.words.size();
      fmt::print("{} tokens in {:.2f} s = {:.0f} tokens/s ({}NER, one thread)\n", tokens, secs, tokens / secs,
                 tg ? "tagger + " : "");
      fmt::print(
          "(exact span match; NORP is rule-based and not annotated in the gold data, so it is listed\n"
          " but left out of 'overall')\n");
    } catch (const dyad::InputError& e) {
      fmt::print(stderr, "error: {}\n", e.what());
      throw CLI::RuntimeError(1);
    }
  });
});

}  // namespace
