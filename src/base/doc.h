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
  ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X,
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
uint8_t xpos_id(std::string_view name);    // kUnknownLabel if not in the table
uint8_t deprel_id(std::string_view name);  // kUnknownLabel if not in the table
std::string_view xpos_name(uint8_t id);    // "" for kUnknownLabel
std::string_view deprel_name(uint8_t id);  // "" for kUnknownLabel

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

struct Doc {
  // --- set by ingest ---
  std::string id;         // stable id: from the input, else derived from the content hash
  std::string url, source, title;
  std::string published;  // ISO 8601 date (YYYY-MM-DD) or "" when unknown
  std::string published_origin;  // "metadata", "text", or "unknown"
  std::string path;       // input file (and line for JSONL: "file.jsonl:12")

  // --- set by text cleaning ---
  std::string text;        // clean UTF-8 text; every offset below is a byte offset into it
  std::vector<Span> paragraphs;

  // --- set by segmentation (text stage): one entry per token ---
  std::vector<Span> tokens;
  std::vector<Sentence> sentences;

  // --- set by the nlp stage, parallel to `tokens` ---
  std::vector<Upos> upos;
  std::vector<uint8_t> xpos;     // index into xpos_table()
  std::vector<std::string> lemma;
  std::vector<int32_t> head;     // token index of the head *within the document*, -1 for root
  std::vector<uint8_t> deprel;   // index into deprel_table()
  std::vector<Entity> entities;  // sorted by first token

  std::string_view token_text(uint32_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].size());
  }
  std::string_view span_text(Span s) const {
    return std::string_view(text).substr(s.begin, s.size());
  }
  uint32_t num_tokens() const { return static_cast<uint32_t>(tokens.size()); }
  // Index of the sentence holding token i (binary search).
  uint32_t sentence_of(uint32_t token) const;
};

}  // namespace dyad
