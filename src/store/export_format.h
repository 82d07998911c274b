// export_format.h — EventRow as JSON, RFC 4180 CSV and GDELT 2.0 event-table TSV.
//
// Shared by `dyad query`, `dyad export` and the HTTP API so an event looks the same everywhere.
// The GDELT mapping (which of the 61 columns dyad fills, and how) is documented in docs/export.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "store/query.h"

namespace dyad {

nlohmann::json event_json(const EventRow& r);

// CSV (RFC 4180): comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted
// and inner quotes doubled.
std::string csv_field(std::string_view s);
std::string csv_header();                // column names, with CRLF
std::string csv_row(const EventRow& r);  // one record, with CRLF

// GDELT 2.0 event table: 61 tab-separated columns, "\n" line ends, no header (as GDELT ships it).
constexpr int kGdeltColumns = 61;
const std::vector<std::string>& gdelt_column_names();
// The 61 fields of one row (tabs and newlines inside values become spaces).
std::vector<std::string> gdelt_fields(const EventRow& r);
std::string gdelt_row(const EventRow& r);  // with "\n"

}  // namespace dyad
