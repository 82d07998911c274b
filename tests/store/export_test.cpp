#include <gtest/gtest.h>

#include "store/export_format.h"

namespace dyad {
namespace {

EventRow row() {
  EventRow r;
  r.id = 7;
  r.cluster = 5;
  r.mentions = 3;
  r.sources = 2;
  r.date = "2025-07-12";
  r.source_code = "RUSGOVMIL";
  r.source_name = "Russian army";
  r.target_code = "IGOUNO";
  r.target_name = "UN";
  r.code = "0431";
  r.root = "04";
  r.quad_class = 1;
  r.goldstein = 2.8;
  r.place = "Wonsan";
  r.place_country = "PRK";
  r.place_adm1 = "Kangwon";
  r.lat = 39.15;
  r.lon = 127.44;
  r.geonames_id = 1866923;
  r.sentence = "He said, \"yes\",\nthen left.";
  r.sentence_idx = 4;
  r.url = "https://x.org/a";
  r.ingested_at = "2025-07-13T10:20:30Z";
  r.quantities = "[]";
  return r;
}

TEST(Export, CsvQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  const std::string line = csv_row(row());
  EXPECT_NE(line.find("\"He said, \"\"yes\"\",\nthen left.\""), std::string::npos) << line;
  EXPECT_EQ(line.substr(line.size() - 2), "\r\n");
  EXPECT_EQ(csv_header().substr(0, 11), "id,cluster,");
}

TEST(Export, GdeltColumns) {
  const auto& names = gdelt_column_names();
  ASSERT_EQ(names.size(), 61u);
  EXPECT_EQ(names[0], "GlobalEventID");
  EXPECT_EQ(names[5], "Actor1Code");
  EXPECT_EQ(names[15], "Actor2Code");
  EXPECT_EQ(names[25], "IsRootEvent");
  EXPECT_EQ(names[34], "AvgTone");
  EXPECT_EQ(names[35], "Actor1Geo_Type");
  EXPECT_EQ(names[51], "ActionGeo_Type");
  EXPECT_EQ(names[59], "DATEADDED");
  EXPECT_EQ(names[60], "SOURCEURL");
  auto f = gdelt_fields(row());
  ASSERT_EQ(f.size(), 61u);
  EXPECT_EQ(f[0], "5") << "one GDELT event per cluster";
  EXPECT_EQ(f[1], "20250712");
  EXPECT_EQ(f[2], "202507");
  EXPECT_EQ(f[3], "2025");
  EXPECT_EQ(f[4], "2025.5288");  // day 193 of 365
  EXPECT_EQ(f[7], "RUS");
  EXPECT_EQ(f[12], "GOV");
  EXPECT_EQ(f[13], "MIL");
  EXPECT_EQ(f[17], "") << "IGO actors have no country";
  EXPECT_EQ(f[22], "IGO");
  EXPECT_EQ(f[23], "UNO");
  EXPECT_EQ(f[25], "0");
  EXPECT_EQ(f[26], "0431");
  EXPECT_EQ(f[27], "043");
  EXPECT_EQ(f[28], "04");
  EXPECT_EQ(f[31], "3");
  EXPECT_EQ(f[32], "2");
  EXPECT_EQ(f[51], "4");
  EXPECT_EQ(f[52], "Wonsan, Kangwon, PRK");
  EXPECT_EQ(f[58], "1866923");
  EXPECT_EQ(f[59], "20250713102030");
  EXPECT_EQ(f[60], "https://x.org/a");
  EventRow month = row();
  month.date = "2025-07";
  f = gdelt_fields(month);
  EXPECT_EQ(f[1], "");
  EXPECT_EQ(f[2], "202507");
  const std::string line = gdelt_row(row());
  EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 60);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
}

TEST(Export, JsonHasNestedParts) {
  auto j = event_json(row());
  EXPECT_EQ(j["source"]["code"], "RUSGOVMIL");
  EXPECT_EQ(j["place"]["geonames_id"], 1866923);
  EXPECT_TRUE(j["quantities"].is_array());
  EXPECT_EQ(j["sentence"], "He said, \"yes\",\nthen left.");
}

}  // namespace
}  // namespace dyad
