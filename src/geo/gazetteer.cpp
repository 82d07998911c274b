#include "geo/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <numeric>

#include "base/error.h"
#include "base/hash.h"
#include "base/paths.h"

namespace dyad {
namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t p = line.find(sep, start);
    out.push_back(line.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

template <typename F>
void for_each_line(const std::string& data, F f) {
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    f(line, line_no);
    pos = nl + 1;
  }
}

// Admin-1 names often carry a type word the text leaves out ("Kursk Oblast" -> "Kursk").
constexpr std::string_view kAdminSuffixes[] = {" Oblast",     " Province", " Region", " Governorate",
                                               " Prefecture", " Krai",     " Kray",   " State",
                                               " District",   "-do",       " County"};

struct Builder {
  std::vector<GeoEntry> entries;
  std::string names{'\0'};  // offset 0 = empty string
  std::vector<std::pair<uint64_t, uint32_t>> index;

  uint32_t add_name(std::string_view s) {
    const auto off = static_cast<uint32_t>(names.size());
    names.append(s);
    return off;
  }
  uint32_t add(GeoEntry e, std::string_view name, std::string_view adm1) {
    e.name_off = add_name(name);
    e.name_len = static_cast<uint16_t>(std::min<size_t>(name.size(), 65535));
    e.adm1_off = adm1.empty() ? 0 : add_name(adm1);
    e.adm1_len = static_cast<uint16_t>(std::min<size_t>(adm1.size(), 65535));
    entries.push_back(e);
    const auto idx = static_cast<uint32_t>(entries.size() - 1);
    alias(name, idx);
    return idx;
  }
  void alias(std::string_view name, uint32_t idx) {
    const std::string n = normalize_place_name(name);
    if (!n.empty()) index.emplace_back(hash64(n), idx);
  }
};

void set_iso3(GeoEntry& e, std::string_view iso3) {
  for (size_t i = 0; i < 3; ++i) e.iso3[i] = i < iso3.size() ? iso3[i] : ' ';
}

std::string iso3_of(std::string_view iso2) {
  const icu::Locale loc("", std::string(iso2).c_str());
  const char* iso3 = loc.getISO3Country();
  if (iso3 && std::strlen(iso3) == 3) return iso3;
  if (iso2 == "XK") return "XKX";  // Kosovo: no ISO code, GeoNames uses XK
  return "";
}

std::string english_country_name(std::string_view iso2) {
  const icu::Locale loc("", std::string(iso2).c_str());
  icu::UnicodeString name;
  loc.getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out == iso2 ? "" : out;
}

}  // namespace

std::string_view geo_kind_name(GeoKind k) {
  switch (k) {
    case GeoKind::kCity:
      return "city";
    case GeoKind::kCapital:
      return "capital";
    case GeoKind::kAdmin1:
      return "admin1";
    case GeoKind::kCountry:
      return "country";
    case GeoKind::kFeature:
      return "feature";
  }
  return "city";
}

std::string normalize_place_name(std::string_view name) {
  utf8proc_uint8_t* folded = nullptr;
  const auto n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()),
      &folded, static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE));
  std::string s;
  if (n >= 0 && folded) s.assign(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  std::free(folded);
  if (n < 0) return "";
  // Map separators to spaces; drop apostrophes (ASCII and U+2019/U+02BC) and periods.
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\'' || c == '.') continue;
    if (c == 0xE2 && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
      i += 2;
      continue;
    }
    if (c == 0xCA && i + 1 < s.size() && s[i + 1] == '\xBC') {
      ++i;
      continue;
    }
    const bool space = c == ' ' || c == '-' || c == '\t' || c == ',' || c == '_';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void PlaceGazetteer::build(const std::string& geonames_dir, const std::string& aliases_tsv,
                           const std::string& out_path) {
  Builder b;
  // Admin-1 names: "CC.CODE<TAB>name<TAB>asciiname<TAB>geonameid".
  std::map<std::string, std::string, std::less<>> admin1;  // "RU.41" -> "Kursk Oblast"
  {
    const std::string path = geonames_dir + "/admin1CodesASCII.txt";
    const std::string data = read_file(path);
    for_each_line(data, [&](std::string_view line, size_t no) {
      if (line.empty()) return;
      const auto f = split(line, '\t');
      if (f.size() < 4) throw InputError(path + ":" + std::to_string(no), "expected 4 tab-separated fields");
      admin1.emplace(std::string(f[0]), std::string(f[1]));
    });
  }
  // Cities: cityId name country altCountry muni muniSub featureCode adminCode population lon lat.
  std::map<std::string, std::pair<float, float>, std::less<>> capital_of;  // ISO2 -> capital lat/lon
  std::map<std::string, std::pair<uint32_t, std::pair<float, float>>, std::less<>> biggest;
  const std::string cities_path = geonames_dir + "/cities-geonames.tsv";
  const std::string cities = read_file(cities_path);
  for_each_line(cities, [&](std::string_view line, size_t no) {
    if (no == 1 || line.empty()) return;  // header
    const auto f = split(line, '\t');
    const std::string where = cities_path + ":" + std::to_string(no);
    if (f.size() < 11) throw InputError(where, "expected 11 tab-separated fields");
    GeoEntry e{};
    int64_t id = 0;
    uint32_t pop = 0;
    std::from_chars(f[0].data(), f[0].data() + f[0].size(), id);
    std::from_chars(f[8].data(), f[8].data() + f[8].size(), pop);
    const float lon = std::strtof(std::string(f[9]).c_str(), nullptr);
    const float lat = std::strtof(std::string(f[10]).c_str(), nullptr);
    if (id == 0 || f[2].size() != 2) throw InputError(where, "bad id or country code");
    const std::string iso3 = iso3_of(f[2]);
    if (iso3.empty()) return;
    e.geonames_id = id;
    e.lat = lat;
    e.lon = lon;
    e.population = pop;
    e.kind = static_cast<uint8_t>(f[6] == "PPLC" ? GeoKind::kCapital : GeoKind::kCity);
    set_iso3(e, iso3);
    const std::string key = std::string(f[2]) + "." + std::string(f[7]);
    auto a = admin1.find(key);
    b.add(e, f[1], a == admin1.end() ? std::string_view() : std::string_view(a->second));
    if (f[6] == "PPLC") capital_of[std::string(f[2])] = {lat, lon};
    auto& big = biggest[std::string(f[2])];
    if (pop >= big.first) big = {pop, {lat, lon}};
  });
  // Admin-1 entries, placed at the most populous city of the admin-1 area when known.
  std::map<std::string, std::pair<uint32_t, std::pair<float, float>>, std::less<>> admin_center;
  for (const auto& e : b.entries) {
    const auto adm = std::string_view(b.names).substr(e.adm1_off, e.adm1_len);
    if (adm.empty()) continue;
    auto& c = admin_center[std::string(e.iso3, 3) + "|" + std::string(adm)];
    if (e.population >= c.first) c = {e.population, {e.lat, e.lon}};
  }
  for (const auto& [key, name] : admin1) {
    const std::string iso3 = iso3_of(std::string_view(key).substr(0, 2));
    if (iso3.empty()) continue;
    GeoEntry e{};
    e.kind = static_cast<uint8_t>(GeoKind::kAdmin1);
    set_iso3(e, iso3);
    if (auto c = admin_center.find(iso3 + "|" + name); c != admin_center.end()) {
      e.lat = c->second.second.first;
      e.lon = c->second.second.second;
    }
    const uint32_t idx = b.add(e, name, name);
    for (auto suf : kAdminSuffixes)
      if (name.size() > suf.size() && std::string_view(name).substr(name.size() - suf.size()) == suf)
        b.alias(std::string_view(name).substr(0, name.size() - suf.size()), idx);
  }
  // Countries: every country with a city, named by ICU, placed at the capital (else largest city).
  std::map<std::string, uint32_t, std::less<>> country_idx;  // ISO2 -> entry
  for (const auto& [iso2, big] : biggest) {
    const std::string iso3 = iso3_of(iso2), name = english_country_name(iso2);
    if (iso3.empty() || name.empty()) continue;
    GeoEntry e{};
    e.kind = static_cast<uint8_t>(GeoKind::kCountry);
    set_iso3(e, iso3);
    auto cap = capital_of.find(iso2);
    const auto ll = cap != capital_of.end() ? cap->second : big.second;
    e.lat = ll.first;
    e.lon = ll.second;
    country_idx[iso2] = b.add(e, name, "");
  }
  // dyad's aliases and features.
  const std::string aliases = read_file(aliases_tsv);
  for_each_line(aliases, [&](std::string_view line, size_t no) {
    if (line.empty() || line[0] == '#') return;
    const auto f = split(line, '\t');
    const std::string where = aliases_tsv + ":" + std::to_string(no);
    if (f.size() < 3) throw InputError(where, "expected kind, name, iso2");
    if (f[0] == "country") {
      auto c = country_idx.find(f[2]);
      if (c == country_idx.end()) throw InputError(where, "unknown country code '" + std::string(f[2]) + "'");
      b.alias(f[1], c->second);
    } else if (f[0] == "feature") {
      if (f.size() < 5) throw InputError(where, "feature needs lat and lon");
      GeoEntry e{};
      e.kind = static_cast<uint8_t>(GeoKind::kFeature);
      set_iso3(e, iso3_of(f[2]));
      e.lat = std::strtof(std::string(f[3]).c_str(), nullptr);
      e.lon = std::strtof(std::string(f[4]).c_str(), nullptr);
      b.add(e, f[1], "");
    } else {
      throw InputError(where, "unknown kind '" + std::string(f[0]) + "'");
    }
  });

  std::sort(b.index.begin(), b.index.end());
  b.index.erase(std::unique(b.index.begin(), b.index.end()), b.index.end());
  std::vector<uint64_t> keys;
  std::vector<uint32_t> targets;
  for (const auto& [k, t] : b.index) {
    keys.push_back(k);
    targets.push_back(t);
  }
  ByteWriter w;
  w.put_array(b.entries);
  w.put_array(keys);
  w.put_array(targets);
  w.put_array(std::span<const char>(b.names.data(), b.names.size()));
  ModelWriter m;
  m.add("gazetteer", std::move(w.bytes()));
  m.write(out_path);
}

PlaceGazetteer PlaceGazetteer::load(const std::string& path) {
  PlaceGazetteer g;
  g.file_ = ModelFile::open(path);
  auto r = g.file_.reader("gazetteer");
  g.entries_ = r.get_array<GeoEntry>();
  g.keys_ = r.get_array<uint64_t>();
  g.targets_ = r.get_array<uint32_t>();
  const auto names = r.get_array<char>();
  g.names_ = std::string_view(names.data(), names.size());
  for (const auto& e : g.entries_)
    if (e.kind == static_cast<uint8_t>(GeoKind::kCountry)) g.countries_.push_back(&e);
  if (g.keys_.size() != g.targets_.size()) throw InputError(path, "gazetteer index sizes differ");
  for (auto t : g.targets_)
    if (t >= g.entries_.size()) throw InputError(path, "gazetteer index out of range");
  for (const auto& e : g.entries_)
    if (size_t{e.name_off} + e.name_len > g.names_.size() ||
        size_t{e.adm1_off} + e.adm1_len > g.names_.size())
      throw InputError(path, "gazetteer name out of range");
  return g;
}

std::vector<const GeoEntry*> PlaceGazetteer::lookup(std::string_view normalized) const {
  std::vector<const GeoEntry*> out;
  const uint64_t h = hash64(normalized);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), h);
  for (; it != keys_.end() && *it == h; ++it) {
    const GeoEntry& e = entries_[targets_[static_cast<size_t>(it - keys_.begin())]];
    // 64-bit hashes of ~300k names: a collision is ~1e-9 likely, so equality is taken as a match
    // (aliases have no stored name of their own to compare against).
    out.push_back(&e);
  }
  return out;
}

const GeoEntry* PlaceGazetteer::country(std::string_view iso3) const {
  for (const GeoEntry* e : countries_)
    if (std::string_view(e->iso3, 3) == iso3) return e;
  return nullptr;
}

}  // namespace dyad
