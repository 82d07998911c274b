// ner_rules.h — a correction pass over the learned recogniser's spans.
//
// The perceptron labels token by token and makes a few systematic span errors on news text that
// general rules about English names repair:
//   1. hyphen-joined name parts: "Sin Hong-chol" tokenised [Sin][Hong][-][chol] and labelled only
//      "Sin Hong": a span is extended over "-word" glued to its last token (no spaces);
//   2. a title heading a person name: "Presidents Putin" labelled LOC, "Minister Lavrov" ORG: a
//      non-person span whose title word (President, Minister ... or their plurals) is followed only
//      by capitalised name words becomes a PER span of the name words;
//   3. an organisation run into a name: "Security Council Dmitry Medvedev" labelled one ORG: a
//      span with an organisation keyword (Council, Ministry ...) followed by two or more
//      capitalised words beginning with a known given name or full name is split ORG + PER;
//   4. full names of institutions: "Ministry of Digital Development, Communications, and Mass
//      Media", "Main Directorate for Military Policy": an ORG span ending in an organisation
//      keyword, or in the capitalised words of its "of"/"for" complement, is extended over
//      "of"/"for" + capitalised words and over ", Word" / ", and Word" / "and Word" list items that
//      are not places or nationalities.
// Entities swallowed by an extension are removed. Run by Ner::recognize after decoding.
#pragma once

#include <vector>

#include "base/doc.h"
#include "nlp/gazetteer.h"

namespace dyad {

// Corrects `entities` (token ranges of `doc`, any order; returned sorted by first token).
// `gaz` (the NER model's gazetteer: given names, full names, countries, demonyms) may be null;
// without it rule 3 has no evidence of a person and does nothing, and rule 4 stops at no place.
void correct_entities(const Doc& doc, const Gazetteer* gaz, std::vector<Entity>& entities);

}  // namespace dyad
