#include "events/cameo.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "base/error.h"

namespace dyad::events {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

double to_double(std::string_view s, const std::string& where) {
  try {
    return std::stod(std::string(s));
  } catch (...) {
    throw InputError(where, "not a number: '" + std::string(s) + "'");
  }
}

}  // namespace

void CameoTable::read_sources(std::string_view tsv, std::string_view plover, const std::string& where) {
  auto lines = split(tsv, '\n');
  if (lines.empty()) throw InputError(where, "empty CAMEO table");
  auto header = split(lines[0], '\t');
  auto col = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw InputError(where + ":1", "missing column " + std::string(name));
    return static_cast<size_t>(it - header.begin());
  };
  size_t c_code = col("code"), c_label = col("label"), c_gold = col("goldstein"),
         c_quad = col("quad_phoenix_icews");
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (trim(l).empty()) continue;
    auto f = split(l, '\t');
    std::string w = where + ":" + std::to_string(i + 1);
    if (f.size() <= std::max({c_code, c_label, c_gold, c_quad})) throw InputError(w, "too few columns");
    CameoInfo info;
    info.label = std::string(f[c_label]);
    info.goldstein = to_double(f[c_gold], w);
    info.quad = static_cast<int>(to_double(f[c_quad], w));
    table_[std::string(f[c_code])] = info;
  }
  size_t lineno = 0;
  for (std::string_view l : split(plover, '\n')) {
    ++lineno;
    size_t hash = l.find('#');
    if (hash != std::string_view::npos) l = l.substr(0, hash);
    l = trim(l);
    if (l.empty()) continue;
    if (l[0] == '~') break;  // "~~~~~" ends the table
    size_t colon = l.find(':');
    if (colon == std::string_view::npos)
      throw InputError("CAMEO2PLOVER:" + std::to_string(lineno), "expected 'code: CATEGORY, ...'");
    std::string code(trim(l.substr(0, colon)));
    std::string cat(trim(split(l.substr(colon + 1), ',')[0]));
    auto it = table_.find(code);
    if (it != table_.end()) it->second.plover = cat;
  }
}

void CameoTable::read_compiled(std::string_view text, const std::string& where) {
  size_t lineno = 0;
  for (std::string_view l : split(text, '\n')) {
    ++lineno;
    if (l.empty() || l[0] == '#') continue;
    auto f = split(l, '\t');
    std::string w = where + ":" + std::to_string(lineno);
    if (f.size() != 5) throw InputError(w, "expected 5 tab-separated fields");
    CameoInfo info{std::string(f[1]), to_double(f[2], w), static_cast<int>(to_double(f[3], w)),
                   std::string(f[4])};
    table_[std::string(f[0])] = info;
  }
}

std::string CameoTable::write_compiled() const {
  std::map<std::string, const CameoInfo*> sorted;
  for (const auto& [k, v] : table_) sorted[k] = &v;
  std::string out = "# dyad CAMEO table: code, label, goldstein, quad class, PLOVER category\n";
  char buf[32];
  for (const auto& [k, v] : sorted) {
    snprintf(buf, sizeof buf, "%g", v->goldstein);
    out += k + "\t" + v->label + "\t" + buf + "\t" + std::to_string(v->quad) + "\t" + v->plover + "\n";
  }
  return out;
}

const CameoInfo* CameoTable::find(std::string_view code) const {
  std::string c(code);
  while (c.size() >= 2) {
    auto it = table_.find(c);
    if (it != table_.end()) return &it->second;
    c.pop_back();
  }
  return nullptr;
}

}  // namespace dyad::events
