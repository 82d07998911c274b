#include "nlp/ner.h"

#include <fmt/core.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <unordered_map>

#include "base/utf8.h"
#include "nlp/ner_rules.h"

namespace dyad {
namespace {

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return utf8proc_isupper(static_cast<utf8proc_int32_t>(decode_utf8(w, i)));
}

EntityType type_of(std::string_view name) {
  if (name == "PER") return EntityType::PER;
  if (name == "ORG") return EntityType::ORG;
  if (name == "LOC") return EntityType::LOC;
  if (name == "NORP") return EntityType::NORP;
  return EntityType::MISC;
}

}  // namespace

Ner Ner::load(const std::string& path) {
  Ner ner;
  ner.file_ = ModelFile::open(path);
  if (!ner.file_.has(kMetaSection)) throw InputError(path, "not an NER model (no ner.meta section)");
  auto meta = ner.file_.reader(kMetaSection);
  const auto version = meta.get<uint32_t>();
  if (version != kVersion)
    throw InputError(path,
                     fmt::format("NER model version {} (this build reads {}): retrain", version, kVersion));
  const auto num_types = meta.get<uint32_t>();
  if (num_types == 0 || num_types > 16) throw InputError(path, "corrupt NER model (type count)");
  for (uint32_t t = 0; t < num_types; ++t) {
    ner.type_names_.emplace_back(meta.get_string());
    ner.types_.push_back(type_of(ner.type_names_.back()));
  }
  ner.gaz_ = Gazetteer::load(ner.file_.section(kGazSection), path + ":" + std::string(kGazSection));
  auto wr = ner.file_.reader(kWeightSection);
  const auto num_labels = wr.get<uint32_t>();
  auto keys = wr.get_array<uint64_t>();
  auto rows = wr.get_array<uint32_t>();
  auto w = wr.get_array<float>();
  if (num_labels != static_cast<uint32_t>(ner_num_labels(static_cast<int>(num_types))) ||
      keys.size() != rows.size() || !std::has_single_bit(keys.size()) || w.size() % num_labels != 0)
    throw InputError(path, "corrupt NER model (weight table)");
  const size_t num_rows = w.size() / num_labels;
  for (size_t s = 0; s < keys.size(); ++s)
    if (keys[s] != 0 && rows[s] >= num_rows) throw InputError(path, "corrupt NER model (row index)");
  ner.weights_ = NerWeights(keys, rows, w, static_cast<int>(num_labels));
  return ner;
}

std::vector<NerLabelSpan> Ner::label(std::span<const std::string_view> words) const {
  // Scratch buffers per call: recognize() is const and may run on several threads.
  NerDocContext doc;
  doc.add(words);
  return label(words, doc);
}

std::vector<NerLabelSpan> Ner::label(std::span<const std::string_view> words, const NerDocContext& doc,
                                     std::span<const Upos> upos) const {
  // Scratch buffers per call: recognize() is const and may run on several threads.
  NerFeaturizer fz(&gaz_);
  std::vector<uint64_t> feats, lower, shape;
  std::vector<uint32_t> offsets;
  std::vector<int> labels;
  fz.extract(words, feats, offsets, lower, shape, &doc, upos);
  ner_decode(weights_, feats, offsets, lower, shape, labels);
  return ner_label_spans(labels);
}

void Ner::recognize(Doc& doc) const {
  const uint32_t n = doc.num_tokens();
  for (uint32_t i = 0; i < n; ++i) {
    const Span s = doc.tokens[i];
    if (s.begin > s.end || s.end > doc.text.size())
      throw InputError(doc.path, fmt::format("token {} span [{}, {}) outside the text ({} bytes)", i, s.begin,
                                             s.end, doc.text.size()));
  }
  std::vector<Sentence> sentences = doc.sentences;
  if (sentences.empty() && n > 0)
    sentences.push_back({0, n, Span{0, static_cast<uint32_t>(doc.text.size())}});
  std::vector<Entity> out;
  std::vector<std::string_view> words;
  auto sentence_words = [&](const Sentence& sent) {
    const uint32_t first = std::min(sent.first, n), last = std::min(std::max(sent.last, first), n);
    words.clear();
    for (uint32_t i = first; i < last; ++i) words.push_back(doc.token_text(i));
    return std::pair{first, last};
  };
  NerDocContext context;
  for (const Sentence& sent : sentences) {
    sentence_words(sent);
    context.add(words);
  }
  for (const Sentence& sent : sentences) {
    const auto [first, last] = sentence_words(sent);
    if (first == last) continue;
    const size_t begin = out.size();
    const std::span<const Upos> upos = doc.upos.size() == n
                                           ? std::span<const Upos>(doc.upos).subspan(first, last - first)
                                           : std::span<const Upos>{};
    for (const auto& sp : label(words, context, upos)) {
      if (sp.type < 0 || static_cast<size_t>(sp.type) >= types_.size()) continue;
      out.push_back({first + sp.first, first + sp.last, types_[static_cast<size_t>(sp.type)]});
    }
    add_norp(doc, first, last, out, begin);
  }
  if (propagate_) ner_propagate_names(doc, sentences, out);
  correct_entities(doc, &gaz_, out);
  std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });
  doc.entities = std::move(out);
}

void ner_propagate_names(const Doc& doc, const std::vector<Sentence>& sentences, std::vector<Entity>& out) {
  constexpr uint32_t kMaxLen = 6;
  auto surface = [&](uint32_t a, uint32_t b) {
    std::string s;
    for (uint32_t i = a; i < b; ++i) {
      s += doc.token_text(i);
      s += ' ';
    }
    return s;
  };
  // Votes per exact surface form (case kept: "Kerala" does not vouch for "kerala").
  std::unordered_map<std::string, std::array<uint32_t, 3>> votes;
  for (const Entity& e : out) {
    const int t = e.type == EntityType::PER   ? 0
                  : e.type == EntityType::ORG ? 1
                  : e.type == EntityType::LOC ? 2
                                              : -1;
    if (t < 0 || e.last - e.first > kMaxLen) continue;
    ++votes[surface(e.first, e.last)][static_cast<size_t>(t)];
  }
  // A person's surname alone ("Lavrov" after "Sergey Lavrov") is the same person.
  for (const Entity& e : out) {
    if (e.type != EntityType::PER || e.last - e.first < 2) continue;
    const std::string_view last = doc.token_text(e.last - 1);
    if (last.size() < 3 || !starts_upper(last)) continue;
    auto& v = votes[surface(e.last - 1, e.last)];
    if (v[1] == 0 && v[2] == 0) ++v[0];
  }
  if (votes.empty()) return;
  const uint32_t n = doc.num_tokens();
  std::vector<bool> covered(n, false);
  for (const Entity& e : out)
    for (uint32_t i = e.first; i < e.last && i < n; ++i) covered[i] = true;
  static constexpr EntityType kTypes[3] = {EntityType::PER, EntityType::ORG, EntityType::LOC};
  for (const Sentence& sent : sentences) {
    const uint32_t last = std::min(sent.last, n);
    for (uint32_t i = std::min(sent.first, n); i < last;) {
      uint32_t found = 0;
      int type = -1;
      if (!covered[i]) {
        for (uint32_t j = std::min(last, i + kMaxLen); j > i && found == 0; --j) {
          if (covered[j - 1]) continue;
          const auto it = votes.find(surface(i, j));
          if (it == votes.end()) continue;
          // Whole-span only: the neighbours must not continue a capitalised name.
          const bool glued = (i > sent.first && starts_upper(doc.token_text(i - 1)) && !covered[i - 1]) ||
                             (j < last && starts_upper(doc.token_text(j)) && !covered[j]);
          if (glued) continue;
          const auto& v = it->second;
          type = static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
          found = j;
        }
      }
      if (found != 0) {
        bool clear = true;
        for (uint32_t k = i; k < found; ++k) clear = clear && !covered[k];
        if (clear) {
          out.push_back({i, found, kTypes[type]});
          for (uint32_t k = i; k < found; ++k) covered[k] = true;
          i = found;
          continue;
        }
      }
      ++i;
    }
  }
}

void Ner::add_norp(const Doc& doc, uint32_t first, uint32_t last, std::vector<Entity>& out,
                   size_t begin) const {
  const bool have_upos = doc.upos.size() == doc.tokens.size();
  auto phrase_mask = [&](uint32_t a, uint32_t b) {
    std::string s;
    for (uint32_t i = a; i < b; ++i) {
      s += doc.token_text(i);
      s += ' ';
    }
    return gaz_.lookup(s);
  };
  // Relabel predicted entities that are exactly a demonym ("North Korean" tagged LOC).
  for (size_t e = begin; e < out.size(); ++e) {
    const uint16_t m = phrase_mask(out[e].first, out[e].last);
    if ((m & kGazDemonym) && !(m & kGazCountry)) out[e].type = EntityType::NORP;
  }
  // Longest demonym match at each position not overlapping a predicted entity.
  const size_t predicted_end = out.size();
  auto overlaps = [&](uint32_t a, uint32_t b) {
    for (size_t e = begin; e < predicted_end; ++e)
      if (out[e].first < b && a < out[e].last) return true;
    return false;
  };
  for (uint32_t i = first; i < last;) {
    uint32_t best = 0;
    if (starts_upper(doc.token_text(i))) {
      for (uint32_t j = std::min(last, i + Gazetteer::kMaxTokens); j > i; --j) {
        if ((phrase_mask(i, j) & kGazDemonym) && starts_upper(doc.token_text(j - 1))) {
          best = j;
          break;
        }
      }
    }
    if (best != 0 && have_upos) {
      const Upos u = doc.upos[best - 1];
      if (u != Upos::ADJ && u != Upos::PROPN && u != Upos::NOUN) best = 0;
    }
    if (best != 0 && !overlaps(i, best)) {
      out.push_back({i, best, EntityType::NORP});
      i = best;
    } else {
      ++i;
    }
  }
}

void write_ner_model(const std::string& path, const std::vector<std::string>& type_names,
                     const std::string& gazetteer_bytes, const std::vector<uint64_t>& keys,
                     const std::vector<float>& weights) {
  ByteWriter meta;
  meta.put<uint32_t>(Ner::kVersion);
  meta.put<uint32_t>(static_cast<uint32_t>(type_names.size()));
  for (const auto& t : type_names) meta.put_string(t);
  const auto num_labels = static_cast<uint32_t>(ner_num_labels(static_cast<int>(type_names.size())));
  std::vector<uint64_t> table_keys;
  std::vector<uint32_t> table_rows;
  build_weight_table(keys, table_keys, table_rows);
  ByteWriter w;
  w.put<uint32_t>(num_labels);
  w.put_array(table_keys);
  w.put_array(table_rows);
  w.put_array(weights);
  ModelWriter mw;
  mw.add(Ner::kMetaSection, std::move(meta.bytes()));
  mw.add(Ner::kGazSection, gazetteer_bytes);
  mw.add(Ner::kWeightSection, std::move(w.bytes()));
  mw.write(path);
}

}  // namespace dyad
