#include "nlp/perceptron.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/error.h"

namespace dyad::perceptron {

// ---------------------------------------------------------------------------------------------
// Model

Model Model::read(ByteReader& r) {
  Model m;
  const auto magic = r.get<uint32_t>();
  if (magic != 0x50435032u) throw InputError("", "perceptron section: bad magic");  // "2PCP"
  m.num_classes_ = r.get<uint32_t>();
  m.num_features_ = r.get<uint64_t>();
  const auto raw = r.get_array<uint64_t>();  // Slot is 4 x u64
  if (raw.size() % 4 != 0) throw InputError("", "perceptron section: bad key table");
  m.table_ = {reinterpret_cast<const Slot*>(raw.data()), raw.size() / 4};
  m.cls_ = r.get_array<uint16_t>();
  m.weight_ = r.get_array<float>();
  const size_t n = m.table_.size();
  if (n == 0 || (n & (n - 1)) != 0 || m.cls_.size() != m.weight_.size() || m.num_classes_ == 0)
    throw InputError("", "perceptron section: inconsistent sizes");
  // Validate rows once so score() can trust them.
  for (const Slot& s : m.table_) {
    if (s.key == 0) continue;
    if (s.begin > s.end || s.end > m.cls_.size() || s.n_inline > kInline)
      throw InputError("", "perceptron section: bad row");
    for (uint32_t j = 0; j < s.n_inline; ++j)
      if (s.cls[j] >= m.num_classes_) throw InputError("", "perceptron section: bad class id");
  }
  for (uint16_t c : m.cls_)
    if (c >= m.num_classes_) throw InputError("", "perceptron section: bad class id");
  m.mask_ = n - 1;
  return m;
}

void Model::add(uint64_t key, float* scores) const {
  if (table_.empty()) return;
  // Keys are already well-mixed hashes: their low bits index the table directly.
  for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
    const Slot& s = table_[i];
    if (s.key == key) {
      for (uint32_t j = 0; j < s.n_inline; ++j) scores[s.cls[j]] += s.w[j];
      for (uint32_t j = s.begin; j < s.end; ++j) scores[cls_[j]] += weight_[j];
      return;
    }
    if (s.key == 0) return;
  }
}

void Model::score(std::span<const uint64_t> keys, float* scores) const {
  std::fill(scores, scores + num_classes_, 0.0f);
  if (table_.empty()) return;
  // The key table does not fit in cache, so each lookup is a likely miss. Touch every key's home
  // slot first so the misses overlap instead of queueing one after another.
  for (uint64_t k : keys) __builtin_prefetch(&table_[k & mask_]);
  constexpr size_t kBatch = 64;
  std::pair<uint32_t, uint32_t> rows[kBatch];
  for (size_t base = 0; base < keys.size(); base += kBatch) {
    const size_t n = std::min(kBatch, keys.size() - base);
    size_t found = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t key = keys[base + i];
      for (uint64_t j = key & mask_;; j = (j + 1) & mask_) {
        const Slot& s = table_[j];
        if (s.key == key) {
          for (uint32_t k = 0; k < s.n_inline; ++k) scores[s.cls[k]] += s.w[k];
          if (s.begin < s.end) {
            __builtin_prefetch(&cls_[s.begin]);
            __builtin_prefetch(&weight_[s.begin]);
            rows[found++] = {s.begin, s.end};
          }
          break;
        }
        if (s.key == 0) break;
      }
    }
    for (size_t i = 0; i < found; ++i)
      for (uint32_t j = rows[i].first; j < rows[i].second; ++j) scores[cls_[j]] += weight_[j];
  }
}

// ---------------------------------------------------------------------------------------------
// Trainer

Trainer::Trainer(uint32_t num_classes) : num_classes_(num_classes) {
  if (num_classes == 0 || num_classes > 65535) throw InputError("", "perceptron: bad number of classes");
}

void Trainer::score(std::span<const uint64_t> keys, float* scores) const {
  std::fill(scores, scores + num_classes_, 0.0f);
  for (uint64_t k : keys) {
    auto it = index_.find(k);
    if (it == index_.end()) continue;
    for (const Entry& e : rows_[it->second]) scores[e.cls] += e.w;
  }
}

void Trainer::bump(uint64_t key, uint32_t cls, float delta) {
  auto [it, fresh] = index_.try_emplace(key, static_cast<uint32_t>(rows_.size()));
  if (fresh) {
    rows_.emplace_back();
    keys_.push_back(key);
  }
  auto& row = rows_[it->second];
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.total += static_cast<double>(clock_ - e.stamp) * e.w;
      e.stamp = clock_;
      e.w += delta;
      return;
    }
  }
  row.push_back(Entry{static_cast<uint16_t>(cls), delta, 0.0, clock_});
}

void Trainer::update(std::span<const uint64_t> keys, uint32_t gold, uint32_t guess) {
  ++clock_;
  if (gold == guess) return;
  for (uint64_t k : keys) {
    bump(k, gold, 1.0f);
    bump(k, guess, -1.0f);
  }
}

void Trainer::write(ByteWriter& w, float prune) const {
  const Trainer* self = this;
  write_mixed(std::span<const Trainer* const>(&self, 1), w, prune);
}

void Trainer::write_mixed(std::span<const Trainer* const> trainers, ByteWriter& w, float prune) {
  // The union of the trainers' feature keys, in key order: the output does not depend on
  // hash-map iteration order.
  std::vector<uint64_t> keys;
  for (const Trainer* tr : trainers) keys.insert(keys.end(), tr->keys_.begin(), tr->keys_.end());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  const uint32_t num_classes = trainers.empty() ? 0 : trainers[0]->num_classes_;

  std::vector<uint16_t> cls;
  std::vector<float> weight;
  using Slot = Model::Slot;
  constexpr uint32_t kInline = Model::kInline;
  std::vector<Slot> kept;
  std::vector<std::pair<uint16_t, float>> row;
  std::vector<double> sum(num_classes);
  std::vector<uint16_t> touched;
  std::vector<uint8_t> seen(num_classes);
  const double parts = static_cast<double>(std::max<size_t>(trainers.size(), 1));
  for (uint64_t key : keys) {
    // Each trainer's averaged weights, averaged again over the trainers.
    touched.clear();
    for (const Trainer* tr : trainers) {
      auto it = tr->index_.find(key);
      if (it == tr->index_.end()) continue;
      const double t = static_cast<double>(std::max<uint64_t>(tr->clock_, 1));
      for (const Entry& e : tr->rows_[it->second]) {
        const double total = e.total + static_cast<double>(tr->clock_ - e.stamp) * e.w;
        if (!seen[e.cls]) {
          seen[e.cls] = 1;
          touched.push_back(e.cls);
        }
        sum[e.cls] += total / t / parts;
      }
    }
    std::sort(touched.begin(), touched.end());
    row.clear();
    for (uint16_t c : touched) {
      const float avg = static_cast<float>(sum[c]);
      sum[c] = 0;
      seen[c] = 0;
      if (std::fabs(avg) >= prune) row.emplace_back(c, avg);
    }
    if (row.empty()) continue;
    // Largest weights inline: they matter most, and classes within a row stay sorted after.
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
      const float fa = std::fabs(a.second), fb = std::fabs(b.second);
      return fa != fb ? fa > fb : a.first < b.first;
    });
    Slot slot{};
    slot.key = key;
    slot.n_inline = static_cast<uint16_t>(std::min<size_t>(row.size(), kInline));
    for (uint32_t j = 0; j < slot.n_inline; ++j) {
      slot.cls[j] = row[j].first;
      slot.w[j] = row[j].second;
    }
    slot.begin = static_cast<uint32_t>(cls.size());
    for (size_t j = slot.n_inline; j < row.size(); ++j) {
      cls.push_back(row[j].first);
      weight.push_back(row[j].second);
    }
    slot.end = static_cast<uint32_t>(cls.size());
    kept.push_back(slot);
  }

  size_t size = 16;
  while (size < 2 * kept.size()) size *= 2;
  std::vector<Slot> table(size, Slot{});
  const uint64_t mask = size - 1;
  for (const Slot& k : kept) {
    uint64_t s = k.key & mask;
    while (table[s].key != 0) s = (s + 1) & mask;
    table[s] = k;
  }
  std::vector<uint64_t> raw(4 * size);
  std::memcpy(raw.data(), table.data(), size * sizeof(Slot));
  w.put<uint32_t>(0x50435032u);
  w.put<uint32_t>(num_classes);
  w.put<uint64_t>(kept.size());
  w.put_array(raw);
  w.put_array(cls);
  w.put_array(weight);
}

}  // namespace dyad::perceptron
