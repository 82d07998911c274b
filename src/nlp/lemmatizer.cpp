#include "nlp/lemmatizer.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "base/error.h"
#include "base/hash.h"

namespace dyad {
namespace {

constexpr uint32_t kMetaMagic = 0x4D454C31;  // "1LEM"
constexpr size_t kMaxSuffix = 6;             // characters

// 0: no upper-case letter, 1: Title-case, 2: ALL CAPS, 3: other mixes ("iPhone", "McCain").
uint32_t shape_class(std::string_view s) {
  bool upper = false, lower = false, first_upper = !s.empty() && s[0] >= 'A' && s[0] <= 'Z';
  size_t inner_upper = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      upper = true;
      if (i > 0) ++inner_upper;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    }
  }
  if (!upper) return 0;
  if (!lower) return 2;
  return first_upper && inner_upper == 0 ? 1 : 3;
}

uint64_t exact_key(std::string_view form, uint8_t xpos) {
  return hash_mix(features::hash_str(form, 0x3001), xpos + 1u) | 1;
}
uint64_t lower_key(std::string_view lower_form, uint8_t xpos) {
  return hash_mix(features::hash_str(lower_form, 0x3002), xpos + 1u) | 1;
}
// Key of a suffix rule. A suffix that is the whole word is marked (its rule applies to that word
// only, not to longer words ending the same way).
uint64_t suffix_key(std::string_view suffix, bool whole, uint8_t xpos) {
  return hash_mix(features::hash_str(suffix, whole ? 0x3100 : 0x3000), xpos + 1u) | 1;
}
// Key of the suffix of `n` characters of a lowercased form.
uint64_t rule_key(std::string_view lower_form, size_t n, uint8_t xpos) {
  const size_t b = features::suffix_bytes(lower_form, n);
  return suffix_key(lower_form.substr(lower_form.size() - b), b == lower_form.size(), xpos);
}

struct Script {
  uint32_t strip;
  std::string add;
  auto operator<=>(const Script&) const = default;
};

Script make_script(std::string_view lower_form, std::string_view lower_lemma) {
  size_t p = 0;
  while (p < lower_form.size() && p < lower_lemma.size() && lower_form[p] == lower_lemma[p]) ++p;
  return {static_cast<uint32_t>(lower_form.size() - p), std::string(lower_lemma.substr(p))};
}

std::string apply_to(const Script& s, std::string_view base) {
  if (s.strip > base.size()) return std::string(base);
  std::string out(base.substr(0, base.size() - s.strip));
  out += s.add;
  return out;
}

// Most frequent value in a count map (ties: smallest value), deterministic.
template <typename K>
K best_of(const std::map<K, uint32_t>& counts) {
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > best->second) best = it;
  return best->first;
}

}  // namespace

Lemmatizer Lemmatizer::load(const std::string& path) {
  Lemmatizer l;
  auto file = std::make_shared<ModelFile>(ModelFile::open(path));
  try {
    auto meta = file->reader("lemma.meta");
    if (meta.get<uint32_t>() != kMetaMagic) throw InputError("", "lemma.meta: bad magic");
    l.lowercase_ = meta.get_array<uint8_t>();
    l.script_strip_ = meta.get_array<uint32_t>();
    l.script_add_ = meta.get_array<uint32_t>();
    auto sr = file->reader("lemma.strings");
    l.str_off_ = sr.get_array<uint32_t>();
    const auto blob = sr.get_array<char>();
    l.str_blob_ = std::string_view(blob.data(), blob.size());
    auto er = file->reader("lemma.exact");
    l.exact_ = features::FrozenMap::read(er);
    auto lr = file->reader("lemma.lower");
    l.lower_ = features::FrozenMap::read(lr);
    auto rr = file->reader("lemma.rules");
    l.rules_ = features::FrozenMap::read(rr);
  } catch (const InputError& e) {
    if (e.where().empty()) throw InputError(path, e.what());
    throw;
  }
  // Validate the tables once so lookups can trust them.
  if (l.lowercase_.size() != 256 * 4 || l.script_strip_.size() != l.script_add_.size() ||
      l.str_off_.empty() || l.str_off_.back() != l.str_blob_.size())
    throw InputError(path, "lemmatizer: inconsistent tables");
  for (size_t i = 1; i < l.str_off_.size(); ++i)
    if (l.str_off_[i] < l.str_off_[i - 1]) throw InputError(path, "lemmatizer: bad string table");
  for (uint32_t a : l.script_add_)
    if (a + 1 >= l.str_off_.size()) throw InputError(path, "lemmatizer: bad script");
  l.file_ = std::move(file);
  return l;
}

std::string_view Lemmatizer::str(uint32_t id) const {
  if (id + 1 >= str_off_.size()) return {};
  return str_blob_.substr(str_off_[id], str_off_[id + 1] - str_off_[id]);
}

void Lemmatizer::apply_script(uint32_t script, std::string_view form, bool lowercase,
                              std::string& out) const {
  if (lowercase)
    features::lower_into(form, out);
  else
    out.assign(form);
  if (script >= script_strip_.size()) return;
  const uint32_t strip = script_strip_[script];
  if (strip > out.size()) return;
  out.resize(out.size() - strip);
  out += str(script_add_[script]);
}

std::string Lemmatizer::lemma(std::string_view form, uint8_t xpos) const {
  std::string out;
  if (str_off_.empty()) return std::string(form);  // not loaded
  uint32_t v;
  if (exact_.find(exact_key(form, xpos), &v)) return std::string(str(v));
  const bool lowercase = lowercase_[xpos * 4u + shape_class(form)] != 0;
  const std::string low = features::lower(form);
  if (lower_.find(lower_key(low, xpos), &v)) {
    apply_script(v, form, lowercase, out);
    return out;
  }
  size_t chars = 0;
  for (unsigned char c : low) chars += (c & 0xC0) != 0x80;
  for (size_t n = std::min(chars, kMaxSuffix);; --n) {
    if (rules_.find(rule_key(low, n, xpos), &v)) {
      apply_script(v, form, lowercase, out);
      return out;
    }
    if (n == 0) break;
  }
  apply_script(UINT32_MAX, form, lowercase, out);
  return out;
}

void Lemmatizer::lemmatize(Doc& doc) const {
  const uint32_t n = doc.num_tokens();
  doc.lemma.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Span sp = doc.tokens[i];
    std::string_view form;
    if (sp.begin <= sp.end && sp.end <= doc.text.size()) form = doc.token_text(i);
    const uint8_t xpos = i < doc.xpos.size() ? doc.xpos[i] : kUnknownLabel;
    doc.lemma[i] = lemma(form, xpos);
  }
}

void Lemmatizer::train(const std::vector<conllu::Sentence>& train, ModelWriter& out,
                       const std::function<void(const std::string&)>& log) {
  // Token counts of (form, xpos, lemma); everything below iterates std::maps: deterministic.
  std::map<std::tuple<std::string, uint8_t, std::string>, uint32_t> triples;
  for (const auto& s : train)
    for (const auto& w : s.words) {
      if (w.lemma.empty() || (w.lemma == "_" && w.form != "_")) continue;
      ++triples[{w.form, xpos_id(w.xpos), w.lemma}];
    }
  if (triples.empty()) throw InputError("", "lemmatizer training: no lemmas in the training data");

  std::map<std::string, uint32_t> strings;
  auto intern = [&](const std::string& s) { return strings.try_emplace(s, 0).first; };
  std::map<Script, uint32_t> script_ids;
  auto script_id = [&](const Script& s) {
    auto [it, fresh] = script_ids.try_emplace(s, static_cast<uint32_t>(script_ids.size()));
    if (fresh) intern(s.add);
    return it->second;
  };

  // 1. exceptions: most frequent lemma per (form, xpos).
  std::map<std::pair<std::string, uint8_t>, std::map<std::string, uint32_t>> by_form;
  // 2. scripts per (lower form, xpos), counted over tokens.
  std::map<std::pair<std::string, uint8_t>, std::map<Script, uint32_t>> by_lower;
  // 3. suffix rules counted over distinct (lower form, xpos, lower lemma) types: rare words are
  //    the ones rules must generalise to, so a frequent irregular word counts once.
  std::map<std::tuple<std::string, uint8_t, Script>, uint32_t> types;
  // Case: [xpos*4 + shape] -> (tokens where lowercasing gives the lemma, where keeping does).
  std::vector<std::pair<uint32_t, uint32_t>> case_votes(256 * 4);
  for (const auto& [t, count] : triples) {
    const auto& [form, xpos, lemma] = t;
    by_form[{form, xpos}][lemma] += count;
    const std::string lf = features::lower(form), ll = features::lower(lemma);
    const Script sc = make_script(lf, ll);
    by_lower[{lf, xpos}][sc] += count;
    types.try_emplace({lf, xpos, sc}, 1);
    auto& v = case_votes[xpos * 4u + shape_class(form)];
    if (apply_to(sc, lf) == lemma) v.first += count;
    if (apply_to(sc, form) == lemma) v.second += count;
  }

  std::vector<std::pair<uint64_t, uint32_t>> exact, lower, rules;
  std::vector<std::pair<uint64_t, std::string>> exact_lemmas;
  for (const auto& [k, counts] : by_form)
    exact_lemmas.emplace_back(exact_key(k.first, k.second), best_of(counts));
  for (const auto& [k, l] : exact_lemmas) intern(l);
  for (const auto& [k, counts] : by_lower)
    lower.emplace_back(lower_key(k.first, k.second), script_id(best_of(counts)));

  // Rules: counts per (xpos, suffix) key; a key is kept only if its best script differs from
  // that of the next shorter suffix, which (looking up longest first) predicts the same lemmas.
  struct RuleCounts {
    std::map<Script, uint32_t> counts;
  };
  std::map<std::tuple<uint8_t, std::string, bool>, RuleCounts> suffix_counts;  // (xpos, suffix, whole)
  for (const auto& [t, one] : types) {
    const auto& [lf, xpos, sc] = t;
    size_t chars = 0;
    for (unsigned char c : lf) chars += (c & 0xC0) != 0x80;
    for (size_t n = 0; n <= std::min(chars, kMaxSuffix); ++n) {
      const size_t b = features::suffix_bytes(lf, n);
      suffix_counts[{xpos, lf.substr(lf.size() - b), b == lf.size()}].counts[sc] += one;
    }
  }
  for (const auto& [k, rc] : suffix_counts) {
    const auto& [xpos, suf, whole] = k;
    const Script best = best_of(rc.counts);
    if (!suf.empty()) {
      // Parent: the suffix one character shorter, which is never the whole word.
      const std::string parent = suf.substr(features::prefix_bytes(suf, 1));
      auto it = suffix_counts.find({xpos, parent, false});
      if (it != suffix_counts.end() && best_of(it->second.counts) == best) continue;
    }
    rules.emplace_back(suffix_key(suf, whole, xpos), script_id(best));
  }

  // Case table: lowercase where that gives the lemma more often; default (no evidence):
  // lowercase only words without capitals (a no-op), keep the case of everything else.
  std::vector<uint8_t> lowercase(256 * 4, 0);
  for (size_t i = 0; i < lowercase.size(); ++i) lowercase[i] = case_votes[i].first > case_votes[i].second;

  // String table.
  uint32_t next = 0;
  std::vector<uint32_t> off;
  std::string blob;
  for (auto& [s, id] : strings) {
    id = next++;
    off.push_back(static_cast<uint32_t>(blob.size()));
    blob += s;
  }
  off.push_back(static_cast<uint32_t>(blob.size()));
  for (const auto& [k, l] : exact_lemmas) exact.emplace_back(k, strings.at(l));
  std::vector<uint32_t> strip(script_ids.size()), add(script_ids.size());
  for (const auto& [s, id] : script_ids) {
    strip[id] = s.strip;
    add[id] = strings.at(s.add);
  }

  ByteWriter meta, str, ex, lo, ru;
  meta.put<uint32_t>(kMetaMagic);
  meta.put_array(lowercase);
  meta.put_array(strip);
  meta.put_array(add);
  str.put_array(off);
  str.put_array(std::span<const char>(blob.data(), blob.size()));
  const size_t n_exact = exact.size(), n_lower = lower.size(), n_rules = rules.size();
  features::FrozenMap::write(ex, std::move(exact));
  features::FrozenMap::write(lo, std::move(lower));
  features::FrozenMap::write(ru, std::move(rules));
  out.add("lemma.meta", std::move(meta.bytes()));
  out.add("lemma.strings", std::move(str.bytes()));
  out.add("lemma.exact", std::move(ex.bytes()));
  out.add("lemma.lower", std::move(lo.bytes()));
  out.add("lemma.rules", std::move(ru.bytes()));
  if (log)
    log("lemmatizer: " + std::to_string(n_exact) + " exceptions, " + std::to_string(n_lower) +
        " lowercase forms, " + std::to_string(n_rules) + " suffix rules, " +
        std::to_string(script_ids.size()) + " edit scripts");
}

}  // namespace dyad
