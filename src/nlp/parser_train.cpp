#include "nlp/parser_train.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "base/error.h"
#include "base/model_file.h"
#include "nlp/parser_model.h"

namespace dyad {
namespace {

using parser_impl::Move;
using parser_impl::State;

// Deterministic RNG (splitmix64) so training is reproducible across standard libraries.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

struct TrainSentence {
  parser_impl::SentenceInput in;
  std::vector<int> gold_head;  // n = ROOT
  std::vector<uint8_t> gold_label;
};

// A feature's averaged weights, as (class, weight) pairs, and how often it was promoted.
struct AvgRow {
  uint64_t key;
  uint32_t updates;
  std::vector<std::pair<uint16_t, float>> w;
};

// Averaged weights as the compact inference table. Features promoted fewer than `min_updates`
// times are dropped: most features fire in one or two training mistakes only, and pruning them
// shrinks the model (and so the cache misses per lookup) far more than it costs accuracy.
parser_impl::ModelArrays compact(const std::vector<AvgRow>& rows, uint32_t min_updates) {
  float maxabs = 0;  // for the int16 scale
  for (const AvgRow& r : rows)
    for (const auto& [c, w] : r.w) maxabs = std::max(maxabs, std::fabs(w));
  const float scale = maxabs > 0 ? 32767.0f / maxabs : 1.0f;
  parser_impl::ModelArrays out;
  std::vector<std::pair<uint64_t, uint32_t>> kept;  // key, row offset
  std::vector<std::pair<uint16_t, int16_t>> row;
  for (const AvgRow& r : rows) {
    if (r.updates < min_updates) continue;
    row.clear();
    for (const auto& [c, w] : r.w) {
      const long q = std::lround(w * scale);
      if (q != 0) row.emplace_back(c, static_cast<int16_t>(std::clamp<long>(q, -32767, 32767)));
    }
    if (row.empty()) continue;
    std::sort(row.begin(), row.end());
    kept.emplace_back(r.key, static_cast<uint32_t>(out.rows.size()));
    out.rows.push_back(static_cast<uint32_t>(row.size()));
    for (auto [c, q] : row) out.rows.push_back((static_cast<uint32_t>(c) << 16) | static_cast<uint16_t>(q));
  }
  size_t size = 16;
  while (size < kept.size() * 2 + 1) size <<= 1;
  out.table.assign(size, {});
  for (auto [key, off] : kept) {
    uint32_t fp = static_cast<uint32_t>(key >> 32);
    if (fp == 0) fp = 1;
    size_t i = key & (size - 1);
    while (out.table[i].fp != 0) i = (i + 1) & (size - 1);
    out.table[i] = {fp, off};
  }
  out.num_features = kept.size();
  return out;
}

// Parameter mixing: the mean of several runs' averaged weights (a feature absent from a run
// counts as 0 there). A feature's promotions are averaged too, so `min_updates` means the same.
std::vector<AvgRow> mean_of(std::vector<std::vector<AvgRow>>& runs) {
  std::vector<AvgRow> all;
  for (auto& run : runs) {
    for (AvgRow& r : run) all.push_back(std::move(r));
    run = {};
  }
  std::stable_sort(all.begin(), all.end(), [](const AvgRow& a, const AvgRow& b) { return a.key < b.key; });
  const float k = static_cast<float>(runs.size());
  std::vector<AvgRow> out;
  std::vector<float> sum;
  std::vector<uint8_t> seen;  // classes already in `classes`
  std::vector<uint16_t> classes;
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    uint64_t updates = 0;
    classes.clear();
    for (; j < all.size() && all[j].key == all[i].key; ++j) {
      updates += all[j].updates;
      for (const auto& [c, w] : all[j].w) {
        if (c >= sum.size()) {
          sum.resize(c + 1u, 0.0f);
          seen.resize(c + 1u, 0);
        }
        if (!seen[c]) {
          seen[c] = 1;
          classes.push_back(c);
        }
        sum[c] += w;
      }
    }
    std::sort(classes.begin(), classes.end());
    AvgRow r{all[i].key, static_cast<uint32_t>(std::lround(static_cast<double>(updates) / k)), {}};
    for (uint16_t c : classes) {
      r.w.emplace_back(c, sum[c] / k);
      sum[c] = 0.0f;
      seen[c] = 0;
    }
    out.push_back(std::move(r));
    i = j;
  }
  return out;
}

// Sparse averaged-perceptron weights: feature key -> contiguous list of (class, weight) nodes
// (contiguous, not linked: scoring walks the long lists of frequent features sequentially).
class Weights {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  Weights() { rehash(1 << 20); }

  void score(const uint64_t* keys, int nk, int32_t* scores) const {
    for (int k = 0; k < nk; ++k) {
      const uint32_t id = find(keys[k]);
      if (id == kNone) continue;
      for (const Node& n : lists_[id]) scores[n.cls] += n.w;
    }
  }

  void update(const uint64_t* keys, int nk, int cls, int delta, uint32_t now) {
    for (int k = 0; k < nk; ++k) {
      const uint32_t id = find_or_insert(keys[k]);
      if (delta > 0 && updates_[id] < std::numeric_limits<uint32_t>::max()) ++updates_[id];
      std::vector<Node>& list = lists_[id];
      size_t nd = 0;
      while (nd < list.size() && list[nd].cls != cls) ++nd;
      if (nd == list.size()) list.push_back({0, 0, now, static_cast<uint16_t>(cls)});
      Node& n = list[nd];
      n.total += static_cast<int64_t>(now - n.ts) * n.w;
      n.w += delta;
      n.ts = now;
    }
  }

  // The averaged weights of every feature, in table-slot order (deterministic).
  std::vector<AvgRow> averaged(uint32_t now) const {
    const double denom = std::max<uint32_t>(now, 1);
    std::vector<AvgRow> out;
    out.reserve(lists_.size());
    for (size_t slot = 0; slot < keys_.size(); ++slot) {
      const uint32_t id = ids_[slot];
      if (id == kNone) continue;
      AvgRow r{keys_[slot], updates_[id], {}};
      r.w.reserve(lists_[id].size());
      for (const Node& n : lists_[id])
        r.w.emplace_back(
            n.cls, static_cast<float>((static_cast<double>(n.total) + static_cast<double>(now - n.ts) * n.w) /
                                      denom));
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  struct Node {
    int64_t total;
    int32_t w;
    uint32_t ts;
    uint16_t cls;
  };

  uint32_t find(uint64_t key) const {
    const size_t mask = keys_.size() - 1;
    for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
      if (ids_[i] == kNone) return kNone;
      if (keys_[i] == key) return ids_[i];
    }
  }
  uint32_t find_or_insert(uint64_t key) {
    if ((lists_.size() + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    const size_t mask = keys_.size() - 1;
    size_t i = mix(key) & mask;
    for (; ids_[i] != kNone; i = (i + 1) & mask)
      if (keys_[i] == key) return ids_[i];
    keys_[i] = key;
    ids_[i] = static_cast<uint32_t>(lists_.size());
    lists_.emplace_back();
    updates_.push_back(0);
    return ids_[i];
  }
  void rehash(size_t size) {
    std::vector<uint64_t> old_keys = std::move(keys_);
    std::vector<uint32_t> old_ids = std::move(ids_);
    keys_.assign(size, 0);
    ids_.assign(size, kNone);
    const size_t mask = size - 1;
    for (size_t j = 0; j < old_ids.size(); ++j) {
      if (old_ids[j] == kNone) continue;
      size_t i = mix(old_keys[j]) & mask;
      while (ids_[i] != kNone) i = (i + 1) & mask;
      keys_[i] = old_keys[j];
      ids_[i] = old_ids[j];
    }
  }
  // The inference table indexes by the low bits of the key; here use other bits so the two
  // tables' clustering is independent.
  static size_t mix(uint64_t k) { return static_cast<size_t>((k >> 17) ^ (k << 13) ^ (k >> 41)); }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> ids_;
  std::vector<std::vector<Node>> lists_;  // feature id -> its nodes
  std::vector<uint32_t> updates_;         // feature id -> number of updates towards a gold class
};

// Gold-tree costs of the arc-hybrid moves (Goldberg & Nivre 2013): gold arcs that become
// unreachable. ROOT is token n at the end of the buffer and may take only the stack's last token.
struct Costs {
  int shift = 0, left = 0, right = 0;
};

Costs move_costs(const State& st, const std::vector<int>& gh) {
  Costs c;
  const int n = st.n, b0 = st.b0;
  const size_t ss = st.stack.size();
  const int s0 = ss >= 1 ? st.stack[ss - 1] : -1;
  const int s1 = ss >= 2 ? st.stack[ss - 2] : -1;
  if (b0 < n) {
    // SHIFT: b0 can no longer take a dependent from the stack, nor a head below s0; a token whose
    // gold head is ROOT must end up alone on the stack, so it cannot be shifted on top of others.
    for (size_t j = 0; j < ss; ++j) {
      const int k = st.stack[j];
      if (gh[k] == b0) ++c.shift;
      if (gh[b0] == k && k != s0) ++c.shift;
    }
    if (gh[b0] == n && ss > 0) ++c.shift;
  }
  if (s0 >= 0) {
    int kids_in_buffer = 0;
    for (int k = b0; k < n; ++k)
      if (gh[k] == s0) ++kids_in_buffer;
    const bool root_reachable = ss == 1;  // only the bottom of the stack can attach to ROOT
    const int h = gh[s0];
    // LEFT (s0 <- b0): loses a head in s1 or further in the buffer, and s0's buffer dependents.
    c.left = kids_in_buffer;
    if (s1 >= 0 && h == s1) ++c.left;
    if (h > b0 && (h < n || root_reachable)) ++c.left;
    // RIGHT (s1 -> s0): loses a head anywhere in the buffer, and s0's buffer dependents.
    c.right = kids_in_buffer;
    if (h >= b0 && h < n) ++c.right;
  }
  return c;
}

// Word-level UAS/LAS over gold tokens; LAS compares universal labels (CoNLL 2018).
double las_uas(const Doc& sys, const Doc& gold, double* uas) {
  size_t total = 0, head_ok = 0, both_ok = 0;
  auto base = [](uint8_t d) {
    const std::string_view s = deprel_name(d);
    return s.substr(0, s.find(':'));
  };
  for (uint32_t t = 0; t < sys.num_tokens(); ++t) {
    ++total;
    if (sys.head[t] == gold.head[t]) {
      ++head_ok;
      if (base(sys.deprel[t]) == base(gold.deprel[t])) ++both_ok;
    }
  }
  *uas = total ? 100.0 * static_cast<double>(head_ok) / static_cast<double>(total) : 0;
  return total ? 100.0 * static_cast<double>(both_ok) / static_cast<double>(total) : 0;
}

}  // namespace

int projectivize(std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  auto dominated = [&](int k, int h) {
    for (int x = k, steps = 0; steps <= n + 1; ++steps) {
      if (x == h) return true;
      if (x == n || x < 0 || x > n) return false;
      x = heads[x];
    }
    return false;  // cycle: treat as not dominated
  };
  int lifted = 0;
  for (int guard = 0; guard < n * n + 1; ++guard) {
    int best = -1, best_len = std::numeric_limits<int>::max();
    for (int d = 0; d < n; ++d) {
      const int h = heads[d];
      if (h < 0 || h >= n) continue;  // arcs from ROOT (at the end) are always projective
      const int lo = std::min(h, d), hi = std::max(h, d);
      if (hi - lo >= best_len) continue;
      for (int k = lo + 1; k < hi; ++k) {
        if (!dominated(k, h)) {
          best = d;
          best_len = hi - lo;
          break;
        }
      }
    }
    if (best < 0) break;
    heads[best] = heads[heads[best]];
    ++lifted;
  }
  return lifted;
}

ParserTrainReport train_parser(const std::vector<conllu::Sentence>& train,
                               const std::vector<conllu::Sentence>& dev, const std::string& out_path,
                               const ParserTrainOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  ParserTrainReport rep;
  if (train.empty()) throw InputError("", "parser training data is empty");

  // Labels in order of first appearance (deterministic), "root" guaranteed.
  std::vector<int> label_of(256, -1);
  std::vector<uint8_t> label_deprel;
  auto label_index = [&](const std::string& name, size_t line) {
    uint8_t id = deprel_id(name);
    if (id == kUnknownLabel)
      throw InputError(":" + std::to_string(line), "unknown dependency label '" + name + "'");
    if (label_of[id] < 0) {
      if (label_deprel.size() >= parser_impl::kMaxLabels) throw InputError("", "too many dependency labels");
      label_of[id] = static_cast<int>(label_deprel.size());
      label_deprel.push_back(id);
    }
    return static_cast<uint8_t>(label_of[id]);
  };
  label_index("root", 0);
  const int root_label = label_of[deprel_id("root")];

  Doc train_doc = conllu::to_doc(train);
  if (opts.tag) opts.tag(train_doc);
  std::vector<TrainSentence> data;
  data.reserve(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    const auto& s = train[si];
    const auto& ds = train_doc.sentences[si];
    TrainSentence ts;
    parser_impl::fill_input(train_doc, ds.first, ds.last, ts.in);
    const int n = ts.in.n;
    ts.gold_head.resize(n);
    ts.gold_label.resize(n);
    bool ok = true;
    for (int i = 0; i < n; ++i) {
      const int h = s.words[i].head;
      if (h < 0 || h > n) ok = false;
      ts.gold_head[i] = h == 0 ? n : h - 1;
      ts.gold_label[i] = label_index(s.words[i].deprel, s.line + i);
    }
    if (!ok) continue;  // unannotated sentence
    const int lifted = projectivize(ts.gold_head);
    if (lifted > 0) {
      ++rep.nonprojective_sentences;
      rep.lifted_arcs += static_cast<size_t>(lifted);
    }
    data.push_back(std::move(ts));
  }
  rep.train_sentences = data.size();
  const int L = static_cast<int>(label_deprel.size());
  const int nc = 1 + 2 * L;

  // Dev documents: gold for scoring, a copy re-parsed each epoch.
  Doc dev_gold = conllu::to_doc(dev);
  Doc dev_sys = dev_gold;
  if (opts.tag) opts.tag(dev_sys);
  if (opts.tag_dev) opts.tag_dev(dev_sys);

  // Scores a compact model on dev (LAS returned, UAS in *uas).
  auto score_dev = [&](const parser_impl::ModelArrays& arrays, double* uas) {
    parser_impl::Model model;
    model.label_deprel = label_deprel;
    model.root_label = root_label;
    model.build(arrays.table, arrays.rows);
    parser_impl::Workspace ws;
    for (const Sentence& s : dev_sys.sentences) {
      parser_impl::fill_input(dev_sys, s.first, s.last, ws.in);
      parser_impl::parse_sentence(model, ws);
      for (int i = 0; i < ws.in.n; ++i) {
        const uint32_t t = s.first + static_cast<uint32_t>(i);
        dev_sys.head[t] = ws.state.head[i] == ws.in.n ? -1 : static_cast<int32_t>(s.first) + ws.state.head[i];
        dev_sys.deprel[t] = label_deprel[ws.state.label[i]];
      }
    }
    return las_uas(dev_sys, dev_gold, uas);
  };
  std::vector<size_t> order(data.size());
  State st;
  std::vector<int32_t> scores(static_cast<size_t>(nc));
  uint64_t keys[parser_impl::kNumTemplates];
  parser_impl::ModelArrays best_arrays;
  std::vector<std::vector<AvgRow>> runs;  // each run's best epoch, for parameter mixing
  const int mix = std::max(opts.mix, 1);

  for (int run = 0; run < mix; ++run) {
    Weights weights;
    Rng rng{opts.seed + static_cast<uint64_t>(run)};
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    uint32_t now = 0;
    double best_las = -1;
    std::vector<AvgRow> best_rows;
    for (int epoch = 1; epoch <= opts.epochs; ++epoch) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
      size_t decisions = 0, errors = 0;
      for (size_t oi : order) {
        const TrainSentence& ts = data[oi];
        st.init(ts.in.n);
        while (!st.terminal()) {
          std::fill(scores.begin(), scores.end(), 0);
          parser_impl::extract(ts.in, st, keys);
          weights.score(keys, parser_impl::kNumTemplates, scores.data());
          const int pred = parser_impl::best_valid(L, root_label, st, scores.data());
          const Costs mc = move_costs(st, ts.gold_head);
          // Cost of each class = its move's cost + 1 if it builds a gold arc with a wrong label.
          const int s0 = st.stack.empty() ? -1 : st.stack.back();
          const int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
          auto cost = [&](int cls) {
            Move m;
            int lab;
            parser_impl::decode(cls, L, &m, &lab);
            switch (m) {
              case parser_impl::kShift:
                return mc.shift;
              case parser_impl::kLeft:
                return mc.left + (ts.gold_head[s0] == st.b0 && ts.gold_label[s0] != lab);
              case parser_impl::kRight:
                return mc.right + (ts.gold_head[s0] == s1 && ts.gold_label[s0] != lab);
            }
            return 0;
          };
          int gold = -1, gold_cost = std::numeric_limits<int>::max();
          for (int c = 0; c < nc; ++c) {
            if (!parser_impl::valid(L, root_label, st, c)) continue;
            const int k = cost(c);
            if (k < gold_cost || (k == gold_cost && scores[c] > scores[gold])) {
              gold = c;
              gold_cost = k;
            }
          }
          const int pred_cost = cost(pred);
          ++decisions;
          ++now;
          int next = pred;
          if (pred_cost > gold_cost) {
            ++errors;
            weights.update(keys, parser_impl::kNumTemplates, gold, +1, now);
            weights.update(keys, parser_impl::kNumTemplates, pred, -1, now);
            if (epoch == 1 || rng.uniform() >= opts.explore) next = gold;
          }
          Move m;
          int lab;
          parser_impl::decode(next, L, &m, &lab);
          st.apply(m, lab);
        }
      }
      std::vector<AvgRow> rows = weights.averaged(now);
      parser_impl::ModelArrays arrays = compact(rows, opts.min_updates);
      double uas = 0, las = 0;
      if (!dev.empty()) {
        las = score_dev(arrays, &uas);
        // Tuning aid: how the dev score and model size would change with other pruning levels.
        for (uint32_t mu : opts.report_min_updates) {
          const parser_impl::ModelArrays alt = compact(rows, mu);
          double u = 0;
          const double l = score_dev(alt, &u);
          if (!opts.quiet)
            fmt::print(
                stderr, "          min-updates {:2d}: dev UAS {:.2f} LAS {:.2f}  features {}  {:.1f} MB\n",
                mu, u, l, alt.num_features,
                static_cast<double>(alt.rows.size() * 4 + alt.table.size() * sizeof(parser_impl::Slot)) /
                    1e6);
        }
      }
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!opts.quiet)
        fmt::print(
            stderr, "{}epoch {:2d}  train err {:.2f}%  dev UAS {:.2f} LAS {:.2f}  features {}  {:.0f}s\n",
            mix > 1 ? fmt::format("seed {} ", opts.seed + static_cast<uint64_t>(run)) : std::string(), epoch,
            100.0 * static_cast<double>(errors) / static_cast<double>(std::max<size_t>(decisions, 1)), uas,
            las, arrays.num_features, secs);
      if (!opts.keep_best || dev.empty() || las > best_las) {
        best_las = las;
        rep.best_epoch = epoch;
        rep.dev_las = las;
        rep.dev_uas = uas;
        best_arrays = std::move(arrays);
        if (mix > 1) {
          best_rows = std::move(rows);
        } else {
          // Checkpoint: the best model so far is on disk, so a long run can be stopped at any time.
          ModelWriter w;
          parser_impl::write_model(w, label_deprel, best_arrays);
          w.write(out_path);
        }
      }
    }
    if (mix > 1) runs.push_back(std::move(best_rows));
  }
  if (mix > 1) {
    const std::vector<AvgRow> mean = mean_of(runs);
    best_arrays = compact(mean, opts.min_updates);
    if (!dev.empty()) rep.dev_las = score_dev(best_arrays, &rep.dev_uas);
    if (!opts.quiet)
      fmt::print(stderr, "mean of {} seeds: dev UAS {:.2f} LAS {:.2f}  features {}\n", mix, rep.dev_uas,
                 rep.dev_las, best_arrays.num_features);
    // Tuning aid: the mixed model at other pruning levels, scored and written beside the output
    // (OUT.minN) so their speed can be compared too.
    for (uint32_t mu : opts.report_min_updates) {
      const parser_impl::ModelArrays alt = compact(mean, mu);
      double u = 0;
      const double l = dev.empty() ? 0 : score_dev(alt, &u);
      if (!opts.quiet)
        fmt::print(stderr, "mean of {} seeds, min-updates {}: dev UAS {:.2f} LAS {:.2f}  features {}\n", mix,
                   mu, u, l, alt.num_features);
      ModelWriter w;
      parser_impl::write_model(w, label_deprel, alt);
      w.write(out_path + ".min" + std::to_string(mu));
    }
    ModelWriter w;
    parser_impl::write_model(w, label_deprel, best_arrays);
    w.write(out_path);
  }
  rep.features = best_arrays.num_features;
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace dyad
