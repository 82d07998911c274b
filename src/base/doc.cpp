#include "base/doc.h"

#include <algorithm>
#include <array>

namespace dyad {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Upos::kCount)> kUpos = {
    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

uint8_t find_id(const std::vector<std::string_view>& table, std::string_view name) {
  for (size_t i = 0; i < table.size(); ++i)
    if (table[i] == name) return static_cast<uint8_t>(i);
  return kUnknownLabel;
}

}  // namespace

std::string_view upos_name(Upos u) {
  auto i = static_cast<size_t>(u);
  return i < kUpos.size() ? kUpos[i] : std::string_view("X");
}

bool parse_upos(std::string_view name, Upos* out) {
  for (size_t i = 0; i < kUpos.size(); ++i) {
    if (kUpos[i] == name) {
      *out = static_cast<Upos>(i);
      return true;
    }
  }
  return false;
}

const std::vector<std::string_view>& xpos_table() {
  // Penn Treebank tags as used by UD English EWT (order: frequency in EWT train).
  static const std::vector<std::string_view> t = {
      "NN",  "IN",  "DT", "NNP", "PRP", "JJ",  "RB",   ".",    "VB",    "NNS",   ",",   "CC",  "VBD",
      "VBP", "VBZ", "CD", "VBN", "VBG", "MD",  "TO",   "PRP$", "-RRB-", "-LRB-", "WDT", ":",   "WRB",
      "``",  "''",  "WP", "RP",  "UH",  "POS", "HYPH", "NNPS", "JJR",   "JJS",   "EX",  "NFP", "RBR",
      "ADD", "GW",  "$",  "SYM", "PDT", "LS",  "FW",   "RBS",  "AFX",   "WP$",   "XX",  "#"};
  return t;
}

const std::vector<std::string_view>& deprel_table() {
  static const std::vector<std::string_view> t = {
      // UD v2 as in EWT
      "punct", "case", "nsubj", "det", "root", "advmod", "obj", "amod", "obl", "conj", "compound", "mark",
      "nmod", "cc", "aux", "cop", "advcl", "nmod:poss", "xcomp", "ccomp", "acl:relcl", "flat", "parataxis",
      "nummod", "appos", "acl", "aux:pass", "nsubj:pass", "obl:unmarked", "nmod:unmarked", "discourse",
      "compound:prt", "iobj", "list", "expl", "fixed", "nmod:desc", "obl:agent", "csubj", "nsubj:outer",
      "det:predet", "vocative", "goeswith", "advcl:relcl", "cc:preconj", "reparandum", "orphan", "csubj:pass",
      "dislocated", "dep", "csubj:outer", "obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod", "flat:foreign",
      "compound:ptv",
      // UD v1 names used by older parses (PETRARCH's UD test records)
      "dobj", "nsubjpass", "auxpass", "csubjpass", "neg", "name", "mwe", "remnant", "foreign"};
  return t;
}

uint8_t xpos_id(std::string_view name) { return find_id(xpos_table(), name); }
uint8_t deprel_id(std::string_view name) { return find_id(deprel_table(), name); }

std::string_view xpos_name(uint8_t id) {
  const auto& t = xpos_table();
  return id < t.size() ? t[id] : std::string_view();
}
std::string_view deprel_name(uint8_t id) {
  const auto& t = deprel_table();
  return id < t.size() ? t[id] : std::string_view();
}

std::string_view entity_type_name(EntityType t) {
  switch (t) {
    case EntityType::PER:
      return "PER";
    case EntityType::ORG:
      return "ORG";
    case EntityType::LOC:
      return "LOC";
    case EntityType::NORP:
      return "NORP";
    case EntityType::MISC:
      return "MISC";
    case EntityType::kCount:
      break;
  }
  return "MISC";
}

uint32_t Doc::sentence_of(uint32_t token) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                             [](uint32_t t, const Sentence& s) { return t < s.first; });
  return it == sentences.begin() ? 0 : static_cast<uint32_t>(it - sentences.begin() - 1);
}

uint32_t Doc::phrase_head(uint32_t first, uint32_t last) const {
  if (head.size() != tokens.size() || first >= last || last > tokens.size()) return first;
  uint32_t best = first;
  int best_depth = -1;
  for (uint32_t t = first; t < last; ++t) {
    if (head[t] >= static_cast<int32_t>(first) && head[t] < static_cast<int32_t>(last)) continue;
    int depth = 0;  // arcs to the root, bounded so a malformed (cyclic) parse cannot loop
    for (int32_t up = head[t]; up >= 0 && depth < 256; up = head[static_cast<uint32_t>(up)]) ++depth;
    if (best_depth < 0 || depth < best_depth) best = t, best_depth = depth;
  }
  return best;
}

}  // namespace dyad
