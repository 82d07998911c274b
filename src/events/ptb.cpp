#include "events/ptb.h"

#include <memory>
#include <vector>

#include "base/error.h"

namespace dyad::events {
namespace {

struct Node {
  std::string label, word;  // word set for leaves (preterminals)
  std::vector<std::unique_ptr<Node>> kids;
  int head = -1;  // token index of the head word
  bool leaf() const { return kids.empty(); }
};

struct Reader {
  std::string_view s;
  size_t i = 0;
  const std::string& where;
  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
  }
  std::string atom() {
    skip();
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '(' && s[i] != ')' && s[i] != '\n' && s[i] != '\t') ++i;
    return std::string(s.substr(b, i - b));
  }
  std::unique_ptr<Node> node(int depth) {
    skip();
    if (depth > 500) throw InputError(where, "PTB tree nested too deeply");
    if (i >= s.size() || s[i] != '(')
      throw InputError(where, "PTB tree: expected '(' at offset " + std::to_string(i));
    ++i;
    auto n = std::make_unique<Node>();
    skip();
    if (i < s.size() && s[i] != '(') n->label = atom();
    skip();
    while (i < s.size() && s[i] != ')') {
      if (s[i] == '(') {
        n->kids.push_back(node(depth + 1));
      } else {
        n->word = atom();
      }
      skip();
    }
    if (i >= s.size()) throw InputError(where, "PTB tree: unbalanced parentheses");
    ++i;
    return n;
  }
};

bool starts(const std::string& a, const char* p) { return a.rfind(p, 0) == 0; }
std::string base(const std::string& l) {  // "NP-SBJ" -> "NP"
  size_t k = l.find_first_of("-=");
  return k == 0 || k == std::string::npos ? l : l.substr(0, k);
}
bool is_verb_tag(const std::string& t) { return starts(t, "VB") || t == "MD"; }
bool is_noun_tag(const std::string& t) {
  return starts(t, "NN") || t == "PRP" || t == "CD" || t == "EX" || t == "WP" || t == "DT" || t == "FW";
}

std::string upos_of(const std::string& tag, const std::string& word) {
  if (starts(tag, "NNP")) return "PROPN";
  if (starts(tag, "NN")) return "NOUN";
  if (starts(tag, "VB")) {
    std::string w;
    for (char c : word) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const char* kAux[] = {"is",  "was", "are", "were", "be",  "been",   "being", "am",   "'s",
                                 "'re", "'m",  "has", "have", "had", "having", "do",    "does", "did"};
    for (const char* a : kAux)
      if (w == a) return "AUX";
    return "VERB";
  }
  if (tag == "MD") return "AUX";
  if (starts(tag, "JJ")) return "ADJ";
  if (starts(tag, "RB") || tag == "WRB") return "ADV";
  if (tag == "IN") return "ADP";
  if (tag == "TO" || tag == "RP" || tag == "POS") return "PART";
  if (tag == "DT" || tag == "PDT" || tag == "WDT") return "DET";
  if (tag == "PRP" || tag == "PRP$" || tag == "WP" || tag == "WP$" || tag == "EX") return "PRON";
  if (tag == "CD") return "NUM";
  if (tag == "CC") return "CCONJ";
  if (tag == "UH") return "INTJ";
  if (tag == "SYM" || tag == "$" || tag == "#") return "SYM";
  if (tag == "FW" || tag == "LS") return "X";
  return "PUNCT";
}

// "(S (S Arnor is about to restore ...) (, ,) (NP a senior official) (VP said ...) (. .))": the
// trailing ", officials said" clause becomes its own S, so the reported clause heads the sentence
// and the reporting clause hangs on it as parataxis (UD's analysis of such sentences).
void group_reporting_clause(Node* n) {
  for (auto& k : n->kids)
    if (!k->leaf()) group_reporting_clause(k.get());
  if (base(n->label) != "S") return;
  auto& K = n->kids;
  size_t end = K.size();
  while (end > 0 && K[end - 1]->leaf() && (K[end - 1]->label == "." || K[end - 1]->label == "''")) --end;
  if (end < 4) return;
  size_t comma = end - 3;
  if (!(K[comma]->leaf() && K[comma]->label == ",") || base(K[comma + 1]->label) != "NP" ||
      base(K[comma + 2]->label) != "VP")
    return;
  bool clause_before = false;
  for (size_t i = 0; i < comma; ++i) {
    std::string b = base(K[i]->label);
    clause_before |= b == "S" || b == "SINV" || b == "SBAR";
  }
  if (!clause_before) return;
  auto rep = std::make_unique<Node>();
  rep->label = "S";
  rep->kids.push_back(std::move(K[comma + 1]));
  rep->kids.push_back(std::move(K[comma + 2]));
  K.erase(K.begin() + static_cast<std::ptrdiff_t>(comma + 1),
          K.begin() + static_cast<std::ptrdiff_t>(comma + 3));
  K.insert(K.begin() + static_cast<std::ptrdiff_t>(comma + 1), std::move(rep));
}

struct Builder {
  std::vector<conllu::Word> words;
  std::vector<std::string> tags;

  void leaves(Node* n) {
    if (n->leaf()) {
      n->head = static_cast<int>(words.size());
      conllu::Word w;
      w.form = n->word.empty() ? "_" : n->word;
      if (w.form == "-LRB-") w.form = "(";
      if (w.form == "-RRB-") w.form = ")";
      w.lemma = "_";
      w.xpos = n->label;
      w.upos = upos_of(n->label, w.form);
      w.deprel = "dep";
      words.push_back(w);
      tags.push_back(n->label);
      return;
    }
    for (auto& k : n->kids) leaves(k.get());
  }

  // Only nouns, determiners, commas and one CC: "Kim and Choe", "Arnor, Gondor and Mordor".
  static bool flat_coordination(const Node* n) {
    int cc = 0, nouns = 0;
    for (const auto& c : n->kids) {
      if (!c->leaf()) return false;
      if (c->label == "CC")
        ++cc;
      else if (starts(c->label, "NN"))
        ++nouns;
      else if (c->label != "," && c->label != "DT" && !starts(c->label, "JJ"))
        return false;
    }
    return cc == 1 && nouns >= 2;
  }

  bool aux_word(int t) const { return words[t].upos == "AUX" || tags[t] == "TO"; }

  // Index of the head child.
  size_t head_child(const Node* n) const {
    const std::string L = base(n->label);
    const auto& K = n->kids;
    auto find = [&](auto pred, bool right = false) -> int {
      if (right) {
        for (size_t k = K.size(); k-- > 0;)
          if (pred(K[k].get())) return static_cast<int>(k);
      } else {
        for (size_t k = 0; k < K.size(); ++k)
          if (pred(K[k].get())) return static_cast<int>(k);
      }
      return -1;
    };
    auto lab = [](const Node* c) { return base(c->label); };
    int h = -1;
    if (L == "VP") {
      // Auxiliaries and "to" give way to the VP they govern; a copula to its predicate.
      int vp = find([&](const Node* c) { return lab(c) == "VP"; });
      int v = find([&](const Node* c) { return c->leaf() && is_verb_tag(c->label); });
      if (vp >= 0 && (v < 0 || aux_word(K[v]->head) || v > vp))
        h = vp;
      else if (v >= 0 && aux_word(K[v]->head) && tags[K[v]->head] != "TO") {
        int pred = find([&](const Node* c) { return lab(c) == "ADJP" || lab(c) == "NP" || lab(c) == "PP"; });
        h = pred >= 0 ? pred : v;
      } else if (v >= 0)
        h = v;
      if (h < 0) h = find([&](const Node* c) { return c->leaf() && c->label == "TO"; });
      if (h < 0) h = find([&](const Node* c) { return lab(c) == "ADJP" || lab(c) == "NP" || lab(c) == "S"; });
    } else if (L == "S" || L == "SQ" || L == "SINV" || L == "ROOT" || L == "FRAG" || L == "UCP") {
      h = find([&](const Node* c) { return lab(c) == "VP"; });
      if (h < 0) h = find([&](const Node* c) { return lab(c) == "S" || lab(c) == "SINV" || lab(c) == "SQ"; });
      if (h < 0)
        h = find([&](const Node* c) { return lab(c) == "NP" || lab(c) == "ADJP" || lab(c) == "PP"; });
    } else if (L == "SBAR") {
      h = find([&](const Node* c) {
        return lab(c) == "S" || lab(c) == "SQ" || lab(c) == "SINV" || lab(c) == "SBAR";
      });
    } else if (L == "PP") {
      h = find([&](const Node* c) {
        return lab(c) == "NP" || lab(c) == "S" || lab(c) == "SBAR" || lab(c) == "ADJP";
      });
    } else if (L == "NP" || L == "NX" || L == "NML" || L == "WHNP" || L == "QP") {
      h = find([&](const Node* c) { return lab(c) == "NP"; });  // "(NP (NP X) (PP ...))", "NP , NP"
      // A flat coordination of names "(NP (NNP Kim) (CC and) (NNP Choe))": the first conjunct heads.
      if (h < 0 && flat_coordination(n))
        h = find([&](const Node* c) { return c->leaf() && starts(c->label, "NN"); });
      if (h < 0)
        h = find([&](const Node* c) { return c->leaf() && is_noun_tag(c->label) && c->label != "DT"; }, true);
      if (h < 0)
        h = find([&](const Node* c) { return lab(c) == "NML" || lab(c) == "ADJP" || lab(c) == "QP"; }, true);
      if (h < 0)
        h = find(
            [&](const Node* c) {
              return c->leaf() && c->label != "POS" && c->label != "," && c->label != ".";
            },
            true);
    } else if (L == "ADJP" || L == "WHADJP") {
      h = find([&](const Node* c) { return c->leaf() && starts(c->label, "JJ"); });
    } else if (L == "ADVP" || L == "WHADVP") {
      h = find([&](const Node* c) { return c->leaf() && (starts(c->label, "RB") || c->label == "WRB"); });
    } else if (L == "PRT") {
      h = find([&](const Node* c) { return c->leaf() && c->label == "RP"; });
    }
    if (h < 0) h = find([&](const Node* c) { return !(c->leaf() && upos_of(c->label, c->word) == "PUNCT"); });
    return h < 0 ? 0 : static_cast<size_t>(h);
  }

  // "was hosted": a be-auxiliary governing a VP whose verb is a VBN (structural, before heads).
  bool passive(const Node* vp) const {
    bool be = false;
    for (const auto& c : vp->kids) {
      if (c->leaf() && words[c->head].upos == "AUX") {
        std::string w;
        for (char ch : words[c->head].form)
          w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        be |=
            w == "is" || w == "was" || w == "are" || w == "were" || w == "be" || w == "been" || w == "being";
      }
      if (!c->leaf() && base(c->label) == "VP") {
        if (be)
          for (const auto& g : c->kids)
            if (g->leaf() && g->label == "VBN") return true;
        if (passive(c.get())) return true;
      }
    }
    return false;
  }

  void set(int dep, int head, const std::string& rel) {
    words[dep].head = head + 1;
    words[dep].deprel = rel;
  }

  // Returns the head token; attaches the non-head children.
  int build(Node* n) {
    if (n->leaf()) return n->head;
    const std::string L0 = base(n->label);
    bool saved_passive = passive_clause;
    if (L0 == "S" || L0 == "SQ" || L0 == "SINV" || L0 == "ROOT") {
      passive_clause = false;
      for (auto& k : n->kids)
        if (base(k->label) == "VP") passive_clause |= passive(k.get());
    }
    std::vector<int> heads;
    for (auto& k : n->kids) heads.push_back(build(k.get()));
    size_t h = head_child(n);
    int H = heads[h];
    n->head = H;
    const std::string L = base(n->label);
    bool has_cc = false;
    for (auto& k : n->kids) has_cc |= k->leaf() && k->label == "CC";
    bool seen_comma = false;
    for (size_t k = 0; k < n->kids.size(); ++k) {
      if (k == h) continue;
      const Node* c = n->kids[k].get();
      int d = heads[k];
      std::string cl = base(c->label), tag = c->leaf() ? c->label : "";
      std::string up = c->leaf() ? words[d].upos : "";
      std::string rel = "dep";
      bool before = k < h;
      if (c->leaf() && up == "PUNCT") {
        rel = "punct";
        if (tag == ",") seen_comma = true;
      } else if (tag == "CC") {
        rel = "cc";
      } else if (!before && has_cc && cl == base(n->kids[h]->label)) {
        rel = "conj";
      } else if (!before && has_cc && (L == "NP" || L == "NX") && flat_coordination(n) && starts(tag, "NN")) {
        rel = "conj";
      } else if (L == "PP" || (L == "SBAR" && !c->leaf() && cl != "WHNP")) {
        rel = (tag == "IN" || tag == "TO" || c->leaf()) ? (L == "PP" ? "case" : "mark") : "dep";
      } else if (L == "SBAR") {
        rel = c->leaf() ? "mark" : "dep";
      } else if (tag == "POS") {
        rel = "case";
      } else if (L == "NP" || L == "NML" || L == "WHNP" || L == "QP") {
        if (cl == "NP" && !c->leaf()) {
          bool poss = false;
          for (auto& g : c->kids) poss |= g->leaf() && g->label == "POS";
          // After the head, with or without a comma, a noun phrase is an apposition ("old foes
          // Gondor and Osgiliath").
          rel = poss || before ? (poss ? "nmod:poss" : "compound") : "appos";
        } else if (tag == "DT" || tag == "PDT" || tag == "WDT")
          rel = "det";
        else if (tag == "PRP$" || tag == "WP$")
          rel = "nmod:poss";
        else if (tag == "CD" || cl == "QP")
          rel = "nummod";
        else if (starts(tag, "JJ") || cl == "ADJP" || tag == "VBN" || tag == "VBG")
          rel = "amod";
        else if (starts(tag, "NN") || cl == "NML")
          rel = "compound";
        else if (cl == "PP")
          rel = "nmod";
        else if (cl == "SBAR" || cl == "VP" || cl == "S" || cl == "RRC")
          rel = "acl";
        else if (starts(tag, "RB") || cl == "ADVP")
          rel = "advmod";
      } else {  // clause-level: S, VP, ...
        bool vp_parent = L == "VP";
        if (cl == "NP" && before && !vp_parent) {
          rel = passive_clause ? "nsubj:pass" : "nsubj";
        } else if (cl == "NP" && !before) {
          rel = vp_parent ? "obj" : "obl";
        } else if (c->leaf() && (up == "AUX")) {
          rel = passive_clause && words[d].form != "has" && words[d].form != "have" &&
                        words[d].form != "had" && words[d].form != "will" && words[d].form != "would"
                    ? "aux:pass"
                    : "aux";
          if (tags[H] != "VBN" && !is_verb_tag(tags[H])) rel = "cop";
        } else if (tag == "TO") {
          rel = "mark";
        } else if (tag == "RP" || cl == "PRT") {
          rel = "compound:prt";
        } else if (starts(tag, "RB") || cl == "ADVP") {
          std::string w;
          for (char ch : words[d].form) w += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          rel = (w == "not" || w == "n't" || w == "never") ? "neg" : "advmod";
        } else if (cl == "PP") {
          rel = "nmod";
          // "by X" in a passive clause is the agent.
          for (auto& g : c->kids)
            if (passive_clause && g->leaf() && g->label == "IN" && (g->word == "by" || g->word == "By"))
              rel = "nmod";
        } else if (cl == "S") {
          bool to = false;
          for (auto& g : c->kids)
            if (base(g->label) == "VP")
              for (auto& gg : g->kids) to |= gg->leaf() && gg->label == "TO";
          bool subj = false;
          for (auto& g : c->kids) subj |= base(g->label) == "NP";
          rel =
              vp_parent ? (to && !subj ? "xcomp" : "ccomp") : (seen_comma && !has_cc ? "parataxis" : "advcl");
          if (!vp_parent && to) rel = "advcl";
        } else if (cl == "SBAR") {
          std::string comp;
          for (auto& g : c->kids)
            if (g->leaf() && (g->label == "IN" || g->label == "WDT")) comp = g->word;
          bool that = comp.empty() || comp == "that" || comp == "whether" || comp == "if";
          rel = vp_parent && that ? "ccomp" : "advcl";
        } else if (cl == "ADJP") {
          rel = vp_parent ? "xcomp" : "amod";
        } else if (cl == "VP") {
          rel = "conj";
        }
      }
      set(d, H, rel);
    }
    passive_clause = saved_passive;
    return H;
  }
  bool passive_clause = false;
};

}  // namespace

conllu::Sentence ptb_to_conllu(std::string_view tree, const std::string& where) {
  Reader r{tree, 0, where};
  r.skip();
  if (r.i >= tree.size()) throw InputError(where, "empty PTB tree");
  auto root = r.node(0);
  r.skip();
  if (r.i != tree.size()) throw InputError(where, "PTB tree: text after the closing parenthesis");
  // "( (S ...))" and "(ROOT (S ...))": descend through unary wrappers without a word.
  group_reporting_clause(root.get());
  Builder b;
  b.leaves(root.get());
  if (b.words.empty()) throw InputError(where, "PTB tree without words");
  int h = b.build(root.get());
  b.words[h].head = 0;
  b.words[h].deprel = "root";
  conllu::Sentence s;
  s.words = std::move(b.words);
  return s;
}

}  // namespace dyad::events
