// params.h — URL query parameters of the HTTP API, checked and turned into store filters.
//
// Everything here is pure (no I/O, no store): the server hands over the decoded parameters of a
// request and gets back either a filled EventFilter or a ParamError naming the offending parameter,
// which the API turns into `400 {"error": "..."}`. The same functions are fuzzed
// (fuzz/http_params_fuzz.cpp), so they must accept any bytes without crashing.
//
// Rules (docs/api.md): every parameter may appear at most once; names not listed for an endpoint
// are refused (a typo must not silently widen a query); values are bounded in length and checked
// against their type (actor codes, CAMEO codes, dates, enums, integers). `limit` above kMaxLimit
// is capped, not refused, so a client asking for "everything" gets the largest page.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/query.h"

namespace dyad::api {

inline constexpr int64_t kMaxLimit = 1000;        // largest page any endpoint returns
inline constexpr int64_t kMaxOffset = 100000000;  // deeper offsets are refused
inline constexpr size_t kMaxValueBytes = 200;     // longest accepted parameter value

// Decoded query parameters in request order (names may repeat; check() refuses that).
using ParamList = std::vector<std::pair<std::string, std::string>>;

struct ParamError {
  std::string param;    // the parameter at fault ("" when the query string itself is malformed)
  std::string message;  // for a person: "parameter 'quad': must be an integer 1..4"
};

// Splits and percent-decodes a raw query string ("a=1&b=x%20y", '+' is a space). A malformed
// escape ("%zz", "%4") is an error; so is a decoded NUL byte or invalid UTF-8.
std::optional<ParamError> parse_query_string(std::string_view query, ParamList* out);

// Refuses unknown names, repeated names and over-long values.
std::optional<ParamError> check(const ParamList& params, std::initializer_list<std::string_view> allowed);

// The value of `name`, or nullptr if absent.
const std::string* find(const ParamList& params, std::string_view name);

// The EventFilter parameters: actor, source, target, either, code, quad, from, to, place,
// evidential, doc, text, negated, limit, offset. Only these names are read; call check() first
// for the endpoint's full list. `default_limit` is used when limit is absent.
std::optional<ParamError> parse_event_filter(const ParamList& params, EventFilter* out,
                                             int64_t default_limit = 100);
// The names parse_event_filter() reads, for check() lists.
inline constexpr std::string_view kEventFilterParams[] = {
    "actor", "source",     "target", "either", "code",    "quad",  "from",  "to",
    "place", "evidential", "doc",    "text",   "negated", "limit", "offset"};

// Single-value parsers (exposed for the endpoints that take extra parameters and for tests).
// Each returns an error naming `name` when the value is bad.
std::optional<ParamError> parse_int(std::string_view name, std::string_view value, int64_t lo, int64_t hi,
                                    int64_t* out);
std::optional<ParamError> parse_bool(std::string_view name, std::string_view value, bool* out);
// Actor code: 1..32 ASCII letters/digits, returned upper-cased ("rus" -> "RUS").
std::optional<ParamError> parse_actor(std::string_view name, std::string_view value, std::string* out);
// Date or TIMEX3-style prefix: YYYY, YYYY-MM or YYYY-MM-DD with a real month/day.
std::optional<ParamError> parse_date(std::string_view name, std::string_view value, std::string* out);
// Free text: no control characters (length and UTF-8 are checked by check()/parse_query_string()).
std::optional<ParamError> parse_text(std::string_view name, std::string_view value, std::string* out);
// "day" | "week" | "month".
std::optional<ParamError> parse_interval(std::string_view name, std::string_view value, Interval* out);

}  // namespace dyad::api
