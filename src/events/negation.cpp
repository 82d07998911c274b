#include "events/negation.h"

#include "base/error.h"

namespace dyad::events {

namespace {
bool is_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

void NegationTable::read(std::string_view text, const std::string& where) {
  size_t lineno = 0, b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') {
      if (e == text.size()) break;
      continue;
    }
    size_t tab = line.find('\t');
    std::string_view from = tab == std::string_view::npos ? line : line.substr(0, tab);
    std::string_view to = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
    if (!is_code(from) || !is_code(to))
      throw InputError(where + ":" + std::to_string(lineno),
                       "expected 'CODE<TAB>NEGATED_CODE' (2-4 digits each)");
    map_[std::string(from)] = std::string(to);
    if (e == text.size()) break;
  }
}

std::string_view NegationTable::negate(std::string_view code) const {
  auto it = map_.find(std::string(code));
  return it == map_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace dyad::events
