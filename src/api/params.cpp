#include "api/params.h"

#include <charconv>

#include "base/utf8.h"

namespace dyad::api {
namespace {

ParamError err(std::string_view name, std::string_view what) {
  return {std::string(name), "parameter '" + std::string(name) + "': " + std::string(what)};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one name or value. False on a malformed escape.
bool decode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<ParamError> parse_text(std::string_view name, std::string_view value, std::string* out) {
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) return err(name, "must not contain control characters");
  *out = std::string(value);
  return std::nullopt;
}

std::optional<ParamError> parse_query_string(std::string_view query, ParamList* out) {
  out->clear();
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string name, value;
    if (!decode(part.substr(0, eq), &name)) return ParamError{"", "malformed percent-escape in the query"};
    if (eq != std::string_view::npos && !decode(part.substr(eq + 1), &value))
      return ParamError{name, "parameter '" + name + "': malformed percent-escape"};
    if (name.empty()) return ParamError{"", "parameter without a name in the query"};
    if (!valid_utf8(name) || name.find('\0') != std::string::npos)
      return ParamError{"", "parameter name is not valid UTF-8 text"};
    if (!valid_utf8(value) || value.find('\0') != std::string::npos)
      return err(name, "value is not valid UTF-8 text");
    out->emplace_back(std::move(name), std::move(value));
  }
  return std::nullopt;
}

std::optional<ParamError> check(const ParamList& params, std::initializer_list<std::string_view> allowed) {
  for (size_t i = 0; i < params.size(); ++i) {
    const std::string& name = params[i].first;
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      // Names are echoed back; keep them short and printable.
      std::string shown = name.substr(0, 40);
      for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\'') c = '?';
      return ParamError{shown, "unknown parameter '" + shown + "'"};
    }
    for (size_t j = 0; j < i; ++j)
      if (params[j].first == name) return err(name, "given more than once");
    if (params[i].second.size() > kMaxValueBytes)
      return err(name, "longer than " + std::to_string(kMaxValueBytes) + " bytes");
  }
  return std::nullopt;
}

const std::string* find(const ParamList& params, std::string_view name) {
  for (const auto& [n, v] : params)
    if (n == name) return &v;
  return nullptr;
}

std::optional<ParamError> parse_int(std::string_view name, std::string_view value, int64_t lo, int64_t hi,
                                    int64_t* out) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size() || value[0] == '+')
    return err(name, "must be an integer");
  if (v < lo || v > hi)
    return err(name, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  *out = v;
  return std::nullopt;
}

std::optional<ParamError> parse_bool(std::string_view name, std::string_view value, bool* out) {
  if (value == "1" || value == "true" || value == "yes") {
    *out = true;
  } else if (value == "0" || value == "false" || value == "no") {
    *out = false;
  } else {
    return err(name, "must be true or false");
  }
  return std::nullopt;
}

std::optional<ParamError> parse_actor(std::string_view name, std::string_view value, std::string* out) {
  if (value.empty() || value.size() > 32)
    return err(name, "must be an actor code of 1 to 32 letters or digits");
  std::string s(value);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return err(name, "must be an actor code of letters or digits (e.g. RUS, PRKMIL)");
  }
  *out = std::move(s);
  return std::nullopt;
}

std::optional<ParamError> parse_date(std::string_view name, std::string_view value, std::string* out) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const char* bad = "must be a date YYYY, YYYY-MM or YYYY-MM-DD";
  if (value.size() != 4 && value.size() != 7 && value.size() != 10) return err(name, bad);
  if (!all_digits(value.substr(0, 4))) return err(name, bad);
  if (value.size() >= 7) {
    if (value[4] != '-' || !all_digits(value.substr(5, 2))) return err(name, bad);
    int m = to_int(value.substr(5, 2));
    if (m < 1 || m > 12) return err(name, "month must be 01..12");
    if (value.size() == 10) {
      if (value[7] != '-' || !all_digits(value.substr(8, 2))) return err(name, bad);
      int d = to_int(value.substr(8, 2));
      if (d < 1 || d > kDays[m - 1]) return err(name, "day out of range for the month");
    }
  }
  *out = std::string(value);
  return std::nullopt;
}

std::optional<ParamError> parse_interval(std::string_view name, std::string_view value, Interval* out) {
  if (value == "day") {
    *out = Interval::kDay;
  } else if (value == "week") {
    *out = Interval::kWeek;
  } else if (value == "month") {
    *out = Interval::kMonth;
  } else {
    return err(name, "must be day, week or month");
  }
  return std::nullopt;
}

std::optional<ParamError> parse_event_filter(const ParamList& params, EventFilter* out,
                                             int64_t default_limit) {
  EventFilter f;
  f.limit = default_limit;
  for (const auto& [name, value] : params) {
    std::optional<ParamError> e;
    if (name == "actor") {
      e = parse_actor(name, value, &f.actor);
    } else if (name == "source") {
      e = parse_actor(name, value, &f.source);
    } else if (name == "target") {
      e = parse_actor(name, value, &f.target);
    } else if (name == "either") {
      e = parse_bool(name, value, &f.either_direction);
    } else if (name == "code") {
      if (value.empty() || value.size() > 4 || !all_digits(value))
        e = err(name, "must be a CAMEO code prefix of 1 to 4 digits (e.g. 04, 042)");
      else
        f.code = value;
    } else if (name == "quad") {
      int64_t q = 0;
      e = parse_int(name, value, 1, 4, &q);
      if (!e) f.quad_class = static_cast<int>(q);
    } else if (name == "from") {
      e = parse_date(name, value, &f.date_from);
    } else if (name == "to") {
      e = parse_date(name, value, &f.date_to);
    } else if (name == "place") {
      e = parse_text(name, value, &f.place);
    } else if (name == "evidential") {
      if (value == "asserted" || value == "reported" || value == "alleged" || value == "believed" ||
          value == "denied")
        f.evidential = value;
      else
        e = err(name, "must be asserted, reported, alleged, believed or denied");
    } else if (name == "doc") {
      e = parse_text(name, value, &f.doc);
    } else if (name == "text") {
      e = parse_text(name, value, &f.text);
    } else if (name == "negated") {
      e = parse_bool(name, value, &f.include_negated);
    } else if (name == "limit") {
      // Capped rather than refused: "give me as many as you will" is a fair request.
      e = parse_int(name, value, 1, INT64_MAX, &f.limit);
      if (!e && f.limit > kMaxLimit) f.limit = kMaxLimit;
    } else if (name == "offset") {
      e = parse_int(name, value, 0, kMaxOffset, &f.offset);
    }
    if (e) return e;
  }
  // "to" may be a prefix covering a whole month or year: from=2025-07-20&to=2025-07 is fine.
  if (!f.date_from.empty() && !f.date_to.empty() && f.date_from.substr(0, f.date_to.size()) > f.date_to)
    return err("from", "is after 'to'");
  *out = std::move(f);
  return std::nullopt;
}

}  // namespace dyad::api
