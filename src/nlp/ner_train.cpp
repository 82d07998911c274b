#include "nlp/ner_train.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <unordered_map>

#include "base/error.h"
#include "base/paths.h"
#include "nlp/ner_lexicon.h"
#include "nlp/ner_model.h"

namespace dyad {
namespace {

// Calls fn(line) for each non-empty line of a lexicon text.
template <typename Fn>
void for_lines(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty()) fn(line);
  }
}

template <typename Fn>
void for_fields(std::string_view s, char sep, Fn fn) {
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t j = s.find(sep, pos);
    if (j == std::string_view::npos) j = s.size();
    if (j > pos) fn(s.substr(pos, j - pos));
    pos = j + 1;
  }
}

// Tab-separated columns, empty ones kept.
std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  while (true) {
    const size_t j = line.find('\t', pos);
    cols.push_back(line.substr(pos, j == std::string_view::npos ? std::string_view::npos : j - pos));
    if (j == std::string_view::npos) break;
    pos = j + 1;
  }
  return cols;
}

// Gold BILOU labels of a sentence; types not in `types` become O.
std::vector<int> gold_labels(const NerSentence& s, const std::vector<std::string>& types) {
  std::vector<int> labels(s.words.size(), 0);
  for (const auto& sp : s.spans) {
    const auto it = std::find(types.begin(), types.end(), sp.type);
    if (it == types.end()) continue;
    const int t = static_cast<int>(it - types.begin());
    if (sp.last - sp.first == 1) {
      labels[sp.first] = ner_label(t, Bilou::U);
      continue;
    }
    labels[sp.first] = ner_label(t, Bilou::B);
    for (uint32_t i = sp.first + 1; i + 1 < sp.last; ++i) labels[i] = ner_label(t, Bilou::I);
    labels[sp.last - 1] = ner_label(t, Bilou::L);
  }
  return labels;
}

std::vector<std::string_view> views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

// UPOS tags of every sentence (empty vectors without a tagger).
std::vector<std::vector<Upos>> tag_sentences(const Tagger* tagger,
                                             const std::vector<NerSentence>& sentences) {
  std::vector<std::vector<Upos>> out(sentences.size());
  if (tagger == nullptr) return out;
  for_each_ner_doc(sentences, [&](Doc& doc, size_t s) {
    tagger->tag(doc);
    for (size_t k = 0; k < doc.sentences.size(); ++k) {
      const Sentence& sent = doc.sentences[k];
      out[s + k].assign(doc.upos.begin() + sent.first, doc.upos.begin() + sent.last);
    }
  });
  return out;
}

// The document context of every sentence (documents start at new_doc).
struct DocContexts {
  std::vector<NerDocContext> docs;
  std::vector<uint32_t> doc_of;  // per sentence
  const NerDocContext& of(size_t sentence) const { return docs[doc_of[sentence]]; }
};
DocContexts doc_contexts(const std::vector<NerSentence>& sentences) {
  DocContexts d;
  for (const auto& s : sentences) {
    if (s.new_doc || d.docs.empty()) d.docs.emplace_back();
    d.docs.back().add(views(s.words));
    d.doc_of.push_back(static_cast<uint32_t>(d.docs.size() - 1));
  }
  return d;
}

// Featurised sentence kept in memory for all epochs.
struct Example {
  std::vector<uint32_t> rows;  // static feature rows, per word at [offsets[i], offsets[i+1])
  std::vector<uint32_t> offsets;
  std::vector<uint64_t> lower, shape;
  std::vector<int> gold;
};

class Trainer {
 public:
  explicit Trainer(int num_labels) : num_labels_(num_labels) {}

  uint32_t row(uint64_t key) {
    auto [it, fresh] = row_of_.try_emplace(key, static_cast<uint32_t>(keys_.size()));
    if (fresh) {
      keys_.push_back(key);
      w_.resize(w_.size() + num_labels_, 0.0f);
      total_.resize(total_.size() + num_labels_, 0.0);
      stamp_.resize(stamp_.size() + num_labels_, 0);
    }
    return it->second;
  }
  const uint32_t* find(uint64_t key) const {
    auto it = row_of_.find(key);
    return it == row_of_.end() ? nullptr : &it->second;
  }

  // One pass of the structured perceptron over the examples in the given order: Viterbi-decode
  // each sentence, then move weights from the predicted path's features to the gold path's.
  void epoch(const std::vector<Example>& examples, const std::vector<size_t>& order) {
    std::vector<float> scores;
    std::vector<int> pred;
    std::vector<uint64_t> hist;
    const auto L = static_cast<size_t>(num_labels_);
    for (size_t idx : order) {
      const Example& ex = examples[idx];
      const size_t n = ex.gold.size();
      ++t_;
      scores.assign(n * L, 0.0f);
      for (size_t i = 0; i < n; ++i)
        for (uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k)
          add_row(ex.rows[k], scores.data() + i * L);
      ner_viterbi(
          num_labels_, scores, ex.lower, ex.shape,
          [this](uint64_t f) -> const float* {
            const uint32_t* r = find(f);
            return r ? w_.data() + static_cast<size_t>(*r) * num_labels_ : nullptr;
          },
          pred);
      for (size_t i = 0; i < n; ++i) {
        const int g = ex.gold[i], p = pred[i];
        const int gprev = i ? ex.gold[i - 1] : -1, pprev = i ? pred[i - 1] : -1;
        if (g == p && gprev == pprev) continue;
        if (g != p) {
          for (uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
            update(ex.rows[k], g, 1.0f);
            update(ex.rows[k], p, -1.0f);
          }
        }
        hist.clear();
        NerFeaturizer::history(gprev, ex.lower[i], ex.shape[i], hist);
        for (uint64_t f : hist) update(row(f), g, 1.0f);
        hist.clear();
        NerFeaturizer::history(pprev, ex.lower[i], ex.shape[i], hist);
        for (uint64_t f : hist) update(row(f), p, -1.0f);
      }
    }
  }

  // Averaged weights as of now.
  std::vector<float> averaged() const {
    std::vector<float> avg(w_.size());
    const double t = std::max<uint64_t>(t_, 1);
    for (size_t i = 0; i < w_.size(); ++i)
      avg[i] = static_cast<float>((total_[i] + static_cast<double>(t_ - stamp_[i]) * w_[i]) / t);
    return avg;
  }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  void add_row(uint32_t r, float* scores) const {
    const float* p = w_.data() + static_cast<size_t>(r) * num_labels_;
    for (int l = 0; l < num_labels_; ++l) scores[l] += p[l];
  }
  void update(uint32_t r, int label, float delta) {
    const size_t i = static_cast<size_t>(r) * num_labels_ + label;
    total_[i] += static_cast<double>(t_ - stamp_[i]) * w_[i];
    stamp_[i] = t_;
    w_[i] += delta;
  }

  int num_labels_;
  uint64_t t_ = 0;
  std::unordered_map<uint64_t, uint32_t> row_of_;
  std::vector<uint64_t> keys_;
  std::vector<float> w_;
  std::vector<double> total_;
  std::vector<uint64_t> stamp_;
};

// Mean of the trainers' averaged weights over the union of their feature keys.
void mean_weights(const std::vector<Trainer>& trainers, int num_labels, std::vector<uint64_t>& keys,
                  std::vector<float>& w) {
  keys.clear();
  w.clear();
  std::unordered_map<uint64_t, uint32_t> row_of;
  const auto L = static_cast<size_t>(num_labels);
  const float scale = 1.0f / static_cast<float>(trainers.size());
  for (const Trainer& t : trainers) {
    const std::vector<float> avg = t.averaged();
    for (size_t r = 0; r < t.keys().size(); ++r) {
      auto [it, fresh] = row_of.try_emplace(t.keys()[r], static_cast<uint32_t>(keys.size()));
      if (fresh) {
        keys.push_back(t.keys()[r]);
        w.resize(w.size() + L, 0.0f);
      }
      float* dst = w.data() + static_cast<size_t>(it->second) * L;
      for (size_t l = 0; l < L; ++l) dst[l] += scale * avg[r * L + l];
    }
  }
}

// F1 of weights on featurised dev sentences (no NORP layer: dev has no NORP).
double dev_f1(const NerWeights& w, const std::vector<NerSentence>& dev,
              const std::vector<std::vector<Upos>>& upos, const NerFeaturizer& fz,
              const std::vector<std::string>& types) {
  NerScore score;
  std::vector<uint64_t> feats, lower, shape;
  std::vector<uint32_t> offsets;
  std::vector<int> labels;
  const auto contexts = doc_contexts(dev);
  for (size_t k = 0; k < dev.size(); ++k) {
    const NerSentence& s = dev[k];
    const auto words = views(s.words);
    fz.extract(words, feats, offsets, lower, shape, &contexts.of(k), upos[k]);
    ner_decode(w, feats, offsets, lower, shape, labels);
    std::vector<NerSpan> pred;
    for (const auto& sp : ner_label_spans(labels)) pred.push_back({sp.first, sp.last, types[sp.type]});
    score.add(s.spans, pred);
  }
  return score.overall.f1();
}

// IOB2 tags of spans over n words.
std::vector<std::string> iob2_tags(size_t n, const std::vector<NerSpan>& spans) {
  std::vector<std::string> tags(n, "O");
  for (const auto& sp : spans)
    for (uint32_t i = sp.first; i < sp.last && i < n; ++i) tags[i] = (i == sp.first ? "B-" : "I-") + sp.type;
  return tags;
}

void append_dump(const NerSentence& s, const std::vector<NerSpan>& pred, std::string& out) {
  const auto g = iob2_tags(s.words.size(), s.spans), p = iob2_tags(s.words.size(), pred);
  for (size_t i = 0; i < s.words.size(); ++i) out += fmt::format("{}\t{}\t{}\n", s.words[i], g[i], p[i]);
  out += '\n';
}

// Names from a dyad actor dictionary (data/actors/phoenix.tsv: "E<TAB>A<TAB>NAME_<TAB>code<TAB>
// ...<TAB>roles" entries, each followed by "P<TAB>synonym" lines). An actor with dated roles
// ("USAGOV@2009...") is a person: its names go in kGazPerson and its first word in kGazFirstName.
// Other actors (organisations, bodies, territories) whose code is longer than a country code go in
// kGazActor. Words are upper case joined by '_' in the file.
void add_actors(std::string_view data, GazetteerBuilder& g) {
  uint16_t current = 0;  // category of the entry the P lines belong to
  auto clean = [](std::string_view name) {
    std::string out;
    for (char c : name) {
      if (c == '_') c = ' ';
      if (c == '"') continue;
      out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  auto add = [&](std::string_view raw) {
    const std::string name = clean(raw);
    if (name.empty()) return;
    g.add(name, current);
    if (current == kGazPerson) {
      const size_t sp = name.find(' ');
      if (sp != std::string::npos && sp > 1) g.add(std::string_view(name).substr(0, sp), kGazFirstName);
    }
  };
  for_lines(data, [&](std::string_view line) {
    if (line.starts_with("E\t")) {
      const auto cols = split_tabs(line);
      current = 0;
      if (cols.size() < 4 || cols[1] != "A") return;
      const bool person = cols.size() >= 6 && cols[5].find('@') != std::string_view::npos;
      if (person)
        current = kGazPerson;
      else if (cols[3].size() > 3)
        current = kGazActor;
      if (current != 0) add(cols[2]);
    } else if (line.starts_with("P\t") && current != 0) {
      std::string_view syn = line.substr(2);
      // Skip "MR OBAMA"-style synonyms: a title and a surname is not a full name.
      if (current == kGazPerson &&
          (syn.starts_with("MR ") || syn.starts_with("MR. ") || syn.starts_with("MRS ") ||
           syn.starts_with("MS ") || syn.starts_with("DR ")))
        return;
      add(syn);
    }
  });
}

}  // namespace

GazetteerBuilder build_ner_gazetteer(const NerTrainOptions& opt, const std::vector<NerSentence>& sentences) {
  GazetteerBuilder g;
  for_lines(ner_lexicon::countries(), [&](std::string_view line) {
    const size_t bar = line.find('|');
    for_fields(line.substr(0, bar), ';', [&](std::string_view f) { g.add(f, kGazCountry); });
    if (bar != std::string_view::npos)
      for_fields(line.substr(bar + 1), ';', [&](std::string_view f) { g.add(f, kGazDemonym); });
  });
  for_lines(ner_lexicon::regions(), [&](std::string_view l) { g.add(l, kGazRegion); });
  for_lines(ner_lexicon::org_keywords(), [&](std::string_view l) { g.add(l, kGazOrgKeyword); });
  for_lines(ner_lexicon::person_titles(), [&](std::string_view l) { g.add(l, kGazPersonTitle); });
  for_lines(ner_lexicon::organisations(), [&](std::string_view l) { g.add(l, kGazOrganisation); });
  if (!opt.cities.empty()) {
    const std::string data = read_maybe_gz(opt.cities);
    size_t line_no = 0;
    for_lines(data, [&](std::string_view line) {
      if (++line_no == 1) return;  // header
      const auto cols = split_tabs(line);
      // cityId name country altCountry muni muniSub featureCode adminCode population lon lat
      if (cols.size() < 9) return;
      long pop = 0;
      for (char c : cols[8]) {
        if (c < '0' || c > '9') return;
        pop = pop * 10 + (c - '0');
      }
      if (pop >= opt.min_population) g.add(cols[1], kGazCity);
    });
  }
  if (!opt.admin1.empty()) {
    const std::string data = read_maybe_gz(opt.admin1);
    for_lines(data, [&](std::string_view line) {
      const auto cols = split_tabs(line);
      if (cols.size() < 3) return;
      for (std::string_view name : {cols[1], cols[2]}) {
        g.add(name, kGazAdmin1);
        // "Kursk Oblast" -> also "Kursk"; "Province of X" forms are left alone.
        for (std::string_view suffix : {" Oblast", " Province", " Region", " Governorate", " State", " Krai",
                                        " Republic", " Prefecture", " County", " District"}) {
          if (name.size() > suffix.size() && name.ends_with(suffix))
            g.add(name.substr(0, name.size() - suffix.size()), kGazAdmin1);
        }
      }
    });
  }
  if (!opt.actors.empty()) add_actors(read_maybe_gz(opt.actors), g);
  for (const auto& path : opt.first_names) {
    const std::string data = read_maybe_gz(path);
    for_lines(data, [&](std::string_view line) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line[0] != '#') g.add(line, kGazFirstName);
    });
  }
  // Common words: seen in lowercase outside entities in the training text (an entity written in
  // lowercase, "kerala", must not make its name look like a common word).
  for (const auto& s : sentences) {
    std::vector<bool> in_entity(s.words.size(), false);
    for (const auto& sp : s.spans)
      for (uint32_t i = sp.first; i < sp.last && i < s.words.size(); ++i) in_entity[i] = true;
    for (size_t i = 0; i < s.words.size(); ++i) {
      if (in_entity[i]) continue;
      const std::string& w = s.words[i];
      const bool has_lower_letter =
          std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      const bool has_upper = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (has_lower_letter && !has_upper) g.add(w, kGazLowerWord);
    }
  }
  return g;
}

NerTrainResult train_ner(const NerTrainOptions& opt, const std::function<void(std::string_view)>& log) {
  std::vector<NerSentence> train = read_ner_file(opt.train);
  NerReadOptions extra_opt;
  extra_opt.rename["MISC"] = "";
  for (const auto& path : opt.extra) {
    auto more = read_ner_file(path, extra_opt);
    log(fmt::format("extra {}: {} sentences", path, more.size()));
    train.insert(train.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  if (train.empty()) throw InputError(opt.train, "no training sentences");
  const std::vector<NerSentence> dev = opt.dev.empty() ? std::vector<NerSentence>{} : read_ner_file(opt.dev);

  // Types: PER, ORG, LOC first, then anything else in the data, sorted.
  std::vector<std::string> types = {"PER", "ORG", "LOC"};
  for (const auto& s : train)
    for (const auto& sp : s.spans)
      if (std::find(types.begin(), types.end(), sp.type) == types.end()) types.push_back(sp.type);
  std::sort(types.begin() + 3, types.end());
  const int num_labels = ner_num_labels(static_cast<int>(types.size()));

  std::optional<Tagger> tagger;
  if (!opt.tagger.empty()) tagger = Tagger::load(opt.tagger);
  const auto dev_upos = tag_sentences(tagger ? &*tagger : nullptr, dev);
  GazetteerBuilder gb = build_ner_gazetteer(opt, train);
  const std::string gaz_bytes = gb.serialize();
  const Gazetteer gaz = Gazetteer::load(gaz_bytes, "gazetteer");
  log(fmt::format("{} training sentences, {} dev, {} gazetteer entries, types {}", train.size(), dev.size(),
                  gaz.size(), fmt::format("{}", fmt::join(types, ","))));

  // Featurise once; keep only static features seen min_count times.
  NerFeaturizer fz(&gaz);
  std::vector<std::vector<uint64_t>> all_feats(train.size());
  std::vector<Example> examples(train.size());
  std::unordered_map<uint64_t, uint32_t> counts;
  {
    const auto contexts = doc_contexts(train);
    const auto train_upos = tag_sentences(tagger ? &*tagger : nullptr, train);
    for (size_t s = 0; s < train.size(); ++s) {
      const auto words = views(train[s].words);
      fz.extract(words, all_feats[s], examples[s].offsets, examples[s].lower, examples[s].shape,
                 &contexts.of(s), train_upos[s]);
      examples[s].gold = gold_labels(train[s], types);
      for (uint64_t f : all_feats[s]) ++counts[f];
    }
  }
  Trainer trainer(num_labels);
  for (size_t s = 0; s < train.size(); ++s) {
    Example& ex = examples[s];
    std::vector<uint32_t> offsets(1, 0);
    for (size_t i = 0; i + 1 < ex.offsets.size(); ++i) {
      for (uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
        const uint64_t f = all_feats[s][k];
        if (counts[f] >= static_cast<uint32_t>(opt.min_count)) ex.rows.push_back(trainer.row(f));
      }
      offsets.push_back(static_cast<uint32_t>(ex.rows.size()));
    }
    ex.offsets = std::move(offsets);
    std::vector<uint64_t>().swap(all_feats[s]);
  }
  log(fmt::format("{} distinct static features, {} kept (count >= {})", counts.size(), trainer.keys().size(),
                  opt.min_count));
  counts.clear();

  // An ensemble of `bags` perceptrons that differ only in the order they see the sentences; the
  // model is the mean of their averaged weights (less variance than any one of them).
  const int bags = std::max(1, opt.bags);
  std::vector<Trainer> trainers(static_cast<size_t>(bags), trainer);
  std::vector<std::vector<size_t>> orders(trainers.size(), std::vector<size_t>(examples.size()));
  std::vector<std::mt19937_64> rngs;
  for (size_t b = 0; b < trainers.size(); ++b) {
    std::iota(orders[b].begin(), orders[b].end(), 0);
    rngs.emplace_back(opt.seed + 7919 * b);
  }
  NerTrainResult result;
  std::vector<float> best_w;
  std::vector<uint64_t> best_keys;
  for (int e = 1; e <= opt.epochs; ++e) {
    for (size_t b = 0; b < trainers.size(); ++b) {
      std::shuffle(orders[b].begin(), orders[b].end(), rngs[b]);
      trainers[b].epoch(examples, orders[b]);
    }
    std::vector<uint64_t> ens_keys;
    std::vector<float> avg;
    mean_weights(trainers, num_labels, ens_keys, avg);
    double f1 = 0;
    if (!dev.empty()) {
      std::vector<uint64_t> tk;
      std::vector<uint32_t> tr;
      build_weight_table(ens_keys, tk, tr);
      f1 = dev_f1(NerWeights(tk, tr, avg, num_labels), dev, dev_upos, fz, types);
    }
    log(fmt::format("epoch {:2d}: dev F1 {:.2f}", e, f1));
    if (dev.empty() || f1 > result.dev_f1 || best_w.empty()) {
      result.dev_f1 = f1;
      result.best_epoch = e;
      best_w = std::move(avg);
      best_keys = std::move(ens_keys);
    }
  }
  // Drop rows whose weights are all negligible.
  std::vector<uint64_t> keys;
  std::vector<float> weights;
  for (size_t r = 0; r < best_keys.size(); ++r) {
    const float* p = best_w.data() + r * num_labels;
    float mx = 0;
    for (int l = 0; l < num_labels; ++l) mx = std::max(mx, std::fabs(p[l]));
    if (mx < 1e-3f) continue;
    keys.push_back(best_keys[r]);
    weights.insert(weights.end(), p, p + num_labels);
  }
  result.features = keys.size();
  result.gazetteer_entries = gaz.size();
  write_ner_model(opt.out, types, gaz_bytes, keys, weights);
  log(fmt::format("best epoch {} (dev F1 {:.2f}); {} weight rows -> {}", result.best_epoch, result.dev_f1,
                  keys.size(), opt.out));
  return result;
}

void for_each_ner_doc(const std::vector<NerSentence>& gold, const std::function<void(Doc&, size_t)>& fn) {
  size_t s = 0;
  while (s < gold.size()) {
    size_t e = s + 1;
    while (e < gold.size() && !gold[e].new_doc) ++e;
    Doc doc;
    doc.path = "eval";
    for (size_t k = s; k < e; ++k) {
      Sentence sent;
      sent.first = doc.num_tokens();
      sent.span.begin = static_cast<uint32_t>(doc.text.size());
      for (const auto& w : gold[k].words) {
        if (!doc.text.empty()) doc.text += ' ';
        const auto b = static_cast<uint32_t>(doc.text.size());
        doc.text += w;
        doc.tokens.push_back({b, static_cast<uint32_t>(doc.text.size())});
      }
      sent.last = doc.num_tokens();
      sent.span.end = static_cast<uint32_t>(doc.text.size());
      doc.sentences.push_back(sent);
    }
    fn(doc, s);
    s = e;
  }
}

NerScore evaluate_ner(const Ner& ner, const std::vector<NerSentence>& gold, std::string* dump,
                      const Tagger* tagger) {
  NerScore score;
  // One Doc per gold document (so document-level behaviour is exercised as in production).
  for_each_ner_doc(gold, [&](Doc& doc, size_t s) {
    if (tagger != nullptr) tagger->tag(doc);
    ner.recognize(doc);
    size_t ei = 0;
    for (size_t k = s; k < s + doc.sentences.size(); ++k) {
      const Sentence& sent = doc.sentences[k - s];
      std::vector<NerSpan> pred;
      for (; ei < doc.entities.size() && doc.entities[ei].first < sent.last; ++ei) {
        const Entity& en = doc.entities[ei];
        pred.push_back({en.first - sent.first, en.last - sent.first, std::string(entity_type_name(en.type))});
      }
      score.add(gold[k].spans, pred, {"NORP"});
      if (dump != nullptr) append_dump(gold[k], pred, *dump);
    }
  });
  return score;
}

}  // namespace dyad
