// filter_sql.h — the one place where an EventFilter becomes SQL (shared by every backend).
//
// The result is a list of conditions over the aliases
//   e = events, d = documents, s = sentences, c = clusters
// joined with AND, plus the values to bind, in placeholder order. Values are never pasted into
// the SQL text: every user-supplied string travels as a bound parameter. SQLite gets "?"
// placeholders, PostgreSQL "$n" numbered from `first_placeholder` (so a caller can put its own
// parameters before or after, or use the same filter twice in one statement).
//
// Joins: the conditions on e alone need no join. `needs_sentence` says that s must be joined
// (`JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence` and d for its text);
// `needs_cluster` that c must be (`JOIN clusters c ON c.id = e.cluster`). Document-level
// constraints are written as subqueries on e.doc, so d is only needed for the sentence text.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/query.h"

namespace dyad {

enum class SqlDialect { kSqlite, kPostgres };

using SqlValue = std::variant<int64_t, double, std::string>;

struct FilterSql {
  std::string where;  // "cond AND cond ..." or "1=1" when the filter is empty (never starts with WHERE)
  std::vector<SqlValue> values;
  bool needs_sentence = false;
  bool needs_cluster = false;
  int next_placeholder = 1;  // first unused $n number (PostgreSQL)
};

FilterSql filter_sql(const EventFilter& f, SqlDialect dialect, int first_placeholder = 1);

// SQL expression for the evidence sentence text (needs d and s joined): SQLite substr counts
// characters, but spans are byte offsets, so the text is cut as bytes.
const char* sentence_text_sql(SqlDialect dialect);

// Upper bound for a prefix range scan: every string starting with `prefix` compares >= prefix and
// < the result (binary collation). Empty when no such bound exists (prefix of 0xFF bytes).
std::string prefix_upper_bound(std::string prefix);

// LIKE pattern matching `s` literally anywhere ('%' and '_' escaped with '\').
std::string like_contains(const std::string& s);

}  // namespace dyad
