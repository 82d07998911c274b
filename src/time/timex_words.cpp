#include "time/timex_words.h"

#include <cstdlib>
#include <string>

namespace dyad::timewords {
namespace {

struct Entry {
  std::string_view word;
  int value;
};

std::string_view undot(std::string_view w) {
  if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
  return w;
}

template <size_t N>
int find(const Entry (&table)[N], std::string_view w, int none) {
  for (const auto& e : table)
    if (e.word == w) return e.value;
  return none;
}

constexpr Entry kMonths[] = {
    {"january", 1}, {"february", 2}, {"march", 3},     {"april", 4},    {"may", 5},       {"june", 6},
    {"july", 7},    {"august", 8},   {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"jan", 1},     {"feb", 2},      {"mar", 3},       {"apr", 4},      {"jun", 6},       {"jul", 7},
    {"aug", 8},     {"sep", 9},      {"sept", 9},      {"oct", 10},     {"nov", 11},      {"dec", 12}};
constexpr Entry kWeekdays[] = {
    {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6},
    {"sunday", 7}, {"mon", 1},     {"tue", 2},       {"tues", 2},     {"wed", 3},    {"thu", 4},
    {"thur", 4},   {"thurs", 4},   {"fri", 5},       {"sat", 6},      {"sun", 7}};
constexpr Entry kSeasons[] = {{"spring", 0}, {"summer", 1}, {"fall", 2}, {"autumn", 2}, {"winter", 3}};
constexpr Entry kNumbers[] = {{"zero", 0},      {"a", 1},         {"an", 1},        {"one", 1},
                              {"two", 2},       {"three", 3},     {"four", 4},      {"five", 5},
                              {"six", 6},       {"seven", 7},     {"eight", 8},     {"nine", 9},
                              {"ten", 10},      {"eleven", 11},   {"twelve", 12},   {"thirteen", 13},
                              {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},  {"seventeen", 17},
                              {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},
                              {"forty", 40},    {"fifty", 50},    {"sixty", 60},    {"seventy", 70},
                              {"eighty", 80},   {"ninety", 90},   {"hundred", 100}, {"dozen", 12}};
constexpr Entry kOrdinals[] = {
    {"first", 1},       {"second", 2},     {"third", 3},         {"fourth", 4},       {"fifth", 5},
    {"sixth", 6},       {"seventh", 7},    {"eighth", 8},        {"ninth", 9},        {"tenth", 10},
    {"eleventh", 11},   {"twelfth", 12},   {"1st", 1},           {"2nd", 2},          {"3rd", 3},
    {"4th", 4},         {"5th", 5},        {"6th", 6},           {"7th", 7},          {"8th", 8},
    {"9th", 9},         {"10th", 10},      {"11th", 11},         {"12th", 12},        {"thirteenth", 13},
    {"fourteenth", 14}, {"fifteenth", 15}, {"sixteenth", 16},    {"seventeenth", 17}, {"eighteenth", 18},
    {"nineteenth", 19}, {"twentieth", 20}, {"twenty-first", 21}, {"21st", 21},        {"20th", 20},
    {"19th", 19},       {"18th", 18}};
constexpr std::string_view kVague[] = {"several", "few", "many", "some", "numerous", "couple"};

using timecal::Gran;
struct UnitEntry {
  std::string_view word;
  Unit unit;
};
const UnitEntry kUnits[] = {
    {"second", {Gran::kNone, 'S', 1, false}},
    {"seconds", {Gran::kNone, 'S', 1, true}},
    {"minute", {Gran::kNone, 'N', 1, false}},
    {"minutes", {Gran::kNone, 'N', 1, true}},
    {"hour", {Gran::kNone, 'H', 1, false}},
    {"hours", {Gran::kNone, 'H', 1, true}},
    {"day", {Gran::kDay, 'D', 1, false}},
    {"days", {Gran::kDay, 'D', 1, true}},
    {"week", {Gran::kWeek, 'W', 1, false}},
    {"weeks", {Gran::kWeek, 'W', 1, true}},
    {"fortnight", {Gran::kWeek, 'W', 2, false}},
    {"month", {Gran::kMonth, 'M', 1, false}},
    {"months", {Gran::kMonth, 'M', 1, true}},
    {"quarter", {Gran::kQuarter, 'Q', 1, false}},
    {"quarters", {Gran::kQuarter, 'Q', 1, true}},
    {"year", {Gran::kYear, 'Y', 1, false}},
    {"years", {Gran::kYear, 'Y', 1, true}},
    {"decade", {Gran::kDecade, 'Y', 10, false}},
    {"decades", {Gran::kDecade, 'Y', 10, true}},
    {"century", {Gran::kCentury, 'Y', 100, false}},
    {"centuries", {Gran::kCentury, 'Y', 100, true}},
    {"yr", {Gran::kYear, 'Y', 1, false}},
    {"yrs", {Gran::kYear, 'Y', 1, true}},
    {"hrs", {Gran::kNone, 'H', 1, true}},
    {"mins", {Gran::kNone, 'N', 1, true}},
};

}  // namespace

int month(std::string_view w) { return find(kMonths, undot(w), 0); }
bool month_is_full(std::string_view w) {
  for (int i = 0; i < 12; ++i)
    if (kMonths[i].word == w) return true;
  return false;
}
int weekday(std::string_view w) { return find(kWeekdays, undot(w), 0); }
int season(std::string_view w) { return find(kSeasons, w, -1); }

std::string_view part_of_day(std::string_view w) {
  if (w == "morning") return "MO";
  if (w == "afternoon") return "AF";
  if (w == "evening") return "EV";
  if (w == "night" || w == "overnight") return "NI";
  return "";
}

bool unit(std::string_view w, Unit* u) {
  for (const auto& e : kUnits)
    if (e.word == w) {
      *u = e.unit;
      return true;
    }
  return false;
}

int number_word(std::string_view w) { return find(kNumbers, w, -1); }
bool vague_amount(std::string_view w) {
  for (auto v : kVague)
    if (v == w) return true;
  return false;
}
int ordinal(std::string_view w) { return find(kOrdinals, w, 0); }

bool numeric(std::string_view w, double* v) {
  if (w.empty() || w.size() > 24) return false;
  std::string s;
  bool digit = false, dot = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      s += c;
    } else if (c == ',' && digit && i + 3 < w.size() + 0 && !dot) {
      // thousands separator: exactly three digits must follow before the next separator
      size_t k = i + 1;
      while (k < w.size() && w[k] >= '0' && w[k] <= '9') ++k;
      if (k - i - 1 != 3) return false;
    } else if (c == '.' && digit && !dot && i + 1 < w.size()) {
      dot = true;
      s += c;
    } else {
      return false;
    }
  }
  if (!digit) return false;
  *v = std::strtod(s.c_str(), nullptr);
  return true;
}

}  // namespace dyad::timewords
