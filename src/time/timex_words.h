// timex_words.h — vocabulary tables of the timex grammar (internal to the time stage).
// Every lookup takes a lowercased token; a trailing "." of an abbreviation ("nov.") is accepted.
#pragma once

#include <string_view>

#include "time/calendar.h"

namespace dyad::timewords {

int month(std::string_view w);           // 1-12 or 0 ("july", "jul", "sept.")
bool month_is_full(std::string_view w);  // the full name, not an abbreviation
int weekday(std::string_view w);         // ISO 1-7 or 0
int season(std::string_view w);          // 0 SP, 1 SU, 2 FA, 3 WI, or -1
// Part of day: "morning" -> "MO"; "" if none.
std::string_view part_of_day(std::string_view w);

// A calendar or clock unit word ("weeks", "decade", "hours").
struct Unit {
  timecal::Gran gran = timecal::Gran::kNone;  // kNone for clock units
  char letter = 0;                            // duration letter: Y M W D H (hour) N (minute) S (second)
  int mult = 1;                               // decade = 10 years, fortnight = 2 weeks, century = 100 years
  bool plural = false;
};
bool unit(std::string_view w, Unit* u);

// Cardinal number words zero..ninety and "a"/"an" (1); -1 if none. "dozen" is 12.
int number_word(std::string_view w);
// Vague amount words ("several", "few", "many", "some"): true if w is one.
bool vague_amount(std::string_view w);
// Ordinals: "first"/"1st" -> 1 ... "twelfth"; 0 if none.
int ordinal(std::string_view w);
// A parsed decimal or integer token ("10,000", "1.3", "3"); false if w is not one.
bool numeric(std::string_view w, double* v);

}  // namespace dyad::timewords
