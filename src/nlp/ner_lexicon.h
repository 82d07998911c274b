// ner_lexicon.h — small hand-written word lists the NER gazetteer starts from.
//
// These lists are written for dyad (no third-party data): country names with their demonyms,
// continents and regions, organisation keywords ("Ministry", "Party"), person titles
// ("President", "Minister") and a few news-agency acronyms. Larger lists (GeoNames cities and
// admin-1 names) are read at training time from the shared data and stored inside models/ner.bin.
#pragma once

#include <string_view>

namespace dyad::ner_lexicon {

// One line per country: "Name;Other name|Demonym;Plural demonym;...". Names may span several
// words ("North Korea"); the demonym side may be empty.
std::string_view countries();
// One phrase per line: continents, regions, seas, historical/disputed areas ("Crimea", "Donbas").
std::string_view regions();
// Single words that end or head organisation names ("Ministry", "Agency", "University").
std::string_view org_keywords();
// Person titles and roles that precede names ("President", "Minister", "Dr.", "Gen.").
std::string_view person_titles();
// Phrases that are organisations on their own ("NATO", "KCNA", "United Nations").
std::string_view organisations();

}  // namespace dyad::ner_lexicon
