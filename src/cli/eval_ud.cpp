// `dyad eval ud FILE.conllu [--raw]`: runs the nlp pipeline (tagger, lemmatizer, parser: whichever
// models exist) on a gold CoNLL-U file and scores it as the CoNLL 2018 shared task does
// (see nlp/ud_eval.h). Gold tokens by default; with --raw the text is rebuilt from the `# text`
// lines and segmented by dyad's own segmenter, and the scorer aligns system to gold by characters.
#include <fmt/core.h>

#include <chrono>
#include <filesystem>

#include "base/paths.h"
#include "cli/command.h"
#include "nlp/conllu.h"
#include "nlp/lemmatizer.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/ud_eval.h"
#include "text/segment.h"

namespace {

struct Args {
  std::string file, out, tags = "auto";
  bool raw = false;
};

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Raw text as a segmenter would see it: sentences joined by a space, paragraphs/documents by a
// blank line (the same layout conllu::to_doc uses).
dyad::Doc raw_doc(const std::vector<dyad::conllu::Sentence>& gold) {
  dyad::Doc d;
  for (const auto& s : gold) {
    std::string t = s.text;
    if (t.empty()) {  // no "# text": rebuild from the words
      for (size_t i = 0; i < s.words.size(); ++i) {
        t += s.words[i].form;
        if (s.words[i].space_after && i + 1 < s.words.size()) t += ' ';
      }
    }
    if (!d.text.empty()) d.text += s.new_par || s.new_doc ? "\n\n" : " ";
    d.text += t;
  }
  return d;
}

dyad::cli::Command reg("eval", [](CLI::App& eval) {
  auto a = std::make_shared<Args>();
  auto* sub =
      eval.add_subcommand("ud", "Score tagger, lemmatizer and parser on CoNLL-U (CoNLL 2018 metrics)");
  sub->add_option("file", a->file, "Gold CoNLL-U (default: EWT test)");
  sub->add_flag("--raw", a->raw, "Start from raw text (# text lines) and segment it with dyad's segmenter");
  sub->add_option("--tags", a->tags, "auto (tagger if its model exists), gold, or predicted")
      ->check(CLI::IsMember({"auto", "gold", "predicted"}))
      ->capture_default_str();
  sub->add_option("--out", a->out, "Also write the system output as CoNLL-U to this file");
  sub->callback([a] {
    const auto& g = dyad::cli::globals();
    const std::string models = g.models_folder();
    const std::string file =
        a->file.empty() ? dyad::shared_data_dir() + "/ud-english-ewt/en_ewt-ud-test.conllu" : a->file;
    const auto gold = dyad::conllu::read_file(file);
    auto exists = [&](const char* name) { return std::filesystem::exists(models + "/" + name); };

    dyad::Doc doc;
    double seg_s = 0;
    if (a->raw) {
      doc = raw_doc(gold);
      const auto t0 = std::chrono::steady_clock::now();
      dyad::segment(doc);
      seg_s = since(t0);
    } else {
      doc = dyad::conllu::to_doc(gold);
      doc.lemma.clear();
      doc.head.clear();
      doc.deprel.clear();
    }
    const bool use_tagger = a->tags == "predicted" || (a->tags == "auto" && exists("tagger.bin"));
    if (a->tags == "gold" && a->raw) throw CLI::ValidationError("--tags gold needs gold tokens (drop --raw)");
    std::string notes;
    double tag_s = 0, lem_s = 0, parse_s = 0;
    if (use_tagger) {
      const auto tagger = dyad::Tagger::load(models + "/tagger.bin");
      const auto t0 = std::chrono::steady_clock::now();
      tagger.tag(doc);
      tag_s = since(t0);
    } else if (a->raw) {
      notes += "no tagger model: tags unknown\n";
    } else {
      notes += "UPOS/XPOS are gold (no tagger used)\n";
    }
    if (exists("lemmatizer.bin")) {
      const auto lem = dyad::Lemmatizer::load(models + "/lemmatizer.bin");
      const auto t0 = std::chrono::steady_clock::now();
      lem.lemmatize(doc);
      lem_s = since(t0);
    } else {
      notes += "no lemmatizer model\n";
    }
    if (exists("parser.bin")) {
      const auto parser = dyad::Parser::load(models + "/parser.bin");
      const auto t0 = std::chrono::steady_clock::now();
      parser.parse(doc);
      parse_s = since(t0);
    } else {
      notes += "no parser model\n";
    }
    auto sys = dyad::conllu::from_doc(doc);
    // With gold tokenization the system keeps the gold multiword tokens (as in the shared task).
    if (!a->raw && sys.size() == gold.size())
      for (size_t i = 0; i < sys.size(); ++i) sys[i].mwts = gold[i].mwts;
    if (!a->out.empty()) dyad::write_file_atomic(a->out, dyad::conllu::write(sys));
    const auto r = dyad::ud_eval::evaluate(gold, sys);
    fmt::print("{}: {} gold words, {} tokenization\n", file, r.words.gold, a->raw ? "dyad" : "gold");
    fmt::print("{}", dyad::ud_eval::format(r));
    if (!notes.empty()) fmt::print("{}", notes);
    const double words = static_cast<double>(doc.num_tokens());
    auto rate = [&](double s) { return s > 0 ? fmt::format("{:.0f} words/s", words / s) : std::string("-"); };
    if (a->raw) fmt::print("segmenter  {:.3f} s  {}\n", seg_s, rate(seg_s));
    fmt::print("tagger     {:.3f} s  {}\n", tag_s, rate(tag_s));
    fmt::print("lemmatizer {:.3f} s  {}\n", lem_s, rate(lem_s));
    fmt::print("parser     {:.3f} s  {}\n", parse_s, rate(parse_s));
    fmt::print("tagger+parser {:.3f} s  {}\n", tag_s + parse_s, rate(tag_s + parse_s));
  });
});

}  // namespace
