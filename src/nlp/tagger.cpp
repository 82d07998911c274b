#include "nlp/tagger.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <map>
#include <unordered_map>

#include "base/error.h"
#include "base/hash.h"

namespace dyad {
namespace {

using features::WordInfo;
using perceptron::FeatureKey;

constexpr uint32_t kMaxClasses = 250;  // classes are stored in u8 arrays with room for pads
constexpr int kPad = 2;                // padding positions on each side of a sentence
constexpr int kMaxFeatures = 48;
constexpr uint32_t kMetaMagic = 0x54414731;  // "1GAT"

// A sentence ready for tagging: per-position word hashes and ambiguity classes, padded with
// kPad sentinel positions on each side so templates never test bounds.
struct Sent {
  std::vector<WordInfo> w;
  std::vector<uint64_t> amb;
  uint32_t n = 0;
  void reset(uint32_t len) {
    n = len;
    w.resize(len + 2 * kPad);
    amb.resize(len + 2 * kPad);
    for (int k = 0; k < kPad; ++k) {
      w[k] = features::pad_info(-1);
      w[len + kPad + k] = features::pad_info(+1);
      amb[k] = 0x5A5A;
      amb[len + kPad + k] = 0xA5A5;
    }
  }
  // Fills position i (0-based token index) from its form.
  void set(uint32_t i, std::string_view form, const features::FrozenMap& amb_map, std::string& scratch) {
    WordInfo& wi = w[i + kPad];
    features::word_info(form, scratch, &wi);
    uint32_t a = 0;
    amb[i + kPad] = amb_map.find(wi.lower, &a) ? a : 1;  // 1 = unknown word
  }
};

// The feature templates. `w` and `amb` point at the current token (w[-2..+2] are valid);
// p1, p2 are the classes predicted for the two previous tokens (pads: num_classes, +1).
int extract(const WordInfo* w, const uint64_t* amb, uint32_t p1, uint32_t p2, bool first, uint64_t* f) {
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
  f[n++] = FeatureKey(15, w[-1].lower);
  f[n++] = FeatureKey(16, w[-1].suf[2]);
  f[n++] = FeatureKey(17, w[-2].lower);
  f[n++] = FeatureKey(18, w[1].lower);
  f[n++] = FeatureKey(19, w[1].suf[2]);
  f[n++] = FeatureKey(20, w[2].lower);
  f[n++] = FeatureKey(21, w[-1].lower, c.lower);
  f[n++] = FeatureKey(22, c.lower, w[1].lower);
  f[n++] = FeatureKey(23, w[1].shape);
  f[n++] = FeatureKey(24, w[-1].shape);
  f[n++] = FeatureKey(25, amb[0]);
  f[n++] = FeatureKey(26, amb[1]);
  f[n++] = FeatureKey(27, amb[0], amb[1]);
  f[n++] = FeatureKey(28, p1, amb[0]);
  f[n++] = FeatureKey(29, c.flags, first);
  f[n++] = FeatureKey(30, p1, c.suf[2]);
  f[n++] = FeatureKey(31, amb[2]);
  f[n++] = FeatureKey(32, p2);
  f[n++] = FeatureKey(33, amb[-1], amb[0], amb[1]);
  f[n++] = FeatureKey(34, c.shape, w[1].shape);
  f[n++] = FeatureKey(35, w[-1].lower, w[1].lower);
  f[n++] = FeatureKey(36, p1, w[1].lower);
  f[n++] = FeatureKey(37, c.suf[2], amb[1]);
  f[n++] = FeatureKey(38, w[1].lower, w[2].lower);
  f[n++] = FeatureKey(39, p1, p2, amb[0]);
  f[n++] = FeatureKey(40, w[-1].flags, c.flags, w[1].flags);
  return n;
}

// Tags one prepared sentence greedily. `choose(keys, nkeys, position)` returns the class for a
// position that the dictionary does not settle (prediction: argmax; training: argmax + update).
template <typename Choose>
void decode(const Sent& s, const features::FrozenMap& dict, uint32_t num_classes, uint8_t* out,
            Choose&& choose) {
  uint32_t p1 = num_classes, p2 = num_classes + 1;
  uint64_t f[kMaxFeatures];
  for (uint32_t i = 0; i < s.n; ++i) {
    const WordInfo* w = &s.w[i + kPad];
    uint32_t cls;
    if (!dict.find(w->form, &cls)) {
      const int nf = extract(w, &s.amb[i + kPad], p1, p2, i == 0, f);
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
      s.set(i - first, form, amb_, scratch);
    }
    out.resize(last - first);
    decode(s, dict_, nc, out.data(), [&](std::span<const uint64_t> keys, uint32_t) {
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
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
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
  std::vector<std::pair<uint64_t, uint32_t>> dict_entries, amb_entries;
  for (const auto& [key, counts] : form_counts) {
    uint32_t total = 0, best = 0;
    for (uint32_t c = 0; c < nc; ++c) {
      total += counts[c];
      if (counts[c] > counts[best]) best = c;
    }
    if (total >= static_cast<uint32_t>(opt.dict_min_count) && counts[best] >= opt.dict_min_ratio * total)
      dict_entries.emplace_back(key, best);
  }
  for (const auto& [key, counts] : lower_counts) {
    uint32_t total = 0;
    uint64_t h = 0x77;
    for (uint32_t c = 0; c < nc; ++c) {
      total += counts[c];
      if (counts[c] > 0) h = hash_mix(h, c + 1);
    }
    if (total >= static_cast<uint32_t>(opt.amb_min_count)) amb_entries.emplace_back(key, static_cast<uint32_t>(h | 2));
  }
  ByteWriter dict_bytes, amb_bytes;
  features::FrozenMap::write(dict_bytes, std::move(dict_entries));
  features::FrozenMap::write(amb_bytes, std::move(amb_entries));
  const auto dict = read_from<features::FrozenMap>(dict_bytes.bytes(), "dict");
  const auto amb = read_from<features::FrozenMap>(amb_bytes.bytes(), "amb");
  log("tagger: " + std::to_string(nc) + " classes, " + std::to_string(dict.size()) + " dictionary words, " +
      std::to_string(amb.size()) + " ambiguity-class words");

  // --- prepared sentences (ambiguity lookups need the finished map).
  std::vector<Sent> sents(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    const auto len = static_cast<uint32_t>(infos[si].size());
    sents[si].reset(len);
    for (uint32_t i = 0; i < len; ++i) {
      const WordInfo& wi = infos[si][i];
      sents[si].w[i + kPad] = wi;
      uint32_t a = 0;
      sents[si].amb[i + kPad] = amb.find(wi.lower, &a) ? a : 1;
    }
  }

  // Dev sentences are prepared with the same maps; scored with the averaged model each epoch.
  std::vector<Sent> dev_sents(dev.size());
  std::vector<std::vector<uint32_t>> dev_gold(dev.size());
  for (size_t si = 0; si < dev.size(); ++si) {
    dev_sents[si].reset(static_cast<uint32_t>(dev[si].words.size()));
    for (uint32_t i = 0; i < dev[si].words.size(); ++i) {
      dev_sents[si].set(i, dev[si].words[i].form, amb, scratch);
      dev_gold[si].push_back(ct.find(upos_of(dev[si].words[i]), xpos_id(dev[si].words[i].xpos)));
    }
  }

  perceptron::Trainer tr(nc);
  perceptron::Rng rng(opt.seed);
  std::vector<uint32_t> order(train.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<uint8_t> out;
  std::array<float, kMaxClasses> scores{};
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    rng.shuffle(order);
    size_t correct = 0, total = 0;
    for (uint32_t si : order) {
      const Sent& s = sents[si];
      out.resize(s.n);
      decode(s, dict, nc, out.data(), [&](std::span<const uint64_t> keys, uint32_t i) {
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
      const auto model = read_from<perceptron::Model>(wb.bytes(), "weights");
      size_t dc = 0, dt = 0, du = 0;
      for (size_t si = 0; si < dev_sents.size(); ++si) {
        out.resize(dev_sents[si].n);
        decode(dev_sents[si], dict, nc, out.data(), [&](std::span<const uint64_t> keys, uint32_t) {
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
      line += ", dev joint " + std::to_string(100.0 * dc / std::max<size_t>(dt, 1)) + ", dev UPOS " +
              std::to_string(100.0 * du / std::max<size_t>(dt, 1)) + ", features " +
              std::to_string(model.num_features()) +
              ", weights " + std::to_string(model.num_weights());
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    log(line + " (" + std::to_string(secs) + " s)");
  }

  ByteWriter meta;
  meta.put<uint32_t>(kMetaMagic);
  std::vector<uint8_t> up, xp;
  for (uint32_t c = 0; c < nc; ++c) {
    up.push_back(static_cast<uint8_t>(ct.upos[c]));
    xp.push_back(ct.xpos[c]);
  }
  meta.put_array(up);
  meta.put_array(xp);
  ByteWriter weights;
  tr.write(weights, opt.prune);
  writer.add("tagger.meta", std::move(meta.bytes()));
  writer.add("tagger.weights", std::move(weights.bytes()));
  writer.add("tagger.dict", std::move(dict_bytes.bytes()));
  writer.add("tagger.amb", std::move(amb_bytes.bytes()));
}

}  // namespace dyad
