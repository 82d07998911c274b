// published_date.h — finding a document's publication date when its metadata has none.
//
// Order of trust (see read.h): metadata (JSONL "published", HTML <meta>), then a date near the top
// of the text (a dateline "MOSCOW, July 12, 2025 -" or a byline date), then the latest absolute
// date anywhere in the text — flagged as such, because a document usually post-dates everything
// it mentions but may be much later — else unknown. For a lone .txt/.html file, a date in its file
// name ranks after a date near the top of the text and before the latest date in the body.
#pragma once

#include <string>
#include <string_view>

namespace dyad {

// Normalises a metadata date ("2025-07-12", "2025-07-12T08:00:00Z", "July 12, 2025",
// "12 July 2025", "Jul. 12, 2025") to YYYY-MM-DD; "" if it is not a valid calendar date.
std::string normalize_date(std::string_view s);

struct TextDate {
  std::string date;    // YYYY-MM-DD, "" if the text holds no absolute date
  std::string origin;  // "text" (near the top) or "text-latest" (latest date in the body); "" if none
};
// `top_bytes`: how far from the start a date still counts as the document's own date.
TextDate date_from_text(std::string_view text, size_t top_bytes = 400);

// The date a file's name carries: "seed-russia-dprk-2025-07.txt" -> "2025-07" (month precision),
// "report_2025-07-12.html" or "20250712-report.txt" -> "2025-07-12"; "" if none. Only the last
// path component counts; a digit run longer than the date ("202507123") is not a date. The
// first date in the name wins.
std::string date_from_filename(std::string_view path);

}  // namespace dyad
