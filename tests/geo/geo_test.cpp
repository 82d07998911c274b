#include "geo/geo.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/error.h"
#include "base/paths.h"

namespace dyad {
namespace {

// A doc tokenised on spaces (the geo stage only needs tokens and sentences).
Doc make_doc(const std::string& text) {
  Doc d;
  d.text = text;
  uint32_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const uint32_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > b) d.tokens.push_back({b, i});
  }
  d.sentences.push_back({0, d.num_tokens(), {0, static_cast<uint32_t>(text.size())}});
  return d;
}

const Geo& geo() {
  static const Geo g = Geo::load(models_dir() + "/geo.bin");
  return g;
}

}  // namespace

TEST(PlaceName, Normalises) {
  EXPECT_EQ(normalize_place_name("Tuman-Gang"), "tuman gang");
  EXPECT_EQ(normalize_place_name("Namp’o"), "nampo");
  EXPECT_EQ(normalize_place_name("Sant Julià de Lòria"), "sant julia de loria");
  EXPECT_EQ(normalize_place_name("D.P.R.K."), "dprk");
}

TEST(Geo, ResolvesCitiesCountriesAndFeatures) {
  Doc d = make_doc("DPRK troops are in Kursk and Pyongyang sent engineers over the Tuman-Gang border river");
  geo().locate(d);
  ASSERT_GE(d.places.size(), 4u);
  EXPECT_EQ(d.places[0].country, "PRK");
  EXPECT_EQ(d.places[0].feature, "country");
  EXPECT_EQ(d.places[1].name, "Kursk");
  EXPECT_EQ(d.places[1].country, "RUS");
  EXPECT_NEAR(d.places[1].lat, 51.737, 0.01);
  EXPECT_EQ(d.places[1].adm1, "Kursk Oblast");
  EXPECT_EQ(d.places[2].name, "Pyongyang");
  EXPECT_EQ(d.places[2].feature, "capital");
  EXPECT_EQ(d.places[3].feature, "feature");
}

TEST(Geo, CountryContextPicksTheRightNamesake) {
  // Without context the most populous Moscow (Russia) wins; Idaho context is not enough
  // to beat a city of 10M, but a US-only name stays in the US.
  Doc d = make_doc("Officials in Moscow said so");
  geo().locate(d);
  ASSERT_EQ(d.places.size(), 1u);
  EXPECT_EQ(d.places[0].country, "RUS");
}

TEST(Geo, PersonEntitiesAreNotPlaces) {
  Doc d = make_doc("Kim met Lavrov in Pyongyang");
  d.entities.push_back({0, 1, EntityType::PER});
  d.entities.push_back({2, 3, EntityType::PER});
  geo().locate(d);
  ASSERT_EQ(d.places.size(), 1u);
  EXPECT_EQ(d.places[0].name, "Pyongyang");
}

TEST(Geo, EventTakesLocativePlaceNotTheTargetActor) {
  // "Lavrov met Choe in Moscow": the trigger "met" has obl "Moscow" with case "in".
  Doc d = make_doc("Lavrov met Choe in Moscow");
  d.head = {1, -1, 1, 4, 1};
  d.deprel = {deprel_id("nsubj"), deprel_id("root"), deprel_id("obj"), deprel_id("case"), deprel_id("obl")};
  Event ev;
  ev.trigger_first = 1;
  ev.trigger_last = 2;
  ev.source = {"RUSGOV", "Lavrov", 0, 1};
  ev.target = {"PRKGOV", "Choe", 2, 3};
  d.events.push_back(ev);
  geo().locate(d);
  geo().anchor_events(d);
  EXPECT_EQ(d.events[0].place, "Moscow");
  EXPECT_EQ(d.events[0].place_country, "RUS");
}

TEST(Geo, TargetCountryIsNotItsOwnPlace) {
  Doc d = make_doc("Russia praised North Korea");
  Event ev;
  ev.trigger_first = 1;
  ev.trigger_last = 2;
  ev.source = {"RUS", "Russia", 0, 1};
  ev.target = {"PRK", "North Korea", 2, 4};
  d.events.push_back(ev);
  geo().locate(d);
  geo().anchor_events(d);
  EXPECT_EQ(d.places.size(), 2u);
  EXPECT_EQ(d.events[0].place, "");
}

TEST(Geo, BuildRejectsMalformedAliasesWithLine) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto aliases = (dir / "dyad_bad_aliases.tsv").string();
  write_file_atomic(aliases, "# comment\ncountry\tNowhere\tZZ\n");
  try {
    PlaceGazetteer::build(shared_data_dir() + "/geo", aliases, (dir / "dyad_geo_bad.bin").string());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), aliases + ":2");
  }
}

TEST(Geo, EmptyDocIsFine) {
  Doc d;
  geo().locate(d);
  geo().anchor_events(d);
  EXPECT_TRUE(d.places.empty());
}

}  // namespace dyad
