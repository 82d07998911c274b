// calendar.h — proleptic Gregorian date arithmetic and TIMEX3 calendar values.
//
// A TIMEX3 DATE value names a calendar point at some granularity: "2025" (year), "2025-Q3",
// "2025-H1", "2025-SU" (season), "2025-07" (month), "2025-W28" (ISO week), "2025-07-12" (day),
// "202" (decade), "20" (century). Point holds one such value as integers so rules can move it
// ("last month", "a year earlier") without string surgery. Days are counted from 1970-01-01.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::timecal {

// True if s is non-empty and all ASCII digits.
bool all_digits(std::string_view s);
// Value of an all-digit string, saturating at 999999999 instead of overflowing.
int to_int(std::string_view s);

// Ordered from coarsest to finest; shifting works in these units.
enum class Gran : uint8_t { kNone, kCentury, kDecade, kYear, kHalf, kQuarter, kSeason, kMonth, kWeek, kDay };

int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int* y, int* m, int* d);
int days_in_month(int y, int m);
bool valid_date(int y, int m, int d);
// ISO weekday: Monday = 1 ... Sunday = 7.
int iso_weekday(int64_t days);
// ISO 8601 week of the day; *iso_year may differ from the civil year around New Year.
void iso_week(int64_t days, int* iso_year, int* week);
// Monday of ISO week `week` of `iso_year`.
int64_t iso_week_monday(int iso_year, int week);

struct Point {
  Gran gran = Gran::kNone;
  int year = 0;  // for kDecade: year/10 (202); for kCentury: year/100 (20)
  int sub = 0;   // month 1-12, quarter 1-4, half 1-2, season 0-3 (SP SU FA WI), ISO week 1-53
  int day = 0;   // day of month for kDay
  bool valid() const { return gran != Gran::kNone; }
};

// A day point.
Point day_point(int64_t days);
// First day covered by p (for comparisons and coarsening); -1 if p is not valid.
int64_t first_day(const Point& p);
// Re-expresses p at a coarser-or-equal granularity g (a day as its month, a week's Monday's year...).
Point coarsen(const Point& p, Gran g);

// Parses a TIMEX3 calendar value ("2025-07-12", "2025-W28", "2024-SU", "2025-Q3", "199").
// Also accepts an ISO date-time ("2025-07-12T10:00:00Z"), keeping the day. Returns an invalid
// Point for anything else (including impossible dates such as "2025-02-31").
Point parse_value(std::string_view v);
std::string format_value(const Point& p);

// Moves p by n units of granularity `unit`. Result has p's granularity when p is at least as fine
// as `unit` ("2025-Q3" + 1 year = "2026-Q3"; "2025-07-12" + 9 days); when p is coarser than `unit`
// the shift can't be placed ("2025-11" + 1 day) and an invalid Point is returned.
Point shift(const Point& p, Gran unit, int n);

// TIMEX3 unit letter for durations of this granularity ("Y", "M", "W", "D", "Q", "DE", "CE").
std::string_view duration_letter(Gran g);

}  // namespace dyad::timecal
