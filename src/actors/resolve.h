// resolve.h — actor resolution over a parsed Doc.
//
// Two steps. find_mentions() tags token ranges with dictionary actors, agents and discard phrases
// (longest match, case-insensitive, on surface form or lemma), then links in-document short forms:
// a capitalised token equal to the last word of a multiword person/actor name matched earlier in
// the document ("Lavrov" after "Sergey Lavrov") gets that name's entry.
// np_codes() turns a noun phrase head into actor codes using the dependency tree: the actor of
// the head or of its modifiers (compound, amod, nmod:poss, nmod "of/in/from", appos, flat),
// combined with agents ("Russian Foreign Ministry" -> RUS + GOV; "North Korean troops" -> PRKMIL),
// distributed over conjuncts ("Lawmakers and officials in Arnor and Gondor" -> 4 codes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actors/dict.h"
#include "base/doc.h"

namespace dyad::actors {

// Coarse dependency relations: UD v1 and v2 names map to the same value.
enum class Rel : uint8_t {
  Other,
  Subj,
  SubjPass,
  Obj,
  Iobj,
  Nmod,
  Agent,
  Poss,
  Compound,
  Amod,
  Conj,
  Cc,
  Case,
  Aux,
  AuxPass,
  Neg,
  Advmod,
  Xcomp,
  Ccomp,
  Advcl,
  Acl,
  Appos,
  Flat,
  Prt,
  Mark,
  Punct,
  Det,
  Root,
  Parataxis,
  Nummod,
  Tmod
};
Rel rel_of(uint8_t deprel_id);

// Per-token view of one document for the coder: children lists and mention tags.
struct DocView {
  const Doc* doc = nullptr;
  std::vector<std::string> up;  // upper-cased surface forms
  std::vector<std::string> lemma_up;
  std::vector<Rel> rel;
  std::vector<std::vector<uint32_t>> kids;  // dependents in token order
  std::vector<int32_t> actor;               // entry id of the actor mention covering the token, -1 if none
  std::vector<int32_t> agent;               // entry id of the agent mention covering the token, -1 if none
  std::vector<uint32_t> mention_first, mention_last;  // actor mention range for tagged tokens
  std::vector<uint8_t> discard_sentence;              // per sentence: 1 if a discard phrase occurs
  // In-document coreference: codes for a phrase head no dictionary names ("the two countries" ->
  // the two most recently named countries); empty for most tokens.
  std::vector<std::vector<std::string>> group;
  int32_t date = 0;  // YYYYMMDD for dated roles, 0 = unknown
};

// Builds the view and tags mentions. `date` is YYYYMMDD (0 = use default codes). Then resolves
// in-document references: short forms of names ("Lavrov", "Kim"), subject pronouns ("she" -> the
// last person named as a subject), and "the two countries/sides", "both sides" (-> the two most
// recently named countries).
DocView build_view(const ActorDict& dict, const Doc& doc, int32_t date);

struct NpOptions {
  // Code agent-only phrases ("the foreign minister") with this country when not empty.
  std::string context_country;
  // Countries named before the phrase, most recent first: "X and his North Korean counterpart Y"
  // gives the agent-only X the most recent country other than Y's.
  std::vector<std::string> recent_countries;
};

// Actor codes of the noun phrase headed by `head` (conjuncts included). Empty if none.
std::vector<std::string> np_codes(const ActorDict& dict, const DocView& v, uint32_t head,
                                  const NpOptions& opt = {});

// An agent entry for people sent on a state's behalf (delegation, envoy, emissary): GOV unless
// another agent word names the sector ("a military delegation" -> MIL).
bool delegate_agent(const ActorDict& dict, uint32_t entry);

// The agents of the phrase headed by `head` (the head's and its compound/adjective modifiers'),
// applied to `country`: "a military delegation" with RUS -> RUSMIL. Empty if it has no agent.
std::vector<std::string> agent_codes_for(const ActorDict& dict, const DocView& v, uint32_t head,
                                         const std::string& country);

// Converts "YYYY-MM-DD" or "YYYYMMDD" to YYYYMMDD (0 if malformed).
int32_t date_number(std::string_view iso);

}  // namespace dyad::actors
