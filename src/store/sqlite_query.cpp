// SqliteStore readers (query.h): filtered events, counts, time series, the actor network, top
// actors, document listings. Every WHERE clause comes from filter_sql().
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "store/dedup.h"
#include "store/sqlite_store_impl.h"
#include "time/calendar.h"

namespace dyad {

int bind_values(sqlite::Stmt& st, const std::vector<SqlValue>& values, int first) {
  int i = first;
  for (const SqlValue& v : values) {
    if (const auto* n = std::get_if<int64_t>(&v)) st.bind(i++, *n);
    else if (const auto* d = std::get_if<double>(&v)) st.bind(i++, *d);
    else st.bind(i++, std::get<std::string>(v));
  }
  return i;
}

namespace {

// FROM clause with the joins the filter needs.
std::string from_clause(const FilterSql& fs) {
  std::string s = " FROM events e";
  if (fs.needs_sentence)
    s += " JOIN documents d ON d.doc = e.doc JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence";
  if (fs.needs_cluster) s += " JOIN clusters c ON c.id = e.cluster";
  return s;
}

// Deferred join: the filter, order and page run over events (and the joins the filter needs)
// selecting ids only; documents, sentence text and clusters are joined for the page's rows alone.
// Otherwise SQLite computes every result column (sentence text!) of every match before sorting.
std::string row_sql(const FilterSql& fs) {
  return std::string(
             "SELECT e.id, d.id, e.doc, e.idx, e.source_code, e.source_name, e.target_code, e.target_name, "
             "e.code, e.root, e.plover, e.quad_class, e.goldstein, e.negated, e.modality, e.speaker, e.date, "
             "e.date_assumed, e.place, e.place_country, e.place_adm1, e.lat, e.lon, e.quantities, e.claimant, "
             "e.evidential, e.credibility, e.trigger_text, ") +
         sentence_text_sql(SqlDialect::kSqlite) +
         ", s.begin, s.end, CASE WHEN d.source <> '' THEN d.source ELSE d.outlet END, d.url, d.published, "
         "d.title, e.cluster, coalesce(c.mentions, 1), coalesce(c.sources, 1), e.credibility_base, e.sentence, "
         "e.geonames_id, d.ingested_at "
         "FROM (SELECT e.id AS pid, e.date AS pdate" +
         from_clause(fs) + " WHERE " + fs.where +
         " ORDER BY e.date, e.id LIMIT ? OFFSET ?) AS p "
         "JOIN events e ON e.id = p.pid JOIN documents d ON d.doc = e.doc "
         "LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence "
         "LEFT JOIN clusters c ON c.id = e.cluster ORDER BY p.pdate, p.pid";
}

EventRow row_of(const sqlite::Stmt& q) {
  EventRow r;
  int c = 0;
  r.id = q.int64(c++);
  r.doc_id = q.text(c++);
  r.doc_row = q.int64(c++);
  r.idx = static_cast<int>(q.int64(c++));
  r.source_code = q.text(c++);
  r.source_name = q.text(c++);
  r.target_code = q.text(c++);
  r.target_name = q.text(c++);
  r.code = q.text(c++);
  r.root = q.text(c++);
  r.plover = q.text(c++);
  r.quad_class = static_cast<int>(q.int64(c++));
  r.goldstein = q.real(c++);
  r.negated = q.int64(c++) != 0;
  r.modality = q.text(c++);
  r.speaker = q.text(c++);
  r.date = q.text(c++);
  r.date_assumed = q.int64(c++) != 0;
  r.place = q.text(c++);
  r.place_country = q.text(c++);
  r.place_adm1 = q.text(c++);
  r.lat = q.real(c++);
  r.lon = q.real(c++);
  r.quantities = q.text(c++);
  r.claimant = q.text(c++);
  r.evidential = q.text(c++);
  r.credibility = q.text(c++);
  r.trigger = q.text(c++);
  r.sentence = q.text(c++);
  r.sentence_begin = q.int64(c++);
  r.sentence_end = q.int64(c++);
  r.outlet = q.text(c++);
  r.url = q.text(c++);
  r.published = q.text(c++);
  r.title = q.text(c++);
  r.cluster = q.int64(c++);
  r.mentions = q.int64(c++);
  r.sources = q.int64(c++);
  r.credibility_base = q.text(c++);
  r.sentence_idx = static_cast<int>(q.int64(c++));
  r.geonames_id = q.int64(c++);
  r.ingested_at = q.text(c++);
  return r;
}

}  // namespace

void SqliteStore::visit_events(const EventFilter& f, const std::function<bool(const EventRow&)>& visit) {
  FilterSql fs = filter_sql(f, SqlDialect::kSqlite);
  sqlite::Stmt q(impl_->db, row_sql(fs).c_str());
  int i = bind_values(q, fs.values);
  q.bind(i, f.limit < 0 ? int64_t{-1} : f.limit);
  q.bind(i + 1, f.offset < 0 ? int64_t{0} : f.offset);
  while (q.step())
    if (!visit(row_of(q))) break;
}

std::vector<EventRow> SqliteStore::query_events(const EventFilter& f) {
  std::vector<EventRow> out;
  visit_events(f, [&](const EventRow& r) {
    out.push_back(r);
    return true;
  });
  return out;
}

int64_t SqliteStore::count_events(const EventFilter& f) {
  FilterSql fs = filter_sql(f, SqlDialect::kSqlite);
  sqlite::Stmt q(impl_->db, ("SELECT count(*)" + from_clause(fs) + " WHERE " + fs.where).c_str());
  bind_values(q, fs.values);
  return q.step() ? q.int64(0) : 0;
}

std::vector<SeriesPoint> SqliteStore::series(const EventFilter& f, Interval interval) {
  FilterSql fs = filter_sql(f, SqlDialect::kSqlite);
  // Per distinct (day or coarser) date in SQL, then into periods here: SQLite has no ISO week.
  sqlite::Stmt q(impl_->db,
                 ("SELECT substr(e.date, 1, 10), count(*), sum(e.goldstein), sum(e.quad_class = 1), "
                  "sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4)" +
                  from_clause(fs) + " WHERE " + fs.where +
                  " AND e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY 1")
                     .c_str());
  bind_values(q, fs.values);
  std::map<std::string, SeriesPoint> periods;
  while (q.step()) {
    const std::string date = q.text(0);
    std::string period;
    int64_t day = 0;
    if (interval == Interval::kMonth) {
      period = date.substr(0, 7);
      if (period.size() < 7 || period[4] != '-') continue;
    } else if (!day_number(date, &day)) {
      continue;  // a month-only date has no day or week
    } else if (interval == Interval::kDay) {
      period = date;
    } else {
      int y = 0, w = 0;
      timecal::iso_week(day, &y, &w);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-W%02d", y, w);
      period = buf;
    }
    SeriesPoint& p = periods[period];
    p.period = period;
    p.events += q.int64(1);
    p.goldstein_sum += q.real(2);
    for (int k = 0; k < 4; ++k) p.quad[k] += q.int64(3 + k);
  }
  std::vector<SeriesPoint> out;
  out.reserve(periods.size());
  for (auto& [k, p] : periods) {
    p.goldstein_mean = p.events ? p.goldstein_sum / static_cast<double>(p.events) : 0;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<NetworkEdge> SqliteStore::network(const EventFilter& f, int64_t min_events) {
  FilterSql fs = filter_sql(f, SqlDialect::kSqlite);
  sqlite::Stmt q(impl_->db, ("SELECT e.source_code, e.target_code, count(*) AS n, sum(e.goldstein)" +
                             from_clause(fs) + " WHERE " + fs.where +
                             " AND e.source_code <> '' AND e.target_code <> '' GROUP BY 1, 2 HAVING n >= ? "
                             "ORDER BY n DESC, 1, 2 LIMIT ?")
                                .c_str());
  int i = bind_values(q, fs.values);
  q.bind(i, std::max<int64_t>(min_events, 1));
  q.bind(i + 1, f.limit < 0 ? int64_t{-1} : f.limit);
  std::vector<NetworkEdge> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.int64(2), q.real(3)});
  return out;
}

std::vector<ActorCount> SqliteStore::top_actors(const EventFilter& f, int n) {
  // Codes only first (the code indexes cover them when the filter is empty), names for the top n.
  FilterSql a = filter_sql(f, SqlDialect::kSqlite);
  FilterSql b = filter_sql(f, SqlDialect::kSqlite);
  sqlite::Stmt q(impl_->db,
                 ("SELECT code, count(*) AS k FROM (SELECT e.source_code AS code" + from_clause(a) + " WHERE " +
                  a.where + " UNION ALL SELECT e.target_code" + from_clause(b) + " WHERE " + b.where +
                  ") WHERE code <> '' GROUP BY code ORDER BY k DESC, code LIMIT ?")
                     .c_str());
  int i = bind_values(q, a.values);
  i = bind_values(q, b.values, i);
  q.bind(i, n);
  std::vector<ActorCount> out;
  while (q.step()) out.push_back({q.text(0), "", q.int64(1)});
  sqlite::Stmt name(impl_->db,
                    "SELECT coalesce((SELECT source_name FROM events WHERE source_code = ?1 LIMIT 1), "
                    "(SELECT target_name FROM events WHERE target_code = ?1 LIMIT 1))");
  for (ActorCount& c : out) {
    name.bind(1, c.code);
    if (name.step()) c.name = name.text(0);
    name.reset();
  }
  return out;
}

std::vector<DocListing> SqliteStore::list_documents(const std::string& text_search, int64_t limit,
                                                    int64_t offset) {
  sqlite::Stmt q(impl_->db,
                 "SELECT d.id, d.title, CASE WHEN d.source <> '' THEN d.source ELSE d.outlet END, d.url, "
                 "d.published, d.status, (SELECT count(*) FROM events WHERE doc = d.doc) FROM documents d "
                 "WHERE ?1 = '' OR d.id LIKE ?2 ESCAPE '\\' OR d.title LIKE ?2 ESCAPE '\\' "
                 "OR d.source LIKE ?2 ESCAPE '\\' OR d.outlet LIKE ?2 ESCAPE '\\' OR d.url LIKE ?2 ESCAPE '\\' "
                 "ORDER BY d.doc DESC LIMIT ?3 OFFSET ?4");
  q.bind(1, text_search).bind(2, like_contains(text_search));
  q.bind(3, limit < 0 ? int64_t{-1} : limit).bind(4, offset < 0 ? int64_t{0} : offset);
  std::vector<DocListing> out;
  while (q.step())
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6)});
  return out;
}

}  // namespace dyad
