// Sentence splitting. Boundaries come in three strengths:
//   hard  — paragraph starts (Doc::paragraphs) and blank lines: always a boundary;
//   line  — a single line break: a boundary unless the line visibly continues (it ends in a comma,
//           hyphen or lowercase word and the next line starts with a lowercase letter);
//   soft  — between two tokens on one line: decided by the averaged perceptron (or by rules when no
//           model is loaded) from hashed features of the tokens around the gap.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

#include "base/error.h"
#include "base/hash.h"
#include "base/model_file.h"
#include "base/paths.h"
#include "text/segment.h"
#include "text/segment_abbrev.h"
#include "text/segment_chars.h"

namespace dyad {

namespace {
constexpr uint32_t kBits = 18;
constexpr uint32_t kMask = (1u << kBits) - 1;
constexpr uint32_t kNumFeatures = 18;
constexpr uint32_t kModelVersion = 1;
}  // namespace

struct Segmenter::Model {
  std::vector<float> w;  // 2^kBits weights; empty = rules
};

namespace {

enum Gap : uint8_t { kGapNone, kGapSpace, kGapLine, kGapHard };

// FNV-1a over the bytes, then a finaliser. (Local, and not base/hash64: that one writes past its
// 8-byte tail buffer when size % 16 > 8 — reported.)
uint64_t str_hash(std::string_view s, uint64_t seed) {
  uint64_t h = 0xCBF29CE484222325ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return hash_mix(h, s.size());
}

// What kind of token: drives both the rules and the features.
struct TokInfo {
  char32_t first = 0, last = 0;
  bool terminal = false;  // ends in . ! ? …
  bool abbrev = false;    // word with an attached period ("Dr.", "U.S.")
  bool title = false;     // "Mr.", "Dr.", "Gen."
  bool closer = false;    // closing quote or bracket
  bool opener = false;
};

bool is_closer(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0xBB;
}
bool is_opener(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 || c == 0xAB;
}

TokInfo info_of(std::string_view t) {
  TokInfo r;
  if (t.empty()) return r;
  uint32_t len;
  r.first = seg::decode_at(t, 0, &len);
  size_t k = t.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  r.last = seg::decode_at(t, k, &len);
  r.terminal = r.last == '.' || r.last == '!' || r.last == '?' || r.last == 0x2026;
  const auto fc = seg::char_class(r.first);
  if (r.last == '.' && t.size() > 1 && (fc == seg::kLetter || fc == seg::kDigit)) {
    r.abbrev = true;
    r.title = seg::is_title_abbreviation(t.substr(0, t.size() - 1));
  }
  r.closer = is_closer(r.first) && t.size() <= 3;
  r.opener = is_opener(r.first) && t.size() <= 3;
  return r;
}

// Compact shape: X upper, x lower, d digit, other chars as themselves (ASCII) or 'o'; repeats
// collapsed, at most 6 symbols.
uint64_t shape_hash(std::string_view t) {
  char buf[8];
  size_t n = 0;
  char prev = 0;
  for (size_t i = 0; i < t.size() && n < 6;) {
    uint32_t len;
    const char32_t c = seg::decode_at(t, i, &len);
    i += len;
    char s;
    if (seg::is_upper(c))
      s = 'X';
    else if (seg::is_lower(c))
      s = 'x';
    else if (seg::char_class(c) == seg::kDigit)
      s = 'd';
    else if (seg::char_class(c) == seg::kLetter)
      s = 'l';
    else if (c < 128)
      s = static_cast<char>(c);
    else if (c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019)
      s = '"';
    else if (c == 0x2026)
      s = '.';
    else
      s = 'o';
    if (s != prev) buf[n++] = s;
    prev = s;
  }
  return str_hash(std::string_view(buf, n), 7);
}

uint64_t lower_hash(std::string_view t) {
  char buf[32];
  const size_t n = std::min<size_t>(t.size(), sizeof buf);
  for (size_t i = 0; i < n; ++i) buf[i] = (t[i] >= 'A' && t[i] <= 'Z') ? static_cast<char>(t[i] + 32) : t[i];
  return str_hash(std::string_view(buf, n), 11);
}

// Per-token precomputed values used by features and rules.
struct TokCtx {
  uint64_t word = 0, shape = 0;
  TokInfo info;
};

// Features of the gap after token i (tokens [0, n)); since_break = tokens since the last boundary.
void features(const std::vector<TokCtx>& tc, size_t i, Gap gap, uint32_t since_break, uint32_t* out) {
  const size_t n = tc.size();
  static const TokCtx kNone{str_hash("<none>", 1), str_hash("<none>", 2), {}};
  const TokCtx& m1 = i > 0 ? tc[i - 1] : kNone;
  const TokCtx& t0 = tc[i];
  const TokCtx& t1 = i + 1 < n ? tc[i + 1] : kNone;
  const TokCtx& t2 = i + 2 < n ? tc[i + 2] : kNone;
  const uint64_t g = gap;
  const uint64_t len_bucket = since_break < 4 ? since_break : since_break < 8 ? 4 : since_break < 16 ? 5 : 6;
  const uint64_t f[kNumFeatures] = {
      hash_mix(1, 0),
      hash_mix(2, t0.word),
      hash_mix(3, t1.word),
      hash_mix(4, m1.word),
      hash_mix(5, t0.shape),
      hash_mix(6, t1.shape),
      hash_mix(hash_mix(7, t0.shape), t1.shape),
      hash_mix(hash_mix(8, t0.word), t1.shape),
      hash_mix(hash_mix(9, t0.shape), t1.word),
      hash_mix(hash_mix(10, t0.word), t1.word),
      hash_mix(hash_mix(hash_mix(11, m1.shape), t0.shape), t1.shape),
      hash_mix(hash_mix(12, t0.shape), g),
      hash_mix(hash_mix(hash_mix(13, t0.word), t1.shape), g),
      hash_mix(hash_mix(14, m1.word), t0.word),
      hash_mix(hash_mix(15, t1.shape), t2.shape),
      hash_mix(hash_mix(16, t1.word), t2.shape),
      hash_mix(hash_mix(hash_mix(17, len_bucket), t0.shape), t1.shape),
      hash_mix(hash_mix(18, len_bucket), t0.info.terminal),
  };
  for (uint32_t k = 0; k < kNumFeatures; ++k) out[k] = static_cast<uint32_t>(f[k]) & kMask;
}

// Capitalized words that start sentences after an abbreviation ("... in the U.S. The ...").
bool common_starter(std::string_view w) {
  static constexpr std::string_view kStarters[] = {
      "The", "He",  "She",   "It", "They", "We",  "I",     "This", "That", "But", "And", "In",  "A",
      "His", "Her", "There", "If", "You",  "Its", "Their", "What", "When", "As",  "So",  "Our", "My"};
  return std::find(std::begin(kStarters), std::end(kStarters), w) != std::end(kStarters);
}

// The rule-based decision for the soft gap after token i.
bool rule_boundary(const Doc& doc, const std::vector<TokCtx>& tc, size_t i) {
  const TokInfo& a = tc[i].info;
  const TokInfo& b = tc[i + 1].info;
  const auto next_class = seg::char_class(b.first);
  const bool next_starts = seg::is_upper(b.first) || next_class == seg::kDigit || b.opener ||
                           b.first == '"' || b.first == '\'' ||
                           (next_class == seg::kPunct && !b.closer && !b.terminal);
  if (b.closer || b.terminal || b.first == ',' || b.first == ';' || b.first == ':') return false;
  const TokInfo* end = &a;
  if (a.closer || a.first == '"' || a.first == '\'') {
    // After a closing quote: a boundary if the quote itself follows terminal punctuation.
    if (i == 0 || !tc[i - 1].info.terminal || tc[i - 1].info.abbrev) return false;
    end = &tc[i - 1].info;
  }
  if (!end->terminal) return false;
  if (end->abbrev) {
    if (end->title) return false;
    return common_starter(doc.token_text(static_cast<uint32_t>(i + 1)));
  }
  return next_starts;
}

}  // namespace

Segmenter::Segmenter() : m_(std::make_unique<Model>()) {}
Segmenter::~Segmenter() = default;
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;

bool Segmenter::has_model() const { return !m_->w.empty(); }

Segmenter Segmenter::load(const std::string& path) {
  auto file = ModelFile::open(path);
  auto r = file.reader("segmenter");
  const auto version = r.get<uint32_t>();
  const auto bits = r.get<uint32_t>();
  if (version != kModelVersion || bits != kBits)
    throw InputError(path, fmt::format("segmenter model version {} / {} bits, expected {} / {}", version,
                                       bits, kModelVersion, kBits));
  const auto w = r.get_array<float>();
  if (w.size() != (size_t{1} << kBits)) throw InputError(path, "segmenter weights have the wrong size");
  Segmenter s;
  s.m_->w.assign(w.begin(), w.end());
  return s;
}

void Segmenter::save(const std::string& path) const {
  ByteWriter bw;
  bw.put<uint32_t>(kModelVersion);
  bw.put<uint32_t>(kBits);
  bw.put_array(m_->w);
  ModelWriter mw;
  mw.add("segmenter", std::move(bw.bytes()));
  mw.write(path);
}

namespace {

// Token pass shared by segment() and training: tokens, their context, and the gap kind before each.
struct Prepared {
  std::vector<TokCtx> tc;
  std::vector<Gap> gap_after;  // gap between token i and i+1 (last: kGapHard)
};

void prepare(Doc& doc, std::vector<uint8_t>* flags, Prepared* p) {
  doc.tokens.clear();
  doc.sentences.clear();
  if (flags) flags->clear();
  if (doc.text.size() >= UINT32_MAX) throw InputError(doc.path, "text too long to segment (4 GiB)");
  tokenize(doc.text, {0, static_cast<uint32_t>(doc.text.size())}, &doc.tokens, flags);
  const size_t n = doc.tokens.size();
  p->tc.resize(n);
  p->gap_after.assign(n, kGapHard);
  for (size_t i = 0; i < n; ++i) {
    const auto t = doc.token_text(static_cast<uint32_t>(i));
    p->tc[i].word = lower_hash(t);
    p->tc[i].shape = shape_hash(t);
    p->tc[i].info = info_of(t);
  }
  // Paragraph starts, sorted.
  std::vector<uint32_t> par;
  par.reserve(doc.paragraphs.size());
  for (const auto& s : doc.paragraphs) par.push_back(s.begin);
  std::sort(par.begin(), par.end());
  size_t pi = 0;
  for (size_t i = 0; i + 1 < n; ++i) {
    const uint32_t b = doc.tokens[i].end, e = doc.tokens[i + 1].begin;
    while (pi < par.size() && par[pi] <= b) ++pi;
    if (pi < par.size() && par[pi] <= e) {
      p->gap_after[i] = kGapHard;
      continue;
    }
    int newlines = 0;
    for (uint32_t k = b; k < e; ++k) newlines += doc.text[k] == '\n';
    if (newlines >= 2)
      p->gap_after[i] = kGapHard;
    else if (newlines == 1)
      p->gap_after[i] = kGapLine;
    else
      p->gap_after[i] = e > b ? kGapSpace : kGapNone;
  }
}

// A line break ends the sentence unless the text visibly runs on.
bool line_continues(const Doc& doc, const std::vector<TokCtx>& tc, size_t i) {
  const TokInfo& a = tc[i].info;
  const TokInfo& b = tc[i + 1].info;
  if (!seg::is_lower(b.first)) return false;
  return a.last == ',' || a.last == '-' || seg::is_lower(a.last) ||
         (a.first == 'a' && doc.tokens[i].size() == 1);
}

}  // namespace

void Segmenter::segment(Doc& doc, std::vector<uint8_t>* flags) const {
  Prepared p;
  prepare(doc, flags, &p);
  const size_t n = doc.tokens.size();
  uint32_t first = 0;
  uint32_t feats[kNumFeatures];
  for (size_t i = 0; i < n; ++i) {
    bool brk = true;
    if (i + 1 < n) {
      const Gap g = p.gap_after[i];
      if (g == kGapHard)
        brk = true;
      else if (g == kGapLine)
        brk = !line_continues(doc, p.tc, i);
      else if (has_model()) {
        features(p.tc, i, g, static_cast<uint32_t>(i + 1 - first), feats);
        float score = 0;
        for (uint32_t f : feats) score += m_->w[f];
        brk = score > 0;
      } else {
        brk = rule_boundary(doc, p.tc, i);
      }
      if (i + 1 - first >= kMaxSentenceTokens) brk = true;
    }
    if (brk) {
      const auto last = static_cast<uint32_t>(i + 1);
      doc.sentences.push_back({first, last, {doc.tokens[first].begin, doc.tokens[i].end}});
      first = last;
    }
  }
}

Segmenter Segmenter::train(const std::vector<Example>& train, const std::vector<Example>& dev, int max_epochs,
                           std::string* log) {
  // Precompute features and labels of every soft gap once; epochs then only touch weights.
  struct Set {
    std::vector<uint32_t> feats;  // kNumFeatures per gap
    std::vector<uint8_t> label;
  };
  auto build = [](const std::vector<Example>& exs) {
    Set s;
    for (const auto& ex : exs) {
      Doc doc;
      doc.text = ex.doc.text;
      doc.paragraphs = ex.doc.paragraphs;
      Prepared p;
      prepare(doc, nullptr, &p);
      const size_t n = doc.tokens.size();
      uint32_t first = 0;
      uint32_t f[kNumFeatures];
      for (size_t i = 0; i + 1 < n; ++i) {
        const bool gold = std::binary_search(ex.gold_ends.begin(), ex.gold_ends.end(), doc.tokens[i].end);
        const Gap g = p.gap_after[i];
        // Features see the gold history (tokens since the last gold boundary).
        if (g == kGapSpace || g == kGapNone) {
          features(p.tc, i, g, static_cast<uint32_t>(i + 1 - first), f);
          s.feats.insert(s.feats.end(), f, f + kNumFeatures);
          s.label.push_back(gold);
        }
        if (gold || g == kGapHard || g == kGapLine) first = static_cast<uint32_t>(i + 1);
      }
    }
    return s;
  };
  const Set tr = build(train), dv = build(dev);
  std::vector<float> w(size_t{1} << kBits, 0.f), acc(w.size(), 0.f), avg(w.size());
  std::vector<uint32_t> order(tr.label.size());
  std::iota(order.begin(), order.end(), 0u);
  uint64_t rng = 0x12345678;
  float c = 1;
  double best_f1 = -1;
  std::vector<float> best;
  for (int epoch = 1; epoch <= max_epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) {  // deterministic shuffle
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(order[k - 1], order[(rng >> 33) % k]);
    }
    for (uint32_t ix : order) {
      const uint32_t* f = &tr.feats[size_t{ix} * kNumFeatures];
      float score = 0;
      for (uint32_t k = 0; k < kNumFeatures; ++k) score += w[f[k]];
      const bool y = tr.label[ix];
      if ((score > 0) != y) {
        const float d = y ? 1.f : -1.f;
        for (uint32_t k = 0; k < kNumFeatures; ++k) w[f[k]] += d, acc[f[k]] += c * d;
      }
      c += 1;
    }
    for (size_t k = 0; k < w.size(); ++k) avg[k] = w[k] - acc[k] / c;
    // Gap-level F1 on dev (boundaries at soft gaps only).
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t ix = 0; ix < dv.label.size(); ++ix) {
      const uint32_t* f = &dv.feats[ix * kNumFeatures];
      float score = 0;
      for (uint32_t k = 0; k < kNumFeatures; ++k) score += avg[f[k]];
      const bool pred = score > 0, y = dv.label[ix];
      tp += pred && y, fp += pred && !y, fn += !pred && y;
    }
    const double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    if (log)
      *log += fmt::format("epoch {}: dev soft-gap P {:.2f} R {:.2f} F1 {:.2f}\n", epoch,
                          100.0 * tp / std::max<size_t>(1, tp + fp),
                          100.0 * tp / std::max<size_t>(1, tp + fn), 100 * f1);
    if (f1 > best_f1) best_f1 = f1, best = avg;
  }
  Segmenter s;
  s.m_->w = std::move(best);
  return s;
}

const Segmenter& default_segmenter() {
  static const Segmenter s = [] {
    const std::string path = models_dir() + "/segmenter.bin";
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      std::fclose(f);
      return Segmenter::load(path);
    }
    return Segmenter();
  }();
  return s;
}

void segment(Doc& doc) { default_segmenter().segment(doc); }

}  // namespace dyad
