// `dyad compile-actors`: writes data/actors/phoenix.tsv, data/events/verbs.txt and cameo.tsv from
// the shared PETRARCH/CAMEO/PLOVER sources (deterministic; see src/events/compile.h).
// `dyad code FILE.conllu [--date YYYY-MM-DD]`: codes CAMEO events in a parsed CoNLL-U file and
// prints one tab-separated line per event.
#include <fmt/core.h>

#include "base/paths.h"
#include "cli/command.h"
#include "events/coder.h"
#include "events/compile.h"
#include "nlp/conllu.h"

namespace {

dyad::cli::Command compile_reg("", [](CLI::App& app) {
  auto* sub = app.add_subcommand("compile-actors",
                                 "Compile the PETRARCH actor/verb dictionaries and CAMEO tables into data/");
  static std::string out;
  sub->add_option("--out", out, "Output data folder (default: <repo>/data)");
  sub->callback([] {
    std::string dir = out.empty() ? dyad::source_dir() + "/data" : out;
    auto st = dyad::events::compile_event_data(dyad::shared_data_dir(), dir);
    if (!dyad::cli::globals().quiet && !st.warnings.empty()) fmt::print(stderr, "{}", st.warnings);
    fmt::print(
        "{}: {} actor/agent entries, {} phrases, {} verb patterns, {} CAMEO codes ({} malformed source lines "
        "skipped)\n",
        dir, st.actor_entries, st.phrases, st.verb_patterns, st.cameo_codes, st.skipped);
  });
});

dyad::cli::Command code_reg("", [](CLI::App& app) {
  auto* sub = app.add_subcommand("code", "Code CAMEO events in a CoNLL-U file (gold or predicted parse)");
  static std::string file, date, data;
  sub->add_option("file", file, "CoNLL-U file")->required();
  sub->add_option("--date", date, "Publication date YYYY-MM-DD (for dated actor roles)");
  sub->add_option("--data", data, "Data folder (default: <repo>/data)");
  sub->callback([] {
    auto coder = dyad::EventCoder::load(data.empty() ? dyad::source_dir() + "/data" : data);
    dyad::Doc doc = dyad::conllu::to_doc(dyad::conllu::read_file(file));
    doc.published = date;
    doc.path = file;
    coder.code(doc);
    fmt::print(
        "sentence\tsource\ttarget\tcode\tquad\tgoldstein\tplover\tnegated\tmodality\tspeaker\ttrigger\n");
    for (const auto& e : doc.events) {
      std::string trig;
      for (uint32_t t = e.trigger_first; t < e.trigger_last; ++t)
        trig += std::string(t > e.trigger_first ? " " : "") + std::string(doc.token_text(t));
      fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", e.sentence, e.source.code, e.target.code,
                 e.code, e.quad_class, e.goldstein, e.plover, e.negated ? 1 : 0, e.modality, e.speaker, trig);
    }
  });
});

}  // namespace
