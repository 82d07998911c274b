// doc.h — the one in-memory representation of a document as it flows through dyad.
//
// A document flows one way: raw -> clean text -> tokens -> parse -> mentions -> events -> store.
// Every stage reads the arrays filled by earlier stages and fills its own; nothing points back.
// The layout is data-oriented: parallel arrays indexed by token number (struct of arrays), spans as
// byte offsets into `text`, small integer ids for closed tag sets. Stages never copy the text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// Universal POS tags (UD v2), in the order of the UD documentation.
enum class Upos : uint8_t {
  ADJ,
  ADP,
  ADV,
  AUX,
  CCONJ,
  DET,
  INTJ,
  NOUN,
  NUM,
  PART,
  PRON,
  PROPN,
  PUNCT,
  SCONJ,
  SYM,
  VERB,
  X,
  kCount
};
std::string_view upos_name(Upos u);
// Returns false (and leaves *out alone) for an unknown name.
bool parse_upos(std::string_view name, Upos* out);

// Closed label sets are tables of names; a tag or label is its index in the table. The tables
// cover every value in UD English EWT plus the UD v1 names ("dobj", "nmod:tmod"...) that
// PETRARCH's test parses use; kUnknownLabel marks anything else.
inline constexpr uint8_t kUnknownLabel = 255;
const std::vector<std::string_view>& xpos_table();    // PTB tags: "NN", "IN", ...
const std::vector<std::string_view>& deprel_table();  // "nsubj", "obl:agent", ...
uint8_t xpos_id(std::string_view name);               // kUnknownLabel if not in the table
uint8_t deprel_id(std::string_view name);             // kUnknownLabel if not in the table
std::string_view xpos_name(uint8_t id);               // "" for kUnknownLabel
std::string_view deprel_name(uint8_t id);             // "" for kUnknownLabel

struct Span {
  uint32_t begin = 0;  // byte offset, inclusive
  uint32_t end = 0;    // byte offset, exclusive
  uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// A sentence is a run of tokens [first, last) plus its character span in the text.
struct Sentence {
  uint32_t first = 0;
  uint32_t last = 0;
  Span span;
};

// Named-entity types. NORP = nationalities / demonyms ("Russian", "North Korean").
enum class EntityType : uint8_t { PER, ORG, LOC, NORP, MISC, kCount };
std::string_view entity_type_name(EntityType t);

struct Entity {
  uint32_t first = 0;  // token range [first, last)
  uint32_t last = 0;
  EntityType type = EntityType::MISC;
};

// A temporal expression, normalised to a TIMEX3 value ("2025-07-12", "2025-W28", "2024-SU",
// "PAST_REF", "P4W"...) relative to the document's publication date.
struct Timex {
  uint32_t first = 0, last = 0;  // token range
  Span span;                     // character span
  std::string type;              // DATE, TIME, DURATION, SET
  std::string value;             // TIMEX3 value, "" if it could not be normalised
  std::string mod;               // TIMEX3 mod: "START" (early ...), "END", "MID", "MORE_THAN"...
};

// A counted amount attached to a phrase: "over 10,000 DPRK troops" -> {10000, ">", "troops"}.
struct Quantity {
  uint32_t first = 0, last = 0;  // token range of the whole phrase
  double value = 0;
  std::string op;     // "=", ">", ">=", "<", "<=", "~" (about)
  std::string unit;   // head noun lemma ("troop", "engineer", "kilometer")
  std::string actor;  // actor code of a modifier if any ("PRK")
};

// A place mention resolved against the gazetteer (geo stage).
struct Place {
  uint32_t first = 0, last = 0;  // token range of the mention
  int64_t geonames_id = 0;       // 0 for dyad's own entries (countries, rivers) without one
  std::string name;              // gazetteer name ("Kursk")
  std::string country;           // ISO 3166 alpha-3 ("RUS")
  std::string adm1;              // admin-1 name ("Kursk Oblast"), "" for countries
  std::string feature;           // "city", "capital", "admin1", "country", "feature"
  double lat = 0, lon = 0;
};

// One participant of an event, as coded.
struct ActorRef {
  std::string code;              // CAMEO actor code, e.g. "RUSGOV", "PRKMIL"; "" if none found
  std::string name;              // surface text of the mention ("Sergey Lavrov")
  uint32_t first = 0, last = 0;  // token range of the mention
};

// A coded event: who did what to whom, anchored and attributed. Filled by the events stage, then
// anchored by time/geo (date, place, quantities) and attributed by claims.
struct Event {
  uint32_t sentence = 0;                         // index into Doc::sentences
  uint32_t trigger_first = 0, trigger_last = 0;  // token range of the verb or event noun
  ActorRef source, target;
  std::string code;    // CAMEO event code, e.g. "043"
  std::string root;    // first two digits, e.g. "04"
  int quad_class = 0;  // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0;
  std::string plover;  // PLOVER event type, e.g. "CONSULT"
  bool negated = false;
  std::string modality;  // "" (factual), "intend", "agree", "possible", "demand", ...
  std::string speaker;   // actor code or name of the quoted speaker, if quoted
  // --- anchors ---
  std::string date;           // TIMEX3 value of the event's date
  bool date_assumed = true;   // true when the publication date stands in
  int timex = -1;             // index into Doc::timexes, -1 if none
  std::string place;          // place name as resolved ("Kursk")
  std::string place_country;  // ISO2/ISO3 country of the place
  std::string place_adm1;     // admin-1 name
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;  // 0 if unresolved
  std::vector<Quantity> quantities;
  // --- attribution ---
  std::string claimant;                 // who asserts it: quoted speaker, agency, or the outlet
  std::string evidential = "asserted";  // asserted, reported, alleged, believed, denied
  std::string credibility;              // Admiralty-style grade, e.g. "B2"
};

struct Doc {
  // --- set by ingest ---
  std::string id;  // stable id: from the input, else derived from the content hash
  std::string url, source, title;
  std::string published;         // ISO 8601 date (YYYY-MM-DD) or "" when unknown
  std::string published_origin;  // "metadata", "text", or "unknown"
  std::string path;              // input file (and line for JSONL: "file.jsonl:12")

  // --- set by text cleaning ---
  std::string text;  // clean UTF-8 text; every offset below is a byte offset into it
  std::vector<Span> paragraphs;

  // --- set by segmentation (text stage): one entry per token ---
  std::vector<Span> tokens;
  std::vector<Sentence> sentences;

  // --- set by the nlp stage, parallel to `tokens` ---
  std::vector<Upos> upos;
  std::vector<uint8_t> xpos;  // index into xpos_table()
  std::vector<std::string> lemma;
  std::vector<int32_t> head;     // token index of the head *within the document*, -1 for root
  std::vector<uint8_t> deprel;   // index into deprel_table()
  std::vector<Entity> entities;  // sorted by first token

  // --- set by later stages ---
  std::vector<Timex> timexes;        // time stage, sorted by first token
  std::vector<Quantity> quantities;  // time stage (quantities are anchors too)
  std::vector<Place> places;         // geo stage, sorted by first token
  std::vector<Event> events;         // events stage, then anchored (time, geo) and attributed (claims)

  std::string_view token_text(uint32_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].size());
  }
  std::string_view span_text(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  uint32_t num_tokens() const { return static_cast<uint32_t>(tokens.size()); }
  // Index of the sentence holding token i (binary search).
  uint32_t sentence_of(uint32_t token) const;
  // Head of the token range [first, last) in the parse: the token whose head lies outside the
  // range. A range that is not one constituent has several; the one nearest the root wins (ties:
  // the leftmost), because that is where the range attaches to the rest of the sentence.
  // Needs `head`; returns `first` when the document is not parsed.
  uint32_t phrase_head(uint32_t first, uint32_t last) const;
};

}  // namespace dyad
