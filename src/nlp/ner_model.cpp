#include "nlp/ner_model.h"

#include <utf8proc.h>

#include <algorithm>
#include <bit>

#include "base/utf8.h"
#include "nlp/ner_hash.h"

namespace dyad {
namespace {

// Feature templates. The numbers are part of the model format: append, never renumber.
enum Tpl : uint64_t {
  kBias = 1,
  kWord,
  kLower,
  kLowerM1,
  kLowerP1,
  kLowerM2,
  kLowerP2,
  kShape,
  kShapeM1,
  kShapeP1,
  kShape3,
  kPrefix,
  kSuffix,
  kFirstShape,
  kBigramM1,
  kBigramP1,
  kGaz,
  kGazCap,
  kGazPrev,
  kGazNext,
  kLowerSeen,
  kLength,
  kHistPrev,
  kHistPrev2,
  kHistPrevWord,
  kHistPrevShape,
  kGazPrev2,
  kAllCaps,
  kLowerM1ShapeP0,
  kShapeP0LowerP1,
  kDocCase,
  kSentProfile,
  kGazProfile,
  kGazCommon,
  kSuffixM1,
  kSuffixP1,
  kLowerM1P1,
  kUpos3,
  kUposCap,
  kUposM1,
  kUposP1,
  kUposLower,
};

inline uint64_t feat(Tpl t, uint64_t h) {
  return ner_combine(static_cast<uint64_t>(t) * 0x9E3779B97F4A7C15ULL, h);
}
inline uint64_t feat(Tpl t, std::string_view s) { return feat(t, ner_hash(s)); }

// Lowercase and collapsed shape ("Xx", "X.X.", "dd-dd") of one word.
void lower_and_shape(std::string_view w, std::string& lower, std::string& shape) {
  lower.clear();
  shape.clear();
  size_t i = 0;
  char last = 0;
  int run = 0;
  while (i < w.size()) {
    const char32_t cp = decode_utf8(w, i);
    const auto c = static_cast<utf8proc_int32_t>(cp);
    append_utf8(lower, static_cast<char32_t>(utf8proc_tolower(c)));
    char s;
    if (utf8proc_isupper(c)) {
      s = 'X';
    } else if (utf8proc_islower(c)) {
      s = 'x';
    } else if (cp >= '0' && cp <= '9') {
      s = 'd';
    } else if (cp < 0x80) {
      s = static_cast<char>(cp);
    } else {
      const auto cat = utf8proc_category(c);
      s = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ? 'x' : '*';
    }
    // Keep at most two of a run so "Xx" differs from "Xxx..." only for very short words.
    run = (s == last) ? run + 1 : 1;
    last = s;
    if (run <= 2) shape.push_back(s);
  }
}

bool is_capitalised(std::string_view shape) { return !shape.empty() && shape[0] == 'X'; }
// "Xx...": capitalised but not all capitals.
bool is_title(std::string_view shape) {
  return is_capitalised(shape) && shape.find('x') != std::string_view::npos;
}
bool has_upper(std::string_view shape) { return shape.find('X') != std::string_view::npos; }
bool has_lower(std::string_view shape) { return shape.find('x') != std::string_view::npos; }

// Capitalisation profile of a sentence (web text is often all lowercase or all capitals, which
// changes what a capital letter means): 0 short, 1 no capitals after the first word, 2 mostly
// all-capital words, 3 mostly capitalised words (titles), 4 ordinary.
int sentence_profile(const std::vector<std::string>& shapes) {
  size_t alpha = 0, cap = 0, caps = 0;
  for (size_t i = 1; i < shapes.size(); ++i) {
    const std::string& sh = shapes[i];
    if (!has_upper(sh) && !has_lower(sh)) continue;
    ++alpha;
    cap += is_capitalised(sh);
    caps += has_upper(sh) && !has_lower(sh);
  }
  if (alpha < 3) return 0;
  if (cap == 0) return 1;
  if (caps * 5 >= alpha * 4) return 2;
  if (cap * 5 >= alpha * 3) return 3;
  return 4;
}

// Prefix/suffix of up to n code points of a lowercase word (byte boundaries kept valid).
std::string_view utf8_prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) decode_utf8(s, i);
  return s.substr(0, i);
}
std::string_view utf8_suffix(std::string_view s, size_t n) {
  size_t i = s.size();
  for (size_t k = 0; k < n && i > 0; ++k) {
    do --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  }
  return s.substr(i);
}

}  // namespace

bool ner_transition_ok(int prev, int label) {
  const bool prev_open = prev > 0 && (ner_label_part(prev) == Bilou::B || ner_label_part(prev) == Bilou::I);
  if (label == 0) return !prev_open;
  const Bilou part = ner_label_part(label);
  if (part == Bilou::B || part == Bilou::U) return !prev_open;
  return prev_open && ner_label_type(prev) == ner_label_type(label);
}

void NerDocContext::add(std::span<const std::string_view> words) {
  for (size_t i = 0; i < words.size(); ++i) {
    lower_and_shape(words[i], lower_, shape_);
    const bool title = i > 0 && is_title(shape_), lower = has_lower(shape_) && !has_upper(shape_);
    if (!title && !lower) continue;
    Counts& c = counts_[ner_hash(lower_)];
    c.cap_mid += title;
    c.lower += lower;
  }
}

void NerFeaturizer::extract(std::span<const std::string_view> words, std::vector<uint64_t>& feats,
                            std::vector<uint32_t>& offsets, std::vector<uint64_t>& lower_hash,
                            std::vector<uint64_t>& shape_hash, const NerDocContext* doc,
                            std::span<const Upos> upos) const {
  const size_t n = words.size();
  feats.clear();
  offsets.assign(1, 0);
  lower_.resize(n);
  shape_.resize(n);
  lower_hash.resize(n);
  shape_hash.resize(n);
  for (size_t i = 0; i < n; ++i) {
    lower_and_shape(words[i], lower_[i], shape_[i]);
    lower_hash[i] = ner_hash(lower_[i]);
    shape_hash[i] = ner_hash(shape_[i]);
  }
  if (gaz_ != nullptr)
    gaz_->match(words, marks_);
  else
    marks_.assign(n, GazMarks{});
  static const uint64_t kStart = ner_hash("<s>"), kEnd = ner_hash("</s>");
  auto lh = [&](ptrdiff_t j) {
    return j < 0 ? kStart : j >= static_cast<ptrdiff_t>(n) ? kEnd : lower_hash[j];
  };
  auto sh = [&](ptrdiff_t j) {
    return j < 0 ? kStart : j >= static_cast<ptrdiff_t>(n) ? kEnd : shape_hash[j];
  };
  const int profile = sentence_profile(shape_);

  for (size_t i = 0; i < n; ++i) {
    const auto si = static_cast<ptrdiff_t>(i);
    const std::string& lw = lower_[i];
    const bool cap = is_capitalised(shape_[i]);
    feats.push_back(feat(kBias, 0));
    feats.push_back(feat(kWord, words[i]));
    feats.push_back(feat(kLower, lower_hash[i]));
    feats.push_back(feat(kLowerM1, lh(si - 1)));
    feats.push_back(feat(kLowerP1, lh(si + 1)));
    feats.push_back(feat(kLowerM2, lh(si - 2)));
    feats.push_back(feat(kLowerP2, lh(si + 2)));
    feats.push_back(feat(kShape, shape_hash[i]));
    feats.push_back(feat(kShapeM1, sh(si - 1)));
    feats.push_back(feat(kShapeP1, sh(si + 1)));
    feats.push_back(feat(kShape3, ner_combine(ner_combine(sh(si - 1), shape_hash[i]), sh(si + 1))));
    feats.push_back(feat(kBigramM1, ner_combine(lh(si - 1), lower_hash[i])));
    feats.push_back(feat(kBigramP1, ner_combine(lower_hash[i], lh(si + 1))));
    feats.push_back(feat(kLowerM1ShapeP0, ner_combine(lh(si - 1), shape_hash[i])));
    feats.push_back(feat(kShapeP0LowerP1, ner_combine(shape_hash[i], lh(si + 1))));
    feats.push_back(feat(kFirstShape, ner_combine(i == 0, shape_hash[i])));
    feats.push_back(
        feat(kSentProfile, ner_combine(static_cast<uint64_t>(profile * 2 + (i == 0)), shape_hash[i])));
    feats.push_back(feat(kLowerM1P1, ner_combine(lh(si - 1), lh(si + 1))));
    if (i > 0) feats.push_back(feat(kSuffixM1, ner_hash(utf8_suffix(lower_[i - 1], 3))));
    if (i + 1 < n) feats.push_back(feat(kSuffixP1, ner_hash(utf8_suffix(lower_[i + 1], 3))));
    if (upos.size() == n) {
      auto up = [&](ptrdiff_t j) -> uint64_t {
        return j < 0 ? 100 : j >= static_cast<ptrdiff_t>(n) ? 101 : static_cast<uint64_t>(upos[j]);
      };
      const uint64_t u = up(si);
      feats.push_back(feat(kUpos3, (up(si - 1) * 128 + u) * 128 + up(si + 1)));
      feats.push_back(feat(kUposCap, (u * 2 + cap) * 2 + (i == 0)));
      feats.push_back(feat(kUposM1, up(si - 1) * 128 + u));
      feats.push_back(feat(kUposP1, u * 128 + up(si + 1)));
      feats.push_back(feat(kUposLower, ner_combine(u, lower_hash[i])));
    }
    if (doc != nullptr) {
      // Other occurrences in the document (this one taken out).
      NerDocContext::Counts c = doc->get(lower_hash[i]);
      const bool title = i > 0 && is_title(shape_[i]);
      const bool lower = has_lower(shape_[i]) && !has_upper(shape_[i]);
      c.cap_mid -= std::min<uint32_t>(c.cap_mid, title);
      c.lower -= std::min<uint32_t>(c.lower, lower);
      const uint64_t v = std::min<uint32_t>(c.cap_mid, 2) * 3 + std::min<uint32_t>(c.lower, 2);
      feats.push_back(feat(kDocCase, ner_combine(v, static_cast<uint64_t>(cap * 2 + (i == 0)))));
    }
    size_t cps = 0;
    for (size_t k = 0; k < lw.size(); ++k) cps += (static_cast<unsigned char>(lw[k]) & 0xC0) != 0x80;
    feats.push_back(feat(kLength, std::min<size_t>(cps, 12) * 2 + cap));
    for (size_t k = 1; k <= 4 && k < cps; ++k) {
      feats.push_back(feat(kPrefix, ner_combine(k, ner_hash(utf8_prefix(lw, k)))));
      feats.push_back(feat(kSuffix, ner_combine(k, ner_hash(utf8_suffix(lw, k)))));
    }
    const bool all_caps = cps > 1 &&
                          std::none_of(shape_[i].begin(), shape_[i].end(), [](char c) { return c == 'x'; }) &&
                          shape_[i].find('X') != std::string::npos;
    if (all_caps) feats.push_back(feat(kAllCaps, cps > 4));
    // Gazetteers: category and position within the match, alone and with capitalisation.
    const GazMarks& m = marks_[i];
    const uint16_t parts[4] = {m.begin, m.inside, m.end, m.unit};
    const bool common = (m.unit & kGazLowerWord) != 0;
    for (int p = 0; p < 4; ++p) {
      for (int c = 0; c < kGazNumCategories; ++c) {
        if (c == 8 || !(parts[p] >> c & 1)) continue;  // kGazLowerWord is used below only
        const auto pc = static_cast<uint64_t>(p * 16 + c);
        feats.push_back(feat(kGaz, pc));
        feats.push_back(feat(kGazCap, pc * 2 + cap));
        feats.push_back(feat(kGazProfile, pc * 5 + static_cast<uint64_t>(profile)));
        feats.push_back(feat(kGazCommon, (pc * 2 + common) * 2 + cap));
      }
    }
    // A capitalised word that is also a common lowercase word ("The", "Will", "Bush"...).
    if (cap && gaz_ != nullptr) {
      const bool seen = gaz_->lookup_key(gazetteer_key(lw)) & kGazLowerWord;
      feats.push_back(feat(kLowerSeen, ner_combine(seen, i == 0)));
    }
    // Neighbouring single-word matches (a title before, an org keyword after...).
    if (i > 0) {
      const uint16_t pm = marks_[i - 1].unit | marks_[i - 1].end;
      for (int c = 0; c < 8; ++c)
        if (pm >> c & 1) feats.push_back(feat(kGazPrev, static_cast<uint64_t>(c * 2 + cap)));
    }
    if (i > 1) {
      const uint16_t pm = marks_[i - 2].unit | marks_[i - 2].end;
      for (int c = 0; c < 8; ++c)
        if (pm >> c & 1) feats.push_back(feat(kGazPrev2, static_cast<uint64_t>(c * 2 + cap)));
    }
    if (i + 1 < n) {
      const uint16_t nm = marks_[i + 1].unit | marks_[i + 1].begin;
      for (int c = 0; c < 8; ++c)
        if (nm >> c & 1) feats.push_back(feat(kGazNext, static_cast<uint64_t>(c * 2 + cap)));
    }
    offsets.push_back(static_cast<uint32_t>(feats.size()));
  }
}

void NerFeaturizer::history(int prev, uint64_t lower_hash, uint64_t shape_hash, std::vector<uint64_t>& out) {
  const auto p1 = static_cast<uint64_t>(prev + 1);
  out.push_back(feat(kHistPrev, p1));
  out.push_back(feat(kHistPrevWord, ner_combine(p1, lower_hash)));
  out.push_back(feat(kHistPrevShape, ner_combine(p1, shape_hash)));
}

void build_weight_table(const std::vector<uint64_t>& keys, std::vector<uint64_t>& table_keys,
                        std::vector<uint32_t>& table_rows) {
  const size_t cap = std::bit_ceil(std::max<size_t>(16, keys.size() * 2));
  table_keys.assign(cap, 0);
  table_rows.assign(cap, 0);
  for (size_t r = 0; r < keys.size(); ++r) {
    uint64_t key = keys[r] == 0 ? 1 : keys[r];
    size_t s = key & (cap - 1);
    while (table_keys[s] != 0) s = (s + 1) & (cap - 1);
    table_keys[s] = key;
    table_rows[s] = static_cast<uint32_t>(r);
  }
}

void ner_decode(const NerWeights& w, std::span<const uint64_t> feats, std::span<const uint32_t> offsets,
                std::span<const uint64_t> lower_hash, std::span<const uint64_t> shape_hash,
                std::vector<int>& labels) {
  const size_t n = lower_hash.size();
  const auto L = static_cast<size_t>(w.num_labels());
  std::vector<float> scores(n * L, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    float* s = scores.data() + i * L;
    for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k)
      if (const float* row = w.find(feats[k]))
        for (size_t l = 0; l < L; ++l) s[l] += row[l];
  }
  ner_viterbi(
      w.num_labels(), scores, lower_hash, shape_hash, [&w](uint64_t f) { return w.find(f); }, labels);
}

}  // namespace dyad

namespace dyad {

std::vector<NerLabelSpan> ner_label_spans(const std::vector<int>& labels) {
  std::vector<NerLabelSpan> spans;
  bool open = false;
  for (uint32_t i = 0; i < labels.size(); ++i) {
    const int l = labels[i];
    if (l <= 0) {
      open = false;
      continue;
    }
    const int type = ner_label_type(l);
    const Bilou part = ner_label_part(l);
    const bool cont = open && spans.back().type == type && (part == Bilou::I || part == Bilou::L);
    if (cont) {
      spans.back().last = i + 1;
    } else {
      spans.push_back({i, i + 1, type});
    }
    open = part == Bilou::B || part == Bilou::I;
  }
  return spans;
}

}  // namespace dyad
