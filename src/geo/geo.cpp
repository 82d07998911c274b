#include "geo/geo.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace dyad {
namespace {

constexpr uint32_t kMaxMentionTokens = 5;
constexpr uint32_t kMinBareCityPopulation = 20000;

bool is_capitalised(std::string_view tok) {
  return !tok.empty() && ((tok[0] >= 'A' && tok[0] <= 'Z') || static_cast<unsigned char>(tok[0]) >= 0xC0);
}

bool is_connector(std::string_view tok) { return tok == "-" || tok == "of" || tok == "the"; }

// The text of tokens [first, last) joined by single spaces (hyphens become spaces when normalised).
std::string join_tokens(const Doc& doc, uint32_t first, uint32_t last) {
  std::string s;
  for (uint32_t t = first; t < last; ++t) {
    if (t > first) s += ' ';
    s += doc.token_text(t);
  }
  return s;
}

bool overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) { return a0 < b1 && b0 < a1; }

bool is_locative(std::string_view prep) {
  static const std::set<std::string_view> k = {"in",     "at",      "near",   "to",      "into",
                                               "from",   "inside",  "across", "outside", "over",
                                               "around", "towards", "toward"};
  return k.count(prep) > 0;
}

}  // namespace

Geo Geo::load(const std::string& path) {
  Geo g;
  g.gaz_ = PlaceGazetteer::load(path);
  return g;
}

void Geo::locate(Doc& doc) const {
  doc.places.clear();
  const uint32_t n = doc.num_tokens();
  // Tokens inside PER/ORG/NORP entities are never places ("Kim", "Rossiya Segodnya").
  std::vector<uint8_t> blocked(n, 0), loc_start(n, 0);
  std::vector<uint32_t> loc_end(n, 0);
  for (const auto& e : doc.entities) {
    if (e.type == EntityType::LOC) {
      if (e.first < n) {
        loc_start[e.first] = 1;
        loc_end[e.first] = e.last;
      }
    } else {
      for (uint32_t t = e.first; t < e.last && t < n; ++t) blocked[t] = 1;
    }
  }
  struct Mention {
    uint32_t first, last;
    std::vector<const GeoEntry*> cands;
  };
  std::vector<Mention> mentions;
  for (uint32_t i = 0; i < n;) {
    // Longest gazetteer match starting at i, at most kMaxMentionTokens tokens.
    uint32_t best_last = 0;
    std::vector<const GeoEntry*> best;
    if (!blocked[i] && is_capitalised(doc.token_text(i))) {
      for (uint32_t last = std::min(n, i + kMaxMentionTokens); last > i; --last) {
        if (blocked[last - 1] || is_connector(doc.token_text(last - 1))) continue;
        auto cands = gaz_.lookup(normalize_place_name(join_tokens(doc, i, last)));
        if (cands.empty()) continue;
        const bool ner_loc = loc_start[i] && loc_end[i] == last;
        // Without the NER's word for it, a bare small town name is more often a surname.
        const bool strong = std::any_of(cands.begin(), cands.end(), [](const GeoEntry* e) {
          return e->kind != static_cast<uint8_t>(GeoKind::kCity) || e->population >= kMinBareCityPopulation;
        });
        if (!ner_loc && !strong) continue;
        best_last = last;
        best = std::move(cands);
        break;
      }
    }
    if (best_last) {
      mentions.push_back({i, best_last, std::move(best)});
      i = best_last;
    } else {
      ++i;
    }
  }
  // Countries named in the document give context for choosing among same-named places.
  std::set<std::string> context;
  for (const auto& m : mentions)
    for (const auto* e : m.cands)
      if (e->kind == static_cast<uint8_t>(GeoKind::kCountry)) context.insert(std::string(e->iso3, 3));
  for (const auto& m : mentions) {
    const GeoEntry* pick = nullptr;
    double best_score = -1e9;
    for (const auto* e : m.cands) {
      double score = std::log10(1.0 + e->population);
      switch (static_cast<GeoKind>(e->kind)) {
        case GeoKind::kCountry:
          score += 100;
          break;
        case GeoKind::kFeature:
          score += 50;
          break;
        case GeoKind::kCapital:
          score += 1.5;
          break;
        case GeoKind::kAdmin1:
          score += 5.0;
          break;  // ~ a city of 100k people
        case GeoKind::kCity:
          break;
      }
      if (context.count(std::string(e->iso3, 3))) score += 3;
      if (score > best_score) {
        best_score = score;
        pick = e;
      }
    }
    if (!pick) continue;
    Place p;
    p.first = m.first;
    p.last = m.last;
    p.geonames_id = pick->geonames_id;
    p.name = std::string(gaz_.name(*pick));
    p.country = std::string(pick->iso3, 3);
    p.adm1 = std::string(gaz_.adm1(*pick));
    p.feature = std::string(geo_kind_name(static_cast<GeoKind>(pick->kind)));
    p.lat = pick->lat;
    p.lon = pick->lon;
    doc.places.push_back(std::move(p));
  }
}

void Geo::anchor_events(Doc& doc) const {
  const bool parsed = doc.head.size() == doc.num_tokens() && doc.deprel.size() == doc.num_tokens();
  for (auto& ev : doc.events) {
    if (ev.sentence >= doc.sentences.size()) continue;
    const Sentence& s = doc.sentences[ev.sentence];
    const Place* chosen = nullptr;
    const Place* first_free = nullptr;
    for (const auto& p : doc.places) {
      if (p.first < s.first || p.last > s.last) continue;
      if (overlaps(p.first, p.last, ev.source.first, ev.source.last) ||
          overlaps(p.first, p.last, ev.target.first, ev.target.last))
        continue;
      if (!first_free) first_free = &p;
      if (!parsed) continue;
      const uint32_t h = doc.phrase_head(p.first, p.last);
      // Walk up at most three arcs from the mention head to see whether it hangs off the trigger
      // through a locative preposition (case dependent of the mention head).
      bool locative = false;
      for (uint32_t t = s.first; t < s.last; ++t)
        if (doc.head[t] == static_cast<int32_t>(h) && deprel_name(doc.deprel[t]) == "case") {
          std::string prep(doc.token_text(t));
          std::transform(prep.begin(), prep.end(), prep.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          locative = is_locative(prep);
        }
      int32_t up = static_cast<int32_t>(h);
      for (int k = 0; k < 3 && up >= 0; ++k) {
        up = doc.head[static_cast<uint32_t>(up)];
        if (up >= static_cast<int32_t>(ev.trigger_first) && up < static_cast<int32_t>(ev.trigger_last) &&
            locative) {
          chosen = &p;
          break;
        }
      }
      if (chosen) break;
    }
    if (!chosen) chosen = first_free;
    if (!chosen) continue;
    ev.place = chosen->name;
    ev.place_country = chosen->country;
    ev.place_adm1 = chosen->adm1;
    ev.lat = chosen->lat;
    ev.lon = chosen->lon;
    ev.geonames_id = chosen->geonames_id;
  }
}

}  // namespace dyad
