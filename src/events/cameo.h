// cameo.h — CAMEO event code tables: label, Goldstein weight, quad class, PLOVER category.
//
// Read from dyad's compiled table (data/events/cameo.tsv, written by `dyad compile-actors` from
// ../shared/data/cameo/cameo_eventcodes.tsv and the CAMEO2PLOVER map) or built directly from
// those two files. Lookups fall back to the code's parents ("0871" -> "087" -> "08").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace dyad::events {

struct CameoInfo {
  std::string label;
  double goldstein = 0;
  int quad = 0;        // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover;  // "AGREE", "CONSULT", ...; "" if the map has none
};

class CameoTable {
 public:
  // Builds from the shared sources: cameo_eventcodes.tsv (code, label, goldstein, ...,
  // quad_phoenix_icews) and CAMEO2PLOVER-2021.txt ("030: AGREE,  , diplomatic # ...").
  void read_sources(std::string_view eventcodes_tsv, std::string_view plover_map, const std::string& where);
  // Compiled table: code \t label \t goldstein \t quad \t plover, '#' comments.
  void read_compiled(std::string_view text, const std::string& where);
  std::string write_compiled() const;

  // Info for a code, walking up to its parents; nullptr if even the root is unknown.
  const CameoInfo* find(std::string_view code) const;
  size_t size() const { return table_.size(); }

 private:
  std::unordered_map<std::string, CameoInfo> table_;
};

}  // namespace dyad::events
