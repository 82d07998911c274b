// `dyad parse [TEXT...]`: segments, tags, lemmatizes and parses plain text with the committed
// models and prints the result as CoNLL-U (one block per sentence). Reads stdin when no text is
// given. For looking at what the parser does with a sentence, e.g.
//   dyad parse "Lavrov was received by Kim Jong-un during his visit to the DPRK."
#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <iterator>

#include "base/paths.h"
#include "cli/command.h"
#include "nlp/conllu.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "text/segment.h"

namespace {

struct Args {
  std::vector<std::string> words;
};

dyad::cli::Command reg("", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("parse", "Parse text (arguments, else stdin) and print CoNLL-U");
  sub->add_option("text", a->words, "Text to parse (words are joined by spaces); stdin if omitted");
  sub->callback([a] {
    const auto& g = dyad::cli::globals();
    const std::string models = g.models_folder();
    dyad::Doc doc;
    if (a->words.empty()) {
      doc.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      for (const auto& w : a->words) doc.text += (doc.text.empty() ? "" : " ") + w;
    }
    const std::string seg_path = models + "/segmenter.bin";
    const dyad::Segmenter seg =
        std::filesystem::exists(seg_path) ? dyad::Segmenter::load(seg_path) : dyad::Segmenter();
    seg.segment(doc);
    dyad::Tagger::load(models + "/tagger.bin").tag(doc);
    const std::string lem_path = models + "/lemmatizer.bin";
    if (std::filesystem::exists(lem_path)) dyad::Lemmatizer::load(lem_path).lemmatize(doc);
    dyad::Parser::load(models + "/parser.bin").parse(doc);
    fmt::print("{}", dyad::conllu::write(dyad::conllu::from_doc(doc)));
  });
});

}  // namespace
