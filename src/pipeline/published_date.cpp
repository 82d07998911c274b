#include "pipeline/published_date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace dyad {
namespace {

// 1-based month of a full or abbreviated English month name ("Sept" too), 0 if none.
int month_of(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  std::string lw;
  for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int m = 0; m < 12; ++m) {
    if (lw == kNames[m]) return m + 1;
    if (lw.size() <= 4 && kNames[m].substr(0, lw.size()) == lw && (lw.size() == 3 || lw == "sept"))
      return m + 1;
  }
  return 0;
}

bool valid_ymd(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return true;
}

std::string ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Word {
  std::string_view s;
  size_t pos;
};

// Alphanumeric runs, and the separators we care about (",", "-", "/") are skipped.
std::vector<Word> words(std::string_view t) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < t.size()) {
    if (std::isalnum(static_cast<unsigned char>(t[i]))) {
      size_t j = i;
      while (j < t.size() && std::isalnum(static_cast<unsigned char>(t[j]))) ++j;
      out.push_back({t.substr(i, j - i), i});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

int number(std::string_view w, size_t min_len, size_t max_len) {
  // Day numbers may carry an ordinal suffix: "12th".
  size_t n = 0;
  while (n < w.size() && std::isdigit(static_cast<unsigned char>(w[n]))) ++n;
  if (n < min_len || n > max_len) return -1;
  std::string_view rest = w.substr(n);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + (w[i] - '0');
  return v;
}

struct Found {
  std::string date;
  size_t pos;
};

// Every absolute date (with day, month and year) in `t`, in text order.
std::vector<Found> find_dates(std::string_view t) {
  std::vector<Found> out;
  // ISO dates: 2025-07-12 (not part of a longer digit run).
  for (size_t i = 0; i + 10 <= t.size(); ++i) {
    auto dig = [&](size_t k) { return std::isdigit(static_cast<unsigned char>(t[i + k])) != 0; };
    if (dig(0) && dig(1) && dig(2) && dig(3) && t[i + 4] == '-' && dig(5) && dig(6) && t[i + 7] == '-' &&
        dig(8) && dig(9) && (i == 0 || !std::isdigit(static_cast<unsigned char>(t[i - 1]))) &&
        (i + 10 == t.size() || !std::isdigit(static_cast<unsigned char>(t[i + 10])))) {
      int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
      int m = (t[i + 5] - '0') * 10 + (t[i + 6] - '0');
      int d = (t[i + 8] - '0') * 10 + (t[i + 9] - '0');
      if (valid_ymd(y, m, d)) out.push_back({ymd(y, m, d), i});
    }
  }
  std::vector<Word> w = words(t);
  for (size_t i = 0; i + 2 < w.size(); ++i) {
    // "July 12, 2025" / "Jul. 12 2025"
    if (int m = month_of(w[i].s)) {
      int d = number(w[i + 1].s, 1, 2), y = number(w[i + 2].s, 4, 4);
      if (d > 0 && y > 0 && valid_ymd(y, m, d)) out.push_back({ymd(y, m, d), w[i].pos});
      continue;
    }
    // "12 July 2025"
    if (int d = number(w[i].s, 1, 2); d > 0) {
      int m = month_of(w[i + 1].s), y = number(w[i + 2].s, 4, 4);
      if (m && y > 0 && valid_ymd(y, m, d)) out.push_back({ymd(y, m, d), w[i].pos});
    }
  }
  return out;
}

}  // namespace

std::string normalize_date(std::string_view s) {
  std::vector<Found> f = find_dates(s.substr(0, 200));
  if (f.empty()) return "";
  size_t best = 0;
  for (size_t i = 1; i < f.size(); ++i)
    if (f[i].pos < f[best].pos) best = i;
  return f[best].date;
}

TextDate date_from_text(std::string_view text, size_t top_bytes) {
  std::vector<Found> f = find_dates(text);
  TextDate r;
  if (f.empty()) return r;
  size_t first = 0, latest = 0;
  for (size_t i = 1; i < f.size(); ++i) {
    if (f[i].pos < f[first].pos) first = i;
    if (f[i].date > f[latest].date) latest = i;
  }
  if (f[first].pos < top_bytes) {
    r.date = f[first].date;
    r.origin = "text";
  } else {
    r.date = f[latest].date;
    r.origin = "text-latest";
  }
  return r;
}

std::string date_from_filename(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto digit = [&](size_t i) {
    return i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) != 0;
  };
  auto num = [&](size_t i, size_t n) {
    int v = 0;
    for (size_t k = 0; k < n; ++k) v = v * 10 + (name[i + k] - '0');
    return v;
  };
  auto sep = [&](size_t i) {
    return i < name.size() && (name[i] == '-' || name[i] == '_' || name[i] == '.');
  };
  for (size_t i = 0; i < name.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;
    size_t run = i;
    while (digit(run)) ++run;
    const size_t len = run - i;
    if (len == 8) {  // 20250712
      const int y = num(i, 4), m = num(i + 4, 2), d = num(i + 6, 2);
      if (valid_ymd(y, m, d)) return ymd(y, m, d);
      continue;
    }
    if (len != 4) continue;
    const int y = num(i, 4);
    // YYYY-MM, then an optional -DD, each a two-digit run of its own.
    if (!sep(run) || !digit(run + 1) || !digit(run + 2) || digit(run + 3)) continue;
    const int m = num(run + 1, 2);
    if (!valid_ymd(y, m, 1)) continue;
    const size_t after = run + 3;
    if (sep(after) && digit(after + 1) && digit(after + 2) && !digit(after + 3)) {
      const int d = num(after + 1, 2);
      if (valid_ymd(y, m, d)) return ymd(y, m, d);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
  }
  return "";
}

}  // namespace dyad
