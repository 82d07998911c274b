#include "claims/claims.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace dyad {
namespace {

struct ReportingWord {
  std::string_view lemma;
  Evidential cls;
};
// Lemmas of words that attribute a statement, with the firmness they give it.
constexpr std::array<ReportingWord, 40> kReporting = {{
    {"say", Evidential::kReported},      {"report", Evidential::kReported},
    {"state", Evidential::kReported},    {"announce", Evidential::kReported},
    {"tell", Evidential::kReported},     {"add", Evidential::kReported},
    {"note", Evidential::kReported},     {"confirm", Evidential::kReported},
    {"declare", Evidential::kReported},  {"write", Evidential::kReported},
    {"show", Evidential::kReported},     {"disclose", Evidential::kReported},
    {"reveal", Evidential::kReported},   {"indicate", Evidential::kReported},
    {"quote", Evidential::kReported},    {"air", Evidential::kReported},
    {"publish", Evidential::kReported},  {"broadcast", Evidential::kReported},
    {"allege", Evidential::kAlleged},    {"claim", Evidential::kAlleged},
    {"accuse", Evidential::kAlleged},    {"charge", Evidential::kAlleged},
    {"insist", Evidential::kAlleged},    {"assert", Evidential::kAlleged},
    {"believe", Evidential::kBelieved},  {"understand", Evidential::kBelieved},
    {"suspect", Evidential::kBelieved},  {"think", Evidential::kBelieved},
    {"estimate", Evidential::kBelieved}, {"speculate", Evidential::kBelieved},
    {"suggest", Evidential::kBelieved},  {"assess", Evidential::kBelieved},
    {"expect", Evidential::kBelieved},   {"rumor", Evidential::kBelieved},
    {"deny", Evidential::kDenied},       {"reject", Evidential::kDenied},
    {"dismiss", Evidential::kDenied},    {"refute", Evidential::kDenied},
    {"dispute", Evidential::kDenied},    {"rebut", Evidential::kDenied},
}};

// Adverbs and adjectives that hedge the clause they modify.
constexpr std::array<ReportingWord, 9> kHedges = {{
    {"reportedly", Evidential::kBelieved},
    {"allegedly", Evidential::kAlleged},
    {"apparently", Evidential::kBelieved},
    {"purportedly", Evidential::kAlleged},
    {"supposedly", Evidential::kAlleged},
    {"possibly", Evidential::kBelieved},
    {"probably", Evidential::kBelieved},
    {"likely", Evidential::kBelieved},
    {"presumably", Evidential::kBelieved},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool contains_any(std::string_view hay, std::initializer_list<std::string_view> needles) {
  const std::string h = lower(hay);
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return h.find(n) != std::string::npos; });
}

// Weaker status wins when two cues combine ("officials alleged ... it is believed").
Evidential weaker(Evidential a, Evidential b) {
  return static_cast<uint8_t>(a) >= static_cast<uint8_t>(b) ? a : b;
}

struct View {
  const Doc& d;
  bool parsed;
  std::string_view rel(uint32_t t) const { return deprel_name(d.deprel[t]); }
  std::string lemma(uint32_t t) const {
    return t < d.lemma.size() && !d.lemma[t].empty() ? lower(d.lemma[t]) : lower(d.token_text(t));
  }
  // Text of the subtree of t, restricted to sentence s (a claimant phrase: "South Korean officials").
  std::string subtree_text(uint32_t t, const Sentence& s) const {
    uint32_t lo = t, hi = t;
    for (uint32_t i = s.first; i < s.last; ++i) {
      for (int32_t up = static_cast<int32_t>(i), k = 0; up >= 0 && k < 64;
           up = d.head[static_cast<uint32_t>(up)], ++k) {
        if (up == static_cast<int32_t>(t)) {
          lo = std::min(lo, i);
          hi = std::max(hi, i);
          break;
        }
      }
    }
    // Trim leading prepositions, determiners and punctuation, and trailing punctuation
    // ("According to state media" -> "state media"; "the Russian Foreign Ministry" -> "Russian ...").
    while (lo < hi && (d.upos[lo] == Upos::PUNCT || rel(lo) == "case" || rel(lo) == "fixed" ||
                       (d.upos[lo] == Upos::DET && lower(d.token_text(lo)) == "the")))
      ++lo;
    while (hi > lo && d.upos[hi] == Upos::PUNCT) --hi;
    return std::string(d.text.substr(d.tokens[lo].begin, d.tokens[hi].end - d.tokens[lo].begin));
  }
  int32_t child_with(uint32_t head, const Sentence& s, std::initializer_list<std::string_view> rels) const {
    for (uint32_t i = s.first; i < s.last; ++i)
      if (d.head[i] == static_cast<int32_t>(head))
        for (auto r : rels)
          if (rel(i) == r) return static_cast<int32_t>(i);
    return -1;
  }
};

}  // namespace

std::string_view evidential_name(Evidential e) {
  switch (e) {
    case Evidential::kAsserted:
      return "asserted";
    case Evidential::kReported:
      return "reported";
    case Evidential::kAlleged:
      return "alleged";
    case Evidential::kBelieved:
      return "believed";
    case Evidential::kDenied:
      return "denied";
  }
  return "asserted";
}

bool parse_evidential(std::string_view name, Evidential* out) {
  for (Evidential e : {Evidential::kAsserted, Evidential::kReported, Evidential::kAlleged,
                       Evidential::kBelieved, Evidential::kDenied})
    if (evidential_name(e) == name) {
      *out = e;
      return true;
    }
  return false;
}

bool reporting_verb_class(std::string_view lemma, Evidential* out) {
  for (const auto& w : kReporting)
    if (w.lemma == lemma) {
      *out = w.cls;
      return true;
    }
  return false;
}

char source_letter(std::string_view claimant, bool named_person_or_government) {
  if (claimant.empty()) return 'F';
  if (contains_any(claimant, {"state media", "kcna", "rodong", "tass", "ria", "rossiya segodnya", "xinhua",
                              "state television", "state tv", "propaganda"}))
    return 'D';
  if (contains_any(claimant, {"intelligence", "anonymous", "source", "officials", "insider", "analyst"}))
    return 'C';
  if (named_person_or_government) return 'B';
  return 'C';
}

std::string credibility_grade(char letter, Evidential e, int corroborating_sources) {
  int digit;
  switch (e) {
    case Evidential::kDenied:
      digit = 5;
      break;
    case Evidential::kAlleged:
    case Evidential::kBelieved:
      digit = 4;
      break;
    default:
      digit = 3;
      break;
  }
  // Independent corroboration raises the information grade: one other source -> 2, two or more -> 1,
  // but never above what the status allows by more than two steps (an alleged event reported
  // everywhere is still only "probably true").
  if (corroborating_sources >= 2)
    digit = std::max(digit - 2, e == Evidential::kDenied ? 4 : 1);
  else if (corroborating_sources == 1)
    digit = std::max(digit - 1, 2);
  return std::string(1, letter) + std::to_string(digit);
}

void attribute_claims(Doc& doc) {
  const uint32_t n = doc.num_tokens();
  View v{doc, doc.head.size() == n && doc.deprel.size() == n && doc.upos.size() == n};
  for (auto& ev : doc.events) {
    std::string claimant;
    Evidential status = Evidential::kAsserted;
    bool named = false;
    if (!ev.speaker.empty()) {
      claimant = ev.speaker;
      status = Evidential::kReported;
      named = true;
    }
    if (v.parsed && ev.sentence < doc.sentences.size() && ev.trigger_first < n) {
      const Sentence& s = doc.sentences[ev.sentence];
      const uint32_t trig = ev.trigger_first;
      // 1. Hedges and "according to" on the trigger itself.
      for (uint32_t i = s.first; i < s.last; ++i) {
        if (v.d.head[i] != static_cast<int32_t>(trig)) continue;
        const std::string lem = v.lemma(i);
        for (const auto& h : kHedges)
          if (lem == h.lemma) status = weaker(status, h.cls);
        if ((v.rel(i) == "obl" || v.rel(i) == "nmod") && claimant.empty()) {
          const int32_t c = v.child_with(i, s, {"case"});
          if (c >= 0 && lower(v.d.token_text(static_cast<uint32_t>(c))) == "according") {
            claimant = v.subtree_text(i, s);
            status = weaker(status, Evidential::kReported);
          }
        }
        // 2. A reporting clause hanging off the event: "..., the Russian Foreign Ministry reports."
        Evidential cls;
        if ((v.rel(i) == "parataxis" || v.rel(i) == "advcl") && reporting_verb_class(lem, &cls)) {
          const int32_t subj = v.child_with(i, s, {"nsubj", "nsubj:pass"});
          if (subj >= 0 && claimant.empty()) {
            claimant = v.subtree_text(static_cast<uint32_t>(subj), s);
            named = v.d.upos[static_cast<uint32_t>(subj)] == Upos::PROPN;
          }
          status = weaker(status, cls);
        }
      }
      // 3. Reporting verbs above the event's clause: walk up through clausal relations.
      int32_t t = static_cast<int32_t>(trig);
      for (int k = 0; k < 6 && t >= 0; ++k) {
        const std::string_view r = v.rel(static_cast<uint32_t>(t));
        const int32_t up = v.d.head[static_cast<uint32_t>(t)];
        if (up < 0) break;
        if (r != "ccomp" && r != "xcomp" && r != "csubj:pass" && r != "csubj" && r != "parataxis" &&
            r != "conj" && r != "advcl" && r != "acl")
          break;
        Evidential cls;
        if (reporting_verb_class(v.lemma(static_cast<uint32_t>(up)), &cls) && r != "conj") {
          const Sentence& s2 = doc.sentences[ev.sentence];
          const int32_t subj =
              v.child_with(static_cast<uint32_t>(up), s2, {"nsubj", "nsubj:pass", "obl:agent"});
          // "It is understood that ..." / "It's believed that ...": expletive subject, no claimant.
          if (subj >= 0 && claimant.empty() && v.lemma(static_cast<uint32_t>(subj)) != "it") {
            claimant = v.subtree_text(static_cast<uint32_t>(subj), s2);
            named = v.d.upos[static_cast<uint32_t>(subj)] == Upos::PROPN;
          }
          status = weaker(status, cls);
        }
        t = up;
      }
    }
    if (claimant.empty()) {
      claimant = doc.source;  // the outlet itself stands behind an unattributed statement
      named = !doc.source.empty();
    }
    ev.claimant = claimant;
    ev.evidential = std::string(evidential_name(status));
    ev.credibility = credibility_grade(source_letter(claimant, named), status, 0);
  }
}

}  // namespace dyad
