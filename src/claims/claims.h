// claims.h — attribution: who asserts each event, how firmly, and how credible that is.
//
// Runs after the events stage. For each event it looks at the dependency structure around the
// trigger for the four ways news text attributes a statement:
//   reporting verbs governing the event's clause   "South Korean officials alleged, '... provided'"
//   a reporting clause hanging off the event        "Lavrov was received by Kim, the Ministry reports"
//   "according to X"                                "According to state media, the sides discussed"
//   hedges on the event itself                      "It's believed that flights go", "reportedly"
// and grades the claim in the Admiralty (NATO STANAG 2511) style: a letter for the source
// (A reliable .. F cannot be judged) and a digit for the information (1 confirmed .. 6 cannot be
// judged). The digit improves as other documents corroborate the event (see credibility_grade).
#pragma once

#include <string>
#include <string_view>

#include "base/doc.h"

namespace dyad {

// Evidential status of a claim, from firmest to weakest.
enum class Evidential : uint8_t { kAsserted, kReported, kAlleged, kBelieved, kDenied };
std::string_view evidential_name(Evidential e);
// Inverse of evidential_name; false for anything else.
bool parse_evidential(std::string_view name, Evidential* out);
// Class of a reporting word by lemma ("allege" -> kAlleged, "say" -> kReported, "deny" -> kDenied,
// "believe" -> kBelieved); false if the lemma is not a reporting word.
bool reporting_verb_class(std::string_view lemma, Evidential* out);

// Source letter of a claimant description: B for named officials and governments speaking on the
// record, C for intelligence services and anonymous officials, D for state media of a party,
// F when no source is named.
char source_letter(std::string_view claimant, bool named_person_or_government);

// Admiralty grade "B3" from the source letter, the evidential status and the number of *other*
// independent sources that report the same event.
std::string credibility_grade(char source_letter, Evidential e, int corroborating_sources);

// Fills Event::claimant, Event::evidential and Event::credibility for every event in doc.events.
// Uses doc.head/deprel/lemma when present; without a parse every event is attributed to the
// outlet (doc.source) as asserted. Events already carrying a quoted speaker are attributed to it.
void attribute_claims(Doc& doc);

}  // namespace dyad
