#include "store/filter_sql.h"

#include <utility>

namespace dyad {

std::string prefix_upper_bound(std::string p) {
  while (!p.empty()) {
    unsigned char c = static_cast<unsigned char>(p.back());
    if (c < 0xFF) {
      p.back() = static_cast<char>(c + 1);
      return p;
    }
    p.pop_back();
  }
  return p;
}

std::string like_contains(const std::string& s) {
  std::string out = "%";
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

const char* sentence_text_sql(SqlDialect dialect) {
  return dialect == SqlDialect::kSqlite
             ? "CAST(substr(CAST(d.text AS BLOB), s.begin + 1, s.end - s.begin) AS TEXT)"
             : "convert_from(substring(convert_to(d.text, 'UTF8') from s.begin + 1 for s.end - s.begin), "
               "'UTF8')";
}

namespace {

class Builder {
 public:
  Builder(SqlDialect d, int first) : dialect_(d), next_(first) {}

  // A placeholder for `v`, recorded in order.
  std::string param(SqlValue v) {
    out_.values.push_back(std::move(v));
    if (dialect_ == SqlDialect::kSqlite) return "?";
    return "$" + std::to_string(next_++);
  }
  void add(const std::string& cond) {
    if (!out_.where.empty()) out_.where += " AND ";
    out_.where += cond;
  }

  // `col` starts with `prefix`. SQLite: a range on the binary collation (uses the index);
  // PostgreSQL: LIKE 'prefix%' (uses a text_pattern_ops / C-collation index).
  std::string prefix(const std::string& col, const std::string& prefix) {
    if (dialect_ == SqlDialect::kPostgres) {
      std::string pat = like_contains(prefix).substr(1);  // drop the leading '%'
      return col + " LIKE " + param(pat);
    }
    std::string hi = prefix_upper_bound(prefix);
    if (hi.empty()) return col + " >= " + param(prefix);
    std::string lo = param(prefix);
    return "(" + col + " >= " + lo + " AND " + col + " < " + param(hi) + ")";
  }
  // Case-insensitive substring.
  std::string contains(const std::string& expr, const std::string& s) {
    if (dialect_ == SqlDialect::kPostgres) return expr + " ILIKE " + param(like_contains(s));
    // SQLite LIKE is case-insensitive for ASCII.
    return expr + " LIKE " + param(like_contains(s)) + " ESCAPE '\\'";
  }

  FilterSql finish() {
    if (out_.where.empty()) out_.where = "1=1";
    out_.next_placeholder = next_;
    return std::move(out_);
  }
  FilterSql& out() { return out_; }

 private:
  SqlDialect dialect_;
  int next_;
  FilterSql out_;
};

}  // namespace

FilterSql filter_sql(const EventFilter& f, SqlDialect dialect, int first_placeholder) {
  Builder b(dialect, first_placeholder);
  if (!f.actor.empty())
    b.add("(" + b.prefix("e.source_code", f.actor) + " OR " + b.prefix("e.target_code", f.actor) + ")");
  if (!f.source.empty() || !f.target.empty()) {
    auto dir = [&](const std::string& src, const std::string& tgt) {
      std::string c;
      if (!src.empty()) c = b.prefix("e.source_code", src);
      if (!tgt.empty()) c += (c.empty() ? "" : " AND ") + b.prefix("e.target_code", tgt);
      return "(" + c + ")";
    };
    std::string c = dir(f.source, f.target);
    if (f.either_direction) c = "(" + c + " OR " + dir(f.target, f.source) + ")";
    b.add(c);
  }
  if (!f.code.empty()) b.add(b.prefix("e.code", f.code));
  if (f.quad_class >= 1 && f.quad_class <= 4) b.add("e.quad_class = " + b.param(int64_t{f.quad_class}));
  if (!f.date_from.empty() || !f.date_to.empty()) {
    // Only real dates (TIMEX3 values starting with a year) are placed on the time line.
    b.add(dialect == SqlDialect::kSqlite ? "e.date GLOB '[0-9][0-9][0-9][0-9]*'" : "e.date ~ '^[0-9]{4}'");
    // Prefix semantics: a month-only date "2025-11" lies in any range touching November. The
    // comparison truncates the bound to the event date's length (and vice versa); the plain
    // range before it is implied by it and lets the date index narrow the scan.
    if (!f.date_from.empty()) {
      b.add("e.date >= " + b.param(f.date_from.substr(0, 4)));
      b.add("e.date >= substr(" + b.param(f.date_from) + ", 1, length(e.date))");
    }
    if (!f.date_to.empty()) {
      b.add("e.date <= " + b.param(f.date_to + "~"));  // '~' sorts after every digit and '-'
      const std::string to = b.param(f.date_to);
      b.add("substr(e.date, 1, length(" + to + ")) <= " + b.param(f.date_to));
    }
  }
  if (!f.place.empty()) {
    // Exact, case-insensitive, on any of the three place columns.
    b.add("(lower(e.place) = lower(" + b.param(f.place) + ") OR lower(e.place_country) = lower(" +
          b.param(f.place) + ") OR lower(e.place_adm1) = lower(" + b.param(f.place) + "))");
  }
  if (!f.evidential.empty()) b.add("e.evidential = " + b.param(f.evidential));
  if (!f.claimant.empty()) b.add(b.contains("e.claimant", f.claimant));
  if (!f.doc.empty()) b.add("e.doc IN (SELECT doc FROM documents WHERE id = " + b.param(f.doc) + ")");
  if (!f.include_negated) b.add("e.negated = 0");
  if (f.cluster > 0) b.add("e.cluster = " + b.param(f.cluster));
  if (f.min_sources > 1) {
    b.add("c.sources >= " + b.param(f.min_sources));
    b.out().needs_cluster = true;
  }
  if (!f.text.empty()) {
    b.add(b.contains(sentence_text_sql(dialect), f.text));
    b.out().needs_sentence = true;
  }
  return b.finish();
}

}  // namespace dyad
