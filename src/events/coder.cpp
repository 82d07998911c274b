#include "events/coder.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>

#include "base/error.h"
#include "base/paths.h"

namespace dyad {

using actors::DocView;
using actors::Rel;

EventCoder EventCoder::from_parts(actors::ActorDict a, events::VerbDict v, events::CameoTable c) {
  EventCoder ec;
  ec.actors_ = std::move(a);
  ec.verbs_ = std::move(v);
  ec.cameo_ = std::move(c);
  return ec;
}

EventCoder EventCoder::load(const std::string& dir) {
  EventCoder ec;
  std::string phoenix = dir + "/actors/phoenix.tsv";
  ec.actors_.read_compiled(read_maybe_gz(phoenix), phoenix);
  std::string supp = dir + "/actors/supplement.txt";
  if (std::filesystem::exists(supp)) ec.actors_.read_petrarch_actors(read_file(supp), supp);
  std::string supp_agents = dir + "/actors/supplement_agents.txt";
  if (std::filesystem::exists(supp_agents))
    ec.actors_.read_petrarch_agents(read_file(supp_agents), supp_agents);
  ec.verbs_.strict = false;  // the CAMEO.2.0 file has a few malformed patterns; they are skipped
  ec.verbs_.load_file(dir + "/events/verbs.txt");
  // dyad's own verb patterns (phrasings CAMEO.2.0 leaves uncoded), read after the CAMEO file.
  std::string supp_verbs = dir + "/events/verbs_dyad.txt";
  if (std::filesystem::exists(supp_verbs)) ec.verbs_.load_file(supp_verbs);
  std::string cameo = dir + "/events/cameo.tsv";
  ec.cameo_.read_compiled(read_file(cameo), cameo);
  std::string neg = dir + "/events/negation.tsv";
  if (std::filesystem::exists(neg)) ec.negation_.read(read_file(neg), neg);
  return ec;
}

namespace {

struct Ctx {
  const EventCoder& ec;
  const DocView& v;
  const Doc& doc;
  uint32_t first, last;  // sentence token range
  std::string context_country;
  std::vector<std::string> recent_countries;  // named before this sentence, most recent first
};

bool word_eq(const Ctx& c, uint32_t tok, const std::string& w) {
  const std::string& u = c.v.up[tok];
  if (u == w || c.v.lemma_up[tok] == w) return true;
  // Stems in the dictionaries ("EXTRADIT") match longer forms with a short ending.
  return w.size() >= 5 && u.size() > w.size() && u.size() <= w.size() + 3 && u.compare(0, w.size(), w) == 0;
}

// Tokens of the verb's clause: its subtree, minus conjoined verbs (coded on their own).
void clause_tokens(const Ctx& c, uint32_t verb, std::vector<uint8_t>* in) {
  in->assign(c.last - c.first, 0);
  std::vector<uint32_t> stack{verb};
  while (!stack.empty()) {
    uint32_t x = stack.back();
    stack.pop_back();
    (*in)[x - c.first] = 1;
    for (uint32_t k : c.v.kids[x]) {
      if (k < c.first || k >= c.last) continue;
      if (x == verb && c.v.rel[k] == Rel::Conj && c.doc.upos[k] == Upos::VERB) continue;
      stack.push_back(k);
    }
  }
}

// Does the word sequence `seq` occur at tok (consecutive tokens of the clause)?
bool seq_at(const Ctx& c, const std::vector<uint8_t>& in, uint32_t tok, const std::vector<std::string>& seq) {
  for (size_t k = 0; k < seq.size(); ++k) {
    uint32_t t = tok + static_cast<uint32_t>(k);
    if (t >= c.last || !in[t - c.first] || !word_eq(c, t, seq[k])) return false;
  }
  return !seq.empty();
}

// First token in [from, to) where one of the slot's alternatives occurs; -1 if none.
// *len (optional) gets the length of the longest alternative found there: "AUSTRIAN GOLD FLORIN"
// (a 3-word synset member) is more specific than "FLORIN".
int64_t find_slot(const Ctx& c, const std::vector<uint8_t>& in, const events::Slot& s, uint32_t from,
                  uint32_t to, size_t* len = nullptr) {
  for (uint32_t t = from; t < to; ++t) {
    if (!in[t - c.first]) continue;
    size_t best = 0;
    for (const auto& alt : s.alts)
      if (alt.size() > best && seq_at(c, in, t, alt)) best = alt.size();
    if (best > 0) {
      if (len) *len = best;
      return t;
    }
  }
  return -1;
}

// Matches a pattern against the clause; on success *prep_obj is the head of the first
// prepositional group's object (or -1).
struct PrepObjs {
  int64_t target = -1;           // object of the group marked '+', else of the first unmarked group
  int64_t source = -1;           // object of the group marked '$'
  int extra_words = 0;           // words matched beyond one per plain slot (multiword synset members)
  bool spells_negation = false;  // a matched word is the verb's negation ("&NEGATVAUXVRB *")
};

bool is_negation_word(const std::string& u) { return u == "NOT" || u == "N'T" || u == "NEVER"; }

// "FAILED_TO_*" / "*_OUT": an alternative of the slot ends right before the verb (starts right
// after it). Plain token positions: the joined words may belong to the governing clause. Returns
// the length matched (0 = none); *at gets the first token.
size_t adjacent_match(const Ctx& c, uint32_t verb, const events::Element& e, uint32_t* at) {
  size_t best = 0;
  for (const auto& alt : e.slots[0].alts) {
    if (alt.empty() || alt.size() <= best) continue;
    uint32_t start = 0;
    if (e.before) {
      if (verb < c.first + alt.size()) continue;
      start = verb - static_cast<uint32_t>(alt.size());
    } else {
      start = verb + 1;
    }
    bool ok = start + alt.size() <= c.last;
    for (size_t k = 0; k < alt.size() && ok; ++k) ok = word_eq(c, start + static_cast<uint32_t>(k), alt[k]);
    if (ok) best = alt.size(), *at = start;
  }
  return best;
}

// "* IFTAR IN ^ +" on "celebrated Iftar in Osgiliath with the leaders of Gondor": the first actor
// mention after the skipped object (Osgiliath), as the head of its mention; -1 if none.
int64_t actor_after(const Ctx& c, const std::vector<uint8_t>& in, uint32_t obj) {
  uint32_t from = obj + 1;
  if (c.v.actor[obj] >= 0) from = std::max(from, c.v.mention_last[obj]);
  for (uint32_t x = from; x < c.last; ++x) {
    if (!in[x - c.first] || c.v.actor[x] < 0) continue;
    uint32_t y = x;
    for (int d = 0; d < 8; ++d) {
      int32_t h = c.doc.head[y];
      if (h < 0 || c.v.actor[h] != c.v.actor[x] || c.v.mention_first[h] != c.v.mention_first[x]) break;
      y = static_cast<uint32_t>(h);
    }
    return y;
  }
  return -1;
}

bool match_pattern(const Ctx& c, const std::vector<uint8_t>& in, uint32_t verb, const events::Pattern& p,
                   PrepObjs* objs) {
  *objs = PrepObjs();
  int64_t first_plain = -1;
  for (const auto& e : p.elements) {
    uint32_t from = e.before ? c.first : verb + 1, to = e.before ? verb : c.last;
    if (!e.prep_group) {
      size_t len = 0;
      int64_t at = -1;
      if (e.adjacent) {
        uint32_t a = 0;
        len = adjacent_match(c, verb, e, &a);
        if (len == 0) return false;
        at = a;
      } else {
        at = find_slot(c, in, e.slots[0], from, to, &len);
        if (at < 0) return false;
      }
      for (size_t k = 0; k < len; ++k)
        if (is_negation_word(c.v.up[static_cast<uint32_t>(at) + k])) objs->spells_negation = true;
      // A slot counted as its first alternative's length in Pattern::words; credit longer matches.
      int counted = static_cast<int>(e.slots[0].alts.empty() ? 1 : e.slots[0].alts[0].size());
      if (static_cast<int>(len) > counted) objs->extra_words += static_cast<int>(len) - counted;
      continue;
    }
    // A prepositional group: the preposition, then its object words after it.
    bool ok = false;
    for (uint32_t start = from; start < to && !ok; ++start) {
      int64_t p0 = find_slot(c, in, e.slots[0], start, to);
      if (p0 < 0) break;
      ok = true;
      for (size_t k = 1; k < e.slots.size() && ok; ++k)
        ok = find_slot(c, in, e.slots[k], static_cast<uint32_t>(p0) + 1, c.last) >= 0;
      int32_t h = c.doc.head[p0];
      // "with Gondor": the case marker hangs on the object noun.
      if (ok && c.v.rel[p0] == Rel::Case && h >= 0) {
        if (e.marker == '+' && objs->target < 0 && e.skip > 0)
          objs->target = actor_after(c, in, static_cast<uint32_t>(h));
        else if (e.marker == '+' && objs->target < 0)
          objs->target = h;
        else if (e.marker == '$' && objs->source < 0)
          objs->source = h;
        else if (e.marker == 0 && first_plain < 0)
          first_plain = h;
      }
      start = static_cast<uint32_t>(p0);
    }
    if (!ok) return false;
  }
  if (objs->target < 0) objs->target = first_plain;
  return true;
}

// "X and Y agreed": a conjunct under the subject, or under its apposition ("the agency KCNA and the
// group Rossiya Segodnya", where the parser may hang the second conjunct off the appositive name),
// the same shapes actors::np_codes reads as a list of actors.
bool has_conj_subject(const Ctx& c, uint32_t subj) {
  for (uint32_t k : c.v.kids[subj]) {
    if (c.v.rel[k] == Rel::Conj) return true;
    if (c.v.rel[k] == Rel::Appos)
      for (uint32_t g : c.v.kids[k])
        if (c.v.rel[g] == Rel::Conj) return true;
  }
  return false;
}

bool is_pronoun(const Ctx& c, uint32_t t) { return c.doc.upos[t] == Upos::PRON; }

std::vector<std::string> codes_of(const Ctx& c, uint32_t head) {
  actors::NpOptions o;
  if (c.ec.options.context_country)
    o.context_country = c.context_country, o.recent_countries = c.recent_countries;
  else if (!c.ec.options.agent_only_country.empty())
    o.context_country = c.ec.options.agent_only_country;
  std::vector<std::string> codes = actors::np_codes(c.ec.actor_dict(), c.v, head, o);
  if (!c.ec.options.split_code_lists) return codes;
  // "FRO/BIL/SAM" (one dictionary entry for "The Shire") is three actors.
  std::vector<std::string> out;
  for (const auto& code : codes) {
    size_t b = 0;
    while (b <= code.size()) {
      size_t e = code.find('/', b);
      if (e == std::string::npos) e = code.size();
      std::string one = code.substr(b, e - b);
      if (!one.empty() && std::find(out.begin(), out.end(), one) == out.end()) out.push_back(one);
      b = e + 1;
    }
  }
  return out;
}

int64_t child_with(const Ctx& c, uint32_t x, Rel r) {
  for (uint32_t k : c.v.kids[x])
    if (c.v.rel[k] == r) return k;
  return -1;
}

std::string case_word(const Ctx& c, uint32_t noun) {
  for (uint32_t k : c.v.kids[noun])
    if (c.v.rel[k] == Rel::Case) return c.v.up[k];
  return {};
}

// "to wage war": an infinitival clause shares the governing verb's participants.
bool infinitival(const Ctx& c, uint32_t verb) {
  for (uint32_t k : c.v.kids[verb])
    if (c.v.rel[k] == Rel::Mark && c.v.up[k] == "TO") return true;
  return false;
}

// Subject of a verb: its own nsubj, else (climbing xcomp/conj/advcl/ccomp) the governor's object
// (object control: "urged Eriador to respond") or subject. Pronouns defer to the governor.
int64_t find_subject(const Ctx& c, uint32_t verb, bool* passive, int depth = 0) {
  int64_t s = child_with(c, verb, Rel::Subj);
  if (s < 0) {
    s = child_with(c, verb, Rel::SubjPass);
    if (s >= 0 && depth == 0) *passive = true;
  }
  if (depth > 4) return s;
  int32_t h = c.doc.head[verb];
  bool climb = h >= 0 && static_cast<uint32_t>(h) >= c.first && static_cast<uint32_t>(h) < c.last;
  Rel r = c.v.rel[verb];
  if (s >= 0 && is_pronoun(c, static_cast<uint32_t>(s)) && climb &&
      (r == Rel::Ccomp || r == Rel::Xcomp || r == Rel::Advcl || r == Rel::Conj)) {
    bool p2 = false;
    int64_t up = find_subject(c, static_cast<uint32_t>(h), &p2, depth + 1);
    if (up >= 0) return up;
  }
  if (s >= 0 || !climb) return s;
  if (r == Rel::Xcomp) {
    int64_t o = child_with(c, static_cast<uint32_t>(h), Rel::Obj);
    if (o >= 0) return o;
  }
  if (r == Rel::Acl) return h;  // "the parade supporting Gondor"
  // An adverbial clause with its own marker ("after crowds burned ...") has its own subject.
  if (r == Rel::Advcl && !infinitival(c, verb)) {
    if (child_with(c, verb, Rel::Mark) >= 0) return -1;
  }
  if (r == Rel::Xcomp || r == Rel::Conj || r == Rel::Advcl || r == Rel::Ccomp) {
    bool p2 = false;
    return find_subject(c, static_cast<uint32_t>(h), &p2, depth + 1);
  }
  return -1;
}

// A known parser error: "the two sides discussed cooperation" parsed as one noun phrase, with
// "sides" a compound of "cooperation" and "discussed" its adjective (amod). A verb labelled amod
// that follows a noun phrase of its own (the noun right before it has a determiner or a numeral
// and is linked to the verb's head noun) and precedes its head noun is a clause: that noun phrase
// is its subject. Returns the
// subject's head, -1 when the shape does not hold ("the discussed plan" has no noun before it).
int64_t amod_clause_subject(const Ctx& c, uint32_t verb) {
  if (c.v.rel[verb] != Rel::Amod || verb == c.first) return -1;
  const int32_t h = c.doc.head[verb];
  const uint32_t m = verb - 1;
  if (h < 0 || static_cast<uint32_t>(h) <= verb || static_cast<uint32_t>(h) >= c.last) return -1;
  // "sides" a compound of the head noun, or the head noun hung below "sides".
  const bool linked =
      (c.doc.head[m] == h && c.v.rel[m] == Rel::Compound) || c.doc.head[h] == static_cast<int32_t>(m);
  if (!linked) return -1;
  if (c.doc.upos[m] != Upos::NOUN && c.doc.upos[m] != Upos::PROPN) return -1;
  for (uint32_t k : c.v.kids[m])
    if (c.v.rel[k] == Rel::Det || c.v.rel[k] == Rel::Nummod) return m;
  return -1;
}

// "..., a senior official said on Saturday" parsed as a conjunct: a conj dependent that follows a
// comma and has no coordinating conjunction anywhere in its coordination is an appended comma
// clause, which PETRARCH deletes before coding (it is not part of the verb's phrase).
bool comma_clause(const Ctx& c, uint32_t x) {
  if (c.v.rel[x] != Rel::Conj) return false;
  int32_t h = c.doc.head[x];
  if (h < 0) return false;
  bool comma = false;
  for (uint32_t k : c.v.kids[static_cast<uint32_t>(h)]) {
    if (k < x && c.v.rel[k] == Rel::Punct && c.v.up[k] == ",") comma = true;
    if (c.v.rel[k] == Rel::Cc) return false;
  }
  for (uint32_t k : c.v.kids[x])
    if (c.v.rel[k] == Rel::Cc) return false;
  return comma;
}

// Nearest actor phrase below the verb (breadth first), outside the subject and `skip`.
std::vector<std::string> deep_target(const Ctx& c, uint32_t verb, int64_t skip1, int64_t skip2) {
  std::deque<std::pair<uint32_t, int>> q;
  for (uint32_t k : c.v.kids[verb]) q.emplace_back(k, 1);
  while (!q.empty()) {
    auto [x, d] = q.front();
    q.pop_front();
    if (static_cast<int64_t>(x) == skip1 || static_cast<int64_t>(x) == skip2) continue;
    Rel r = c.v.rel[x];
    // Side clauses ("after crowds burned its embassy", ", an official said") are not the verb's.
    if (r == Rel::Punct || r == Rel::Tmod || r == Rel::Parataxis || (r == Rel::Advcl && !infinitival(c, x)) ||
        (d == 1 && r == Rel::Conj && c.doc.upos[x] == Upos::VERB) || comma_clause(c, x))
      continue;
    if (c.v.actor[x] >= 0 || c.v.agent[x] >= 0) {
      auto codes = codes_of(c, x);
      if (!codes.empty()) return codes;
    }
    if (d < 5)
      for (uint32_t k : c.v.kids[x]) q.emplace_back(k, d + 1);
  }
  return {};
}

// "Moscow sent a military delegation to Pyongyang": the sender acts through the delegation (or
// envoy) it sends, so the source is the sender's country with the delegation's sector (GOV unless
// a word names one, actors::delegate_agent). A delegation with a country of its own ("a Russian
// military delegation") keeps its own codes.
std::vector<std::string> through_delegate(const Ctx& c, uint32_t verb, const std::vector<std::string>& src) {
  const int64_t obj = child_with(c, verb, Rel::Obj);
  if (obj < 0 || src.empty() || c.v.actor[obj] >= 0 || c.v.agent[obj] < 0 ||
      !actors::delegate_agent(c.ec.actor_dict(), static_cast<uint32_t>(c.v.agent[obj])))
    return src;
  // Its own country is a modifier's ("a Russian delegation", "Moscow's envoy"); "a delegation to
  // Pyongyang" names the destination, not the sender.
  for (uint32_t k : c.v.kids[obj]) {
    Rel r = c.v.rel[k];
    if (c.v.actor[k] >= 0 && (r == Rel::Amod || r == Rel::Compound || r == Rel::Poss)) {
      std::vector<std::string> own = actors::np_codes(c.ec.actor_dict(), c.v, static_cast<uint32_t>(obj));
      if (!own.empty()) return own;
    }
  }
  std::vector<std::string> out;
  for (const std::string& s : src)
    for (std::string& code :
         actors::agent_codes_for(c.ec.actor_dict(), c.v, static_cast<uint32_t>(obj), s.substr(0, 3)))
      if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  return out.empty() ? src : out;
}

bool is_say(const std::string& l) {
  static const char* kSay[] = {"SAY",   "TELL",    "STATE",  "ANNOUNCE",  "CLAIM",
                               "ADD",   "DECLARE", "STRESS", "REPORT",    "NOTE",
                               "WRITE", "INSIST",  "ASSERT", "EMPHASIZE", "EMPHASISE"};
  for (const char* s : kSay)
    if (l == s) return true;
  return false;
}

std::string modality_of(const Ctx& c, uint32_t verb) {
  for (uint32_t k : c.v.kids[verb]) {
    if (c.v.rel[k] != Rel::Aux) continue;
    const std::string& a = c.v.lemma_up[k].empty() ? c.v.up[k] : c.v.lemma_up[k];
    if (a == "MAY" || a == "MIGHT" || a == "COULD" || a == "CAN") return "possible";
    if (a == "WILL" || a == "WOULD" || a == "SHALL" || a == "'LL") return "intend";
    if (a == "SHOULD" || a == "MUST") return "obligation";
  }
  int32_t h = c.doc.head[verb];
  if (c.v.rel[verb] == Rel::Xcomp && h >= 0) {
    const std::string& g = c.v.lemma_up[h].empty() ? c.v.up[h] : c.v.lemma_up[h];
    if (g == "AGREE") return "agree";
    if (g == "PLAN" || g == "INTEND" || g == "WANT" || g == "HOPE" || g == "SEEK" || g == "AIM" ||
        g == "PROMISE" || g == "PLEDGE" || g == "VOW" || g == "EXPECT" || g == "PREPARE" || g == "ABOUT")
      return "intend";
    if (g == "THREATEN") return "threaten";
    if (g == "URGE" || g == "DEMAND" || g == "ASK" || g == "CALL") return "demand";
    if (g == "REFUSE" || g == "DECLINE") return "refuse";
    if (g == "TRY" || g == "ATTEMPT") return "attempt";
  }
  return {};
}

bool negated(const Ctx& c, uint32_t verb) {
  for (uint32_t k : c.v.kids[verb]) {
    Rel r = c.v.rel[k];
    const std::string& u = c.v.up[k];
    if (r == Rel::Neg || (r == Rel::Advmod && is_negation_word(u))) return true;
  }
  return false;
}

// Speaker of a quote: the subject of the nearest "say"-verb governing this clause.
std::string speaker_of(const Ctx& c, uint32_t verb) {
  uint32_t x = verb;
  for (int d = 0; d < 6; ++d) {
    Rel r = c.v.rel[x];
    int32_t h = c.doc.head[x];
    if (h < 0 || static_cast<uint32_t>(h) < c.first || static_cast<uint32_t>(h) >= c.last) break;
    if (r != Rel::Ccomp && r != Rel::Parataxis && r != Rel::Xcomp && r != Rel::Conj) break;
    const std::string& l = c.v.lemma_up[h].empty() ? c.v.up[h] : c.v.lemma_up[h];
    if ((r == Rel::Ccomp || r == Rel::Parataxis) && is_say(l)) {
      int64_t s = child_with(c, static_cast<uint32_t>(h), Rel::Subj);
      if (s < 0) return "unknown";
      auto codes = codes_of(c, static_cast<uint32_t>(s));
      if (!codes.empty()) return codes[0];
      return std::string(c.doc.token_text(static_cast<uint32_t>(s)));
    }
    x = static_cast<uint32_t>(h);
  }
  return {};
}

// Which side of an event was guessed rather than read off a direct argument: found by the deep
// search below the verb, through coreference (a pronoun, "the two sides"), or from an event noun's
// modifiers.
struct Guessed {
  bool src = false, tgt = false;
};

bool guessed_head(const Ctx& c, int64_t head) {
  if (head < 0) return false;
  const uint32_t h = static_cast<uint32_t>(head);
  return is_pronoun(c, h) || (h < c.v.group.size() && !c.v.group[h].empty());
}

// "PRKGOV 051 PRK" from "Pyongyang reaffirmed its backing": a bare country on one side and an
// actor of the same country on the other is a self-dyad when either side was guessed; two direct
// arguments of one country ("the ministry signed with the Russian media group") are kept as
// domestic events.
bool guessed_self_dyad(const std::string& s, const std::string& t, const Guessed& g) {
  if (s.size() < 3 || t.size() < 3 || s.compare(0, 3, t, 0, 3) != 0) return false;
  if (s.compare(0, 3, "---") == 0) return false;  // PETRARCH's "no country": nothing to compare
  return (s.size() == 3 || t.size() == 3) && (g.src || g.tgt);
}

void emit(const Ctx& c, Doc& out, uint32_t sent, uint32_t trig_first, uint32_t trig_last,
          const std::string& code, const std::vector<std::string>& src, const std::vector<std::string>& tgt,
          const Guessed& guess, bool reciprocal, bool neg, const std::string& modality,
          const std::string& speaker) {
  if (code.empty() || code == "---") return;
  std::string fwd = code, rev;
  size_t colon = code.find(':');
  if (colon != std::string::npos) fwd = code.substr(0, colon), rev = code.substr(colon + 1);
  auto push = [&](const std::string& s, const std::string& t, const std::string& k) {
    if (k.empty() || k == "---" || s == t || s.empty() || t.empty()) return;
    if (guessed_self_dyad(s, t, guess)) return;
    for (const Event& e : out.events)
      if (e.sentence == sent && e.source.code == s && e.target.code == t && e.code == k) return;
    Event e;
    e.sentence = sent;
    e.trigger_first = trig_first;
    e.trigger_last = trig_last;
    e.source.code = s;
    e.target.code = t;
    e.code = k;
    e.root = k.substr(0, std::min<size_t>(2, k.size()));
    if (const events::CameoInfo* info = c.ec.cameo().find(k)) {
      e.quad_class = info->quad;
      e.goldstein = info->goldstein;
      e.plover = info->plover;
    }
    e.negated = neg;
    e.modality = modality;
    e.speaker = speaker;
    out.events.push_back(std::move(e));
  };
  if (reciprocal) {
    for (const auto& a : src)
      for (const auto& b : src) {
        if (a == b) continue;
        push(a, b, fwd);
      }
    return;
  }
  for (const auto& s : src)
    for (const auto& t : tgt) {
      push(s, t, fwd);
      if (!rev.empty()) push(t, s, rev);
    }
}

// PETRARCH's terminal comma-clause deletion: is `tok` in a final ", ... ." clause of 2..max words?
bool in_terminal_clause(const Ctx& c, uint32_t tok, int max) {
  uint32_t end = c.last;
  while (end > c.first && c.doc.upos[end - 1] == Upos::PUNCT) --end;
  for (uint32_t k = end; k-- > c.first;) {
    if (c.v.up[k] != ",") continue;
    uint32_t n = end - k - 1;
    return tok > k && tok < end && n >= 2 && n <= static_cast<uint32_t>(max);
  }
  return false;
}

// Marks the governing verb and its dependents before `verb` ("INDICATED WOULD * NOW": INDICATED
// governs "it would act now") as pattern words.
void add_governing_clause(const Ctx& c, uint32_t verb, std::vector<uint8_t>* in) {
  Rel r = c.v.rel[verb];
  int32_t h = c.doc.head[verb];
  if (h < 0 || static_cast<uint32_t>(h) < c.first || static_cast<uint32_t>(h) >= c.last) return;
  if (r != Rel::Ccomp && r != Rel::Xcomp && r != Rel::Advcl && r != Rel::Conj && r != Rel::Parataxis) return;
  (*in)[h - c.first] = 1;
  for (uint32_t k : c.v.kids[static_cast<uint32_t>(h)])
    if (k < verb && k >= c.first && k < c.last && c.v.rel[k] != Rel::Subj) (*in)[k - c.first] = 1;
}

// The agent of a passive verb: obl:agent or a "by" phrase, also one the parser hung on an adverb
// ("was opposed earlier by Osgiliath"). -1 if none.
int64_t agent_of(const Ctx& c, uint32_t verb) {
  auto is_agent = [&](uint32_t k) {
    return c.v.rel[k] == Rel::Agent || (c.v.rel[k] == Rel::Nmod && case_word(c, k) == "BY");
  };
  for (uint32_t k : c.v.kids[verb])
    if (is_agent(k)) return k;
  for (uint32_t k : c.v.kids[verb])
    if (c.v.rel[k] == Rel::Advmod)
      for (uint32_t g : c.v.kids[k])
        if (is_agent(g)) return g;
  return -1;
}

// May a verb without a target be coded with the null target "---" (require_dyad off)? Not when
// its object names an unknown actor ("restore ties with Gxndor": a name, not a missing side), nor
// inside the clause of another dictionary verb (that event takes the clause: "urged Bree to help").
bool null_target_ok(const Ctx& c, uint32_t verb) {
  // A name among the verb's objects or their modifiers ("ties with Gxndor").
  auto named = [&](uint32_t k) {
    Rel r = c.v.rel[k];
    std::string cw = case_word(c, k);  // "on Thursday", "in Moscow": not the verb's other side
    bool arg = r == Rel::Obj || r == Rel::Iobj || (r == Rel::Nmod && cw != "ON" && cw != "IN" && cw != "AT");
    // A capitalised noun inside the sentence ("Gxndor" tagged NN) is a name too.
    std::string_view text = c.doc.token_text(k);
    bool name =
        c.doc.upos[k] == Upos::PROPN || (k > c.first && c.doc.upos[k] == Upos::NOUN && !text.empty() &&
                                         std::isupper(static_cast<unsigned char>(text[0])));
    return arg && name;
  };
  for (uint32_t k : c.v.kids[verb]) {
    if (named(k)) return false;
    if (c.v.rel[k] == Rel::Obj)
      for (uint32_t g : c.v.kids[k])
        if (named(g)) return false;
  }
  std::vector<uint32_t> forms;
  // A reporting clause (", the agency WFNA said") is parataxis: beside the event, not inside it.
  for (uint32_t y = verb, d = 0; d < 12 && c.v.rel[y] != Rel::Parataxis; ++d) {
    int32_t h = c.doc.head[y];
    if (h < 0 || static_cast<uint32_t>(h) < c.first || static_cast<uint32_t>(h) >= c.last) break;
    uint32_t x = y = static_cast<uint32_t>(h);
    if (c.doc.upos[x] != Upos::VERB) continue;
    // Any dictionary verb: its patterns may code the clause ("LAUNCH [---]" with
    // "* OFFENSIVE AGAINST [223]").
    c.ec.verb_dict().lookup(c.v.up[x], c.v.lemma_up[x], &forms);
    if (!forms.empty()) return false;
  }
  return true;
}

struct NounEvent {
  const char* lemma;
  const char* code;
};
// Event nouns: participants from "between X and Y" (reciprocal) or possessor/modifier -> "to/with".
constexpr NounEvent kNouns[] = {{"TALK", "046"},      {"NEGOTIATION", "046"}, {"MEETING", "040"},
                                {"VISIT", "042:043"}, {"SUMMIT", "043"},      {"AGREEMENT", "057"},
                                {"TREATY", "057"}};

}  // namespace

// Date for dated actor roles ("Putin" is RUSELI before 1999, RUSGOV after): the publication date,
// else the latest date the text itself names (timexes run before the coder), else 0 (defaults).
int32_t EventCoder::role_date(const Doc& doc) {
  int32_t d = actors::date_number(doc.published);
  if (d != 0) return d;
  // Only the month is known ("2025-07", from a file name): its first day.
  if (doc.published.size() == 7 && doc.published[4] == '-') {
    d = actors::date_number(doc.published + "-01");
    if (d != 0) return d;
  }
  for (const Timex& t : doc.timexes) {
    const std::string& x = t.value;
    if (x.size() < 4 || !std::isdigit(static_cast<unsigned char>(x[0])) ||
        !std::isdigit(static_cast<unsigned char>(x[3])))
      continue;
    if (!std::isdigit(static_cast<unsigned char>(x[1])) || !std::isdigit(static_cast<unsigned char>(x[2])))
      continue;
    int32_t y = std::stoi(x.substr(0, 4)), m = 1, day = 1;
    if (x.size() >= 7 && x[4] == '-' && std::isdigit(static_cast<unsigned char>(x[5])) &&
        std::isdigit(static_cast<unsigned char>(x[6])))
      m = std::stoi(x.substr(5, 2));
    if (x.size() >= 10 && x[7] == '-' && std::isdigit(static_cast<unsigned char>(x[8])) &&
        std::isdigit(static_cast<unsigned char>(x[9])))
      day = std::stoi(x.substr(8, 2));
    if (m < 1 || m > 12 || day < 1 || day > 31) continue;
    d = std::max(d, y * 10000 + m * 100 + day);
  }
  return d;
}

// Distinct countries of the actor mentions before token `end`, most recent first (at most 4).
std::vector<std::string> EventCoder::recent_countries(const actors::DocView& v, uint32_t end) const {
  std::vector<std::string> out;
  for (uint32_t i = end; i-- > 0 && out.size() < 4;) {
    if (v.actor[i] < 0) continue;
    std::string code(actors_.code_on(static_cast<uint32_t>(v.actor[i]), v.date));
    if (code.size() < 3) continue;
    code.resize(3);
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

// Names the actors of new events: the mention nearest the trigger, in the event's sentence, whose
// phrase codes include the event's code (span = the dictionary match, or the head with its
// compound/flat/adjective modifiers).
void EventCoder::name_actors(const actors::DocView& v, Doc& doc, size_t first_event) const {
  for (size_t i = first_event; i < doc.events.size(); ++i) {
    Event& e = doc.events[i];
    const auto& sent = doc.sentences[e.sentence];
    for (ActorRef* ref : {&e.source, &e.target}) {
      int64_t best = -1;
      uint32_t best_dist = UINT32_MAX;
      for (uint32_t x = sent.first; x < sent.last; ++x) {
        if (v.actor[x] < 0 && v.agent[x] < 0) continue;
        int32_t h = doc.head[x];
        // Only the head of a mention: its head lies outside the mention.
        if (v.actor[x] >= 0 && h >= 0 && v.actor[h] == v.actor[x] && v.mention_first[h] == v.mention_first[x])
          continue;
        uint32_t dist = x > e.trigger_first ? x - e.trigger_first : e.trigger_first - x;
        if (dist >= best_dist) continue;
        auto codes = actors::np_codes(actors_, v, x);
        if (std::find(codes.begin(), codes.end(), ref->code) == codes.end()) continue;
        best = x;
        best_dist = dist;
      }
      if (best < 0) continue;
      uint32_t x = static_cast<uint32_t>(best), lo = x, hi = x + 1;
      if (v.actor[x] >= 0) lo = std::min(lo, v.mention_first[x]), hi = std::max(hi, v.mention_last[x]);
      for (uint32_t k : v.kids[x]) {
        Rel r = v.rel[k];
        if (r == Rel::Compound || r == Rel::Flat || r == Rel::Amod) {
          lo = std::min(lo, k);
          hi = std::max(hi, k + 1);
          if (v.actor[k] >= 0) lo = std::min(lo, v.mention_first[k]), hi = std::max(hi, v.mention_last[k]);
        }
      }
      ref->first = lo;
      ref->last = hi;
      ref->name = std::string(doc.span_text(Span{doc.tokens[lo].begin, doc.tokens[hi - 1].end}));
    }
  }
}

void EventCoder::code(Doc& doc) const {
  if (doc.head.size() != doc.tokens.size() || doc.deprel.size() != doc.tokens.size() ||
      doc.upos.size() != doc.tokens.size())
    throw InputError(doc.path.empty() ? doc.id : doc.path,
                     "event coder needs a parsed document (upos/head/deprel)");
  DocView v = actors::build_view(actors_, doc, role_date(doc));
  std::string doc_country;
  for (uint32_t i = 0; i < doc.num_tokens() && doc_country.empty(); ++i)
    if (v.actor[i] >= 0) {
      std::string code(actors_.code_on(static_cast<uint32_t>(v.actor[i]), v.date));
      if (code.size() >= 3) doc_country = code.substr(0, 3);
    }
  std::vector<uint32_t> forms;
  std::vector<uint8_t> in;
  size_t first_event = doc.events.size();
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    if (v.discard_sentence[s]) continue;
    const auto& sent = doc.sentences[s];
    Ctx c{*this, v, doc, sent.first, sent.last, doc_country, recent_countries(v, sent.first)};
    for (uint32_t t = sent.first; t < sent.last; ++t) {
      Upos u = doc.upos[t];
      // ---- event nouns ----
      if (options.event_nouns && u == Upos::NOUN) {
        const char* ncode = nullptr;
        for (const auto& ne : kNouns)
          if (v.lemma_up[t] == ne.lemma) ncode = ne.code;
        if (!ncode) continue;
        std::vector<std::string> src, tgt;
        bool recip = false;
        for (uint32_t k : v.kids[t]) {
          Rel r = v.rel[k];
          std::string cw = case_word(c, k);
          if (r == Rel::Nmod && (cw == "BETWEEN" || cw == "AMONG")) {
            src = codes_of(c, k);
            recip = src.size() >= 2;
          } else if (r == Rel::Poss || r == Rel::Amod || r == Rel::Compound ||
                     (r == Rel::Nmod && cw == "BY")) {
            if (src.empty()) src = codes_of(c, k);
          } else if (r == Rel::Nmod && (cw == "TO" || cw == "WITH" || cw == "IN" || cw == "OF")) {
            if (tgt.empty()) tgt = codes_of(c, k);
          }
        }
        if (!recip && src.size() >= 2 && tgt.empty()) recip = true;
        emit(c, doc, s, t, t + 1, ncode, src, tgt, Guessed{true, true}, recip, false, "", speaker_of(c, t));
        continue;
      }
      if (u != Upos::VERB) continue;
      if (options.terminal_clause_max > 0 && in_terminal_clause(c, t, options.terminal_clause_max)) continue;
      verbs_.lookup(v.up[t], v.lemma_up[t], &forms);
      if (forms.empty()) continue;
      // Pick the form whose particles/preceding words are present (phrasal verbs first).
      int64_t best_form = -1;
      size_t best_extra = 0;
      uint32_t trig_first = t, trig_last = t + 1;
      for (uint32_t f : forms) {
        const auto& vf = verbs_.forms()[f];
        bool ok = true;
        uint32_t lo = t, hi = t + 1;
        for (size_t k = 0; k < vf.after.size() && ok; ++k) {
          bool found = false;
          for (uint32_t kid : v.kids[t])
            if ((v.rel[kid] == Rel::Prt || v.rel[kid] == Rel::Advmod || kid == t + 1 + k) &&
                v.up[kid] == vf.after[k])
              found = true, hi = std::max(hi, kid + 1);
          if (!found && t + 1 + k < sent.last && v.up[t + 1 + k] == vf.after[k]) found = true, hi = t + 2 + k;
          ok = found;
        }
        for (size_t k = 0; k < vf.before.size() && ok; ++k) {
          size_t back = vf.before.size() - k;
          ok = t >= sent.first + back && v.up[t - back] == vf.before[k];
          if (ok) lo = std::min<uint32_t>(lo, t - static_cast<uint32_t>(back));
        }
        if (!ok) continue;
        size_t extra = vf.after.size() + vf.before.size();
        if (best_form < 0 || extra > best_extra)
          best_form = f, best_extra = extra, trig_first = lo, trig_last = hi;
      }
      if (best_form < 0) continue;
      const auto& vf = verbs_.forms()[best_form];
      // The same verb may sit in several blocks (dyad's supplement adds patterns to a CAMEO.2.0
      // verb): the patterns of every block holding an equally specific form compete; the default
      // code is the first form's.
      std::vector<uint32_t> blocks{vf.block};
      for (uint32_t f : forms) {
        const auto& of = verbs_.forms()[f];
        // Within one file PETRARCH takes the first block unless merge_verb_blocks is set.
        bool joins =
            options.merge_verb_blocks || verbs_.blocks()[of.block].file != verbs_.blocks()[vf.block].file;
        if (joins && of.after == vf.after && of.before == vf.before &&
            std::find(blocks.begin(), blocks.end(), of.block) == blocks.end())
          blocks.push_back(of.block);
      }
      const auto& block = verbs_.blocks()[vf.block];
      clause_tokens(c, t, &in);
      if (options.governing_clause_words) add_governing_clause(c, t, &in);
      for (uint32_t k = trig_first; k < trig_last; ++k)
        in[k - c.first] = 0;  // particles are not pattern words
      bool passive = false;
      int64_t subj = find_subject(c, t, &passive);
      if (subj < 0) subj = amod_clause_subject(c, t);
      bool compound_subj =
          subj >= 0 && (has_conj_subject(c, static_cast<uint32_t>(subj)) ||
                        (subj < static_cast<int64_t>(v.group.size()) && v.group[subj].size() >= 2));
      // Most specific matching pattern; ties go to the earlier one.
      const events::Pattern* best = nullptr;
      PrepObjs objs;
      int best_words = 0;
      for (uint32_t b : blocks)
        for (const auto& p : verbs_.blocks()[b].patterns) {
          if (p.compound && !compound_subj) continue;
          PrepObjs po;
          if (!match_pattern(c, in, t, p, &po)) continue;
          int w = p.words + po.extra_words;
          if (best && w <= best_words) continue;
          best = &p, objs = po, best_words = w;
        }
      int64_t prep_obj = objs.target;
      std::string code = best ? best->code : (!vf.code.empty() ? vf.code : block.code);
      if (code.empty() || code == "---") continue;
      std::vector<std::string> src, tgt;
      Guessed guess;
      int64_t obj = -1;
      const int64_t agent = passive ? agent_of(c, t) : -1;
      // An agentless passive coded as if active: the subject is the source.
      if (passive && agent < 0 && options.agentless_passive_active) passive = false;
      if (passive) {
        tgt = codes_of(c, static_cast<uint32_t>(subj));
        guess.tgt = guessed_head(c, subj);
        if (agent >= 0) src = codes_of(c, static_cast<uint32_t>(agent)), guess.src = guessed_head(c, agent);
        // "The Philippines was criticized over its dispute with Eriador": no by-phrase, so the
        // nearest other actor below the verb stands in as the source.
        if (src.empty() && options.deep_target) src = deep_target(c, t, subj, -1), guess.src = true;
      } else {
        if (subj >= 0) src = codes_of(c, static_cast<uint32_t>(subj)), guess.src = guessed_head(c, subj);
        if (prep_obj >= 0)
          tgt = codes_of(c, static_cast<uint32_t>(prep_obj)), guess.tgt = guessed_head(c, prep_obj);
        for (Rel want : {Rel::Obj, Rel::Iobj, Rel::Nmod, Rel::Xcomp, Rel::Ccomp}) {
          if (!tgt.empty()) break;
          for (uint32_t k : v.kids[t]) {
            if (v.rel[k] != want || static_cast<int64_t>(k) == subj) continue;
            if (want == Rel::Obj) obj = k;
            if (want == Rel::Xcomp || want == Rel::Ccomp) {
              int64_t inner = child_with(c, k, Rel::Subj);
              if (inner < 0) inner = child_with(c, k, Rel::Obj);
              if (inner >= 0)
                tgt = codes_of(c, static_cast<uint32_t>(inner)), guess.tgt = guessed_head(c, inner);
            } else {
              tgt = codes_of(c, k), guess.tgt = guessed_head(c, k);
            }
            if (!tgt.empty()) break;
          }
        }
        if (tgt.empty() && options.deep_target) {
          tgt = deep_target(c, t, subj, -1);
          guess.tgt = true;
        }
        // "The two sides discussed cooperation between their organizations": a coreferent pair
        // ("the two sides" -> RUS, PRK) acts on each other unless the target is a third country.
        if (subj >= 0 && static_cast<size_t>(subj) < v.group.size() && v.group[subj].size() >= 2) {
          bool third = false;
          for (const auto& tc : tgt) {
            bool member = false;
            for (const auto& g : v.group[subj]) member |= tc.compare(0, 3, g) == 0;
            third |= !member && tc.size() == 3;
          }
          if (!third) tgt.clear();
        }
      }
      (void)obj;
      // Two subjects of one verb: a coordinated subject the parser split into two nsubj arcs
      // ("X's ambassador, Sin, and Y from the ministry signed"). Both act, as "X and Y" would.
      if (!passive && subj >= 0)
        for (uint32_t k : v.kids[t]) {
          if (v.rel[k] != Rel::Subj || static_cast<int64_t>(k) == subj) continue;
          for (auto& code2 : codes_of(c, k))
            if (std::find(src.begin(), src.end(), code2) == src.end()) src.push_back(std::move(code2));
          compound_subj = true;
        }
      if (!passive && prep_obj >= 0) src = through_delegate(c, t, src);
      // "+ * (FROM $)": the subject is the target and the '$' phrase the source.
      if (best && best->subject_is_target && !passive) {
        tgt = subj >= 0 ? codes_of(c, static_cast<uint32_t>(subj)) : std::vector<std::string>();
        guess.tgt = guessed_head(c, subj);
        src.clear();
        if (objs.source >= 0)
          src = codes_of(c, static_cast<uint32_t>(objs.source)), guess.src = guessed_head(c, objs.source);
        if (src.empty() && best->source_after) src = deep_target(c, t, subj, -1), guess.src = true;
      }
      bool recip = tgt.empty() && src.size() >= 2 && (compound_subj || (best && best->compound));
      // A pattern that spells out the negation ("&NEGATVAUXVRB * OVER EFFORTS [904]") already
      // codes the negated event: its code is kept.
      bool neg = negated(c, t) && !(best && objs.spells_negation);
      if (!options.require_dyad && !recip && tgt.empty() && !src.empty() && null_target_ok(c, t))
        tgt = {"---"};  // PETRARCH's require_dyad = False: the missing target is the null actor
      if (neg) {
        // PETRARCH-2 semantics: negation recodes the event when the table says how ("did not
        // clash" -> the negated code); otherwise the event keeps its code, flagged negated.
        std::string fwd = code.substr(0, code.find(':'));
        std::string_view nc = negation_.negate(fwd);
        if (!nc.empty()) {
          code = std::string(nc);
          neg = false;
        } else if (options.drop_unrecoded_negation) {
          continue;
        }
      }
      emit(c, doc, s, trig_first, trig_last, code, src, tgt, guess, recip, neg, modality_of(c, t),
           speaker_of(c, t));
    }
  }
  name_actors(v, doc, first_event);
}

}  // namespace dyad
