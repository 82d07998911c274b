#include "events/petrarch_eval.h"

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/error.h"
#include "base/paths.h"
#include "events/coder.h"
#include "events/ptb.h"
#include "nlp/conllu.h"
#include "nlp/lemmatizer.h"

namespace dyad::events {
namespace {

std::string find_dictionary(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<std::string> tries = {source_dir() + "/data/events/validate/" + name,
                                    shared_data_dir() + "/events/petrarch2/dictionaries/" + name};
  // PETR_Validate_agents_2_02.txt -> PETR.Validate.agents.txt
  std::string dotted = name;
  size_t v = dotted.find("_2_0");
  if (v != std::string::npos) dotted = dotted.substr(0, v) + ".txt";
  for (char& ch : dotted)
    if (ch == '_') ch = '.';
  tries.push_back(shared_data_dir() + "/events/petrarch2/dictionaries/" + dotted);
  for (const auto& t : tries)
    if (fs::exists(t)) return t;
  throw InputError(
      name, "test dictionary not found (looked in data/events/validate and shared petrarch2/dictionaries)");
}

std::unique_ptr<EventCoder> make_coder(const nlohmann::json& dicts, bool petrarch2) {
  actors::ActorDict a;
  VerbDict v;
  if (dicts.contains("Actorfile")) a.load_file(find_dictionary(dicts["Actorfile"]), actors::Kind::Actor);
  if (dicts.contains("Agentfile")) a.load_file(find_dictionary(dicts["Agentfile"]), actors::Kind::Agent);
  if (dicts.contains("Discardfile"))
    a.load_file(find_dictionary(dicts["Discardfile"]), actors::Kind::Discard);
  v.strict = false;  // PETR.Validate.verbs.txt (PETRARCH-1 era) has a few patterns dyad cannot read
  if (dicts.contains("Verbfile")) v.load_file(find_dictionary(dicts["Verbfile"]));
  auto ec = std::make_unique<EventCoder>(EventCoder::from_parts(std::move(a), std::move(v), CameoTable()));
  // PETRARCH codes only what the sentence itself names: no context country, no event nouns.
  ec->options.context_country = false;
  ec->options.event_nouns = false;
  // Negation as UD-PETRARCH does it: recoded through the records' PICO file (its negation pairs
  // are in data/events/validate/negation.tsv), else the event is not coded.
  ec->options.drop_unrecoded_negation = true;
  std::string neg = source_dir() + "/data/events/validate/negation.tsv";
  if (std::filesystem::exists(neg)) {
    NegationTable nt;
    nt.read(read_file(neg), neg);
    ec->set_negation(std::move(nt));
  }
  if (petrarch2) {
    // The PETRARCH2 records (PTB trees) expect PETRARCH-2's own behaviours; dyad's defaults differ
    // on purpose, so they are switched on here only (coder.h describes each).
    ec->options.agent_only_country = "---";
    ec->options.require_dyad = false;
    ec->options.terminal_clause_max = 8;  // PETR_config.ini: comma_emin 2, comma_emax 8
    ec->options.split_code_lists = true;
    ec->options.governing_clause_words = true;
    ec->options.agentless_passive_active = true;
    ec->options.merge_verb_blocks = true;
  }
  return ec;
}

}  // namespace

PetrarchEval eval_petrarch(const std::string& path, bool with_parses) {
  std::string text = read_file(path);
  PetrarchEval r;
  std::map<std::string, std::unique_ptr<EventCoder>> coders;
  size_t lineno = 0, b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    b = e + 1;
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(lineno);
    nlohmann::json rec;
    try {
      rec = nlohmann::json::parse(line);
    } catch (const std::exception& ex) {
      throw InputError(where, std::string("bad JSON: ") + ex.what());
    }
    ++r.records;
    if (!rec.value("evaluate", true)) {
      ++r.not_evaluated;
      continue;
    }
    std::string format = rec.value("parse_format", "");
    if (format != "conllu" && format != "ptb") {
      ++r.skipped_ptb;
      continue;
    }
    std::string key = format + rec["dictionaries"].dump();
    auto& coder = coders[key];
    if (!coder) coder = make_coder(rec["dictionaries"], format == "ptb");
    Doc doc;
    if (format == "ptb") {
      // Penn Treebank tree -> dependencies (events/ptb.h); lemmas from the lemmatizer model when
      // present, else the lower-cased form.
      // The ERROR records carry deliberately broken trees: like PETRARCH, code nothing for them.
      try {
        doc = conllu::to_doc({ptb_to_conllu(rec.value("parse", ""), where)});
      } catch (const InputError&) {
        doc = Doc();
      }
      ++r.from_ptb;
      static const std::unique_ptr<Lemmatizer> lem = [] {
        std::string m = models_dir() + "/lemmatizer.bin";
        return std::filesystem::exists(m) ? std::make_unique<Lemmatizer>(Lemmatizer::load(m)) : nullptr;
      }();
      if (lem) {
        lem->lemmatize(doc);
      } else {
        for (uint32_t i = 0; i < doc.num_tokens(); ++i) {
          std::string l(doc.token_text(i));
          for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          doc.lemma[i] = l;
        }
      }
    } else {
      doc = conllu::to_doc(conllu::parse(rec.value("parse", ""), where));
    }
    std::string date = rec.value("date", "");
    if (date.size() == 8)
      doc.published = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    doc.path = where;
    coder->code(doc);
    std::set<std::tuple<std::string, std::string, std::string>> got, want;
    for (const auto& ev : doc.events) got.emplace(ev.source.code, ev.target.code, ev.code);
    for (const auto& ex : rec["expected"])
      want.emplace(ex.value("source", ""), ex.value("target", ""), ex.value("code", ""));
    for (const auto& g : got) (want.count(g) ? r.tp : r.fp)++;
    for (const auto& w : want)
      if (!got.count(w)) r.fn++;
    bool pass = got == want;
    ++r.evaluated;
    r.passed += pass;
    auto& cat = r.by_category[rec.value("category", "?")];
    cat.first += pass;
    cat.second += 1;
    if (!pass) {
      auto fmt = [](const auto& s) {
        std::string o;
        for (const auto& [a, bb, c] : s) o += "(" + a + "," + bb + "," + c + ")";
        return o.empty() ? std::string("-") : o;
      };
      std::string line =
          rec.value("id", "?") + "\twant " + fmt(want) + "\tgot " + fmt(got) + "\t" + rec.value("text", "");
      if (with_parses) {
        // The dependency parse the record was coded from: id form lemma upos head deprel.
        for (uint32_t i = 0; i < doc.num_tokens(); ++i)
          line += "\n    " + std::to_string(i + 1) + "\t" + std::string(doc.token_text(i)) + "\t" +
                  doc.lemma[i] + "\t" + std::string(upos_name(doc.upos[i])) + "\t" +
                  std::to_string(doc.head[i] + 1) + "\t" + std::string(deprel_name(doc.deprel[i]));
      }
      r.failures.push_back(std::move(line));
    }
  }
  return r;
}

}  // namespace dyad::events
