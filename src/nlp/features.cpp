#include "nlp/features.h"

#include <algorithm>
#include <cstring>

#include "base/error.h"

namespace dyad::features {
namespace {

inline bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

// Distinct seeds keep "suffix 'a'" apart from "prefix 'a'" and from the whole word "a".
constexpr uint64_t kSeedForm = 0x1001, kSeedLower = 0x1002, kSeedShape = 0x1003, kSeedSuf = 0x1010,
                   kSeedPre = 0x1020;

inline uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t hash_str(std::string_view s, uint64_t seed) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t h = mix(seed ^ (0x9E3779B97F4A7C15ULL * (n + 1)));
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = mix(h ^ w);
  }
  uint64_t tail = 0;
  if (i < n) std::memcpy(&tail, p + i, n - i);
  h = mix(h ^ tail ^ (uint64_t{0xA5} << 56));
  return h ? h : 1;
}

void lower_into(std::string_view s, std::string& out) {
  out.assign(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

std::string lower(std::string_view s) {
  std::string out;
  lower_into(s, out);
  return out;
}

std::string shape(std::string_view s) {
  std::string out;
  char last = 0;
  int run = 0;
  for (unsigned char c : s.substr(0, 40)) {
    char k;
    if (c >= 'A' && c <= 'Z')
      k = 'X';
    else if (c >= 'a' && c <= 'z')
      k = 'x';
    else if (c >= '0' && c <= '9')
      k = 'd';
    else if (c >= 0x80)
      k = 'u';
    else
      k = static_cast<char>(c);
    if (k == last) {
      if (++run > 3) continue;
    } else {
      last = k;
      run = 1;
    }
    out.push_back(k);
  }
  return out;
}

size_t suffix_bytes(std::string_view s, size_t n) {
  size_t i = s.size();
  while (n > 0 && i > 0) {
    --i;
    while (i > 0 && is_cont(static_cast<unsigned char>(s[i]))) --i;
    --n;
  }
  return s.size() - i;
}

size_t prefix_bytes(std::string_view s, size_t n) {
  size_t i = 0;
  while (n > 0 && i < s.size()) {
    ++i;
    while (i < s.size() && is_cont(static_cast<unsigned char>(s[i]))) ++i;
    --n;
  }
  return i;
}

void word_info(std::string_view form, std::string& scratch, WordInfo* out) {
  out->form = hash_str(form, kSeedForm);
  uint32_t flags = 0;
  bool any_lower = false;
  for (unsigned char c : form) {
    if (c >= '0' && c <= '9')
      flags |= kHasDigit;
    else if (c == '-')
      flags |= kHasHyphen;
    else if (c >= 'A' && c <= 'Z')
      flags |= kHasUpper;
    else if (c >= 'a' && c <= 'z')
      any_lower = true;
  }
  if ((flags & kHasUpper) && !any_lower) flags |= kAllUpper;
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z' && any_lower) flags |= kTitle;
  out->flags = flags;

  lower_into(form, scratch);
  out->shape = hash_str(shape(form), kSeedShape);
  // Affixes from the lowercased word before digit folding ("1990s" keeps its "s").
  for (size_t n = 1; n <= 4; ++n) {
    const size_t b = suffix_bytes(scratch, n);
    out->suf[n - 1] = hash_str(std::string_view(scratch).substr(scratch.size() - b), kSeedSuf + n);
  }
  for (size_t n = 1; n <= 3; ++n)
    out->pre[n - 1] = hash_str(std::string_view(scratch).substr(0, prefix_bytes(scratch, n)), kSeedPre + n);
  // Numbers differ only in their digits: fold them so "1,234" and "5,678" share a feature.
  if (flags & kHasDigit)
    for (char& c : scratch)
      if (c >= '1' && c <= '9') c = '0';
  out->lower = hash_str(scratch, kSeedLower);
}

uint64_t lower_key(std::string_view lowered) {
  std::string s(lowered);
  bool digit = false;
  for (char c : s) digit |= c >= '0' && c <= '9';
  if (digit)
    for (char& c : s)
      if (c >= '1' && c <= '9') c = '0';
  return hash_str(s, kSeedLower);
}

const WordInfo& pad_info(int which) {
  static const WordInfo before = [] {
    WordInfo w;
    w.form = w.lower = w.shape = hash_str("<s>", 0x2001);
    for (auto& h : w.suf) h = w.form;
    for (auto& h : w.pre) h = w.form;
    return w;
  }();
  static const WordInfo after = [] {
    WordInfo w;
    w.form = w.lower = w.shape = hash_str("</s>", 0x2002);
    for (auto& h : w.suf) h = w.form;
    for (auto& h : w.pre) h = w.form;
    return w;
  }();
  return which < 0 ? before : after;
}

FrozenMap FrozenMap::read(ByteReader& r) {
  FrozenMap m;
  m.size_ = r.get<uint64_t>();
  m.slots_ = r.get_array<uint64_t>();
  const size_t n = m.slots_.size() / 2;
  if (m.slots_.size() % 2 != 0 || n == 0 || (n & (n - 1)) != 0 || m.size_ >= n)
    throw InputError("", "frozen map: bad table size");
  m.mask_ = n - 1;
  return m;
}

void FrozenMap::write(ByteWriter& w, std::vector<std::pair<uint64_t, uint32_t>> entries) {
  // Sort (stably, so "first wins" holds) for output independent of the caller's order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                entries.end());
  size_t n = 16;
  while (n < 2 * entries.size()) n *= 2;
  std::vector<uint64_t> slots(2 * n, 0);
  for (const auto& [k, v] : entries) {
    if (k == 0) throw InputError("", "frozen map: key 0 is reserved");
    uint64_t i = k & (n - 1);
    while (slots[2 * i] != 0) i = (i + 1) & (n - 1);
    slots[2 * i] = k;
    slots[2 * i + 1] = v;
  }
  w.put<uint64_t>(entries.size());
  w.put_array(slots);
}

}  // namespace dyad::features
