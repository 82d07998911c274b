// clean_rules.h — paragraph-level boilerplate tests shared by clean_html() and clean_text().
#pragma once

#include <string_view>

namespace dyad {

// Residue of a page widget, the whole paragraph being e.g. "Loading…", "Advertisement", "Share".
bool is_widget_line(std::string_view para);

// A short call to action rather than article text: "Sign up for our newsletter", "Click here for
// more information", "Tell us what you think", "All rights reserved".
bool is_promo_line(std::string_view para);

}  // namespace dyad
