#include "actors/resolve.h"

#include <algorithm>
#include <unordered_map>

namespace dyad::actors {

Rel rel_of(uint8_t id) {
  std::string_view n = deprel_name(id);
  if (n.empty()) return Rel::Other;
  std::string_view base = n.substr(0, n.find(':'));
  if (n == "nsubj:pass" || n == "nsubjpass" || n == "csubjpass" || n == "csubj:pass") return Rel::SubjPass;
  if (n == "obl:agent") return Rel::Agent;
  if (n == "nmod:poss") return Rel::Poss;
  if (n == "nmod:tmod" || n == "obl:tmod" || n == "nmod:npmod" || n == "obl:npmod") return Rel::Tmod;
  if (n == "aux:pass" || n == "auxpass") return Rel::AuxPass;
  if (n == "compound:prt") return Rel::Prt;
  if (n == "acl:relcl") return Rel::Acl;
  if (base == "nsubj" || base == "csubj") return Rel::Subj;
  if (base == "obj" || base == "dobj") return Rel::Obj;
  if (base == "iobj") return Rel::Iobj;
  if (base == "nmod" || base == "obl") return Rel::Nmod;
  if (base == "compound" || base == "mwe" || base == "fixed") return Rel::Compound;
  if (base == "amod") return Rel::Amod;
  if (base == "conj") return Rel::Conj;
  if (base == "cc") return Rel::Cc;
  if (base == "case") return Rel::Case;
  if (base == "aux") return Rel::Aux;
  if (base == "neg") return Rel::Neg;
  if (base == "advmod") return Rel::Advmod;
  if (base == "xcomp") return Rel::Xcomp;
  if (base == "ccomp") return Rel::Ccomp;
  if (base == "advcl") return Rel::Advcl;
  if (base == "acl") return Rel::Acl;
  if (base == "appos") return Rel::Appos;
  if (base == "flat" || base == "name") return Rel::Flat;
  if (base == "mark") return Rel::Mark;
  if (base == "punct") return Rel::Punct;
  if (base == "det") return Rel::Det;
  if (base == "root") return Rel::Root;
  if (base == "parataxis") return Rel::Parataxis;
  if (base == "nummod") return Rel::Nummod;
  return Rel::Other;
}

bool delegate_agent(const ActorDict& dict, uint32_t entry) {
  std::string_view n = dict.entry_name(entry);
  while (!n.empty() && n.back() == '_') n.remove_suffix(1);
  // The last word of the entry's name: "DELEGATION", "MILITARY_DELEGATION" (Phoenix names the
  // sector in such entries), "UN_SPECIAL_ENVOY".
  const size_t us = n.rfind('_');
  if (us != std::string_view::npos) n = n.substr(us + 1);
  for (std::string_view d : {"DELEGATION", "DELEGATIONS", "ENVOY", "ENVOYS", "EMISSARY", "EMISSARIES"})
    if (n == d) return true;
  return false;
}

int32_t date_number(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9')
      d += c;
    else if (c != '-')
      return 0;
  if (d.size() != 8) return 0;
  return std::stoi(d);
}

namespace {

// A named person: a proper noun the NER does not call a place, organisation or nationality.
bool person_entity(const Doc& doc, uint32_t tok) {
  if (tok >= doc.upos.size() || doc.upos[tok] != Upos::PROPN) return false;
  for (const Entity& e : doc.entities)
    if (e.first <= tok && tok < e.last) return e.type == EntityType::PER || e.type == EntityType::MISC;
  return true;
}

// Left to right, so a resolved pronoun can carry its referent on ("She met ...; she held ...").
void resolve_references(const ActorDict& dict, const Doc& doc, DocView* vp) {
  DocView& v = *vp;
  uint32_t n = doc.num_tokens();
  v.group.assign(n, {});
  int32_t last_subject_person = -1;
  std::pair<int32_t, uint32_t> last_she{-1, 0}, last_he{-1, 0};  // referent, sentence
  std::vector<std::string> countries;                            // distinct, most recent last
  for (uint32_t i = 0; i < n; ++i) {
    Rel r = v.rel[i];
    bool subj = r == Rel::Subj || r == Rel::SubjPass;
    if (v.actor[i] >= 0) {
      std::string code(dict.code_on(static_cast<uint32_t>(v.actor[i]), v.date));
      if (code.size() >= 3 && (i == 0 || v.actor[i - 1] != v.actor[i] || v.mention_first[i] == i)) {
        std::string c = code.substr(0, 3);
        countries.erase(std::remove(countries.begin(), countries.end(), c), countries.end());
        countries.push_back(c);
      }
      if (subj && person_entity(doc, i)) last_subject_person = v.actor[i];
      continue;
    }
    const std::string& u = v.up[i];
    // Only the subject of a main clause ("She met ..."); a pronoun inside a complement clause
    // ("questioned whether he ...") is left to the coder, which defers it to the governing verb.
    int32_t h = i < doc.head.size() ? doc.head[i] : -1;
    bool main_clause = h >= 0 && (v.rel[h] == Rel::Root || doc.head[h] < 0 || v.rel[h] == Rel::Conj);
    if (subj && main_clause && (u == "SHE" || u == "HE") && last_subject_person >= 0) {
      // A pronoun chain keeps its referent ("She met X ... she held talks"): a person named
      // since the last same pronoun, in an embedded clause, is not the new centre.
      uint32_t s = doc.sentence_of(i);
      auto& prev = u == "SHE" ? last_she : last_he;
      int32_t ref = prev.first >= 0 && prev.second + 1 >= s ? prev.first : last_subject_person;
      prev = {ref, s};
      v.actor[i] = ref;
      v.mention_first[i] = i;
      v.mention_last[i] = i + 1;
      continue;
    }
    // "the two countries", "both sides": a plural group noun with "two"/"both".
    bool group_noun = u == "COUNTRIES" || u == "SIDES" || u == "STATES" || u == "PARTIES" || u == "NATIONS" ||
                      u == "GOVERNMENTS" || u == "NEIGHBORS" || u == "NEIGHBOURS" || u == "ALLIES";
    if (group_noun && countries.size() >= 2) {
      bool two = false;
      for (uint32_t k : v.kids[i]) two |= v.up[k] == "TWO" || v.up[k] == "BOTH";
      if (two) v.group[i] = {countries[countries.size() - 1], countries[countries.size() - 2]};
    }
  }
}

}  // namespace

DocView build_view(const ActorDict& dict, const Doc& doc, int32_t date) {
  DocView v;
  v.doc = &doc;
  v.date = date;
  uint32_t n = doc.num_tokens();
  v.up.resize(n);
  v.lemma_up.resize(n);
  v.rel.assign(n, Rel::Other);
  v.kids.assign(n, {});
  v.actor.assign(n, -1);
  v.agent.assign(n, -1);
  v.mention_first.assign(n, 0);
  v.mention_last.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    v.up[i] = upper(doc.token_text(i));
    if (i < doc.lemma.size() && !doc.lemma[i].empty() && doc.lemma[i] != "_")
      v.lemma_up[i] = upper(doc.lemma[i]);
    if (i < doc.deprel.size()) v.rel[i] = rel_of(doc.deprel[i]);
    if (i < doc.head.size() && doc.head[i] >= 0 && static_cast<uint32_t>(doc.head[i]) < n)
      v.kids[doc.head[i]].push_back(i);
  }
  v.discard_sentence.assign(doc.sentences.size(), 0);
  std::unordered_map<std::string, uint32_t> short_forms;  // last word of a multiword name -> entry
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    Match m;
    for (uint32_t i = sent.first; i < sent.last;) {
      if (dict.match_at(v.up, v.lemma_up, i, Kind::Actor, &m) && m.last <= sent.last) {
        for (uint32_t k = m.first; k < m.last; ++k) {
          v.actor[k] = static_cast<int32_t>(m.entry);
          v.mention_first[k] = m.first;
          v.mention_last[k] = m.last;
        }
        std::string_view last_tok = doc.token_text(m.last - 1);
        if (m.last - m.first >= 2 && !last_tok.empty() && last_tok[0] >= 'A' && last_tok[0] <= 'Z')
          short_forms[v.up[m.last - 1]] = m.entry;
        // Family name first ("Kim Jong Un", "Kim Jong-un", "Choe Son Hui" -> "Kim", "Choe"): a
        // name tail of capitalised words (hyphenated parts count) ending in a short syllable; the
        // family name is the tail's first word ("North Korean leader Kim Jong Un" -> "Kim").
        if (m.last - m.first >= 2 && last_tok.size() <= 4 && doc.upos.size() == n) {
          uint32_t b = m.last, words = 0;
          bool hyphen = false;
          while (b > m.first) {
            std::string_view tk = doc.token_text(b - 1);
            if (tk == "-") {
              hyphen = true;
              --b;
              continue;
            }
            if (tk.empty() || !(doc.upos[b - 1] == Upos::PROPN || (tk[0] >= 'A' && tk[0] <= 'Z'))) break;
            // A title or lower-case agent word ends the name ("leader").
            if (doc.upos[b - 1] != Upos::PROPN && words > 0) break;
            --b;
            ++words;
          }
          while (b < m.last && doc.token_text(b) == "-") ++b;
          if (b < m.last && (words >= 3 || (hyphen && words >= 2))) {
            std::string_view fam = doc.token_text(b);
            if (!fam.empty() && fam[0] >= 'A' && fam[0] <= 'Z') short_forms[v.up[b]] = m.entry;
          }
        }
        i = m.last;
      } else {
        ++i;
      }
    }
    for (uint32_t i = sent.first; i < sent.last;) {
      if (v.actor[i] < 0 && dict.match_at(v.up, v.lemma_up, i, Kind::Agent, &m) && m.last <= sent.last) {
        for (uint32_t k = m.first; k < m.last; ++k)
          if (v.actor[k] < 0) v.agent[k] = static_cast<int32_t>(m.entry);
        i = m.last;
      } else {
        ++i;
      }
    }
    for (uint32_t i = sent.first; i < sent.last; ++i)
      if (dict.match_at(v.up, v.lemma_up, i, Kind::Discard, &m) && m.last <= sent.last) {
        v.discard_sentence[s] = 1;
        break;
      }
  }
  // In-document short forms: "Lavrov" after "Sergey Lavrov".
  if (!short_forms.empty())
    for (uint32_t i = 0; i < n; ++i) {
      if (v.actor[i] >= 0 || v.agent[i] >= 0) continue;
      std::string_view t = doc.token_text(i);
      if (t.empty() || t[0] < 'A' || t[0] > 'Z') continue;
      auto it = short_forms.find(v.up[i]);
      if (it == short_forms.end()) continue;
      v.actor[i] = static_cast<int32_t>(it->second);
      v.mention_first[i] = i;
      v.mention_last[i] = i + 1;
    }
  resolve_references(dict, doc, &v);
  return v;
}

namespace {

void add_unique(std::vector<std::string>* out, std::string s) {
  if (s.empty() || s == "---") return;
  if (std::find(out->begin(), out->end(), s) == out->end()) out->push_back(std::move(s));
}

void conjuncts(const DocView& v, uint32_t x, std::vector<uint32_t>* out) {
  out->push_back(x);
  for (uint32_t c : v.kids[x]) {
    if (v.rel[c] == Rel::Conj) conjuncts(v, c, out);
    // "Mordor, the Shire, Arnor and Bree": a list parsed as an apposition with conjuncts.
    if (v.rel[c] == Rel::Appos) {
      bool list = false;
      for (uint32_t g : v.kids[c]) list |= v.rel[g] == Rel::Conj;
      if (list) conjuncts(v, c, out);
    }
  }
}

std::vector<std::string> actor_codes(const ActorDict& dict, const DocView& v, uint32_t x, int depth,
                                     const dyad::actors::NpOptions* opt = nullptr);

// "her Russian counterpart Sergey Lavrov": the adjective gives a bare country (RUS), the name in
// apposition after it the actor itself (RUSGOV). A later appositive (or unmarked nmod) or
// flat/compound name whose code starts with one of the bare country codes found replaces it.
std::vector<std::string> refine_by_name(const ActorDict& dict, const DocView& v, uint32_t x, uint32_t found,
                                        std::vector<std::string> L) {
  for (uint32_t c : v.kids[x]) {
    if (c <= found || v.actor[c] < 0) continue;
    Rel r = v.rel[c];
    // An nmod with no preposition is an apposition the parser labelled nmod.
    bool unmarked_nmod = r == Rel::Nmod;
    for (uint32_t g : v.kids[c]) unmarked_nmod &= v.rel[g] != Rel::Case;
    if (r != Rel::Appos && r != Rel::Flat && r != Rel::Compound && !unmarked_nmod) continue;
    std::string name(dict.code_on(static_cast<uint32_t>(v.actor[c]), v.date));
    for (std::string& l : L)
      if (l.size() == 3 && name.size() > 3 && name.compare(0, 3, l) == 0) l = name;
  }
  return L;
}

// Country/actor codes of one conjunct: its own mention, else its modifiers'.
std::vector<std::string> own_actor(const ActorDict& dict, const DocView& v, uint32_t x, int depth) {
  std::vector<std::string> L;
  if (v.actor[x] >= 0) {
    add_unique(&L, std::string(dict.code_on(static_cast<uint32_t>(v.actor[x]), v.date)));
    return L;
  }
  if (x < v.group.size() && !v.group[x].empty()) return v.group[x];
  if (depth > 6) return L;
  for (uint32_t c : v.kids[x]) {
    Rel r = v.rel[c];
    bool direct = v.actor[c] >= 0 && (r == Rel::Det || r == Rel::Nummod || r == Rel::Other);
    if (direct || r == Rel::Compound || r == Rel::Amod || r == Rel::Poss || r == Rel::Nmod ||
        r == Rel::Appos || r == Rel::Flat) {
      // A modifier inside the same mention contributes nothing new.
      for (const std::string& s : actor_codes(dict, v, c, depth + 1)) add_unique(&L, s);
      if (!L.empty()) return refine_by_name(dict, v, x, c, L);
    }
  }
  return L;
}

// Agent codes on the conjunct and its compound/adjective/flat modifiers, in token order. Only a
// phrase headed by an agent or an actor takes agents ("diplomatic ties" is neither).
std::vector<uint32_t> own_agents(const DocView& v, uint32_t x) {
  std::vector<uint32_t> toks;
  bool flat_agent = false;
  for (uint32_t c : v.kids[x])
    if (v.rel[c] == Rel::Flat && v.agent[c] >= 0) flat_agent = true;
  // A proper name headed by its title ("Prime Minister Falastur") takes the title's agent.
  bool propn = v.doc->upos.size() > x && v.doc->upos[x] == Upos::PROPN;
  if (v.agent[x] < 0 && v.actor[x] < 0 && !flat_agent && !propn) return {};
  for (uint32_t c : v.kids[x])
    if ((v.rel[c] == Rel::Compound || v.rel[c] == Rel::Amod || v.rel[c] == Rel::Flat) && v.agent[c] >= 0)
      toks.push_back(c);
  if (v.agent[x] >= 0) toks.push_back(x);
  std::sort(toks.begin(), toks.end());
  std::vector<uint32_t> entries;
  for (uint32_t t : toks) {
    uint32_t e = static_cast<uint32_t>(v.agent[t]);
    if (entries.empty() || entries.back() != e) entries.push_back(e);
  }
  return entries;
}

std::vector<std::string> combine(const ActorDict& dict, const std::vector<std::string>& L,
                                 std::vector<uint32_t> G) {
  // "a military delegation": a delegation or envoy is GOV unless another agent word names its
  // sector (MIL), which then stands alone.
  if (G.size() >= 2) {
    std::vector<uint32_t> sector;
    for (uint32_t g : G)
      if (!delegate_agent(dict, g)) sector.push_back(g);
    if (!sector.empty()) G = std::move(sector);
  }
  std::vector<std::string> out;
  for (const std::string& l : L) {
    std::string code = l;
    for (uint32_t g : G) {
      bool prefix = false;
      std::string ag(dict.agent_code(g, &prefix));
      if (ag.empty()) continue;
      if (prefix)
        code = ag + code;
      else if (code.size() < ag.size() || code.compare(code.size() - ag.size(), ag.size(), ag) != 0)
        code += ag;
    }
    add_unique(&out, code);
  }
  return out;
}

bool is_counterpart(const DocView& v, uint32_t x) {
  const std::string& l = v.lemma_up[x].empty() ? v.up[x] : v.lemma_up[x];
  return l == "COUNTERPART" || l == "COUNTERPARTS" || v.up[x] == "COUNTERPARTS";
}

std::vector<std::string> actor_codes(const ActorDict& dict, const DocView& v, uint32_t head, int depth,
                                     const NpOptions* opt) {
  std::vector<uint32_t> cs;
  conjuncts(v, head, &cs);
  std::vector<std::vector<std::string>> Ls(cs.size());
  std::vector<std::vector<uint32_t>> Gs(cs.size());
  std::vector<std::string> shared;
  for (size_t i = 0; i < cs.size(); ++i) {
    Ls[i] = own_actor(dict, v, cs[i], depth);
    Gs[i] = own_agents(v, cs[i]);
    for (const auto& l : Ls[i]) add_unique(&shared, l);
  }
  // "Goremykin and his North Korean counterpart Pak": the counterpart's country is the one the
  // other conjunct does NOT have; take the most recent other country named before.
  std::vector<std::string> other;
  for (size_t i = 0; i < cs.size() && opt; ++i) {
    if (!is_counterpart(v, cs[i]) || Ls[i].empty()) continue;
    for (const auto& rc : opt->recent_countries)
      if (Ls[i][0].compare(0, 3, rc) != 0) {
        other = {rc};
        break;
      }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < cs.size(); ++i) {
    // An agent conjunct without its own country shares the others' ("Danish media and government").
    const auto& L = Ls[i].empty() && !Gs[i].empty() ? (other.empty() ? shared : other) : Ls[i];
    for (const auto& c : combine(dict, L, Gs[i])) add_unique(&out, c);
  }
  return out;
}

}  // namespace

std::vector<std::string> agent_codes_for(const ActorDict& dict, const DocView& v, uint32_t head,
                                         const std::string& country) {
  auto G = own_agents(v, head);
  if (G.empty() || country.empty()) return {};
  return combine(dict, {country}, G);
}

std::vector<std::string> np_codes(const ActorDict& dict, const DocView& v, uint32_t head,
                                  const NpOptions& opt) {
  std::vector<std::string> out = actor_codes(dict, v, head, 0, &opt);
  if (out.empty() && !opt.context_country.empty()) {
    std::vector<uint32_t> cs;
    conjuncts(v, head, &cs);
    for (uint32_t c : cs) {
      auto G = own_agents(v, c);
      if (!G.empty())
        for (const auto& s : combine(dict, {opt.context_country}, G)) add_unique(&out, s);
    }
  }
  return out;
}

}  // namespace dyad::actors
