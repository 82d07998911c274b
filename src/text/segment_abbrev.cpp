// The list joins the abbreviations ending in "." in UD English EWT train (those seen as one token
// with their period, e.g. "Dr." 53, "Mr." 46, "St." 31, "etc." 19, "vs." 19, "Sept." 17) with the
// titles, months and US state abbreviations common in news wire style (AP stylebook).
#include "text/segment_abbrev.h"

#include <algorithm>
#include <array>

namespace dyad::seg {
namespace {

// Sorted for binary search (ASCII order: capitals first); the test probes the first and last entries.
constexpr std::string_view kTitles[] = {
    "Adm",  "Amb", "Brig", "Capt", "Cmdr", "Col",    "Cpl",  "Det", "Dr", "Fr", "Gen",
    "Gov",  "Hon", "Insp", "Lt",   "Maj",  "Messrs", "Mr",   "Mrs", "Ms", "Mt", "Pres",
    "Prof", "Pvt", "Rep",  "Reps", "Rev",  "Sen",    "Sens", "Sgt", "Sr", "St", "Supt",
};

constexpr std::string_view kOthers[] = {
    "Ala",   "Apr",  "Apt",  "Ariz", "Ark",  "Arrv", "Assn", "Attn", "Aug",  "Ave", "Blvd", "Bros",
    "Calif", "Colo", "Conf", "Conn", "Corp", "Dec",  "Dept", "Feb",  "Fig",  "Fla", "Fri",  "Ft",
    "Ga",    "Hwy",  "Inc",  "Jan",  "Jr",   "Jul",  "Jun",  "Kan",  "Ky",   "La",  "Ltd",  "Mar",
    "Md",    "Mich", "Minn", "Mon",  "Neb",  "Nev",  "No",   "Nos",  "Nov",  "Oct", "Okla", "Ore",
    "Pa",    "Ph",   "Rd",   "Sat",  "Sep",  "Sept", "Ste",  "Sun",  "Tenn", "Tex", "Thu",  "Thur",
    "Thurs", "Tue",  "Tues", "Univ", "Va",   "Vol",  "Vt",   "Wed",  "Wis",  "Wyo", "al",   "approx",
    "arrv",  "attn", "cf",   "dept", "eg",   "est",  "etc",  "ext",  "fig",  "hrs", "ie",   "info",
    "lb",    "lbs",  "mins", "oz",   "pp",   "tel",  "viz",  "vol",  "vs",   "yrs",
};

template <size_t N>
bool contains(const std::string_view (&table)[N], std::string_view w) {
  return std::binary_search(std::begin(table), std::end(table), w);
}

}  // namespace

bool is_title_abbreviation(std::string_view w) { return contains(kTitles, w); }

bool is_abbreviation(std::string_view w) {
  if (w.empty() || w.size() > 8) return false;
  if (contains(kTitles, w) || contains(kOthers, w)) return true;
  // "Etc", "Vs": a capitalized form of a lowercase entry.
  if (w[0] >= 'A' && w[0] <= 'Z') {
    std::array<char, 8> buf;
    std::copy(w.begin(), w.end(), buf.begin());
    buf[0] = static_cast<char>(buf[0] + 32);
    const std::string_view low(buf.data(), w.size());
    return contains(kOthers, low) && low != "al";
  }
  return false;
}

}  // namespace dyad::seg
