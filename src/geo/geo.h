// geo.h — the geo stage: find place mentions, resolve them, and give each event its place.
#pragma once

#include <string>

#include "base/doc.h"
#include "geo/gazetteer.h"

namespace dyad {

class Geo {
 public:
  // Loads models/geo.bin (see PlaceGazetteer::build / `dyad train geo`).
  static Geo load(const std::string& path);

  // Fills doc.places. Candidate mentions are LOC entities when the NER has run, and capitalised
  // token runs (up to 5 tokens) that name a country, admin-1 area, feature or a city of at least
  // 20,000 people. Among same-named entries the choice favours countries the document mentions,
  // then capitals, then population ("Moscow" -> Russia, not Idaho, unless Idaho is in the text).
  void locate(Doc& doc) const;

  // Sets Event::place (and country, adm1, lat/lon, GeoNames id) for each event in doc.events:
  // the place attached to the event's trigger through a locative preposition ("in Kursk",
  // "to Pyongyang") when the parse shows one, else the first place in the sentence that is not
  // the source or target actor itself. Events with no place in their sentence keep none.
  void anchor_events(Doc& doc) const;

  const PlaceGazetteer& gazetteer() const { return gaz_; }

 private:
  PlaceGazetteer gaz_;
};

}  // namespace dyad
