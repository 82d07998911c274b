// query.h — what readers ask of a store: filtered events, dyad time series, the actor network.
//
// This is the contract between the store backends (SQLite, PostgreSQL) and their readers
// (`dyad query`, `dyad export`, the HTTP API). Every reader builds an EventFilter from its own
// input (CLI flags, URL parameters) and never writes SQL itself, so one filter means the same
// thing everywhere. All strings are UTF-8; dates are "YYYY-MM-DD" (TIMEX3 values such as "2025-11"
// or "2024" are compared as prefixes, so a month-only event falls inside a range covering it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

// Every field is optional: an empty string / -1 means "no constraint".
struct EventFilter {
  std::string actor;              // source OR target code starts with this (e.g. "RUS" matches RUSGOV)
  std::string source;             // source code prefix
  std::string target;             // target code prefix
  bool either_direction = false;  // with source+target: also match target→source
  std::string code;               // CAMEO code prefix: "04" (a root) or "042"
  int quad_class = -1;            // 1..4
  std::string date_from;          // inclusive, YYYY-MM-DD (or a prefix)
  std::string date_to;            // inclusive
  std::string place;              // place name, ISO alpha-3 country or ADM1 name (exact, case-insensitive)
  std::string evidential;         // asserted | reported | alleged | believed | denied
  std::string doc;                // document id (documents.id)
  std::string text;               // substring of the evidence sentence (case-insensitive)
  bool include_negated = true;
  int64_t limit = 100;  // rows per page (readers cap it); < 0 = no limit
  int64_t offset = 0;
  // --- added with the SQLite query layer ---
  std::string claimant;     // substring of the claimant (case-insensitive)
  int64_t cluster = 0;      // only mentions of this cluster (0 = any)
  int64_t min_sources = 0;  // only events whose cluster has at least this many distinct outlets
};

// One event as readers see it: the coded event plus its evidence and its document's metadata.
struct EventRow {
  int64_t id = 0;       // store-wide event id (stable for the life of the store)
  std::string doc_id;   // documents.id
  int64_t doc_row = 0;  // documents.doc
  int idx = 0;          // index in the document's events
  std::string source_code, source_name, target_code, target_name;
  std::string code, root, plover;
  int quad_class = 0;
  double goldstein = 0;
  bool negated = false;
  std::string modality, speaker;
  std::string date;  // TIMEX3 value
  bool date_assumed = false;
  std::string place, place_country, place_adm1;
  double lat = 0, lon = 0;  // 0,0 with place empty means "no place"
  std::string quantities;   // JSON array as stored
  std::string claimant, evidential, credibility;
  std::string trigger;                           // trigger words
  std::string sentence;                          // evidence sentence text
  int64_t sentence_begin = 0, sentence_end = 0;  // byte offsets of the sentence in the clean text
  std::string outlet, url, published, title;     // from the document
  int64_t cluster = 0;           // id of the real-world event this mention belongs to (cross-document dedup)
  int64_t mentions = 1;          // how many stored mentions share the cluster
  int64_t sources = 1;           // how many distinct outlets share the cluster
  std::string credibility_base;  // the grade of this mention alone (credibility is after corroboration)
  int sentence_idx = 0;          // index of the evidence sentence in its document
  int64_t geonames_id = 0;       // 0 if the place is unresolved
  std::string ingested_at;       // when the document was stored (UTC, ISO 8601)
};

enum class Interval { kDay, kWeek, kMonth };

// One period of a dyad (or any filtered set) time series. `period` is "YYYY-MM-DD" for days,
// "YYYY-Www" (ISO week) for weeks, "YYYY-MM" for months.
struct SeriesPoint {
  std::string period;
  int64_t events = 0;
  double goldstein_sum = 0, goldstein_mean = 0;
  int64_t quad[4] = {0, 0, 0, 0};  // counts of quad classes 1..4
};

// A directed, weighted edge of the actor network.
struct NetworkEdge {
  std::string source, target;
  int64_t events = 0;
  double goldstein_sum = 0;
};

struct ActorCount {
  std::string code, name;
  int64_t events = 0;
};

// One stored document as listed by readers (no text).
struct DocListing {
  std::string id, title, outlet, url, published, status;
  int64_t events = 0;  // events coded in it
};

}  // namespace dyad
