#include "nlp/wordnet.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "base/error.h"

namespace dyad::wordnet {
namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool alpha(char c) { return c >= 'a' && c <= 'z'; }
bool ends_with(std::string_view s, std::string_view t) {
  return s.size() >= t.size() && s.substr(s.size() - t.size()) == t;
}
// Consonant-vowel-consonant ending ("stop", "big"): the final consonant may double.
bool cvc(std::string_view s) {
  if (s.size() < 3) return false;
  const char a = s[s.size() - 3], b = s[s.size() - 2], c = s[s.size() - 1];
  return alpha(a) && !vowel(a) && vowel(b) && alpha(c) && !vowel(c) && c != 'w' && c != 'x' && c != 'y';
}
bool consonant_y(std::string_view s) { return s.size() >= 2 && s.back() == 'y' && !vowel(s[s.size() - 2]); }

// Adds `suffix` with the usual spelling changes: e-drop, y -> i, and (both ways) consonant
// doubling after a CVC ending. Over-generation is harmless: the forms are only looked up.
std::vector<std::string> attach(std::string_view lemma, std::string_view suffix) {
  std::vector<std::string> out;
  std::string base(lemma);
  if (lemma.empty()) return out;
  if (suffix[0] == 'e' || suffix[0] == 'i') {  // -ed, -er, -est, -ing
    if (suffix == "ing") {
      if (ends_with(lemma, "ie"))
        out.push_back(base.substr(0, base.size() - 2) + "ying");
      else if (lemma.back() == 'e' && !ends_with(lemma, "ee") && !ends_with(lemma, "ye") &&
               !ends_with(lemma, "oe"))
        out.push_back(base.substr(0, base.size() - 1) + "ing");
      else
        out.push_back(base + "ing");
    } else if (lemma.back() == 'e') {
      out.push_back(base + std::string(suffix.substr(1)));
    } else if (consonant_y(lemma)) {
      out.push_back(base.substr(0, base.size() - 1) + "i" + std::string(suffix));
    } else {
      out.push_back(base + std::string(suffix));
    }
    if (cvc(lemma)) out.push_back(base + base.back() + std::string(suffix));
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Data-file lemmas: "word(a)" carries an adjective-position marker; "_" joins multiword lemmas.
std::string_view strip_marker(std::string_view w) {
  const size_t p = w.find('(');
  return p == std::string_view::npos ? w : w.substr(0, p);
}

}  // namespace

std::vector<std::string> plurals(std::string_view lemma) {
  std::string base(lemma);
  if (lemma.empty()) return {};
  if (ends_with(lemma, "s") || ends_with(lemma, "x") || ends_with(lemma, "z") || ends_with(lemma, "ch") ||
      ends_with(lemma, "sh"))
    return {base + "es"};
  if (consonant_y(lemma)) return {base.substr(0, base.size() - 1) + "ies"};
  if (ends_with(lemma, "o")) return {base + "s", base + "es"};
  return {base + "s"};
}
std::vector<std::string> past_forms(std::string_view lemma) { return attach(lemma, "ed"); }
std::vector<std::string> ing_forms(std::string_view lemma) { return attach(lemma, "ing"); }
std::vector<std::string> comparatives(std::string_view lemma) {
  auto out = attach(lemma, "er");
  for (auto& s : attach(lemma, "est")) out.push_back(std::move(s));
  return out;
}

std::vector<std::pair<std::string, uint32_t>> read_lexicon(const std::string& dir) {
  std::map<std::string, uint32_t> lex;
  std::map<std::string, uint64_t> senses;  // lexicographer files (0..44) of every form's senses
  uint64_t file_bits = 0;                  // of the current synset
  auto add = [&](const std::string& form, uint32_t bits) {
    if (form.empty()) return;
    lex[form] |= bits;
    if (file_bits) senses[form] |= file_bits;
  };
  const struct {
    const char* name;
    uint32_t bit;
  } parts[] = {{"noun", kNoun}, {"verb", kVerb}, {"adj", kAdj}, {"adv", kAdv}};
  for (const auto& part : parts) {
    const std::string path = dir + "/data." + part.name;
    std::ifstream in(path);
    if (!in) throw InputError(path, "cannot read WordNet data file (install Debian's wordnet-base)");
    std::string line;
    size_t lines = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
      // offset lex_filenum ss_type w_cnt(hex) word lex_id ... p_cnt(dec) ptr...
      std::vector<std::string_view> tok;
      std::string_view rest(line);
      const size_t bar = rest.find(" | ");
      if (bar != std::string_view::npos) rest = rest.substr(0, bar);
      for (size_t i = 0; i < rest.size();) {
        const size_t j = std::min(rest.find(' ', i), rest.size());
        if (j > i) tok.push_back(rest.substr(i, j - i));
        i = j + 1;
      }
      if (tok.size() < 4) throw InputError(path + ":" + std::to_string(lines + 1), "malformed WordNet line");
      const unsigned long nwords = std::stoul(std::string(tok[3]), nullptr, 16);
      if (tok.size() < 4 + 2 * nwords + 1) throw InputError(path, "malformed WordNet line");
      bool instance = false;
      file_bits = uint64_t{1} << (std::stoul(std::string(tok[1])) % 64);
      const size_t pcnt_at = 4 + 2 * nwords;
      const unsigned long nptr = std::stoul(std::string(tok[pcnt_at]));
      for (size_t p = 0; p < nptr && pcnt_at + 1 + 4 * p < tok.size(); ++p)
        if (tok[pcnt_at + 1 + 4 * p] == "@i") instance = true;
      for (size_t k = 0; k < nwords; ++k) {
        const std::string_view word = strip_marker(tok[4 + 2 * k]);
        const bool cap = !word.empty() && word[0] >= 'A' && word[0] <= 'Z';
        if (word.find('_') != std::string_view::npos) {
          // Parts of capitalised multiword names ("New_York", "Jean_Baptiste_Lamarck").
          if (!cap) continue;
          std::string_view w = word;
          for (size_t i = 0; i <= w.size();) {
            const size_t j = std::min(w.find('_', i), w.size());
            if (j > i) add(lower_ascii(w.substr(i, j - i)), kInMultiword);
            i = j + 1;
          }
          continue;
        }
        const std::string form = lower_ascii(word);
        uint32_t bits = part.bit | (cap ? kCapitalised : kLowercase);
        if (instance) bits |= kInstance;
        add(form, bits);
        if (cap) continue;  // names are not inflected
        if (part.bit == kNoun)
          for (const auto& f : plurals(form)) add(f, kPlural);
        if (part.bit == kVerb) {
          for (const auto& f : plurals(form)) add(f, kVerbS);
          for (const auto& f : past_forms(form)) add(f, kVerbEd);
          for (const auto& f : ing_forms(form)) add(f, kVerbIng);
        }
        if (part.bit == kAdj && form.size() <= 7)
          for (const auto& f : comparatives(form)) add(f, kComparative);
      }
      ++lines;
    }
    if (lines == 0) throw InputError(path, "empty WordNet data file");
    file_bits = 0;
    // Irregular forms: "inflected lemma [lemma...]".
    const std::string exc = dir + "/" + part.name + ".exc";
    std::ifstream ex(exc);
    if (!ex) throw InputError(exc, "cannot read WordNet exception list (install Debian's wordnet-base)");
    while (std::getline(ex, line)) {
      const size_t sp = line.find(' ');
      if (sp == std::string::npos || sp == 0) continue;
      const std::string form = lower_ascii(line.substr(0, sp));
      if (form.find('_') != std::string::npos) continue;
      uint32_t bits = kComparative;
      if (part.bit == kNoun) bits = kPlural;
      if (part.bit == kVerb)
        bits = ends_with(form, "ing") ? kVerbIng : ends_with(form, "s") ? kVerbS : kVerbEd;
      add(form, bits);
    }
  }
  std::vector<std::pair<std::string, uint32_t>> out(lex.begin(), lex.end());
  for (auto& [form, bits] : out) {
    const auto it = senses.find(form);
    if (it == senses.end()) continue;
    uint64_t h = it->second * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
    bits |= static_cast<uint32_t>((h & 0xFFFF) | 1) << kSenseShift;
  }
  return out;
}

}  // namespace dyad::wordnet
