#include "nlp/gazetteer.h"

#include <algorithm>

#include "base/error.h"
#include "nlp/ner_hash.h"

namespace dyad {
namespace {

constexpr uint64_t kKeySeed = 0x67617a6574746565ULL;  // "gazettee"

// Appends the normalised form of `s` to `out` (see gazetteer_key).
void append_normalised(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '.' || c == '\t') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

}  // namespace

std::string_view gaz_category_name(int bit) {
  static constexpr std::string_view kNames[kGazNumCategories] = {"country", "demonym", "city",      "admin1",
                                                                 "region",  "orgkw",   "title",     "org",
                                                                 "lower",   "person",  "firstname", "actor"};
  return bit >= 0 && bit < kGazNumCategories ? kNames[bit] : "?";
}

uint64_t gazetteer_key(std::string_view phrase) {
  std::string norm;
  norm.reserve(phrase.size());
  append_normalised(phrase, norm);
  return ner_hash(norm, kKeySeed);
}

void GazetteerBuilder::add(std::string_view phrase, uint16_t mask) {
  std::string norm;
  uint32_t words = 0;
  bool in_word = false;
  for (char c : phrase) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  append_normalised(phrase, norm);
  if (norm.empty() || words > Gazetteer::kMaxTokens) return;
  // A hyphenated word may be split into three tokens by the tokenizer: count hyphens as words.
  const auto hyphens = static_cast<uint32_t>(std::count(phrase.begin(), phrase.end(), '-'));
  max_tokens_ = std::min(Gazetteer::kMaxTokens, std::max(max_tokens_, words + 2 * hyphens));
  entries_[ner_hash(norm, kKeySeed)] |= mask;
}

std::string GazetteerBuilder::serialize() const {
  std::vector<std::pair<uint64_t, uint16_t>> sorted(entries_.begin(), entries_.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<uint64_t> keys;
  std::vector<uint16_t> masks;
  keys.reserve(sorted.size());
  masks.reserve(sorted.size());
  for (const auto& [k, m] : sorted) {
    keys.push_back(k);
    masks.push_back(m);
  }
  ByteWriter w;
  w.put<uint32_t>(max_tokens_);
  w.put_array(keys);
  w.put_array(masks);
  return std::move(w.bytes());
}

Gazetteer Gazetteer::load(std::string_view bytes, const std::string& where) {
  ByteReader r(bytes, where);
  Gazetteer g;
  g.max_tokens_ = r.get<uint32_t>();
  g.keys_ = r.get_array<uint64_t>();
  g.masks_ = r.get_array<uint16_t>();
  if (g.keys_.size() != g.masks_.size() || g.max_tokens_ > kMaxTokens)
    throw InputError(where, "corrupt gazetteer section");
  if (!std::is_sorted(g.keys_.begin(), g.keys_.end())) throw InputError(where, "gazetteer keys not sorted");
  return g;
}

uint16_t Gazetteer::lookup_key(uint64_t key) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return 0;
  return masks_[static_cast<size_t>(it - keys_.begin())];
}

void Gazetteer::match(std::span<const std::string_view> words, std::vector<GazMarks>& out) const {
  out.assign(words.size(), GazMarks{});
  std::string norm;
  for (size_t i = 0; i < words.size(); ++i) {
    norm.clear();
    const size_t stop = std::min(words.size(), i + max_tokens_);
    for (size_t j = i; j < stop; ++j) {
      const size_t before = norm.size();
      append_normalised(words[j], norm);
      // A phrase never starts or ends with a bare hyphen/period token.
      if (norm.size() == before) {
        if (j == i) break;
        continue;
      }
      const uint16_t m = lookup_key(ner_hash(norm, kKeySeed));
      if (m == 0) continue;
      if (j == i) {
        out[i].unit |= m;
      } else {
        out[i].begin |= m;
        for (size_t k = i + 1; k < j; ++k) out[k].inside |= m;
        out[j].end |= m;
      }
    }
  }
}

}  // namespace dyad
