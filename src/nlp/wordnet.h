// wordnet.h — a word-form lexicon built from the WordNet 3.0 database files (Debian's
// `wordnet-base`, /usr/share/wordnet), used by the tagger as features for words it saw rarely or
// never in training.
//
// For every single-word lemma of the four WordNet parts of speech, and for the inflected forms
// derived from it (regular English morphology plus the *.exc irregular lists), records which
// classes the form can belong to as a bit mask (see LexBits). WordNet itself is read only when
// training: the tagger stores the finished (form hash -> mask) table inside its model file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dyad::wordnet {

enum LexBits : uint32_t {
  kNoun = 1,            // a noun lemma
  kVerb = 2,            // a verb lemma (also the base / non-3sg present form)
  kAdj = 4,             // an adjective lemma
  kAdv = 8,             // an adverb lemma
  kPlural = 16,         // a plural of a noun lemma
  kVerbS = 32,          // 3rd person singular present of a verb
  kVerbEd = 64,         // past tense / past participle
  kVerbIng = 128,       // present participle
  kComparative = 256,   // -er / -est forms (and irregular ones) of adjectives and adverbs
  kCapitalised = 512,   // some noun sense is written capitalised ("Paris", "Monday")
  kLowercase = 1024,    // some sense is written lowercase
  kInstance = 2048,     // some noun sense is an instance (a named entity: a person, place, ...)
  kInMultiword = 4096,  // part of a capitalised multiword lemma ("New" of "New_York")
  kFirstName = 8192,    // a given name (from a first-name list, not from WordNet)
};
// read_lexicon's masks carry, above kSenseShift, a hash of the set of lexicographer files
// ("noun.person", "verb.motion", ...: a coarse semantic class) of the form's lemma senses.
constexpr int kSenseShift = 16;

// Reads <dir>/data.{noun,verb,adj,adv} and <dir>/{noun,verb,adj,adv}.exc and returns
// (lowercased form, mask) pairs sorted by form, one per form. Throws InputError naming the file if
// a data file is missing or unreadable.
std::vector<std::pair<std::string, uint32_t>> read_lexicon(const std::string& dir);

// Regular inflections of a lemma (lowercase ASCII), for tests and for read_lexicon.
std::vector<std::string> plurals(std::string_view lemma);       // also used for verb 3sg
std::vector<std::string> past_forms(std::string_view lemma);    // -ed
std::vector<std::string> ing_forms(std::string_view lemma);     // -ing
std::vector<std::string> comparatives(std::string_view lemma);  // -er, -est

}  // namespace dyad::wordnet
