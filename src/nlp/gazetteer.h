// gazetteer.h — phrase lists (countries, demonyms, cities, org keywords...) matched over tokens.
//
// A gazetteer maps a phrase to a bit mask of categories. Phrases are keyed by the hash of their
// lowercased text with spaces and hyphens removed, so "North Korea" matches the tokens
// [North][Korea] and "Guinea-Bissau" matches [Guinea][-][Bissau] or [Guinea-Bissau] alike,
// whatever the tokenizer did. The built form is two sorted parallel arrays (keys, masks) that are
// read in place from a model file section, so loading costs nothing.
//
// Used by the NER as features (the model learns how much to trust each list) and by its NORP rule
// layer (demonyms).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/model_file.h"

namespace dyad {

// Categories, one bit each.
enum GazCategory : uint16_t {
  kGazCountry = 1 << 0,       // "Russia", "North Korea", "U.S."
  kGazDemonym = 1 << 1,       // "Russian", "North Koreans", "Muslim"
  kGazCity = 1 << 2,          // GeoNames populated places above a population threshold
  kGazAdmin1 = 1 << 3,        // GeoNames first-level divisions ("Kursk Oblast", "Texas")
  kGazRegion = 1 << 4,        // continents, seas, regions ("Middle East", "Crimea")
  kGazOrgKeyword = 1 << 5,    // "Ministry", "Agency", "University"
  kGazPersonTitle = 1 << 6,   // "President", "Minister", "Dr."
  kGazOrganisation = 1 << 7,  // "NATO", "KCNA", "United Nations"
  kGazLowerWord = 1 << 8,     // a word seen in lowercase outside entities in the training text
  kGazPerson = 1 << 9,        // full names of people (Phoenix actor dictionaries)
  kGazFirstName = 1 << 10,    // given names (Moby first-name lists, first words of Phoenix people)
  kGazActor = 1 << 11,        // other named actors of the Phoenix dictionaries (orgs, places, people)
  kGazNumCategories = 12
};
std::string_view gaz_category_name(int bit);  // "country", "demonym", ...

// Normalised key of a phrase: lowercase ASCII letters, drop spaces, hyphens and periods.
// ("U.S." and "US" share a key on purpose.)
uint64_t gazetteer_key(std::string_view phrase);

// Per-token result of matching: which categories a match begins, continues, ends or is a single
// token at this token.
struct GazMarks {
  uint16_t begin = 0, inside = 0, end = 0, unit = 0;
  uint16_t any() const { return begin | inside | end | unit; }
};

class GazetteerBuilder {
 public:
  // Adds `phrase` (words separated by spaces) to the categories in `mask`. Empty phrases and
  // phrases longer than kMaxTokens words are ignored.
  void add(std::string_view phrase, uint16_t mask);
  size_t size() const { return entries_.size(); }
  // Serialises to a byte string readable by Gazetteer::load.
  std::string serialize() const;

 private:
  std::unordered_map<uint64_t, uint16_t> entries_;
  uint32_t max_tokens_ = 1;
};

class Gazetteer {
 public:
  static constexpr uint32_t kMaxTokens = 8;

  Gazetteer() = default;
  // Reads a serialised gazetteer; `bytes` must outlive the Gazetteer (it is used in place and
  // must be 8-byte aligned, as model file sections are). Throws InputError on bad data.
  static Gazetteer load(std::string_view bytes, const std::string& where);

  // Mask of the phrase's categories, 0 if absent.
  uint16_t lookup_key(uint64_t key) const;
  uint16_t lookup(std::string_view phrase) const { return lookup_key(gazetteer_key(phrase)); }

  // Matches every phrase over `words` (all start positions, all lengths up to the longest
  // phrase); out[i] receives the marks for word i. out is resized to words.size().
  void match(std::span<const std::string_view> words, std::vector<GazMarks>& out) const;

  size_t size() const { return keys_.size(); }

 private:
  std::span<const uint64_t> keys_;   // sorted
  std::span<const uint16_t> masks_;  // parallel to keys_
  uint32_t max_tokens_ = 0;
};

}  // namespace dyad
