// timex.h — temporal expressions (TIMEX3) and counted quantities.
//
// Recognition is rule-based in the manner of HeidelTime/SUTime: a small hand-written grammar over
// lowercased tokens, with the vocabulary (month, weekday, season, unit and number words, deictic
// words) kept in tables in timex_words.cpp. Values follow the TimeML TIMEX3 guidelines:
// DATE "2025-07-12" / "2025-W28" / "2024-SU" / "2025-Q3" / "PAST_REF", TIME "2025-07-12T15:00" /
// "2025-07-13TNI", DURATION "P4W" / "PT3H" / "PXY", SET "P1W" / "XXXX-WXX-1".
//
// Direction: a bare weekday, month or season names the one before publication in a past-tense or
// neutral sentence (news default) and the one after it when the sentence speaks of the future
// ("will", "'ll", "shall", "next"). Anaphoric offsets ("a day later", "a year earlier") move the
// last calendar date the document mentioned; with none they stay unresolved (value ""), never
// guessed from the publication date.
#pragma once

#include <string>
#include <string_view>

#include "base/doc.h"

namespace dyad {

// Finds temporal expressions in doc (needs doc.tokens and doc.sentences; the text is enough) and
// fills doc.timexes, sorted by first token, normalised relative to doc.published. With no usable
// publication date, relative expressions get value "" (or PAST_REF / PRESENT_REF / FUTURE_REF,
// which need no date); absolute dates and durations are still normalised.
void find_timexes(Doc& doc);

// Normalises one expression ("last summer", "on Saturday", "nine days later") given the anchor
// date: the publication date, and for anaphoric offsets ("a day later") also the date they count
// from. A leading signal word ("on", "since", "over", "in") is skipped, so out->span then covers the
// expression proper. Returns false (out->value "") if the text is not one whole temporal expression
// or needs an anchor that is empty or invalid.
bool normalize_timex(std::string_view text, std::string_view anchor_iso_date, Timex* out);

// Like normalize_timex, with the publication date and the reference date for anaphoric offsets
// given apart: resolve_timex("nine days later", "2025-11-20", "2025-10-05") -> "2025-10-14".
bool resolve_timex(std::string_view text, std::string_view published, std::string_view reference, Timex* out);

// Finds counted quantities ("over 10,000 DPRK troops" -> 10000, ">", "troop"; "1.3-kilometer
// bridge" -> 1.3 "kilometer"; "tens of thousands of people" -> 10000 "~"; "dozens" -> 24 "~")
// and fills doc.quantities, sorted by first token. Numbers inside temporal expressions, dates and
// money amounts are not quantities of things and are skipped.
void find_quantities(Doc& doc);

}  // namespace dyad
