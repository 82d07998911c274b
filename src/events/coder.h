// coder.h — CAMEO event coder over dependency parses.
//
// For each verb the verb dictionary knows (and a few event nouns: "talks", "visit", "meeting",
// "agreement", "summit"), the coder finds
//   source: nsubj (climbing xcomp/conj/ccomp for controlled or pronoun subjects), or the
//           obl:agent / "by"-phrase of a passive;
//   target: the phrase of the preposition the matched pattern names, else obj/dobj, iobj,
//           nmod/obl, clausal complements, else the nearest actor below the verb;
// matches the verb's patterns (lemma + particles + object words + prepositional groups, most
// specific wins), distributes over conjoined actors ("X and Y met" -> both directions when the
// pattern is compound or there is no other target), and records negation, modality and the quoted
// speaker. Codes "A:B" add the reverse event (target -> source) with code B; "---" codes nothing.
#pragma once

#include <string>
#include <vector>

#include "actors/dict.h"
#include "actors/resolve.h"
#include "base/doc.h"
#include "events/cameo.h"
#include "events/negation.h"
#include "events/verbs.h"

namespace dyad {

struct CoderOptions {
  // Agent-only phrases ("Deputy Defense Minister Viktor Goremykin") take the country of the
  // document's first actor (the sentence's own actors are often the other side of the dyad). Off for the
  // PETRARCH validation records, which never do this.
  bool context_country = true;
  bool event_nouns = true;
  // Verbs/nouns found only by searching below the verb for any actor (PETRARCH-like); off = only
  // direct arguments count.
  bool deep_target = true;
  // A negated event whose code the negation table does not recode is dropped (UD-PETRARCH turns
  // it into an invalid code); off = kept with Event::negated set.
  bool drop_unrecoded_negation = false;

  // ---- PETRARCH-2 behaviours. Only `dyad eval petrarch` sets them (for the PETRARCH2 records);
  // the real pipeline keeps the defaults, which are dyad's own behaviour. ----
  // Agent-only phrases ("students", "the government") take this country code: "---" gives
  // PETRARCH's anonymous actor "---EDU". Empty = not coded (unless context_country applies).
  std::string agent_only_country;
  // PETRARCH's require_dyad: false codes an event whose target is missing with the null target
  // "---" (not when the object is an unknown name, nor inside another event verb's clause). An
  // event without a source is never coded.
  bool require_dyad = true;
  // PETRARCH's terminal comma-clause deletion: a verb in a final ", ... ." clause of 2..N words
  // (", a senior official said on Saturday.") is not coded. 0 = off.
  int terminal_clause_max = 0;
  // An actor code written as a list ("FRO/BIL/SAM") names several actors.
  bool split_code_lists = false;
  // Pattern words are also matched in the clause that governs the verb ("indicated it would act
  // now": NOW is the governed verb's; "SAID WILL_*_TALKS": SAID is the governing verb).
  bool governing_clause_words = false;
  // A passive without an agent ("The Philippines was criticized over its dispute with Eriador")
  // is coded as if active: its subject is the source (PETRARCH-2 does this); dyad's default
  // looks for the source below the verb.
  bool agentless_passive_active = false;
  // A verb listed in two blocks of one file gets both blocks' patterns (the PETRARCH2 validation
  // file lists SHOT under [---] and under [223] with "+ WAS * DEAD IN $"). Default: the first
  // block's, as UD-PETRARCH's 2_02 file expects; a later file's block always joins.
  bool merge_verb_blocks = false;
};

class EventCoder {
 public:
  // data_dir is the repository's data/ folder: actors/phoenix.tsv (+ actors/supplement.txt),
  // events/verbs.txt, events/cameo.tsv. Throws InputError naming a missing or bad file.
  static EventCoder load(const std::string& data_dir);
  static EventCoder from_parts(actors::ActorDict actors, events::VerbDict verbs, events::CameoTable cameo);

  // Needs tokens/sentences/upos/lemma/head/deprel; fills doc.events (appends).
  void code(Doc& doc) const;
  // YYYYMMDD used for dated actor roles: doc.published, else the latest date among doc.timexes,
  // else 0 (undated defaults).
  static int32_t role_date(const Doc& doc);

  CoderOptions options;
  const actors::ActorDict& actor_dict() const { return actors_; }
  const events::VerbDict& verb_dict() const { return verbs_; }
  const events::CameoTable& cameo() const { return cameo_; }
  // Replaces the negation table (load() reads data/events/negation.tsv when present).
  void set_negation(events::NegationTable n) { negation_ = std::move(n); }

 private:
  void name_actors(const actors::DocView& v, Doc& doc, size_t first_event) const;
  std::vector<std::string> recent_countries(const actors::DocView& v, uint32_t end) const;

  actors::ActorDict actors_;
  events::VerbDict verbs_;
  events::CameoTable cameo_;
  events::NegationTable negation_;
};

}  // namespace dyad
