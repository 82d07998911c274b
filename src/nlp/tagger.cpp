#include "nlp/tagger.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <unordered_map>

#include "base/error.h"
#include "base/hash.h"
#include "nlp/wordnet.h"

namespace dyad {
namespace {

using features::WordInfo;
using perceptron::FeatureKey;

constexpr uint32_t kMaxClasses = 250;        // classes are stored in u8 arrays with room for pads
constexpr int kPad = 2;                      // padding positions on each side of a sentence
constexpr int kMaxFeatures = 64;             // >= the templates of every feature set (extract)
constexpr uint32_t kMetaMagic = 0x54414731;  // "1GAT"
constexpr uint32_t kTitleLike = features::kTitle | features::kAllUpper;

// The word maps a sentence is prepared with.
struct Maps {
  const features::FrozenMap* amb;   // lowercase form -> ambiguity class
  const features::FrozenMap* famb;  // exact form -> ambiguity class
  const features::FrozenMap* lex;   // lowercase form -> lexicon bits
};

// A sentence ready for tagging: per-position word hashes and ambiguity classes, padded with
// kPad sentinel positions on each side so templates never test bounds.
struct Sent {
  std::vector<WordInfo> w;
  std::vector<uint64_t> amb;
  std::vector<uint32_t> lex;   // WordNet lexicon mask (wordnet::LexBits), 0 = not in the lexicon
  std::vector<uint32_t> sen;   // hash of the word's WordNet lexicographer files, 0 = none
  std::vector<uint32_t> famb;  // ambiguity class of the exact (cased) form, 1 = unknown
  std::vector<uint32_t> run;   // the capitalised run the word is in (see finish()), 0 = none
  uint32_t n = 0;
  void reset(uint32_t len) {
    n = len;
    w.resize(len + 2 * kPad);
    amb.resize(len + 2 * kPad);
    lex.resize(len + 2 * kPad);
    sen.resize(len + 2 * kPad);
    famb.resize(len + 2 * kPad);
    run.assign(len + 2 * kPad, 0);
    for (int k = 0; k < kPad; ++k) {
      lex[k] = 1u << 30;
      lex[len + kPad + k] = 1u << 31;
      sen[k] = 1;
      sen[len + kPad + k] = 2;
      famb[k] = 0x5B5B;
      famb[len + kPad + k] = 0xB5B5;
      w[k] = features::pad_info(-1);
      w[len + kPad + k] = features::pad_info(+1);
      amb[k] = 0x5A5A;
      amb[len + kPad + k] = 0xA5A5;
    }
  }
  // Fills position i (0-based token index) from its form.
  void set(uint32_t i, std::string_view form, const Maps& maps, std::string& scratch) {
    WordInfo& wi = w[i + kPad];
    features::word_info(form, scratch, &wi);
    set_maps(i, maps);
  }
  // After every position is set: for each word with a capital letter, its run of consecutive
  // such words as (length up to 4) | (position: 1 alone, 2 first, 3 inside, 4 last) << 4 |
  // (run starts the sentence) << 8 | (share of capitalised words in the sentence, 0..3) << 12.
  void finish() {
    uint32_t caps = 0;
    for (uint32_t i = 0; i < n; ++i) caps += (w[i + kPad].flags & features::kHasUpper) != 0;
    const uint32_t share = n ? 4 * caps / (n + 1) : 0;
    for (uint32_t i = 0; i < n;) {
      if (!(w[i + kPad].flags & features::kHasUpper)) {
        ++i;
        continue;
      }
      uint32_t j = i;
      while (j < n && (w[j + kPad].flags & features::kHasUpper)) ++j;
      const uint32_t len = j - i;
      for (uint32_t k = i; k < j; ++k) {
        const uint32_t pos = len == 1 ? 1 : k == i ? 2 : k + 1 == j ? 4 : 3;
        run[k + kPad] = std::min<uint32_t>(len, 4) | pos << 4 | (i == 0) << 8 | share << 12;
      }
      i = j;
    }
  }
  void set_maps(uint32_t i, const Maps& maps) {
    const WordInfo& wi = w[i + kPad];
    uint32_t a = 0;
    amb[i + kPad] = maps.amb->find(wi.lower, &a) ? a : 1;  // 1 = unknown word
    famb[i + kPad] = maps.famb->find(wi.form, &a) ? a : 1;
    const features::FrozenMap& lex_map = *maps.lex;
    lex[i + kPad] = lex_map.find(wi.lower, &a) ? a : 0;
    sen[i + kPad] = lex[i + kPad] >> wordnet::kSenseShift;
    lex[i + kPad] &= (1u << wordnet::kSenseShift) - 1;
  }
};

// The feature templates. `w`, `amb` and `lex` point at the current token (w[-2..+2] are valid);
// p1, p2 are the classes predicted for the two previous tokens in decoding order (pads:
// num_classes, +1). D is the decoding direction: +1 left to right, -1 right to left, so w[-D] is
// always the word tagged just before this one.
template <int D>
int extract(const WordInfo* w, const uint64_t* amb, const uint32_t* lex, const uint32_t* sen,
            const uint32_t* famb, const uint32_t* run, uint32_t p1, uint32_t p2, bool first, uint32_t fs,
            uint64_t* f) {
  const WordInfo& c = w[0];
  int n = 0;
  f[n++] = FeatureKey(1);
  f[n++] = FeatureKey(2, c.lower);
  f[n++] = FeatureKey(3, c.form);
  for (int k = 0; k < 4; ++k) f[n++] = FeatureKey(4 + k, c.suf[k]);
  for (int k = 0; k < 3; ++k) f[n++] = FeatureKey(8 + k, c.pre[k]);
  f[n++] = FeatureKey(11, c.shape);
  f[n++] = FeatureKey(12, p1);
  f[n++] = FeatureKey(13, p1, p2);
  f[n++] = FeatureKey(14, p1, c.lower);
  f[n++] = FeatureKey(15, w[-D].lower);
  f[n++] = FeatureKey(16, w[-D].suf[2]);
  f[n++] = FeatureKey(17, w[-2 * D].lower);
  f[n++] = FeatureKey(18, w[D].lower);
  f[n++] = FeatureKey(19, w[D].suf[2]);
  f[n++] = FeatureKey(20, w[2 * D].lower);
  f[n++] = FeatureKey(21, w[-D].lower, c.lower);
  f[n++] = FeatureKey(22, c.lower, w[D].lower);
  f[n++] = FeatureKey(23, w[D].shape);
  f[n++] = FeatureKey(24, w[-D].shape);
  f[n++] = FeatureKey(25, amb[0]);
  f[n++] = FeatureKey(26, amb[D]);
  f[n++] = FeatureKey(27, amb[0], amb[D]);
  f[n++] = FeatureKey(28, p1, amb[0]);
  f[n++] = FeatureKey(29, c.flags, first);
  f[n++] = FeatureKey(30, p1, c.suf[2]);
  f[n++] = FeatureKey(31, amb[2 * D]);
  f[n++] = FeatureKey(32, p2);
  f[n++] = FeatureKey(33, amb[-D], amb[0], amb[D]);
  f[n++] = FeatureKey(34, c.shape, w[D].shape);
  f[n++] = FeatureKey(35, w[-D].lower, w[D].lower);
  f[n++] = FeatureKey(36, p1, w[D].lower);
  f[n++] = FeatureKey(37, c.suf[2], amb[D]);
  f[n++] = FeatureKey(38, w[D].lower, w[2 * D].lower);
  f[n++] = FeatureKey(39, p1, p2, amb[0]);
  f[n++] = FeatureKey(40, w[-D].flags, c.flags, w[D].flags);
  if (fs & kFeatLex) {  // WordNet lexicon classes of the word and its neighbours
    f[n++] = FeatureKey(41, lex[0]);
    f[n++] = FeatureKey(42, lex[0], c.suf[1]);
    f[n++] = FeatureKey(43, lex[D]);
    f[n++] = FeatureKey(44, lex[-D], lex[0]);
    f[n++] = FeatureKey(45, lex[0], c.flags, first);
  }
  if (fs & kFeatNames) {  // capitalised words in a row: name or common noun?
    constexpr uint32_t kCase =
        wordnet::kCapitalised | wordnet::kLowercase | wordnet::kInstance | wordnet::kFirstName;
    f[n++] = FeatureKey(
        46, (w[-D].flags & kTitleLike) | (c.flags & kTitleLike) << 8 | (w[D].flags & kTitleLike) << 16,
        lex[0] & kCase, first);
    f[n++] = FeatureKey(47, p1, c.flags, lex[0] & kCase);
    f[n++] = FeatureKey(48, lex[-D] & kCase, lex[0] & kCase, lex[D] & kCase);
  }
  if (fs & kFeatLexWide) {
    f[n++] = FeatureKey(49, lex[D], lex[2 * D]);
    f[n++] = FeatureKey(50, p1, lex[D]);
    f[n++] = FeatureKey(51, lex[-2 * D], lex[-D]);
  }
  if (fs & kFeatSenses) {  // WordNet lexicographer files (noun.person, verb.motion, ...) as word classes
    f[n++] = FeatureKey(52, sen[0]);
    f[n++] = FeatureKey(53, sen[0], c.flags & kTitleLike);
    f[n++] = FeatureKey(54, sen[-D], sen[0]);
    f[n++] = FeatureKey(55, sen[D]);
  }
  if (fs & kFeatFormAmb) {  // ambiguity classes of the exact forms ("May" vs "may", "Bank" vs "bank")
    f[n++] = FeatureKey(56, famb[0]);
    f[n++] = FeatureKey(57, famb[0], famb[D]);
    f[n++] = FeatureKey(58, p1, famb[0]);
  }
  if (fs & kFeatCapRun) {  // the run of capitalised words around the word
    constexpr uint32_t kCase =
        wordnet::kCapitalised | wordnet::kLowercase | wordnet::kInstance | wordnet::kFirstName;
    f[n++] = FeatureKey(59, run[0]);
    f[n++] = FeatureKey(60, run[0] & 0xFFF, p1);
    f[n++] = FeatureKey(61, run[0] & 0xFFF, lex[0] & kCase);
    f[n++] = FeatureKey(62, run[0] & 0xFFF, amb[0]);
  }
  return n;
}

// Tags one prepared sentence greedily. `choose(keys, nkeys, position)` returns the class for a
// position that the dictionary does not settle (prediction: argmax; training: argmax + update).
template <typename Choose>
void decode(const Sent& s, const features::FrozenMap& dict, uint32_t num_classes, uint32_t fs, uint8_t* out,
            Choose&& choose) {
  uint32_t p1 = num_classes, p2 = num_classes + 1;
  uint64_t f[kMaxFeatures];
  const bool r2l = fs & kFeatRightToLeft;
  for (uint32_t k = 0; k < s.n; ++k) {
    const uint32_t i = r2l ? s.n - 1 - k : k;
    const WordInfo* w = &s.w[i + kPad];
    uint32_t cls;
    if (!dict.find(w->form, &cls)) {
      const size_t at = i + kPad;
      const int nf = r2l ? extract<-1>(w, &s.amb[at], &s.lex[at], &s.sen[at], &s.famb[at], &s.run[at], p1, p2,
                                       i == 0, fs, f)
                         : extract<1>(w, &s.amb[at], &s.lex[at], &s.sen[at], &s.famb[at], &s.run[at], p1, p2,
                                      i == 0, fs, f);
      cls = choose(std::span<const uint64_t>(f, nf), i);
    }
    out[i] = static_cast<uint8_t>(cls);
    p2 = p1;
    p1 = cls;
  }
}

struct ClassTable {
  std::vector<Upos> upos;
  std::vector<uint8_t> xpos;
  std::map<std::pair<int, int>, uint32_t> index;
  uint32_t find(Upos u, uint8_t x) const {
    auto it = index.find({static_cast<int>(u), x});
    return it == index.end() ? UINT32_MAX : it->second;
  }
};

Upos upos_of(const conllu::Word& w) {
  Upos u = Upos::X;
  parse_upos(w.upos, &u);
  return u;
}

// Reads a section written as ByteWriter bytes kept alive by the caller.
template <typename T>
T read_from(const std::string& bytes, const char* what) {
  ByteReader r(bytes, what);
  return T::read(r);
}

}  // namespace

struct Tagger::Impl {
  static void read_meta(Tagger& t, ByteReader r) {
    if (r.get<uint32_t>() != kMetaMagic) throw InputError("", "tagger.meta: bad magic");
    auto up = r.get_array<uint8_t>();
    auto xp = r.get_array<uint8_t>();
    if (up.size() != xp.size() || up.empty() || up.size() > kMaxClasses)
      throw InputError("", "tagger.meta: bad class table");
    for (size_t i = 0; i < up.size(); ++i) {
      if (up[i] >= static_cast<uint8_t>(Upos::kCount)) throw InputError("", "tagger.meta: bad UPOS id");
      t.upos_.push_back(static_cast<Upos>(up[i]));
      t.xpos_.push_back(xp[i]);
    }
    if (!r.done()) t.feature_set_ = r.get<uint32_t>();  // absent in older models: base templates only
  }
};

Tagger Tagger::load(const std::string& path) {
  Tagger t;
  auto file = std::make_shared<ModelFile>(ModelFile::open(path));
  try {
    Impl::read_meta(t, file->reader("tagger.meta"));
    auto wr = file->reader("tagger.weights");
    t.weights_ = perceptron::Model::read(wr);
    auto dr = file->reader("tagger.dict");
    t.dict_ = features::FrozenMap::read(dr);
    auto ar = file->reader("tagger.amb");
    t.amb_ = features::FrozenMap::read(ar);
    if (file->has("tagger.famb")) {
      auto fr = file->reader("tagger.famb");
      t.famb_ = features::FrozenMap::read(fr);
    }
    if (file->has("tagger.lex")) {  // models trained without a lexicon have none
      auto lr = file->reader("tagger.lex");
      t.lex_ = features::FrozenMap::read(lr);
    }
  } catch (const InputError& e) {
    if (e.where().empty()) throw InputError(path, e.what());
    throw;
  }
  if (t.weights_.num_classes() != t.upos_.size()) throw InputError(path, "tagger: class count mismatch");
  t.file_ = std::move(file);
  return t;
}

void Tagger::tag(Doc& doc) const {
  const uint32_t n = doc.num_tokens();
  doc.upos.assign(n, Upos::X);
  doc.xpos.assign(n, kUnknownLabel);
  if (n == 0 || upos_.empty()) return;
  const auto nc = static_cast<uint32_t>(upos_.size());

  Sent s;
  std::string scratch;
  std::vector<uint8_t> out;
  std::array<float, kMaxClasses> scores{};
  auto run = [&](uint32_t first, uint32_t last) {
    if (first >= last) return;
    s.reset(last - first);
    for (uint32_t i = first; i < last; ++i) {
      const Span sp = doc.tokens[i];
      std::string_view form;
      if (sp.begin <= sp.end && sp.end <= doc.text.size()) form = doc.token_text(i);
      s.set(i - first, form, Maps{&amb_, &famb_, &lex_}, scratch);
    }
    if (feature_set_ & kFeatCapRun) s.finish();
    out.resize(last - first);
    decode(s, dict_, nc, feature_set_, out.data(), [&](std::span<const uint64_t> keys, uint32_t) {
      weights_.score(keys, scores.data());
      return perceptron::argmax(scores.data(), nc);
    });
    for (uint32_t i = first; i < last; ++i) {
      const uint32_t c = std::min<uint32_t>(out[i - first], nc - 1);  // dict values from the file
      doc.upos[i] = upos_[c];
      doc.xpos[i] = xpos_[c];
    }
  };
  // Sentences in order; gaps between them (and malformed ranges) become sentences of their own.
  uint32_t next = 0;
  for (const Sentence& sent : doc.sentences) {
    const uint32_t first = std::max(sent.first, next), last = std::min(sent.last, n);
    if (first >= last) continue;
    run(next, first);
    run(first, last);
    next = last;
  }
  run(next, n);
}

void Tagger::train(const std::vector<conllu::Sentence>& train, const std::vector<conllu::Sentence>& dev,
                   const TaggerTrainOptions& opt, ModelWriter& writer) {
  auto log = [&](const std::string& m) {
    if (opt.log) opt.log(m);
  };
  // --- classes: (UPOS, XPOS) pairs by descending frequency (ties by ids), deterministic.
  std::map<std::pair<int, int>, size_t> pair_count;
  for (const auto& s : train)
    for (const auto& w : s.words) ++pair_count[{static_cast<int>(upos_of(w)), xpos_id(w.xpos)}];
  std::vector<std::pair<std::pair<int, int>, size_t>> pairs(pair_count.begin(), pair_count.end());
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (pairs.empty()) throw InputError("", "tagger training: no training words");
  if (pairs.size() > kMaxClasses) throw InputError("", "tagger training: too many (UPOS, XPOS) pairs");
  ClassTable ct;
  for (const auto& [p, c] : pairs) {
    ct.index[p] = static_cast<uint32_t>(ct.upos.size());
    ct.upos.push_back(static_cast<Upos>(p.first));
    ct.xpos.push_back(static_cast<uint8_t>(p.second));
  }
  const auto nc = static_cast<uint32_t>(ct.upos.size());

  // --- dictionaries from word counts.
  std::string scratch;
  std::unordered_map<uint64_t, std::vector<uint32_t>> form_counts, lower_counts;  // per class
  std::vector<std::vector<WordInfo>> infos(train.size());
  std::vector<std::vector<uint32_t>> gold(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    for (const auto& w : train[si].words) {
      WordInfo wi;
      features::word_info(w.form, scratch, &wi);
      const uint32_t g = ct.find(upos_of(w), xpos_id(w.xpos));
      infos[si].push_back(wi);
      gold[si].push_back(g);
      auto& fc = form_counts[wi.form];
      fc.resize(nc);
      ++fc[g];
      auto& lc = lower_counts[wi.lower];
      lc.resize(nc);
      ++lc[g];
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> dict_entries, amb_entries, famb_entries, lex_entries;
  for (const auto& [key, counts] : form_counts) {
    uint32_t total = 0, best = 0;
    for (uint32_t c = 0; c < nc; ++c) {
      total += counts[c];
      if (counts[c] > counts[best]) best = c;
    }
    if (total >= static_cast<uint32_t>(opt.dict_min_count) && counts[best] >= opt.dict_min_ratio * total)
      dict_entries.emplace_back(key, best);
  }
  // Ambiguity class of a word: a hash of the set of classes it had, or none if rarer than
  // amb_min_count (rare words would make the feature an oracle).
  auto amb_class = [&](const std::vector<uint32_t>& counts, uint32_t* out) {
    uint32_t total = 0;
    uint64_t h = 0x77;
    for (uint32_t c = 0; c < nc; ++c) {
      total += counts[c];
      if (counts[c] > 0) h = hash_mix(h, c + 1);
    }
    *out = static_cast<uint32_t>(h | 2);
    return total >= static_cast<uint32_t>(opt.amb_min_count);
  };
  for (const auto& [key, counts] : lower_counts) {
    uint32_t a = 0;
    if (amb_class(counts, &a)) amb_entries.emplace_back(key, a);
  }
  if (opt.feature_set & kFeatFormAmb)
    for (const auto& [key, counts] : form_counts) {
      uint32_t a = 0;
      if (amb_class(counts, &a)) famb_entries.emplace_back(key, a);
    }
  {
    std::map<std::string, uint32_t> lexicon;
    if (!opt.wordnet_dir.empty())
      for (auto& [form, bits] : wordnet::read_lexicon(opt.wordnet_dir))
        lexicon.emplace(std::move(form), bits);
    for (const auto& path : opt.first_names) {
      std::ifstream in(path);
      if (!in) throw InputError(path, "cannot read first-name list");
      std::string line;
      while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] != '#') lexicon[features::lower(line)] |= wordnet::kFirstName;
      }
    }
    for (const auto& [form, bits] : lexicon) lex_entries.emplace_back(features::lower_key(form), bits);
  }
  const size_t lex_forms = lex_entries.size();
  ByteWriter dict_bytes, amb_bytes, famb_bytes, lex_bytes;
  features::FrozenMap::write(famb_bytes, std::move(famb_entries));
  const auto famb = read_from<features::FrozenMap>(famb_bytes.bytes(), "famb");
  features::FrozenMap::write(dict_bytes, std::move(dict_entries));
  features::FrozenMap::write(amb_bytes, std::move(amb_entries));
  features::FrozenMap::write(lex_bytes, std::move(lex_entries));
  const auto dict = read_from<features::FrozenMap>(dict_bytes.bytes(), "dict");
  const auto amb = read_from<features::FrozenMap>(amb_bytes.bytes(), "amb");
  const auto lex = read_from<features::FrozenMap>(lex_bytes.bytes(), "lex");
  log("tagger: " + std::to_string(nc) + " classes, " + std::to_string(dict.size()) + " dictionary words, " +
      std::to_string(amb.size()) + " ambiguity-class words, " + std::to_string(lex_forms) + " lexicon forms");

  // --- prepared sentences. With jackknifing, a training sentence sees the ambiguity classes
  // counted on the other folds only (sentence index mod `folds`), so a word's class is as
  // incomplete for it as it will be for unseen text; otherwise the full-train map.
  std::vector<Sent> sents(train.size());
  const uint32_t folds = opt.folds > 1 ? static_cast<uint32_t>(opt.folds) : 0;
  std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> fold_counts(folds),
      fold_form_counts(folds);
  for (size_t si = 0; folds && si < train.size(); ++si)
    for (size_t i = 0; i < infos[si].size(); ++i) {
      auto& fc = fold_counts[si % folds][infos[si][i].lower];
      fc.resize(nc);
      ++fc[gold[si][i]];
      auto& ffc = fold_form_counts[si % folds][infos[si][i].form];
      ffc.resize(nc);
      ++ffc[gold[si][i]];
    }
  const Maps maps{&amb, &famb, &lex};
  std::vector<uint32_t> held(nc);
  for (size_t si = 0; si < train.size(); ++si) {
    const auto len = static_cast<uint32_t>(infos[si].size());
    sents[si].reset(len);
    for (uint32_t i = 0; i < len; ++i) {
      const WordInfo& wi = infos[si][i];
      sents[si].w[i + kPad] = wi;
      sents[si].set_maps(i, maps);
      if (folds) {
        const auto& all = lower_counts.at(wi.lower);
        const auto& mine = fold_counts[si % folds].at(wi.lower);
        for (uint32_t c = 0; c < nc; ++c) held[c] = all[c] - mine[c];
        uint32_t a = 0;
        sents[si].amb[i + kPad] = amb_class(held, &a) ? a : 1;
        if (famb.size() > 0) {
          const auto& fall = form_counts.at(wi.form);
          const auto& fmine = fold_form_counts[si % folds].at(wi.form);
          for (uint32_t c = 0; c < nc; ++c) held[c] = fall[c] - fmine[c];
          sents[si].famb[i + kPad] = amb_class(held, &a) ? a : 1;
        }
      }
    }
    if (opt.feature_set & kFeatCapRun) sents[si].finish();
  }

  // Dev sentences are prepared with the same maps; scored with the averaged model each epoch.
  std::vector<Sent> dev_sents(dev.size());
  std::vector<std::vector<uint32_t>> dev_gold(dev.size());
  for (size_t si = 0; si < dev.size(); ++si) {
    dev_sents[si].reset(static_cast<uint32_t>(dev[si].words.size()));
    for (uint32_t i = 0; i < dev[si].words.size(); ++i) {
      dev_sents[si].set(i, dev[si].words[i].form, maps, scratch);
      dev_gold[si].push_back(ct.find(upos_of(dev[si].words[i]), xpos_id(dev[si].words[i].xpos)));
    }
    if (opt.feature_set & kFeatCapRun) dev_sents[si].finish();
  }

  std::vector<uint8_t> out;
  std::array<float, kMaxClasses> scores{};
  // Scores a written weights section on dev: joint class and UPOS accuracy, as text.
  auto dev_report = [&](const std::string& bytes) {
    const auto model = read_from<perceptron::Model>(bytes, "weights");
    size_t dc = 0, dt = 0, du = 0;
    for (size_t si = 0; si < dev_sents.size(); ++si) {
      out.resize(dev_sents[si].n);
      decode(dev_sents[si], dict, nc, opt.feature_set, out.data(),
             [&](std::span<const uint64_t> keys, uint32_t) {
               model.score(keys, scores.data());
               return perceptron::argmax(scores.data(), nc);
             });
      for (uint32_t i = 0; i < dev_sents[si].n; ++i) {
        const uint32_t g = dev_gold[si][i];
        dc += out[i] == g;
        du += g != UINT32_MAX ? ct.upos[out[i]] == ct.upos[g] : 0;
      }
      dt += dev_sents[si].n;
    }
    return "dev joint " + std::to_string(100.0 * dc / std::max<size_t>(dt, 1)) + ", dev UPOS " +
           std::to_string(100.0 * du / std::max<size_t>(dt, 1)) + ", features " +
           std::to_string(model.num_features()) + ", weights " + std::to_string(model.num_weights());
  };
  // One trainer per shuffling seed (opt.mix of them); the written weights are their mean.
  std::vector<std::unique_ptr<perceptron::Trainer>> trainers;
  for (int m = 0; m < std::max(opt.mix, 1); ++m) {
    trainers.push_back(std::make_unique<perceptron::Trainer>(nc));
    perceptron::Trainer& tr = *trainers.back();
    perceptron::Rng rng(opt.seed + static_cast<uint64_t>(m));
    std::vector<uint32_t> order(train.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
      const auto t0 = std::chrono::steady_clock::now();
      rng.shuffle(order);
      size_t correct = 0, total = 0;
      for (uint32_t si : order) {
        const Sent& s = sents[si];
        out.resize(s.n);
        decode(s, dict, nc, opt.feature_set, out.data(), [&](std::span<const uint64_t> keys, uint32_t i) {
          tr.score(keys, scores.data());
          const uint32_t guess = perceptron::argmax(scores.data(), nc);
          tr.update(keys, gold[si][i], guess);
          return guess;
        });
        for (uint32_t i = 0; i < s.n; ++i) correct += out[i] == gold[si][i];
        total += s.n;
      }
      std::string line = "epoch " + std::to_string(epoch) + ": train acc " +
                         std::to_string(100.0 * correct / std::max<size_t>(total, 1));
      if (!dev.empty() && (epoch == opt.epochs || opt.log)) {
        ByteWriter wb;
        tr.write(wb, opt.prune);
        line += ", " + dev_report(wb.bytes());
      }
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      log((opt.mix > 1 ? "seed " + std::to_string(opt.seed + static_cast<uint64_t>(m)) + " "
                       : std::string()) +
          line + " (" + std::to_string(secs) + " s)");
    }
  }
  std::vector<const perceptron::Trainer*> parts;
  for (const auto& t : trainers) parts.push_back(t.get());
  ByteWriter weights;
  perceptron::Trainer::write_mixed(parts, weights, opt.prune);
  if (parts.size() > 1 && !dev.empty() && opt.log)
    log("mean of " + std::to_string(parts.size()) + " seeds: " + dev_report(weights.bytes()));

  ByteWriter meta;
  meta.put<uint32_t>(kMetaMagic);
  std::vector<uint8_t> up, xp;
  for (uint32_t c = 0; c < nc; ++c) {
    up.push_back(static_cast<uint8_t>(ct.upos[c]));
    xp.push_back(ct.xpos[c]);
  }
  meta.put_array(up);
  meta.put_array(xp);
  meta.put<uint32_t>(opt.feature_set);
  writer.add("tagger.meta", std::move(meta.bytes()));
  writer.add("tagger.weights", std::move(weights.bytes()));
  writer.add("tagger.dict", std::move(dict_bytes.bytes()));
  writer.add("tagger.amb", std::move(amb_bytes.bytes()));
  if (famb.size() > 0) writer.add("tagger.famb", std::move(famb_bytes.bytes()));
  if (lex.size() > 0) writer.add("tagger.lex", std::move(lex_bytes.bytes()));
}

}  // namespace dyad
