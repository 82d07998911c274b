#include "store/export_format.h"

#include <array>
#include <cstdio>

#include "store/dedup.h"
#include "time/calendar.h"

namespace dyad {

nlohmann::json event_json(const EventRow& r) {
  nlohmann::json quantities = nlohmann::json::parse(r.quantities, nullptr, /*allow_exceptions=*/false);
  if (quantities.is_discarded()) quantities = nlohmann::json::array();
  return {{"id", r.id},
          {"cluster", r.cluster},
          {"mentions", r.mentions},
          {"sources", r.sources},
          {"date", r.date},
          {"date_assumed", r.date_assumed},
          {"source", {{"code", r.source_code}, {"name", r.source_name}}},
          {"target", {{"code", r.target_code}, {"name", r.target_name}}},
          {"code", r.code},
          {"root", r.root},
          {"quad_class", r.quad_class},
          {"goldstein", r.goldstein},
          {"plover", r.plover},
          {"negated", r.negated},
          {"modality", r.modality},
          {"speaker", r.speaker},
          {"place",
           {{"name", r.place},
            {"country", r.place_country},
            {"adm1", r.place_adm1},
            {"lat", r.lat},
            {"lon", r.lon},
            {"geonames_id", r.geonames_id}}},
          {"quantities", quantities},
          {"claimant", r.claimant},
          {"evidential", r.evidential},
          {"credibility", r.credibility},
          {"credibility_base", r.credibility_base},
          {"trigger", r.trigger},
          {"sentence", r.sentence},
          {"sentence_idx", r.sentence_idx},
          {"sentence_span", {r.sentence_begin, r.sentence_end}},
          {"doc",
           {{"id", r.doc_id},
            {"outlet", r.outlet},
            {"url", r.url},
            {"published", r.published},
            {"title", r.title},
            {"ingested_at", r.ingested_at}}}};
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// The CSV columns: name and value, in one table so header and rows cannot drift apart.
using CsvGetter = std::string (*)(const EventRow&);
struct CsvCol {
  const char* name;
  CsvGetter get;
};
const std::array<CsvCol, 34> kCsv = {{
    {"id", [](const EventRow& r) { return std::to_string(r.id); }},
    {"cluster", [](const EventRow& r) { return std::to_string(r.cluster); }},
    {"mentions", [](const EventRow& r) { return std::to_string(r.mentions); }},
    {"sources", [](const EventRow& r) { return std::to_string(r.sources); }},
    {"date", [](const EventRow& r) { return r.date; }},
    {"date_assumed", [](const EventRow& r) { return std::string(r.date_assumed ? "1" : "0"); }},
    {"source_code", [](const EventRow& r) { return r.source_code; }},
    {"source_name", [](const EventRow& r) { return r.source_name; }},
    {"code", [](const EventRow& r) { return r.code; }},
    {"target_code", [](const EventRow& r) { return r.target_code; }},
    {"target_name", [](const EventRow& r) { return r.target_name; }},
    {"quad_class", [](const EventRow& r) { return std::to_string(r.quad_class); }},
    {"goldstein", [](const EventRow& r) { return num(r.goldstein); }},
    {"plover", [](const EventRow& r) { return r.plover; }},
    {"negated", [](const EventRow& r) { return std::string(r.negated ? "1" : "0"); }},
    {"modality", [](const EventRow& r) { return r.modality; }},
    {"place", [](const EventRow& r) { return r.place; }},
    {"place_country", [](const EventRow& r) { return r.place_country; }},
    {"place_adm1", [](const EventRow& r) { return r.place_adm1; }},
    {"lat", [](const EventRow& r) { return num(r.lat); }},
    {"lon", [](const EventRow& r) { return num(r.lon); }},
    {"geonames_id", [](const EventRow& r) { return std::to_string(r.geonames_id); }},
    {"claimant", [](const EventRow& r) { return r.claimant; }},
    {"evidential", [](const EventRow& r) { return r.evidential; }},
    {"credibility", [](const EventRow& r) { return r.credibility; }},
    {"credibility_base", [](const EventRow& r) { return r.credibility_base; }},
    {"trigger", [](const EventRow& r) { return r.trigger; }},
    {"sentence", [](const EventRow& r) { return r.sentence; }},
    {"quantities", [](const EventRow& r) { return r.quantities; }},
    {"doc_id", [](const EventRow& r) { return r.doc_id; }},
    {"outlet", [](const EventRow& r) { return r.outlet; }},
    {"url", [](const EventRow& r) { return r.url; }},
    {"published", [](const EventRow& r) { return r.published; }},
    {"title", [](const EventRow& r) { return r.title; }},
}};

void put_actor(std::vector<std::string>& f, int at, const std::string& code, const std::string& name) {
  f[at] = code;
  f[at + 1] = name;
  if (code.size() < 3) return;
  std::string_view c = code;
  std::string_view first = c.substr(0, 3);
  size_t type_at = 3;
  if (cameo_role_prefix(first)) {
    type_at = 0;
  } else {
    f[at + 2] = std::string(first);  // CountryCode
  }
  // Type1..3Code: the following 3-letter role codes.
  for (int k = 0; k < 3 && type_at + 3 <= c.size(); ++k, type_at += 3)
    f[at + 7 + k] = std::string(c.substr(type_at, 3));
}

std::string digits_only(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

}  // namespace

std::string csv_header() {
  std::string s;
  for (size_t i = 0; i < kCsv.size(); ++i) s += (i ? "," : "") + std::string(kCsv[i].name);
  return s + "\r\n";
}

std::string csv_row(const EventRow& r) {
  std::string s;
  for (size_t i = 0; i < kCsv.size(); ++i) {
    if (i) s += ',';
    s += csv_field(kCsv[i].get(r));
  }
  return s + "\r\n";
}

const std::vector<std::string>& gdelt_column_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"})
      for (const char* f : {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"})
        n.push_back(std::string(a) + f);
    for (const char* f : {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"})
      n.push_back(f);
    for (const char* g : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"})
      for (const char* f :
           {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"})
        n.push_back(std::string(g) + f);
    n.push_back("DATEADDED");
    n.push_back("SOURCEURL");
    return n;
  }();
  return names;
}

std::vector<std::string> gdelt_fields(const EventRow& r) {
  std::vector<std::string> f(kGdeltColumns);
  f[0] = std::to_string(r.cluster ? r.cluster : r.id);
  // Dates: Day needs a full date; MonthYear and Year take what the date has.
  int64_t day = 0;
  const std::string d = r.date.substr(0, 10);
  const bool has_year = d.size() >= 4 && timecal::all_digits(d.substr(0, 4));
  const bool has_month = has_year && d.size() >= 7 && d[4] == '-' && timecal::all_digits(d.substr(5, 2));
  if (day_number(d, &day)) {
    f[1] = digits_only(d);
    int y = timecal::to_int(d.substr(0, 4));
    const int64_t jan1 = timecal::days_from_civil(y, 1, 1);
    const int64_t days_in_year = timecal::days_from_civil(y + 1, 1, 1) - jan1;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f",
                  y + static_cast<double>(day - jan1 + 1) / static_cast<double>(days_in_year));
    f[4] = buf;
  }
  if (has_month) f[2] = d.substr(0, 4) + d.substr(5, 2);
  if (has_year) f[3] = d.substr(0, 4);
  put_actor(f, 5, r.source_code, r.source_name);
  put_actor(f, 15, r.target_code, r.target_name);
  f[25] = r.sentence_idx < 3 ? "1" : "0";  // the lead: first three sentences of the document
  f[26] = r.code;
  f[27] = r.code.substr(0, 3);
  f[28] = r.root.empty() ? r.code.substr(0, 2) : r.root;
  if (r.quad_class >= 1 && r.quad_class <= 4) f[29] = std::to_string(r.quad_class);
  f[30] = num(r.goldstein);
  f[31] = std::to_string(r.mentions);
  f[32] = std::to_string(r.sources);
  f[33] = std::to_string(r.mentions);
  f[34] = "0";
  // ActionGeo (51..58): the event's place.
  const bool coords = r.lat != 0 || r.lon != 0;
  if (!r.place.empty() || !r.place_country.empty()) {
    const bool us = r.place_country == "USA" || r.place_country == "US";
    std::string type;
    if (r.place.empty() || r.place == r.place_country)
      type = "1";
    else if (!r.place_adm1.empty() && r.place == r.place_adm1)
      type = us ? "2" : "5";
    else
      type = us ? "3" : "4";
    f[51] = type;
    std::string full = r.place;
    for (const std::string* part : {&r.place_adm1, &r.place_country})
      if (!part->empty() && *part != r.place) full += (full.empty() ? "" : ", ") + *part;
    f[52] = full;
    f[53] = r.place_country;  // ISO 3166 alpha-3 (GDELT uses FIPS 10-4; see docs/export.md)
    if (coords) {
      f[56] = num(r.lat);
      f[57] = num(r.lon);
    }
    if (r.geonames_id) f[58] = std::to_string(r.geonames_id);
  }
  // DATEADDED: YYYYMMDDHHMMSS from the ingest time.
  std::string added = digits_only(r.ingested_at);
  if (added.size() >= 14) f[59] = added.substr(0, 14);
  f[60] = r.url;
  for (std::string& s : f)
    for (char& c : s)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return f;
}

std::string gdelt_row(const EventRow& r) {
  std::vector<std::string> f = gdelt_fields(r);
  std::string s;
  for (int i = 0; i < kGdeltColumns; ++i) {
    if (i) s += '\t';
    s += f[i];
  }
  return s + '\n';
}

}  // namespace dyad
