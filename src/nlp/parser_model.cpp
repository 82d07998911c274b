#include "nlp/parser_model.h"

#include <algorithm>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

#include "base/error.h"
#include "base/hash.h"

namespace dyad::parser_impl {
namespace {

constexpr uint32_t kFormatVersion = 2;
constexpr uint64_t kNoneWord = 0x6E6F6E65ULL;  // "none"
constexpr uint64_t kRootWord = 0x726F6F74ULL;  // "root"
constexpr uint8_t kNoneTag = 250;
constexpr uint8_t kRootTag = 251;
constexpr uint64_t kNoneLabel = 100;

// Distance buckets: 1, 2, 3, 4, 5-9, 10+.
inline uint64_t dist_bucket(int d) { return d < 5 ? static_cast<uint64_t>(d) : d < 10 ? 5 : 6; }

}  // namespace

uint64_t word_key(std::string_view form) {
  char buf[64] = {};
  const size_t n = std::min(form.size(), sizeof(buf));
  for (size_t i = 0; i < n; ++i) {
    char c = form[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9')
      c = '0';
    buf[i] = c;
  }
  // Forms longer than the buffer hash their folded prefix plus the rest verbatim.
  uint64_t h = hash64(buf, n, 0x5741);
  if (form.size() > n) h = hash64(form.substr(n), h);
  return h;
}

uint64_t suffix_key(std::string_view form) {
  char buf[3] = {};
  const size_t n = std::min<size_t>(form.size(), 3);
  for (size_t i = 0; i < n; ++i) {
    char c = form[form.size() - n + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    buf[i] = c;
  }
  return hash64(buf, n, 0x5355);
}

uint8_t word_shape(std::string_view form) {
  if (form.empty()) return 0;
  bool upper_first = form[0] >= 'A' && form[0] <= 'Z', all_upper = true, digit = false, hyphen = false;
  for (char c : form) {
    if (c >= 'a' && c <= 'z') all_upper = false;
    digit |= c >= '0' && c <= '9';
    hyphen |= c == '-';
  }
  const int len = form.size() >= 3 ? 3 : static_cast<int>(form.size());
  return static_cast<uint8_t>(upper_first | (all_upper && upper_first) << 1 | digit << 2 | hyphen << 3 |
                              len << 4);
}

namespace {

// Whether token t ("-") touches letters on both sides with no space: an intra-word hyphen
// ("Jong-un", "pro-Russian"). EWT tags 95% of them HYPH and 4% ","; a tagger that follows the 4%
// makes the parser read a clause boundary inside a name, so the parser reads them all as HYPH.
bool glued_between_letters(const Doc& doc, uint32_t t, uint32_t first, uint32_t last) {
  if (t == first || t + 1 >= last) return false;
  const Span prev = doc.tokens[t - 1], cur = doc.tokens[t], next = doc.tokens[t + 1];
  if (prev.end != cur.begin || cur.end != next.begin || prev.end == prev.begin || next.end == next.begin)
    return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80) != 0; };
  return letter(doc.text[prev.end - 1]) && letter(doc.text[next.begin]);
}

}  // namespace

void fill_input(const Doc& doc, uint32_t first, uint32_t last, SentenceInput& in) {
  static const uint8_t hyph = xpos_id("HYPH");
  const int len = static_cast<int>(last - first);
  in.resize(len);
  for (int i = 0; i < len; ++i) {
    const uint32_t t = first + static_cast<uint32_t>(i);
    const std::string_view form = doc.token_text(t);
    in.word[i] = word_key(form);
    in.suffix[i] = suffix_key(form);
    in.shape[i] = word_shape(form);
    uint8_t tag = t < doc.xpos.size() ? doc.xpos[t] : kUnknownLabel;
    if (tag == kUnknownLabel && t < doc.upos.size())
      tag = static_cast<uint8_t>(200 + static_cast<int>(doc.upos[t]));
    if (form == "-" && glued_between_letters(doc, t, first, last)) tag = hyph;
    in.tag[i] = tag;
  }
  in.word[len] = kRootWord;
  in.tag[len] = kRootTag;
  in.suffix[len] = kRootWord;
  in.shape[len] = 255;
}

void State::init(int len) {
  n = len;
  b0 = 0;
  stack.clear();
  const size_t sz = static_cast<size_t>(len) + 1;
  head.assign(sz, -2);
  label.assign(sz, 0);
  lc1.assign(sz, -1);
  lc2.assign(sz, -1);
  rc1.assign(sz, -1);
  rc2.assign(sz, -1);
  nl.assign(sz, 0);
  nr.assign(sz, 0);
  lset.assign(sz, 0);
  rset.assign(sz, 0);
}

void State::add_arc(int h, int d, int lab) {
  head[d] = h;
  label[d] = static_cast<uint8_t>(lab);
  const uint64_t bit = uint64_t{1} << (lab & 63);
  if (d < h) {
    if (lc1[h] < 0 || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] < 0 || d < lc2[h]) {
      lc2[h] = d;
    }
    if (nl[h] < 255) ++nl[h];
    lset[h] |= bit;
  } else {
    if (rc1[h] < 0 || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] < 0 || d > rc2[h]) {
      rc2[h] = d;
    }
    if (nr[h] < 255) ++nr[h];
    rset[h] |= bit;
  }
}

void State::apply(Move m, int lab) {
  switch (m) {
    case kShift:
      stack.push_back(b0);
      ++b0;
      break;
    case kLeft: {
      const int d = stack.back();
      stack.pop_back();
      add_arc(b0, d, lab);
      break;
    }
    case kRight: {
      const int d = stack.back();
      stack.pop_back();
      add_arc(stack.back(), d, lab);
      break;
    }
  }
}

void extract(const SentenceInput& in, const State& s, uint64_t* keys) {
  const size_t ss = s.stack.size();
  const int S0 = ss >= 1 ? s.stack[ss - 1] : -1;
  const int S1 = ss >= 2 ? s.stack[ss - 2] : -1;
  const int S2 = ss >= 3 ? s.stack[ss - 3] : -1;
  const int N0 = s.b0;
  const int N1 = s.b0 + 1 <= s.n ? s.b0 + 1 : -1;
  const int N2 = s.b0 + 2 <= s.n ? s.b0 + 2 : -1;
  auto kid = [](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
  const int S0L = kid(s.lc1, S0), S0L2 = kid(s.lc2, S0), S0R = kid(s.rc1, S0), S0R2 = kid(s.rc2, S0);
  const int N0L = kid(s.lc1, N0), N0L2 = kid(s.lc2, N0);
  const int S1L = kid(s.lc1, S1), S1R = kid(s.rc1, S1);

  auto W = [&](int i) -> uint64_t { return i < 0 ? kNoneWord : in.word[i]; };
  auto P = [&](int i) -> uint64_t { return i < 0 ? kNoneTag : in.tag[i]; };
  auto L = [&](int i) -> uint64_t { return i < 0 ? kNoneLabel : s.label[i]; };
  auto WP = [&](int i) -> uint64_t { return hash_mix(W(i), P(i)); };
  auto SUF = [&](int i) -> uint64_t { return i < 0 ? kNoneWord : in.suffix[i]; };
  auto SH = [&](int i) -> uint64_t { return i < 0 ? 254 : in.shape[i]; };

  const uint64_t s0w = W(S0), s0p = P(S0), s0wp = WP(S0);
  const uint64_t s1w = W(S1), s1p = P(S1), s1wp = WP(S1);
  const uint64_t n0w = W(N0), n0p = P(N0), n0wp = WP(N0);
  const uint64_t n1w = W(N1), n1p = P(N1), n1wp = WP(N1);
  const uint64_t n2w = W(N2), n2p = P(N2), n2wp = WP(N2);
  const uint64_t s2w = W(S2), s2p = P(S2);
  const uint64_t s0lp = P(S0L), s0rp = P(S0R), n0lp = P(N0L), s1rp = P(S1R);
  const uint64_t d = S0 >= 0 ? dist_bucket(N0 - S0) : 7;
  const uint64_t d1 = S1 >= 0 ? dist_bucket(S0 - S1) : 7;
  const uint64_t s0vl = S0 >= 0 ? s.nl[S0] : 99, s0vr = S0 >= 0 ? s.nr[S0] : 99;
  const uint64_t s1vl = S1 >= 0 ? s.nl[S1] : 99, s1vr = S1 >= 0 ? s.nr[S1] : 99;
  const uint64_t n0vl = s.nl[N0];
  const uint64_t s0sl = S0 >= 0 ? s.lset[S0] : 1, s0sr = S0 >= 0 ? s.rset[S0] : 1;
  const uint64_t n0sl = s.lset[N0];

  int t = 0;
  auto f1 = [&](uint64_t a) {
    keys[t] = hash_mix(static_cast<uint64_t>(t + 1) * 0x9E3779B97F4A7C15ULL, a);
    ++t;
  };
  auto f2 = [&](uint64_t a, uint64_t b) {
    keys[t] = hash_mix(hash_mix(static_cast<uint64_t>(t + 1) * 0x9E3779B97F4A7C15ULL, a), b);
    ++t;
  };
  auto f3 = [&](uint64_t a, uint64_t b, uint64_t c) {
    keys[t] = hash_mix(hash_mix(hash_mix(static_cast<uint64_t>(t + 1) * 0x9E3779B97F4A7C15ULL, a), b), c);
    ++t;
  };
  // Bias.
  f1(0);
  // Single tokens.
  f1(s0wp);
  f1(s0w);
  f1(s0p);
  f1(n0wp);
  f1(n0w);
  f1(n0p);
  f1(n1wp);
  f1(n1w);
  f1(n1p);
  f1(n2wp);
  f1(n2w);
  f1(n2p);
  f1(s1wp);
  f1(s1w);
  f1(s1p);
  f1(s2w);
  f1(s2p);
  // Pairs S0-N0.
  f2(s0wp, n0wp);
  f2(s0wp, n0w);
  f2(s0w, n0wp);
  f2(s0wp, n0p);
  f2(s0p, n0wp);
  f2(s0w, n0w);
  f2(s0p, n0p);
  f2(n0p, n1p);
  // Pairs with S1 (arc-hybrid's RIGHT attaches S0 to S1).
  f2(s1w, s0w);
  f2(s1p, s0p);
  f2(s1wp, s0p);
  f2(s1p, s0wp);
  f2(s1w, n0w);
  f2(s1p, n0p);
  // Tag triples.
  f3(n0p, n1p, n2p);
  f3(s0p, n0p, n1p);
  f3(s1p, s0p, n0p);
  f3(s0p, s0lp, n0p);
  f3(s0p, s0rp, n0p);
  f3(s0p, n0p, n0lp);
  f3(s2p, s1p, s0p);
  f3(s1p, s1rp, s0p);
  f3(s1p, s0p, s0lp);
  f3(s1p, s0p, s0rp);
  f3(s0w, n0p, n1p);
  // Distance.
  f2(s0w, d);
  f2(s0p, d);
  f2(n0w, d);
  f2(n0p, d);
  f3(s0w, n0w, d);
  f3(s0p, n0p, d);
  f3(s1p, s0p, d1);
  f3(s1w, s0w, d1);
  // Valency.
  f2(s0w, s0vr);
  f2(s0p, s0vr);
  f2(s0w, s0vl);
  f2(s0p, s0vl);
  f2(n0w, n0vl);
  f2(n0p, n0vl);
  f2(s1p, s1vr);
  f2(s1p, s1vl);
  // Children (second order).
  f1(W(S0L));
  f1(s0lp);
  f1(L(S0L));
  f1(W(S0R));
  f1(s0rp);
  f1(L(S0R));
  f1(W(N0L));
  f1(n0lp);
  f1(L(N0L));
  f1(W(S1R));
  f1(s1rp);
  f1(L(S1R));
  f1(P(S1L));
  f1(L(S1L));
  // Third order.
  f1(W(S0L2));
  f1(P(S0L2));
  f1(L(S0L2));
  f1(W(S0R2));
  f1(P(S0R2));
  f1(L(S0R2));
  f1(W(N0L2));
  f1(P(N0L2));
  f1(L(N0L2));
  f3(s0p, s0lp, P(S0L2));
  f3(s0p, s0rp, P(S0R2));
  f3(n0p, n0lp, P(N0L2));
  // Label sets.
  f2(s0w, s0sr);
  f2(s0p, s0sr);
  f2(s0w, s0sl);
  f2(s0p, s0sl);
  f2(n0w, n0sl);
  f2(n0p, n0sl);
  // Third-order label pairs (Zhang & Nivre 2011) and a child label with its head's word.
  f3(s0p, L(S0L), L(S0L2));
  f3(s0p, L(S0R), L(S0R2));
  f3(n0p, L(N0L), L(N0L2));
  f2(n0w, L(N0L));
  // Suffixes and shapes: robustness to unknown words and tagging errors.
  f1(SUF(S0));
  f1(SUF(N0));
  f1(SUF(N1));
  f2(s0p, SUF(N0));
  f2(SH(S0), SH(N0));
  f1(hash_mix(SH(N0), n0p));
  if (t != kNumTemplates) __builtin_trap();  // template list and kNumTemplates out of sync
}

void Model::build(std::span<const Slot> file_table, std::span<const uint32_t> file_rows) {
  const int nc = num_classes(), npad = padded_classes();
  // Dense when the sparse form would take a third of the dense one or more: a dense row is
  // added 8 classes per instruction, a sparse entry costs a scattered load-add-store.
  auto dense = [&](uint32_t cnt) { return 3 * cnt >= static_cast<uint32_t>(nc); };
  size_t total = 8;  // slack at the end: no SIMD load runs past the array
  num_features = 0;
  for (const Slot& s : file_table) {
    if (s.fp == 0) continue;
    ++num_features;
    const uint32_t cnt = file_rows[s.row];
    total += 1 + (dense(cnt) ? static_cast<size_t>(npad) : 2 * static_cast<size_t>(cnt));
  }
  table.assign(file_table.begin(), file_table.end());
  rows.assign(total, 0);
  size_t at = 0;
  for (Slot& s : table) {
    if (s.fp == 0) continue;
    const uint32_t* r = file_rows.data() + s.row;
    const uint32_t cnt = r[0];
    s.row = static_cast<uint32_t>(at);
    if (dense(cnt)) {
      rows[at++] = kDense;
      for (uint32_t j = 1; j <= cnt; ++j)
        rows[at + (r[j] >> 16)] = static_cast<int16_t>(static_cast<uint16_t>(r[j] & 0xFFFF));
      at += static_cast<size_t>(npad);
    } else {
      rows[at++] = static_cast<int16_t>(cnt);
      for (uint32_t j = 1; j <= cnt; ++j) {
        rows[at++] = static_cast<int16_t>(r[j] >> 16);
        rows[at++] = static_cast<int16_t>(static_cast<uint16_t>(r[j] & 0xFFFF));
      }
    }
  }
}

void Model::add_row(int64_t row, int32_t* scores) const {
  const int16_t* r = rows.data() + row;
  if (r[0] == kDense) {
    const int16_t* w = r + 1;
    const int npad = padded_classes();
#if defined(__SSE2__)
    for (int c = 0; c < npad; c += 8) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c));
      // Sign-extend int16 -> int32: put each value in the high half, shift back arithmetically.
      const __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
      const __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
      __m128i* out = reinterpret_cast<__m128i*>(scores + c);
      _mm_storeu_si128(out, _mm_add_epi32(_mm_loadu_si128(out), lo));
      _mm_storeu_si128(out + 1, _mm_add_epi32(_mm_loadu_si128(out + 1), hi));
    }
#else
    for (int c = 0; c < npad; ++c) scores[c] += w[c];
#endif
    return;
  }
  const int cnt = r[0];
  for (int j = 0; j < cnt; ++j) scores[static_cast<uint16_t>(r[1 + 2 * j])] += r[2 + 2 * j];
}

#if defined(__x86_64__)
// The same sums with AVX2 (chosen at run time): 8 int16 weights widen to 8 int32 in one instruction.
static __attribute__((target("avx2"))) void add_dense_avx2(const int16_t* const* dense, int nd, int npad,
                                                           int32_t* scores) {
  for (int c = 0; c < npad; c += 8) {
    __m256i* out = reinterpret_cast<__m256i*>(scores + c);
    __m256i acc = _mm256_loadu_si256(out);
    for (int j = 0; j < nd; ++j)
      acc = _mm256_add_epi32(
          acc, _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(dense[j] + c))));
    _mm256_storeu_si256(out, acc);
  }
}
#endif

void Model::add_rows(const int64_t* found, int n, int32_t* scores) const {
  const int16_t* dense[128];
  int nd = 0;
  for (int j = 0; j < n; ++j) {
    const int16_t* r = rows.data() + found[j];
    if (r[0] == kDense && nd < 128) {
      dense[nd++] = r + 1;
    } else {
      add_row(found[j], scores);
    }
  }
  if (nd == 0) return;
  const int npad = padded_classes();
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    add_dense_avx2(dense, nd, npad, scores);
    return;
  }
#endif
#if defined(__SSE2__)
  for (int c = 0; c < npad; c += 8) {
    __m128i* out = reinterpret_cast<__m128i*>(scores + c);
    __m128i lo = _mm_loadu_si128(out), hi = _mm_loadu_si128(out + 1);
    for (int j = 0; j < nd; ++j) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(dense[j] + c));
      // Sign-extend int16 -> int32: put each value in the high half, shift back arithmetically.
      lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
      hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
    }
    _mm_storeu_si128(out, lo);
    _mm_storeu_si128(out + 1, hi);
  }
#else
  for (int c = 0; c < npad; ++c)
    for (int j = 0; j < nd; ++j) scores[c] += dense[j][c];
#endif
}

bool valid(int num_labels, int root_label, const State& s, int cls) {
  Move m;
  int lab;
  decode(cls, num_labels, &m, &lab);
  switch (m) {
    case kShift:
      return s.can_shift();
    case kLeft:
      return s.can_left() && ((s.b0 == s.n) == (lab == root_label));
    case kRight:
      return s.can_right() && lab != root_label;
  }
  return false;
}

int best_valid(int num_labels, int root_label, const State& s, const int32_t* scores) {
  int best = -1;
  int32_t best_score = std::numeric_limits<int32_t>::min();
  auto consider = [&](int c) {
    if (best < 0 || scores[c] > best_score) {
      best = c;
      best_score = scores[c];
    }
  };
  if (s.can_shift()) consider(0);
  if (s.can_left()) {
    if (s.b0 == s.n) {
      consider(1 + root_label);
    } else {
      for (int l = 0; l < num_labels; ++l)
        if (l != root_label) consider(1 + l);
    }
  }
  if (s.can_right()) {
    for (int l = 0; l < num_labels; ++l)
      if (l != root_label) consider(1 + num_labels + l);
  }
  return best;
}

void parse_sentence(const Model& m, Workspace& ws) {
  State& st = ws.state;
  st.init(ws.in.n);
  ws.scores.resize(static_cast<size_t>(m.padded_classes()));
  while (!st.terminal()) {
    // Forced moves need no scores: SHIFT on an empty stack, and the final LEFT-root of the last
    // token onto ROOT. (Training never updates on them either: gold = prediction.)
    if (st.stack.empty()) {
      st.apply(kShift, 0);
      continue;
    }
    if (st.b0 == st.n && st.stack.size() == 1) {
      st.apply(kLeft, m.root_label);
      continue;
    }
    std::fill(ws.scores.begin(), ws.scores.end(), 0);
    extract(ws.in, st, ws.keys);
    m.add_scores(ws.keys, kNumTemplates, ws.scores.data());
    const int cls = best_valid(m.num_labels(), m.root_label, st, ws.scores.data());
    Move mv;
    int lab;
    decode(cls, m.num_labels(), &mv, &lab);
    st.apply(mv, lab);
  }
}

void write_model(ModelWriter& w, const std::vector<uint8_t>& label_deprel, const ModelArrays& arrays) {
  ByteWriter meta;
  meta.put<uint32_t>(kFormatVersion);
  meta.put<uint32_t>(kNumTemplates);
  meta.put<uint32_t>(static_cast<uint32_t>(label_deprel.size()));
  for (uint8_t d : label_deprel) meta.put_string(deprel_name(d));
  meta.put<uint64_t>(arrays.num_features);
  w.add("parser.meta", std::move(meta.bytes()));
  ByteWriter table;
  table.put_array(arrays.table);
  w.add("parser.table", std::move(table.bytes()));
  ByteWriter rows;
  rows.put_array(arrays.rows);
  w.add("parser.rows", std::move(rows.bytes()));
}

void read_model(const ModelFile& file, Model& m) {
  auto meta = file.reader("parser.meta");
  const auto version = meta.get<uint32_t>();
  if (version != kFormatVersion)
    throw InputError(file.path(), "parser model version " + std::to_string(version) + ", expected " +
                                      std::to_string(kFormatVersion) + " (retrain with `dyad train parser`)");
  if (meta.get<uint32_t>() != kNumTemplates)
    throw InputError(file.path(),
                     "parser model has a different feature set (retrain with `dyad train parser`)");
  const auto nlab = meta.get<uint32_t>();
  if (nlab == 0 || nlab > kMaxLabels) throw InputError(file.path(), "parser model: bad label count");
  m.label_deprel.clear();
  m.root_label = -1;
  for (uint32_t i = 0; i < nlab; ++i) {
    const auto name = meta.get_string();
    const uint8_t id = deprel_id(name);
    if (id == kUnknownLabel)
      throw InputError(file.path(), "parser model: unknown label '" + std::string(name) + "'");
    if (name == "root") m.root_label = static_cast<int>(i);
    m.label_deprel.push_back(id);
  }
  if (m.root_label < 0) throw InputError(file.path(), "parser model has no 'root' label");
  meta.get<uint64_t>();  // feature count (recounted by build)
  auto tr = file.reader("parser.table");
  const std::span<const Slot> table = tr.get_array<Slot>();
  auto rr = file.reader("parser.rows");
  const std::span<const uint32_t> rows = rr.get_array<uint32_t>();
  const size_t ts = table.size();
  if (ts == 0 || (ts & (ts - 1)) != 0) throw InputError(file.path(), "parser model: bad table size");
  // Validate rows once so parsing never reads out of bounds on a corrupt (but checksummed) file.
  const uint32_t nc = static_cast<uint32_t>(1 + 2 * nlab);
  bool has_empty = false;
  for (const Slot& s : table) {
    if (s.fp == 0) {
      has_empty = true;
      continue;
    }
    if (s.row >= rows.size() || rows[s.row] > rows.size() - s.row - 1)
      throw InputError(file.path(), "parser model: row out of bounds");
    for (uint32_t j = 1; j <= rows[s.row]; ++j)
      if ((rows[s.row + j] >> 16) >= nc) throw InputError(file.path(), "parser model: bad class");
  }
  if (!has_empty) throw InputError(file.path(), "parser model: table has no empty slot");
  m.build(table, rows);
}

}  // namespace dyad::parser_impl
