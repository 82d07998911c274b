// segment_abbrev.h — English abbreviations that keep their period (internal to segmentation).
#pragma once

#include <string_view>

namespace dyad::seg {

// `w` (without the period) is an abbreviation that takes a following period: "Dr", "Gen", "Sept",
// "Inc", "etc", "vs". Case-sensitive, except that all-lowercase entries also match capitalized.
bool is_abbreviation(std::string_view w);

// Titles and name prefixes ("Mr", "Dr", "Gen", "St") that are almost never sentence-final.
bool is_title_abbreviation(std::string_view w);

}  // namespace dyad::seg
