// dedup.h — which stored mentions report the same real-world event (backend-neutral, pure).
//
// Several articles report one meeting: "Lavrov met Kim on Saturday" (TASS), "Kim Jong Un received
// Russia's foreign minister on June 14" (Yonhap), "Lavrov was welcomed by Kim" (Reuters). The
// store keeps every mention and groups them into a *cluster* (one real-world event). A backend
// fetches candidate mentions (same unordered actor pair, dates within candidate_window()) and
// asks choose_cluster() which cluster, if any, the new mention joins. The rules (docs/schema.md,
// "Event clusters"):
//
//  * actors: both codes known; the same (source, target), or swapped when the code is
//    symmetric (root 04 consult/meet/visit/host, 057 sign agreement, root 06 material
//    cooperation): "A met B" = "B met A", and "A visited B" (042) = "B hosted A" (043).
//  * code: the same CAMEO root. 03 (intent: "agreed to meet") and 04 (the meeting) are NOT
//    merged: the announcement and the meeting are two events, often days apart.
//  * negation: both negated or both not ("did not meet" is not the meeting).
//  * date: both full dates (YYYY-MM-DD); at most 3 days apart when both are explicit, 7 when
//    either was assumed from the publication date (reports lag the event).
//  * place: no conflict: when both have a country they agree; when both have coordinates they
//    are within 500 km.
//  * complete link: the new mention must be compatible with every candidate mention of the
//    cluster it joins, so a cluster cannot creep along a chain of daily events.
//
// Corroboration = distinct outlets in a cluster (outlet_key: documents.source, else the URL
// host, else the document). Each mention's grade is credibility_grade(letter, evidential,
// outlets - 1).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dyad {

// The fields of a stored mention the matching looks at.
struct DedupMention {
  int64_t id = 0;       // event id (0 for the new mention)
  int64_t cluster = 0;  // cluster id (0 for the new mention)
  std::string source, target, code, date;
  bool date_assumed = false;
  bool negated = false;
  std::string place_country;
  double lat = 0, lon = 0;
  bool has_coords = false;
};

// True if the (source, target) order does not matter for this CAMEO code.
bool symmetric_code(std::string_view code);

// Whether `m` can take part in dedup at all (both actors, a code, a full date).
bool dedupable(const DedupMention& m);

// Widest date distance (days) at which `m` could match anything: fetch candidates with dates in
// [date - w, date + w].
int candidate_window_days(const DedupMention& m);

// Day number of a YYYY-MM-DD date (days since 1970-01-01); false if not a full valid date.
bool day_number(std::string_view date, int64_t* out);
// Inverse of day_number.
std::string date_of_day(int64_t day);

// Whether two mentions can report the same event (the pairwise rules above).
bool compatible(const DedupMention& a, const DedupMention& b);

// The cluster `m` joins among `candidates` (any order; mentions of several clusters mixed), or 0
// for a new cluster. Among clusters `m` is compatible with completely, the closest in date wins,
// then the one with the same exact code, then the smallest cluster id.
int64_t choose_cluster(const DedupMention& m, std::span<const DedupMention> candidates);

// Key of the outlet a document comes from: lower-cased source name, else the URL host without
// "www.", else "doc:" + document id.
std::string outlet_key(std::string_view source, std::string_view url, std::string_view doc_id);

}  // namespace dyad
