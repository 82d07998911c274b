// gazetteer.h — place names -> GeoNames entries, compiled into one mmap-able model file.
//
// Built by `dyad train geo` from GeoNames cities (pop > 1000), admin-1 names, country names (from
// ICU's locale data, so no hand-typed country table) and dyad's own aliases (data/geo/aliases.tsv:
// short forms such as "DPRK", rivers such as the Tumen). Names are matched after normalisation
// (case folding, accents stripped, hyphens and apostrophes dropped), so "Tuman-Gang", "Namp'o"
// and "Nampo" find their entries.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/model_file.h"

namespace dyad {

enum class GeoKind : uint8_t { kCity = 0, kCapital = 1, kAdmin1 = 2, kCountry = 3, kFeature = 4 };
std::string_view geo_kind_name(GeoKind k);

// One gazetteer entry; laid out without padding so arrays of it are written and mmap-ed as is.
struct GeoEntry {
  int64_t geonames_id;
  float lat, lon;
  uint32_t population;
  uint32_t name_off;  // into the names blob
  uint32_t adm1_off;  // into the names blob (admin-1 name), 0 length when none
  uint16_t name_len;
  uint16_t adm1_len;
  char iso3[3];       // ISO 3166 alpha-3 of the country
  uint8_t kind;       // GeoKind
  uint32_t reserved;  // explicit padding, always 0, so file bytes are deterministic
};
static_assert(sizeof(GeoEntry) == 40);

// Lower-cased, accent-stripped, hyphen/apostrophe/period-free, single-spaced form of a name.
std::string normalize_place_name(std::string_view name);

class PlaceGazetteer {
 public:
  // Compiles from a GeoNames folder (cities-geonames.tsv, admin1CodesASCII.txt) and dyad's
  // aliases file. Throws InputError naming the file and line on malformed rows.
  static void build(const std::string& geonames_dir, const std::string& aliases_tsv,
                    const std::string& out_path);
  static PlaceGazetteer load(const std::string& path);

  // All entries whose normalised name equals normalize_place_name(name).
  std::vector<const GeoEntry*> lookup(std::string_view normalized) const;
  std::string_view name(const GeoEntry& e) const { return names_.substr(e.name_off, e.name_len); }
  std::string_view adm1(const GeoEntry& e) const { return names_.substr(e.adm1_off, e.adm1_len); }
  // The country entry for an ISO3 code, or nullptr.
  const GeoEntry* country(std::string_view iso3) const;
  size_t size() const { return entries_.size(); }

 private:
  ModelFile file_;
  std::span<const GeoEntry> entries_;
  std::span<const uint64_t> keys_;     // sorted hashes of normalised names
  std::span<const uint32_t> targets_;  // entry index for each key
  std::string_view names_;
  std::vector<const GeoEntry*> countries_;
};

}  // namespace dyad
