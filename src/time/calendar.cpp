#include "time/calendar.h"

#include <fmt/format.h>

#include <algorithm>

namespace dyad::timecal {
namespace {

constexpr std::string_view kSeasons[4] = {"SP", "SU", "FA", "WI"};

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int floor_mod(int a, int b) { return a - floor_div(a, b) * b; }

// Adds n months to (y, m); day is clamped to the new month's length.
void add_months(int* y, int* m, int* d, int n) {
  int idx = *y * 12 + (*m - 1) + n;
  *y = floor_div(idx, 12);
  *m = floor_mod(idx, 12) + 1;
  if (d) *d = std::min(*d, days_in_month(*y, *m));
}

}  // namespace

// Howard Hinnant's algorithms (public domain), valid over the whole int range we use.
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool valid_date(int y, int m, int d) {
  return y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int iso_weekday(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

int64_t iso_week_monday(int iso_year, int week) {
  const int64_t jan4 = days_from_civil(iso_year, 1, 4);
  return jan4 - (iso_weekday(jan4) - 1) + 7 * (week - 1);
}

void iso_week(int64_t days, int* iso_year, int* week) {
  int y, m, d;
  civil_from_days(days + (4 - iso_weekday(days)), &y, &m, &d);  // the Thursday decides the year
  *iso_year = y;
  *week = static_cast<int>((days - iso_week_monday(y, 1)) / 7) + 1;
}

Point day_point(int64_t days) {
  Point p;
  p.gran = Gran::kDay;
  civil_from_days(days, &p.year, &p.sub, &p.day);
  return p;
}

int64_t first_day(const Point& p) {
  switch (p.gran) {
    case Gran::kNone:
      return -1;
    case Gran::kCentury:
      return days_from_civil(p.year * 100, 1, 1);
    case Gran::kDecade:
      return days_from_civil(p.year * 10, 1, 1);
    case Gran::kYear:
      return days_from_civil(p.year, 1, 1);
    case Gran::kHalf:
      return days_from_civil(p.year, (p.sub - 1) * 6 + 1, 1);
    case Gran::kQuarter:
      return days_from_civil(p.year, (p.sub - 1) * 3 + 1, 1);
    case Gran::kSeason:
      return days_from_civil(p.year, 3 + 3 * p.sub, 1);
    case Gran::kMonth:
      return days_from_civil(p.year, p.sub, 1);
    case Gran::kWeek:
      return iso_week_monday(p.year, p.sub);
    case Gran::kDay:
      return days_from_civil(p.year, p.sub, p.day);
  }
  return -1;
}

Point coarsen(const Point& p, Gran g) {
  if (!p.valid() || g == Gran::kNone) return {};
  if (g == p.gran) return p;
  if (g > p.gran) return {};  // can't refine
  int y, m, d;
  const int64_t f = first_day(p);
  civil_from_days(f, &y, &m, &d);
  Point r;
  r.gran = g;
  r.year = y;
  switch (g) {
    case Gran::kCentury:
      r.year = floor_div(y, 100);
      break;
    case Gran::kDecade:
      r.year = floor_div(y, 10);
      break;
    case Gran::kYear:
      break;
    case Gran::kHalf:
      r.sub = m <= 6 ? 1 : 2;
      break;
    case Gran::kQuarter:
      r.sub = (m - 1) / 3 + 1;
      break;
    case Gran::kSeason:
      if (m <= 2) {
        r.year = y - 1;
        r.sub = 3;
      } else
        r.sub = (m - 3) / 3;
      break;
    case Gran::kMonth:
      r.sub = m;
      break;
    case Gran::kWeek:
      iso_week(f, &r.year, &r.sub);
      break;
    default:
      return {};
  }
  return r;
}

Point parse_value(std::string_view v) {
  Point p;
  if (auto t = v.find('T'); t != std::string_view::npos && t == 10) v = v.substr(0, 10);
  if (v.size() == 2 && all_digits(v)) return Point{Gran::kCentury, to_int(v), 0, 0};
  if (v.size() == 3 && all_digits(v)) return Point{Gran::kDecade, to_int(v), 0, 0};
  if (v.size() < 4 || !all_digits(v.substr(0, 4))) return p;
  const int y = to_int(v.substr(0, 4));
  if (v.size() == 4) return Point{Gran::kYear, y, 0, 0};
  if (v[4] != '-') return p;
  std::string_view rest = v.substr(5);
  if (rest.size() == 2 && all_digits(rest)) {
    const int m = to_int(rest);
    if (m >= 1 && m <= 12) return Point{Gran::kMonth, y, m, 0};
    return p;
  }
  if (rest.size() == 5 && all_digits(rest.substr(0, 2)) && rest[2] == '-' && all_digits(rest.substr(3))) {
    const int m = to_int(rest.substr(0, 2)), d = to_int(rest.substr(3));
    if (valid_date(y, m, d)) return Point{Gran::kDay, y, m, d};
    return p;
  }
  if (rest.size() == 3 && rest[0] == 'W' && all_digits(rest.substr(1))) {
    const int w = to_int(rest.substr(1));
    if (w >= 1 && w <= 53) return Point{Gran::kWeek, y, w, 0};
    return p;
  }
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H') && rest[1] >= '1' &&
      rest[1] <= (rest[0] == 'Q' ? '4' : '2'))
    return Point{rest[0] == 'Q' ? Gran::kQuarter : Gran::kHalf, y, rest[1] - '0', 0};
  for (int s = 0; s < 4; ++s)
    if (rest == kSeasons[s]) return Point{Gran::kSeason, y, s, 0};
  return p;
}

std::string format_value(const Point& p) {
  switch (p.gran) {
    case Gran::kNone:
      return "";
    case Gran::kCentury:
      return fmt::format("{:02d}", p.year);
    case Gran::kDecade:
      return fmt::format("{:03d}", p.year);
    case Gran::kYear:
      return fmt::format("{:04d}", p.year);
    case Gran::kHalf:
      return fmt::format("{:04d}-H{}", p.year, p.sub);
    case Gran::kQuarter:
      return fmt::format("{:04d}-Q{}", p.year, p.sub);
    case Gran::kSeason:
      return fmt::format("{:04d}-{}", p.year, kSeasons[p.sub & 3]);
    case Gran::kMonth:
      return fmt::format("{:04d}-{:02d}", p.year, p.sub);
    case Gran::kWeek:
      return fmt::format("{:04d}-W{:02d}", p.year, p.sub);
    case Gran::kDay:
      return fmt::format("{:04d}-{:02d}-{:02d}", p.year, p.sub, p.day);
  }
  return "";
}

Point shift(const Point& p, Gran unit, int n) {
  if (!p.valid() || unit == Gran::kNone) return {};
  Point r = p;
  auto cyclic = [&](int per_year) {
    const int idx = p.year * per_year + (p.sub - (unit == Gran::kSeason ? 0 : 1)) + n;
    r.year = floor_div(idx, per_year);
    r.sub = floor_mod(idx, per_year) + (unit == Gran::kSeason ? 0 : 1);
  };
  if (p.gran < unit) return {};  // "2025-11" + 1 day: no place to put it
  switch (unit) {
    case Gran::kDay:
      return day_point(first_day(p) + n);
    case Gran::kWeek:
      if (p.gran == Gran::kDay) return day_point(first_day(p) + 7 * n);
      if (p.gran == Gran::kWeek) {
        Point w;
        w.gran = Gran::kWeek;
        iso_week(first_day(p) + 7 * n, &w.year, &w.sub);
        return w;
      }
      return {};
    case Gran::kSeason:
      if (p.gran == Gran::kSeason) {
        cyclic(4);
        return r;
      }
      return {};
    case Gran::kMonth:
    case Gran::kQuarter:
    case Gran::kHalf: {
      const int months = n * (unit == Gran::kMonth ? 1 : unit == Gran::kQuarter ? 3 : 6);
      if (p.gran == unit) {
        cyclic(unit == Gran::kMonth ? 12 : unit == Gran::kQuarter ? 4 : 2);
        return r;
      }
      if (p.gran == Gran::kMonth) {
        add_months(&r.year, &r.sub, nullptr, months);
        return r;
      }
      if (p.gran == Gran::kDay) {
        add_months(&r.year, &r.sub, &r.day, months);
        return r;
      }
      if (p.gran == Gran::kQuarter && unit == Gran::kHalf) {
        const int idx = p.year * 4 + (p.sub - 1) + 2 * n;
        r.year = floor_div(idx, 4);
        r.sub = floor_mod(idx, 4) + 1;
        return r;
      }
      return {};
    }
    case Gran::kYear:
    case Gran::kDecade:
    case Gran::kCentury: {
      const int years = n * (unit == Gran::kYear ? 1 : unit == Gran::kDecade ? 10 : 100);
      if (p.gran == unit) {
        r.year += n;
        return r;
      }
      if (p.gran == Gran::kDecade) {
        r.year += years / 10;
        return r;
      }
      r.year += years;
      if (p.gran == Gran::kDay) r.day = std::min(r.day, days_in_month(r.year, r.sub));
      if (p.gran == Gran::kWeek && r.sub == 53) r.sub = 52;
      if (r.year < 0 || r.year > 9999) return {};
      return r;
    }
    default:
      return {};
  }
}

std::string_view duration_letter(Gran g) {
  switch (g) {
    case Gran::kCentury:
      return "CE";
    case Gran::kDecade:
      return "DE";
    case Gran::kYear:
      return "Y";
    case Gran::kHalf:
      return "H";  // not standard TIMEX3; callers convert halves to P6M
    case Gran::kQuarter:
      return "Q";
    case Gran::kSeason:
      return "S";
    case Gran::kMonth:
      return "M";
    case Gran::kWeek:
      return "W";
    case Gran::kDay:
      return "D";
    default:
      return "";
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (v > 99999999) return 999999999;  // saturate: "year 99999999999" must not overflow
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace dyad::timecal
