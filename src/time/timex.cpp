// timex.cpp — the TIMEX3 grammar: recognises temporal expressions over lowercased tokens and
// normalises them against the publication date (see timex.h for the conventions).
#include "time/timex.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "time/calendar.h"
#include "time/lite_tokenize.h"
#include "time/timex_words.h"

namespace dyad {
namespace {

using timecal::all_digits;
using timecal::Gran;
using timecal::Point;
using timecal::to_int;
namespace tw = timewords;

struct Tok {
  std::string_view raw;
  std::string low;  // ASCII-lowercased, curly apostrophe folded to '
};

struct Ctx {
  std::vector<Tok> t;
  uint32_t end = 0;  // matches never run past this token (sentence end)
  bool has_dct = false;
  Point dct;  // publication day
  int64_t dct_days = 0;
  int dir = -1;  // -1 past (news default), +1 future
  Point ref;     // last calendar date mentioned, for "a day later"; may be invalid
  std::string_view w(uint32_t i) const { return i < end ? std::string_view(t[i].low) : std::string_view(); }
  bool cap(uint32_t i) const {
    return i < end && !t[i].raw.empty() && t[i].raw[0] >= 'A' && t[i].raw[0] <= 'Z';
  }
  bool is(uint32_t i, std::initializer_list<std::string_view> words) const {
    const auto x = w(i);
    if (x.empty()) return false;
    for (auto y : words)
      if (x == y) return true;
    return false;
  }
};

struct M {
  uint32_t len = 0;
  std::string type, value, mod;
  bool from_count = false;  // the expression starts with a count ("four weeks", "two years ago")
};

M make(uint32_t len, std::string type, std::string value) {
  M m;
  m.len = len;
  m.type = std::move(type);
  m.value = std::move(value);
  return m;
}
void keep_longer(M* best, M&& cand) {
  if (cand.len > best->len) *best = std::move(cand);
}

std::string lower(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") {
      o += '\'';
      i += 2;
      continue;
    }
    const char c = s[i];
    o += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return o;
}

std::string num_str(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  return fmt::format("{}", v);
}

// ---- counts ---------------------------------------------------------------------------------

// A count at i: "4", "four", "twenty - five", "a", "a few", "several". Returns tokens used.
uint32_t count_at(const Ctx& c, uint32_t i, double* v, bool* vague) {
  *vague = false;
  const auto x = c.w(i);
  if (x.empty()) return 0;
  if ((x == "a" || x == "an") && c.is(i + 1, {"few", "couple"})) {
    *vague = c.w(i + 1) == "few";
    *v = 2;
    return c.w(i + 2) == "of" ? 3 : 2;
  }
  if (tw::vague_amount(x)) {
    *vague = true;
    return 1;
  }
  double d;
  if (tw::numeric(x, &d)) {
    *v = d;
    return 1;
  }
  int n = tw::number_word(x);
  if (n < 0) return 0;
  uint32_t used = 1;
  if (n >= 20 && n < 100 && n % 10 == 0) {  // "twenty - five" / "twenty five"
    uint32_t k = i + 1;
    if (c.w(k) == "-") ++k;
    const int ones = tw::number_word(c.w(k));
    if (ones >= 1 && ones <= 9 && c.w(k) != "a" && c.w(k) != "an") {
      n += ones;
      used = k - i + 1;
    }
  }
  if (c.w(i + used) == "hundred" && n < 100) {
    n *= 100;
    ++used;
  }
  *v = n;
  return used;
}

std::string duration_value(const tw::Unit& u, double n, bool vague) {
  if (u.gran == Gran::kNone) {
    const char l = u.letter == 'N' ? 'M' : u.letter;
    return vague ? fmt::format("PTX{}", l) : fmt::format("PT{}{}", num_str(n), l);
  }
  if (vague) {
    if (u.gran == Gran::kDecade) return "PXDE";
    if (u.gran == Gran::kCentury) return "PXCE";
    return fmt::format("PX{}", u.letter);
  }
  return fmt::format("P{}{}", num_str(n * u.mult), u.letter);
}

// ---- anchoring ------------------------------------------------------------------------------

Point at(const Ctx& c, Gran g) { return c.has_dct ? timecal::coarsen(c.dct, g) : Point{}; }
Point rel(const Ctx& c, Gran g, int n) { return c.has_dct ? timecal::shift(at(c, g), g, n) : Point{}; }
std::string val(const Point& p) { return timecal::format_value(p); }

// Weekday wd relative to publication: mode -1 = most recent on/before, +1 = first on/after,
// -2 strictly before ("last Monday"), +2 strictly after ("next Monday"), 0 = in the same ISO week.
std::string weekday_value(const Ctx& c, int wd, int mode) {
  if (!c.has_dct) return "";
  const int today = timecal::iso_weekday(c.dct_days);
  int64_t d = c.dct_days;
  if (mode == 0)
    d += wd - today;
  else if (mode < 0) {
    int back = (today - wd + 7) % 7;
    if (back == 0 && mode == -2) back = 7;
    d -= back;
  } else {
    int fwd = (wd - today + 7) % 7;
    if (fwd == 0) fwd = 7;  // "Friday" said on a Friday about the future: next week
    d += fwd;
  }
  return val(timecal::day_point(d));
}

// Month m: mode as for weekdays (0 = this year).
std::string month_value(const Ctx& c, int m, int mode) {
  if (!c.has_dct) return fmt::format("XXXX-{:02d}", m);
  int y = c.dct.year;
  const int cur = c.dct.sub;
  if (mode == -1 && m > cur) --y;
  if (mode == -2 && m >= cur) --y;
  if (mode == 1 && m < cur) ++y;
  if (mode == 2 && m <= cur) ++y;
  return fmt::format("{:04d}-{:02d}", y, m);
}

std::string season_value(const Ctx& c, int s, int mode) {
  static constexpr std::string_view kS[4] = {"SP", "SU", "FA", "WI"};
  if (!c.has_dct) return fmt::format("XXXX-{}", kS[s]);
  const Point cur = at(c, Gran::kSeason);
  if (mode == 0) return fmt::format("{:04d}-{}", c.dct.year, kS[s]);
  const int step = mode < 0 ? -1 : 1;
  for (int k = (std::abs(mode) == 2 ? 1 : 0); k <= 4; ++k) {
    const Point p = timecal::shift(cur, Gran::kSeason, step * k);
    if (p.sub == s) return val(p);
  }
  return "";
}

// Day (y, m, d) with the year missing: the one nearest to publication, leaning to the direction.
std::string month_day_value(const Ctx& c, int m, int d) {
  if (!c.has_dct) return fmt::format("XXXX-{:02d}-{:02d}", m, d);
  int best_y = -1;
  int64_t best = INT64_MAX;
  for (int y = c.dct.year - 1; y <= c.dct.year + 1; ++y) {
    if (!timecal::valid_date(y, m, d)) continue;
    const int64_t diff = timecal::days_from_civil(y, m, d) - c.dct_days;
    // the wrong direction costs more: past-tense text rarely names a date weeks ahead
    const int64_t cost = (diff > 0) == (c.dir < 0) && diff != 0 ? std::llabs(diff) * 3 : std::llabs(diff);
    if (cost < best) {
      best = cost;
      best_y = y;
    }
  }
  if (best_y < 0) return "";
  return fmt::format("{:04d}-{:02d}-{:02d}", best_y, m, d);
}

int year_token(std::string_view x) {
  if (x.size() == 4 && all_digits(x)) return to_int(x);
  return -1;
}

// ---- rules ----------------------------------------------------------------------------------

bool month_ok(const Ctx& c, uint32_t i, int* m) {
  const auto x = c.w(i);
  *m = tw::month(x);
  if (*m == 0 || !c.cap(i)) return false;
  const bool dotted = x.back() == '.';
  if (!tw::month_is_full(x) && !dotted && x.size() < 4 && x != "jan" && x != "feb" && x != "aug" &&
      x != "sept" && x != "oct" && x != "nov" && x != "dec")
    return false;  // "Mar", "Jun" without a period are too often something else
  if (x == "may" || x == "march") {
    // the modal verb / the noun: accept only with a date-like neighbour
    const bool num_next = !c.w(i + 1).empty() && std::isdigit(static_cast<unsigned char>(c.w(i + 1)[0]));
    const bool prev =
        i > 0 && c.is(i - 1, {"in",     "since", "until", "by",  "early",  "late",    "mid",  "last",
                              "next",   "this",  "of",    "-",   "during", "through", "from", "to",
                              "before", "after", "that",  "end", "each",   "every"});
    return num_next || prev;
  }
  return true;
}

int day_number(std::string_view x) {
  if (x.empty()) return 0;
  std::string_view d = x;
  for (auto suf : {"st", "nd", "rd", "th"})
    if (d.size() > 2 && d.substr(d.size() - 2) == suf) d.remove_suffix(2);
  if (d.size() > 2 || !all_digits(d)) return 0;
  const int v = to_int(d);
  return v >= 1 && v <= 31 ? v : 0;
}

// "July 12, 2025", "July 12", "July 2025", "July of 2025", "July".
M rule_month(const Ctx& c, uint32_t i) {
  int m;
  if (!month_ok(c, i, &m)) return {};
  M best;
  uint32_t k = i + 1;
  if (const int d = day_number(c.w(k)); d > 0) {
    uint32_t k2 = k + 1;
    if (c.is(k2, {"st", "nd", "rd", "th"})) ++k2;
    uint32_t k3 = k2 + (c.w(k2) == "," ? 1 : 0);
    if (const int y = year_token(c.w(k3)); y >= 0) {
      if (timecal::valid_date(y, m, d))
        return make(k3 - i + 1, "DATE", fmt::format("{:04d}-{:02d}-{:02d}", y, m, d));
      return make(k3 - i + 1, "DATE", "");  // "February 31, 2025": a date, but not a real one
    }
    if (!timecal::valid_date(2000, m, d)) return make(k2 - i, "DATE", "");
    return make(k2 - i, "DATE", month_day_value(c, m, d));
  }
  uint32_t k2 = k + (c.is(k, {",", "of"}) ? 1 : 0);
  if (const int y = year_token(c.w(k2)); y >= 0)
    return make(k2 - i + 1, "DATE", fmt::format("{:04d}-{:02d}", y, m));
  return make(1, "DATE", month_value(c, m, c.dir < 0 ? -1 : 1));
}

// "12 July 2025", "12th of July", "the 12th of July".
M rule_day_month(const Ctx& c, uint32_t i) {
  uint32_t k = i + (c.w(i) == "the" ? 1 : 0);
  const int d = day_number(c.w(k));
  if (d == 0) return {};
  uint32_t k2 = k + 1 + (c.w(k + 1) == "of" ? 1 : 0);
  int m;
  if (!month_ok(c, k2, &m)) return {};
  uint32_t k3 = k2 + 1 + (c.w(k2 + 1) == "," ? 1 : 0);
  if (const int y = year_token(c.w(k3)); y >= 0)
    return make(k3 - i + 1, "DATE",
                timecal::valid_date(y, m, d) ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : "");
  return make(k2 - i + 1, "DATE", month_day_value(c, m, d));
}

// Digit forms: "2025-07-12", "07/12/2025", "2025", "1990s", "'90s".
M rule_numeric(const Ctx& c, uint32_t i) {
  const auto x = c.w(i);
  if (x.empty()) return {};
  // split ISO date "2025" "-" "07" "-" "12"
  if (year_token(x) >= 0 && c.w(i + 1) == "-" && c.w(i + 2).size() == 2 && all_digits(c.w(i + 2)) &&
      c.w(i + 3) == "-" && c.w(i + 4).size() == 2 && all_digits(c.w(i + 4))) {
    const int y = to_int(x), m = to_int(c.w(i + 2)), d = to_int(c.w(i + 4));
    return make(5, "DATE", timecal::valid_date(y, m, d) ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : "");
  }
  if (x.size() == 10 && x[4] == '-' && x[7] == '-') {
    const Point p = timecal::parse_value(x);
    if (p.valid()) return make(1, "DATE", val(p));
    if (all_digits(x.substr(0, 4)) && all_digits(x.substr(5, 2)) && all_digits(x.substr(8, 2)))
      return make(1, "DATE", "");
  }
  if (auto s1 = x.find('/'); s1 != std::string_view::npos && s1 <= 2) {
    const auto s2 = x.find('/', s1 + 1);
    if (s2 != std::string_view::npos) {
      const auto a = x.substr(0, s1), b = x.substr(s1 + 1, s2 - s1 - 1), yy = x.substr(s2 + 1);
      if (all_digits(a) && all_digits(b) && all_digits(yy) && (yy.size() == 2 || yy.size() == 4) &&
          b.size() <= 2) {
        int y = to_int(yy);
        if (yy.size() == 2) y += y >= 50 ? 1900 : 2000;
        const int m = to_int(a), d = to_int(b);
        return make(1, "DATE",
                    timecal::valid_date(y, m, d) ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : "");
      }
    }
  }
  // decades
  if (x.size() == 5 && x.back() == 's' && all_digits(x.substr(0, 4)) && x[3] == '0')
    return make(1, "DATE", std::string(x.substr(0, 3)));
  {
    std::string_view d = x;
    uint32_t used = 1;
    if (d == "'") {
      d = c.w(i + 1);
      used = 2;
    } else if (!d.empty() && d[0] == '\'')
      d.remove_prefix(1);
    if (d.size() == 3 && d.back() == 's' && all_digits(d.substr(0, 2)) && d[1] == '0' &&
        (used == 2 || x[0] == '\'')) {
      const int dd = to_int(d.substr(0, 2));
      int century = 19;
      if (c.has_dct && (c.dct.year / 100) * 100 + dd <= c.dct.year) century = c.dct.year / 100;
      return make(used, "DATE", fmt::format("{:02d}{}", century, dd / 10));
    }
  }
  // a year
  if (const int y = year_token(x); y >= 1600 && y <= 2099) {
    if (i > 0 && c.is(i - 1, {"$", "#", "no.", "number", "no"})) return {};
    const auto nx = c.w(i + 1);
    if (nx == "%" || nx == "percent" || nx == "million" || nx == "billion" || nx == "thousand" || nx == "-" ||
        nx == "to" || nx == "people" || nx == "troops" || nx == "soldiers" || nx == "workers" ||
        nx == "members" || nx == "jobs" || nx == "miles" || nx == "kilometers" || nx == "units" ||
        nx == "shares")
      return {};
    return make(1, "DATE", fmt::format("{:04d}", y));
  }
  return {};
}

// Weekdays: "Saturday", "Saturday morning", "Saturday, July 12, 2025".
M rule_weekday(const Ctx& c, uint32_t i) {
  const auto x = c.w(i);
  const int wd = tw::weekday(x);
  if (wd == 0 || !c.cap(i)) return {};
  if (!(x.size() > 5 || x.back() == '.')) return {};  // "Sun", "Sat", "Wed" need their period
  // explicit date after it wins
  uint32_t k = i + 1 + (c.w(i + 1) == "," ? 1 : 0);
  M date = rule_month(c, k);
  if (date.len > 0 && c.w(k + 1).size() > 0 && day_number(c.w(k + 1)) > 0) {
    date.len += k - i;
    return date;
  }
  std::string v = weekday_value(c, wd, c.dir < 0 ? -1 : 1);
  if (const auto pod = tw::part_of_day(c.w(i + 1)); !pod.empty())
    return make(2, "TIME", v.empty() ? "" : v + "T" + std::string(pod));
  return make(1, "DATE", v);
}

// Deictic words: today, yesterday, tonight, now, recently, the past, these days, this morning.
M rule_deictic(const Ctx& c, uint32_t i) {
  const auto x = c.w(i);
  auto day_off = [&](int n) { return c.has_dct ? val(timecal::day_point(c.dct_days + n)) : std::string(); };
  auto with_pod = [&](uint32_t len, int day) -> M {
    if (const auto pod = tw::part_of_day(c.w(i + len)); !pod.empty()) {
      const std::string d = day_off(day);
      return make(len + 1, "TIME", d.empty() ? "" : d + "T" + std::string(pod));
    }
    return make(len, "DATE", day_off(day));
  };
  if (x == "today") return with_pod(1, 0);
  if (x == "yesterday") return with_pod(1, -1);
  if (x == "tomorrow") return with_pod(1, 1);
  if (x == "tonight") {
    const std::string d = day_off(0);
    return make(1, "TIME", d.empty() ? "" : d + "TNI");
  }
  if (x == "the" && c.w(i + 1) == "day" && c.is(i + 2, {"before", "after"}) &&
      c.is(i + 3, {"yesterday", "tomorrow"}))
    return make(4, "DATE", day_off(c.w(i + 3) == "yesterday" ? -2 : 2));
  if (x == "this" || x == "last") {
    const auto pod = tw::part_of_day(c.w(i + 1));
    if (!pod.empty() && c.w(i + 1) != "overnight") {
      const std::string d = day_off(x == "last" ? -1 : 0);
      if (x == "last" && c.w(i + 1) != "night") return {};
      return make(2, "TIME", d.empty() ? "" : d + "T" + std::string(pod));
    }
  }
  if (x == "now" || x == "currently" || x == "nowadays" || x == "presently" || x == "current")
    return make(1, "DATE", "PRESENT_REF");
  if (x == "these" && c.w(i + 1) == "days") return make(2, "DATE", "PRESENT_REF");
  if (x == "the" && c.w(i + 1) == "present" && !c.is(i + 2, {"day"})) return make(2, "DATE", "PRESENT_REF");
  // "previously", "formerly" and a bare "recent" are not TIMEX3s in TimeBank practice
  if (x == "recent" && c.is(i + 1, {"years", "months", "weeks", "days", "decades"}))
    return make(2, "DATE", "PAST_REF");
  if (x == "recently" || x == "lately") return make(1, "DATE", "PAST_REF");
  if (x == "the" && c.w(i + 1) == "past" &&
      !c.is(i + 2, {"week", "month", "year", "decade", "century", "weekend"}))
    return make(2, "DATE", "PAST_REF");
  if (x == "the" && c.w(i + 1) == "future") return make(2, "DATE", "FUTURE_REF");
  return {};
}

// Unit words that name a calendar period ("week", "weekend", "quarter").
bool period_unit(std::string_view x, Gran* g) {
  tw::Unit u;
  if (x == "weekend") {
    *g = Gran::kWeek;
    return true;
  }
  if (!tw::unit(x, &u) || u.plural || u.gran == Gran::kNone || u.mult != 1) {
    if (x == "decade") {
      *g = Gran::kDecade;
      return true;
    }
    if (x == "century") {
      *g = Gran::kCentury;
      return true;
    }
    return false;
  }
  *g = u.gran;
  return true;
}

std::string weekend(const Point& week) { return week.valid() ? val(week) + "-WE" : ""; }

// "last month", "this week", "next year", "last summer", "last Saturday", "the weekend",
// "the quarter", "that day", "the following day", "earlier this year".
M rule_relative(const Ctx& c, uint32_t i) {
  uint32_t k = i;
  // "earlier this year", "later this month": the period itself
  if (c.is(k, {"earlier", "later"}) && c.is(k + 1, {"this", "that", "last", "next"})) {
    M inner = rule_relative(c, k + 1);
    if (inner.len > 0 && inner.type == "DATE") {
      inner.len += 1;
      return inner;
    }
    return {};
  }
  std::string_view det = c.w(k);
  if (det == "the" && c.is(k + 1, {"past", "last", "previous", "next", "coming", "following", "current",
                                   "latest", "same", "most"})) {
    ++k;
    det = c.w(k);
    if (det == "most" && c.w(k + 1) == "recent") {
      ++k;
      det = "latest";
    }
    det = det == "past" ? std::string_view("the past") : det;
  } else if (!c.is(k, {"last", "past", "previous", "this", "next", "coming", "current", "the", "that",
                       "latest"})) {
    return {};
  }
  const uint32_t h = k + 1;  // head word
  const auto head = c.w(h);
  if (c.w(h) == "fiscal" && c.w(h + 1) == "year") {  // "the fiscal year", "the current fiscal year"
    return make(h - i + 2, "DATE", c.has_dct ? fmt::format("{:04d}", c.dct.year) : "");
  }
  int mode;  // -2 strictly before, +2 strictly after, 0 current, -1/+1 by tense
  if (det == "last" || det == "previous" || det == "past" || det == "latest")
    mode = -2;
  else if (det == "next" || det == "coming" || det == "following")
    mode = 2;
  else if (det == "this" || det == "current" || det == "the" || det == "same")
    mode = 0;
  else if (det == "that")
    mode = 9;  // anaphoric
  else if (det == "the past")
    mode = -3;  // "the past week": a duration
  else
    return {};
  const uint32_t len = h - i + 1;
  // named periods
  if (int wd = tw::weekday(head); wd > 0 && c.cap(h) && mode != 9 && mode != -3) {
    if (det == "the") return {};
    return make(len, "DATE", weekday_value(c, wd, mode == 0 ? 0 : mode));
  }
  if (int m; month_ok(c, h, &m) && mode != 9 && mode != -3 && det != "the") {
    if (c.has_dct) return make(len, "DATE", month_value(c, m, mode));
    return make(len, "DATE", "");
  }
  if (int s = tw::season(head); s >= 0 && mode != 9) {
    if (mode == -3) return make(len, "DURATION", "P1S");
    if (det == "the" || det == "same") mode = c.dir < 0 ? -1 : 1;
    return make(len, "DATE", c.has_dct ? season_value(c, s, mode) : "");
  }
  Gran g;
  if (!period_unit(head, &g)) return {};
  const bool is_weekend = head == "weekend";
  if (mode == -3) {  // "the past week" -> P1W
    if (is_weekend) return make(len, "DURATION", "P2D");
    tw::Unit u;
    if (!tw::unit(head, &u))
      u = tw::Unit{g, g == Gran::kDecade ? 'Y' : 'Y', g == Gran::kDecade ? 10 : 100, false};
    return make(len, "DURATION", duration_value(u, 1, false));
  }
  if (mode == 9 || det == "same" || (det == "following" && i == k - 1) || (det == "the" && false)) {
    // anaphoric: "that day", "the same day", "the following day"
    if (!c.ref.valid() || c.ref.gran < g) return make(len, "DATE", "");
    Point p = timecal::coarsen(c.ref, g);
    if (det == "following") p = timecal::shift(p, g, 1);
    if (det == "previous") p = timecal::shift(p, g, -1);
    return make(len, "DATE", is_weekend ? weekend(p) : val(p));
  }
  if (det == "following" || (det == "previous" && g == Gran::kDay)) {
    if (!c.ref.valid() || c.ref.gran < g) return make(len, "DATE", "");
    Point p = timecal::shift(timecal::coarsen(c.ref, g), g, det == "following" ? 1 : -1);
    return make(len, "DATE", val(p));
  }
  if (g == Gran::kDay) return {};  // "the day", "this day": too vague
  if (det == "the") {
    if (is_weekend) {
      if (!c.has_dct) return make(len, "DATE", "");
      const int wd = timecal::iso_weekday(c.dct_days);
      const int off = c.dir > 0 ? (wd >= 6 ? 0 : 0) : (wd >= 6 ? 0 : -1);
      return make(len, "DATE", weekend(rel(c, Gran::kWeek, off)));
    }
    // "the quarter" in news is the one just reported
    if (g == Gran::kQuarter) return make(len, "DATE", val(rel(c, Gran::kQuarter, -1)));
    if (g == Gran::kDecade || g == Gran::kCentury) return {};
    return make(len, "DATE", val(rel(c, g, 0)));
  }
  if (det == "latest" && g == Gran::kQuarter) return make(len, "DATE", val(rel(c, Gran::kQuarter, -1)));
  const int n = mode == 0 ? 0 : mode < 0 ? -1 : 1;
  const Point p = rel(c, g, n);
  return make(len, "DATE", is_weekend ? weekend(p) : val(p));
}

// "[the] [past|last|next|first|...] four weeks", "three-year", "several years", "24 hours".
M rule_duration(const Ctx& c, uint32_t i) {
  uint32_t k = i;
  if (c.w(k) == "the") ++k;
  if (c.is(k, {"past", "last", "next", "coming", "first", "previous", "latest", "final", "remaining",
               "following", "initial", "additional", "other", "same", "current", "recent"}))
    ++k;
  double n = 0;
  bool vague = false;
  const uint32_t used = count_at(c, k, &n, &vague);
  if (used == 0) {
    // bare plural after "for"/"within": "for years", "within weeks"
    tw::Unit u;
    if (k == i && i > 0 && c.is(i - 1, {"for", "within", "in"}) && tw::unit(c.w(i), &u) && u.plural &&
        c.w(i + 1) != "of")
      return make(1, "DURATION", duration_value(u, 0, true));
    return {};
  }
  if (k == i + 1 && c.w(i) == "the" && used == 1 && (c.w(k) == "a" || c.w(k) == "an")) return {};
  uint32_t u_at = k + used;
  const bool hyphen = c.w(u_at) == "-";
  if (hyphen) ++u_at;
  tw::Unit u;
  if (!tw::unit(c.w(u_at), &u)) {
    if (c.w(u_at) == "half" && c.is(u_at + 1, {"a", "an"})) return {};
    return {};
  }
  // "a second" / "the second": ordinal, not a duration
  if (u.letter == 'S' && (c.w(k) == "a" || c.w(k) == "the")) return {};
  if ((c.w(k) == "a" || c.w(k) == "an") && k > i && c.w(i) == "the") return {};
  if (!vague && n > 1 && !u.plural && !hyphen) return {};  // "two year" is not English; likely a hyphen lost
  M m = make(u_at - i + 1, "DURATION", duration_value(u, n, vague));
  m.from_count = k == i;
  // "three-year-old": an age, still a duration
  if (hyphen && c.w(u_at + 1) == "-" && c.w(u_at + 2) == "old") return {};  // an age, not annotated
  return m;
}

// "two years ago", "a day later", "nine days later", "three weeks from now", "year-earlier".
M rule_offset(const Ctx& c, uint32_t i) {
  double n = 0;
  bool vague = false;
  uint32_t used = count_at(c, i, &n, &vague);
  if (used == 0) {
    // "[the] year - earlier|ago [quarter|period]"
    uint32_t k = i + (c.w(i) == "the" ? 1 : 0);
    if (c.w(k) == "year" && c.w(k + 1) == "-" && c.is(k + 2, {"earlier", "ago"})) {
      uint32_t len = k + 3 - i;
      Point base = c.ref.valid() && c.ref.gran >= Gran::kYear ? c.ref : at(c, Gran::kYear);
      if (c.is(k + 3, {"quarter", "period", "level", "levels", "figure", "figures", "results"}))
        ++len;
      else if (k == i + 1)
        return {};
      const Point p = timecal::shift(base, Gran::kYear, -1);
      return make(len, "DATE", val(p));
    }
    return {};
  }
  uint32_t u_at = i + used;
  tw::Unit u;
  if (!tw::unit(c.w(u_at), &u)) return {};
  const auto dir_w = c.w(u_at + 1);
  const uint32_t len = u_at - i + 2;
  if (u.gran == Gran::kNone) {
    if (dir_w == "ago" || dir_w == "earlier" || dir_w == "later") {
      M m = make(len, "DURATION", duration_value(u, n, vague));  // "three hours ago": keep the amount
      m.from_count = true;
      return m;
    }
    return {};
  }
  int sign;
  bool anaphoric;
  uint32_t extra = 0;
  if (dir_w == "ago") {
    sign = -1;
    anaphoric = false;
  } else if (dir_w == "from" && c.w(u_at + 2) == "now") {
    sign = 1;
    anaphoric = false;
    extra = 1;
  } else if (dir_w == "earlier" || dir_w == "before") {
    sign = -1;
    anaphoric = true;
  } else if (dir_w == "later" || dir_w == "after") {
    sign = 1;
    anaphoric = true;
  } else
    return {};
  if ((dir_w == "before" || dir_w == "after")) {
    // "two days after the attack": the preposition governs an event; only a bare "before"/"after" counts
    const auto nx = c.w(u_at + 2);
    if (!(nx.empty() || nx == "," || nx == "." || nx == ";" || nx == "and")) return {};
  }
  M m;
  m.len = len + extra;
  m.type = "DATE";
  m.from_count = true;
  if (vague) {
    m.value = anaphoric ? "" : "PAST_REF";
    if (sign > 0 && !anaphoric) m.value = "FUTURE_REF";
    return m;
  }
  const int steps = static_cast<int>(std::lround(n * u.mult));
  const Gran g = u.gran == Gran::kDecade || u.gran == Gran::kCentury ? Gran::kYear : u.gran;
  if (std::fabs(n * u.mult - steps) > 1e-9) return m;  // "1.5 years ago": no calendar value
  if (!anaphoric) {
    // "a year ago" after "the third quarter": financial news compares with the same quarter
    if (g == Gran::kYear && c.ref.valid() && c.ref.gran == Gran::kQuarter && c.has_dct &&
        c.ref.year == c.dct.year) {
      m.value = val(timecal::shift(c.ref, g, sign * steps));
      return m;
    }
    m.value = val(timecal::shift(at(c, g), g, sign * steps));
    return m;
  }
  if (!c.ref.valid()) return m;  // no previous date to count from: unresolved, not guessed
  Point base = c.ref.gran >= g ? c.ref : Point{};
  if (!base.valid()) return m;
  m.value = val(timecal::shift(base, g, sign * steps));
  return m;
}

// "the third quarter [of 2025]", "third-quarter", "the first half", "Q3", "fiscal 1989".
M rule_quarter(const Ctx& c, uint32_t i) {
  uint32_t k = i;
  if (c.w(k) == "the") ++k;
  if (c.w(k) == "fiscal") ++k;
  if (c.w(k) == "fiscal" || (c.w(k) == "-" && c.w(k - 1) == "fiscal")) ++k;
  int q = tw::ordinal(c.w(k));
  uint32_t h = k + 1;
  if (c.w(h) == "-") ++h;
  const bool half = c.w(h) == "half";
  if (q == 0 || (c.w(h) != "quarter" && !half) || q > (half ? 2 : 4)) {
    // "Q3", "Q3 2025"
    const auto x = c.w(i);
    if (x.size() == 2 && x[0] == 'q' && x[1] >= '1' && x[1] <= '4') {
      if (const int y = year_token(c.w(i + 1)); y >= 0)
        return make(2, "DATE", fmt::format("{:04d}-Q{}", y, x[1] - '0'));
      return make(1, "DATE", c.has_dct ? fmt::format("{:04d}-Q{}", c.dct.year, x[1] - '0') : "");
    }
    // fiscal years: "fiscal 1989", "fiscal year 1990", "fiscal 90"
    uint32_t f = i;
    if (c.w(f) == "fiscal") {
      ++f;
      if (c.w(f) == "year") ++f;
      const auto y = c.w(f);
      if (year_token(y) >= 0) return make(f - i + 1, "DATE", std::string(y));
      if (y.size() == 2 && all_digits(y))
        return make(f - i + 1, "DATE", fmt::format("{}{}", to_int(y) >= 50 ? 19 : 20, y));
    }
    return {};
  }
  uint32_t len = h - i + 1;
  int y = c.has_dct ? c.dct.year : -1;
  uint32_t e = h + 1;
  if (c.is(e, {"of", ","}) || (c.w(e) == "of" && c.w(e + 1) == "fiscal")) {
    uint32_t k2 = e + 1;
    if (c.w(k2) == "fiscal") ++k2;
    if (const int yy = year_token(c.w(k2)); yy >= 0) {
      y = yy;
      len = k2 - i + 1;
    } else if (c.is(k2, {"this", "last", "next"}) && c.w(k2 + 1) == "year" && c.has_dct) {
      y = c.dct.year + (c.w(k2) == "last" ? -1 : c.w(k2) == "next" ? 1 : 0);
      len = k2 - i + 2;
    } else if (c.w(k2) == "the" && c.w(k2 + 1) == "year") {
      len = k2 - i + 2;
    }
  } else if (const int yy = year_token(c.w(e)); yy >= 0) {
    y = yy;
    len = e - i + 1;
  }
  if (y < 0) return make(len, "DATE", fmt::format("XXXX-{}{}", half ? 'H' : 'Q', q));
  return make(len, "DATE", fmt::format("{:04d}-{}{}", y, half ? 'H' : 'Q', q));
}

// "the 1990s", "the nineties", "the 20th century", "this century".
M rule_era(const Ctx& c, uint32_t i) {
  uint32_t k = i + (c.w(i) == "the" ? 1 : 0);
  static constexpr std::string_view kTens[] = {"",        "",        "twenties",  "thirties", "forties",
                                               "fifties", "sixties", "seventies", "eighties", "nineties"};
  if (k > i) {
    M d = rule_numeric(c, k);
    if (d.len > 0 && d.value.size() == 3) {
      d.len += 1;
      return d;
    }
  }
  for (int d = 2; d < 10; ++d)
    if (c.w(k) == kTens[d] && k > i) return make(k - i + 1, "DATE", fmt::format("19{}", d));
  const int o = tw::ordinal(c.w(k));
  if (o >= 1 && o <= 21 && c.w(k + 1) == "century")
    return make(k - i + 2, "DATE", fmt::format("{:02d}", o - 1));
  if (c.w(i) == "this" && c.w(i + 1) == "century" && c.has_dct)
    return make(2, "DATE", fmt::format("{:02d}", c.dct.year / 100));
  return {};
}

// Clock times: "3 p.m.", "10:30 a.m. EST", "noon", "midnight", "15:00", optionally followed by
// the day they fall on ("3 p.m. Saturday", "noon today").
M rule_clock(const Ctx& c, uint32_t i);

M core(const Ctx& c, uint32_t i) {
  M best;
  keep_longer(&best, rule_numeric(c, i));
  keep_longer(&best, rule_month(c, i));
  keep_longer(&best, rule_day_month(c, i));
  keep_longer(&best, rule_weekday(c, i));
  keep_longer(&best, rule_deictic(c, i));
  keep_longer(&best, rule_relative(c, i));
  keep_longer(&best, rule_duration(c, i));
  keep_longer(&best, rule_offset(c, i));
  keep_longer(&best, rule_quarter(c, i));
  keep_longer(&best, rule_era(c, i));
  keep_longer(&best, rule_clock(c, i));
  return best;
}

M rule_clock(const Ctx& c, uint32_t i) {
  const auto x = c.w(i);
  int hh = -1, mm = 0;
  uint32_t len = 0;
  if (x == "noon" || x == "midday") {
    hh = 12;
    len = 1;
  } else if (x == "midnight") {
    hh = 0;
    len = 1;
  } else {
    std::string_view h = x, mpart;
    if (auto colon = x.find(':'); colon != std::string_view::npos) {
      h = x.substr(0, colon);
      mpart = x.substr(colon + 1);
    }
    std::string_view ampm;
    for (auto suf : {"a.m.", "p.m.", "am", "pm"}) {
      const std::string_view s(suf);
      if (mpart.empty() && h.size() > s.size() && h.substr(h.size() - s.size()) == s) {
        ampm = s;
        h.remove_suffix(s.size());
      } else if (!mpart.empty() && mpart.size() > s.size() && mpart.substr(mpart.size() - s.size()) == s) {
        ampm = s;
        mpart.remove_suffix(s.size());
      }
    }
    if (!all_digits(h) || h.size() > 2 || (!mpart.empty() && (mpart.size() != 2 || !all_digits(mpart))))
      return {};
    hh = to_int(h);
    mm = mpart.empty() ? 0 : to_int(mpart);
    len = 1;
    if (ampm.empty() && c.is(i + 1, {"a.m.", "p.m.", "am", "pm", "a.m", "p.m"})) {
      ampm = c.w(i + 1);
      len = 2;
    } else if (ampm.empty() && c.w(i + 1) == "o'clock") {
      len = 2;
    } else if (ampm.empty() && mpart.empty()) {
      return {};
    }
    if (!ampm.empty() && (hh < 1 || hh > 12)) return {};
    if (!ampm.empty() && ampm[0] == 'p' && hh != 12) hh += 12;
    if (!ampm.empty() && ampm[0] == 'a' && hh == 12) hh = 0;
    if (hh > 23 || mm > 59) return {};
  }
  if (c.is(i + len,
           {"est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "et", "bst", "cet", "kst", "msk"}))
    ++len;
  std::string day = c.has_dct ? val(c.dct) : "XXXX-XX-XX";
  uint32_t k = i + len + (c.is(i + len, {"on", ","}) ? 1 : 0);
  if (c.is(k, {"today", "yesterday", "tomorrow"}) || tw::weekday(c.w(k)) > 0 || tw::month(c.w(k)) > 0) {
    const M d = c.is(k, {"today", "yesterday", "tomorrow"}) ? rule_deictic(c, k)
                : tw::weekday(c.w(k)) > 0                   ? rule_weekday(c, k)
                                                            : rule_month(c, k);
    if (d.len > 0 && d.type == "DATE" && timecal::parse_value(d.value).gran == Gran::kDay) {
      day = d.value;
      len = k + d.len - i;
    }
  }
  return make(len, "TIME", fmt::format("{}T{:02d}:{:02d}", day, hh, mm));
}

// SET: "every week", "each July", "every Monday", "daily", "weekly".
M rule_set(const Ctx& c, uint32_t i) {
  const auto x = c.w(i);
  if (x == "daily") return make(1, "SET", "P1D");
  if (x == "weekly") return make(1, "SET", "P1W");
  if (x == "monthly") return make(1, "SET", "P1M");
  if (x == "annually" || x == "yearly") return make(1, "SET", "P1Y");
  if (x == "hourly") return make(1, "SET", "PT1H");
  if (x != "every" && x != "each") return {};
  uint32_t k = i + 1;
  if (c.w(k) == "other") ++k;
  const int step = k > i + 1 ? 2 : 1;
  if (int wd = tw::weekday(c.w(k)); wd > 0) return make(k - i + 1, "SET", fmt::format("XXXX-WXX-{}", wd));
  if (int m; month_ok(c, k, &m)) return make(k - i + 1, "SET", fmt::format("XXXX-{:02d}", m));
  double n = 1;
  bool vague = false;
  uint32_t used = count_at(c, k, &n, &vague);
  if (used > 0 && !vague)
    k += used;
  else
    n = 1;
  tw::Unit u;
  if (!tw::unit(c.w(k), &u)) return {};
  return make(k - i + 1, "SET", duration_value(u, n * step, false));
}

// Modifiers in front of an expression: "early", "late", "mid-", "the end of", "more than", "about".
M match_at(const Ctx& c, uint32_t i) {
  M best = core(c, i);
  keep_longer(&best, rule_set(c, i));
  struct Mod {
    std::initializer_list<std::string_view> words;
    std::string_view mod;
    bool quantity;  // applies to amounts (durations, "ago"), not to points
  };
  static const Mod kMods[] = {
      {{"early"}, "START", false},
      {{"late"}, "END", false},
      {{"mid"}, "MID", false},
      {{"mid", "-"}, "MID", false},
      {{"the", "beginning", "of"}, "START", false},
      {{"the", "start", "of"}, "START", false},
      {{"the", "end", "of"}, "END", false},
      {{"the", "middle", "of"}, "MID", false},
      {{"end", "of"}, "END", false},
      {{"the", "turn", "of", "the"}, "", false},
      {{"about"}, "APPROX", true},
      {{"around"}, "APPROX", true},
      {{"approximately"}, "APPROX", true},
      {{"roughly"}, "APPROX", true},
      {{"nearly"}, "APPROX", true},
      {{"almost"}, "APPROX", true},
      {{"some"}, "APPROX", true},
      {{"more", "than"}, "MORE_THAN", true},
      {{"over"}, "MORE_THAN", true},
      {{"less", "than"}, "LESS_THAN", true},
      {{"under"}, "LESS_THAN", true},
      {{"at", "least"}, "EQUAL_OR_MORE", true},
      {{"up", "to"}, "EQUAL_OR_LESS", true},
      {{"at", "most"}, "EQUAL_OR_LESS", true},
      {{"just"}, "", true},
  };
  for (const auto& mod : kMods) {
    uint32_t k = i;
    bool ok = true;
    for (auto word : mod.words) {
      if (c.w(k) != word) {
        ok = false;
        break;
      }
      ++k;
    }
    if (!ok) continue;
    M inner = core(c, k);
    if (inner.len == 0) continue;
    if (mod.quantity && !inner.from_count) continue;
    if (!mod.quantity && inner.type == "DURATION") continue;
    inner.len += k - i;
    if (inner.mod.empty()) inner.mod = std::string(mod.mod);
    keep_longer(&best, std::move(inner));
  }
  return best;
}

bool parse_anchor(std::string_view iso, Point* p) {
  const Point d = timecal::parse_value(iso);
  if (d.gran != Gran::kDay) return false;
  *p = d;
  return true;
}

// Tense of token k: 1 future marker, -1 past marker, 0 neither.
int tense_marker(const Doc* doc, const Ctx& c, uint32_t k) {
  const auto& x = c.t[k].low;
  if (x == "will" || x == "'ll" || x == "shall" || x == "wo") return 1;
  if (x == "said" || x == "was" || x == "were" || x == "had" || x == "did") return -1;
  if (doc && k < doc->xpos.size() && xpos_name(doc->xpos[k]) == "VBD") return -1;
  return 0;
}

// Tense markers of tokens [first, last) in order, so that direction() is a binary search rather
// than a scan of the sentence for every token (quadratic on a 10^6-character run-on line).
struct Markers {
  std::vector<uint32_t> pos;
  std::vector<int> dir;
};
Markers tense_markers(const Doc* doc, const Ctx& c, uint32_t first, uint32_t last) {
  Markers m;
  for (uint32_t k = first; k < last; ++k)
    if (int d = tense_marker(doc, c, k)) {
      m.pos.push_back(k);
      m.dir.push_back(d);
    }
  return m;
}

// Past or future: the tense marker nearest to token i in its sentence decides (the earlier on a tie).
int direction(const Markers& m, uint32_t i) {
  const size_t n = std::lower_bound(m.pos.begin(), m.pos.end(), i) - m.pos.begin();
  if (n == m.pos.size()) return m.pos.empty() ? -1 : m.dir.back();
  if (n == 0 || m.pos[n] - i < i - m.pos[n - 1]) return m.dir[n];
  return m.dir[n - 1];
}

bool is_punct_token(std::string_view x) {
  return !x.empty() && std::all_of(x.begin(), x.end(),
                                   [](char ch) { return std::ispunct(static_cast<unsigned char>(ch)); });
}

bool resolve_impl(std::string_view text, std::string_view published, std::string_view reference, Timex* out) {
  *out = Timex{};
  std::vector<Span> tokens;
  std::vector<Sentence> sentences;
  timetok::tokenize(text, &tokens, &sentences);
  Ctx c;
  for (const auto& s : tokens)
    c.t.push_back({text.substr(s.begin, s.size()), lower(text.substr(s.begin, s.size()))});
  uint32_t n = static_cast<uint32_t>(c.t.size());
  while (n > 0 && is_punct_token(c.t[n - 1].low)) --n;
  c.end = n;
  c.has_dct = parse_anchor(published, &c.dct);
  if (c.has_dct) c.dct_days = timecal::first_day(c.dct);
  c.ref = timecal::parse_value(reference);
  c.dir = direction(tense_markers(nullptr, c, 0, n), 0);
  static constexpr std::string_view kSignals[] = {
      "on",   "in",     "at",    "since",      "over",   "during", "for",     "by", "until", "till",
      "from", "before", "after", "throughout", "within", "of",     "through", "as", "from"};
  for (uint32_t start = 0; start < n && start < 2; ++start) {
    const M m = match_at(c, start);
    if (m.len == n - start) {
      out->first = start;
      out->last = n;
      out->span = {tokens[start].begin, tokens[n - 1].end};
      out->type = m.type;
      out->value = m.value;
      out->mod = m.mod;
      return !m.value.empty();
    }
    if (std::find(std::begin(kSignals), std::end(kSignals), c.w(start)) == std::end(kSignals)) break;
  }
  return false;
}

}  // namespace

bool normalize_timex(std::string_view text, std::string_view anchor_iso_date, Timex* out) {
  return resolve_impl(text, anchor_iso_date, anchor_iso_date, out);
}

bool resolve_timex(std::string_view text, std::string_view published, std::string_view reference,
                   Timex* out) {
  return resolve_impl(text, published, reference, out);
}

namespace {

// One pass over the document with the publication date anchored at `dct` (invalid = no date).
std::vector<Timex> scan_timexes(const Doc& doc, const Point& dct) {
  std::vector<Timex> out;
  Ctx c;
  c.t.reserve(doc.tokens.size());
  for (uint32_t i = 0; i < doc.num_tokens(); ++i)
    c.t.push_back({doc.token_text(i), lower(doc.token_text(i))});
  c.has_dct = dct.valid();
  if (c.has_dct) c.dct = dct, c.dct_days = timecal::first_day(dct);
  std::vector<Sentence> sents = doc.sentences;
  if (sents.empty() && !doc.tokens.empty()) sents.push_back({0, doc.num_tokens(), {}});
  for (const auto& s : sents) {
    c.end = std::min(s.last, doc.num_tokens());
    const Markers marks = tense_markers(&doc, c, s.first, c.end);
    for (uint32_t i = s.first; i < c.end;) {
      c.dir = direction(marks, i);
      const M m = match_at(c, i);
      if (m.len == 0) {
        ++i;
        continue;
      }
      Timex t;
      t.first = i;
      t.last = i + m.len;
      t.span = {doc.tokens[i].begin, doc.tokens[t.last - 1].end};
      t.type = m.type;
      t.value = m.value;
      t.mod = m.mod;
      const Point p = timecal::parse_value(m.value);
      if (p.valid() && p.gran >= Gran::kYear) c.ref = p;
      out.push_back(std::move(t));
      i += m.len;
    }
  }
  return out;
}

}  // namespace

void find_timexes(Doc& doc) {
  doc.timexes.clear();
  Point dct;
  if (parse_anchor(doc.published, &dct)) {
    doc.timexes = scan_timexes(doc, dct);
    return;
  }
  const Point month = timecal::parse_value(doc.published);
  if (month.gran != Gran::kMonth) {
    doc.timexes = scan_timexes(doc, Point{});
    return;
  }
  // Only the month of publication is known (a date taken from a file name): anchor on its first
  // and on its last day. A value both anchors agree on does not depend on the unknown day
  // ("last month", "July 12", "last summer"); one that differs ("Saturday", "last week") keeps
  // the month both fall in when they share one, else it is left unresolved rather than guessed.
  const int dim = timecal::days_in_month(month.year, month.sub);
  const Point lo = timecal::day_point(timecal::days_from_civil(month.year, month.sub, 1));
  const Point hi = timecal::day_point(timecal::days_from_civil(month.year, month.sub, dim));
  std::vector<Timex> a = scan_timexes(doc, lo), b = scan_timexes(doc, hi);
  // Both scans are in token order: one walk pairs the expressions found over the same tokens.
  size_t j = 0;
  for (Timex& t : a) {
    while (j < b.size() && b[j].first < t.first) ++j;
    const Timex* other = j < b.size() && b[j].first == t.first && b[j].last == t.last ? &b[j] : nullptr;
    if (other && other->value == t.value) continue;
    const Point p = timecal::parse_value(t.value);
    const Point q = other ? timecal::parse_value(other->value) : Point{};
    const bool same_month = p.valid() && q.valid() && p.gran >= Gran::kMonth && q.gran >= Gran::kMonth &&
                            val(timecal::coarsen(p, Gran::kMonth)) == val(timecal::coarsen(q, Gran::kMonth));
    t.value = same_month ? val(timecal::coarsen(p, Gran::kMonth)) : std::string();
    if (t.type == "TIME" && !t.value.empty()) t.type = "DATE";
  }
  doc.timexes = std::move(a);
}

}  // namespace dyad
