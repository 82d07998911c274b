// PgStore readers (query.h): the same statements as sqlite_query.cpp in PostgreSQL's dialect, every
// WHERE clause from filter_sql(f, SqlDialect::kPostgres).
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "store/dedup.h"
#include "store/filter_sql.h"
#include "store/pg_store.h"
#include "time/calendar.h"

namespace dyad {
namespace {

constexpr SqlDialect kPg = SqlDialect::kPostgres;

std::vector<pg::Param> params_of(const std::vector<SqlValue>& values) {
  std::vector<pg::Param> out;
  out.reserve(values.size() + 2);
  for (const SqlValue& v : values) {
    if (const auto* n = std::get_if<int64_t>(&v))
      out.emplace_back(*n);
    else if (const auto* d = std::get_if<double>(&v))
      out.emplace_back(*d);
    else
      out.emplace_back(std::get<std::string>(v));
  }
  return out;
}

// NULL means no limit to PostgreSQL's LIMIT.
pg::Param limit_param(int64_t limit) { return limit < 0 ? pg::Param::null_value() : pg::Param(limit); }
std::string ph(int n) { return "$" + std::to_string(n); }

std::string from_clause(const FilterSql& fs) {
  std::string s = " FROM events e";
  if (fs.needs_sentence)
    s += " JOIN documents d ON d.doc = e.doc JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence";
  if (fs.needs_cluster) s += " JOIN clusters c ON c.id = e.cluster";
  return s;
}

// Deferred join, as in sqlite_query.cpp: filter, order and page over events (and the joins the
// filter needs) selecting ids only; documents, sentence text and clusters for the page's rows alone.
std::string row_sql(const FilterSql& fs) {
  const int n = fs.next_placeholder;
  return std::string(
             "SELECT e.id, d.id, e.doc, e.idx, e.source_code, e.source_name, e.target_code, e.target_name, "
             "e.code, e.root, e.plover, e.quad_class, e.goldstein, e.negated, e.modality, e.speaker, e.date, "
             "e.date_assumed, e.place, e.place_country, e.place_adm1, e.lat, e.lon, e.quantities, "
             "e.claimant, "
             "e.evidential, e.credibility, e.trigger_text, ") +
         sentence_text_sql(kPg) +
         ", s.begin, s.end, CASE WHEN d.source <> '' THEN d.source ELSE d.outlet END, d.url, d.published, "
         "d.title, e.cluster, coalesce(c.mentions, 1), coalesce(c.sources, 1), e.credibility_base, "
         "e.sentence, "
         "e.geonames_id, to_char(d.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
         "FROM (SELECT e.id AS pid, e.date AS pdate" +
         from_clause(fs) + " WHERE " + fs.where + " ORDER BY e.date, e.id LIMIT " + ph(n) + " OFFSET " +
         ph(n + 1) +
         ") AS p JOIN events e ON e.id = p.pid JOIN documents d ON d.doc = e.doc "
         "LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence "
         "LEFT JOIN clusters c ON c.id = e.cluster ORDER BY p.pdate, p.pid";
}

EventRow row_of(const pg::Result& q, int row) {
  EventRow r;
  int c = 0;
  auto t = [&] { return q.text(row, c++); };
  auto i = [&] { return q.int64(row, c++); };
  auto f = [&] { return q.real(row, c++); };
  r.id = i();
  r.doc_id = t();
  r.doc_row = i();
  r.idx = static_cast<int>(i());
  r.source_code = t();
  r.source_name = t();
  r.target_code = t();
  r.target_name = t();
  r.code = t();
  r.root = t();
  r.plover = t();
  r.quad_class = static_cast<int>(i());
  r.goldstein = f();
  r.negated = i() != 0;
  r.modality = t();
  r.speaker = t();
  r.date = t();
  r.date_assumed = i() != 0;
  r.place = t();
  r.place_country = t();
  r.place_adm1 = t();
  r.lat = f();
  r.lon = f();
  r.quantities = t();
  r.claimant = t();
  r.evidential = t();
  r.credibility = t();
  r.trigger = t();
  r.sentence = t();
  r.sentence_begin = i();
  r.sentence_end = i();
  r.outlet = t();
  r.url = t();
  r.published = t();
  r.title = t();
  r.cluster = i();
  r.mentions = i();
  r.sources = i();
  r.credibility_base = t();
  r.sentence_idx = static_cast<int>(i());
  r.geonames_id = i();
  r.ingested_at = t();
  return r;
}

}  // namespace

void PgStore::visit_events(const EventFilter& f, const std::function<bool(const EventRow&)>& visit) {
  FilterSql fs = filter_sql(f, kPg);
  std::vector<pg::Param> p = params_of(fs.values);
  p.push_back(limit_param(f.limit));
  p.push_back(f.offset < 0 ? int64_t{0} : f.offset);
  // A cursor, so an export of millions of rows never sits in memory at once.
  pg::Conn& c = *conn_;
  pg::Tx tx(c);
  c.exec("DECLARE dyad_visit NO SCROLL CURSOR FOR " + row_sql(fs), p);
  for (bool more = true; more;) {
    pg::Result r = c.exec("FETCH 1000 FROM dyad_visit");
    more = r.rows() == 1000;
    for (int i = 0; i < r.rows(); ++i)
      if (!visit(row_of(r, i))) {
        more = false;
        break;
      }
  }
  c.exec("CLOSE dyad_visit");
  tx.commit();
}

std::vector<EventRow> PgStore::query_events(const EventFilter& f) {
  FilterSql fs = filter_sql(f, kPg);
  std::vector<pg::Param> p = params_of(fs.values);
  p.push_back(limit_param(f.limit));
  p.push_back(f.offset < 0 ? int64_t{0} : f.offset);
  pg::Result r = conn_->exec(row_sql(fs), p);
  std::vector<EventRow> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(row_of(r, i));
  return out;
}

int64_t PgStore::count_events(const EventFilter& f) {
  FilterSql fs = filter_sql(f, kPg);
  return conn_->exec("SELECT count(*)" + from_clause(fs) + " WHERE " + fs.where, params_of(fs.values))
      .int64(0, 0);
}

std::vector<SeriesPoint> PgStore::series(const EventFilter& f, Interval interval) {
  FilterSql fs = filter_sql(f, kPg);
  // Per distinct (day or coarser) date in SQL, then into periods here, exactly as the SQLite store.
  pg::Result q = conn_->exec(
      "SELECT substr(e.date, 1, 10), count(*), sum(e.goldstein), count(*) FILTER (WHERE e.quad_class = 1), "
      "count(*) FILTER (WHERE e.quad_class = 2), count(*) FILTER (WHERE e.quad_class = 3), "
      "count(*) FILTER (WHERE e.quad_class = 4)" +
          from_clause(fs) + " WHERE " + fs.where + " AND e.date ~ '^[0-9]{4}-[0-9]{2}' GROUP BY 1",
      params_of(fs.values));
  std::map<std::string, SeriesPoint> periods;
  for (int row = 0; row < q.rows(); ++row) {
    const std::string date = q.text(row, 0);
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
    p.events += q.int64(row, 1);
    p.goldstein_sum += q.real(row, 2);
    for (int k = 0; k < 4; ++k) p.quad[k] += q.int64(row, 3 + k);
  }
  std::vector<SeriesPoint> out;
  out.reserve(periods.size());
  for (auto& [k, p] : periods) {
    p.goldstein_mean = p.events ? p.goldstein_sum / static_cast<double>(p.events) : 0;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<NetworkEdge> PgStore::network(const EventFilter& f, int64_t min_events) {
  FilterSql fs = filter_sql(f, kPg);
  const int n = fs.next_placeholder;
  std::vector<pg::Param> p = params_of(fs.values);
  p.push_back(std::max<int64_t>(min_events, 1));
  p.push_back(limit_param(f.limit));
  pg::Result q = conn_->exec(
      "SELECT e.source_code, e.target_code, count(*) AS n, sum(e.goldstein)" + from_clause(fs) + " WHERE " +
          fs.where + " AND e.source_code <> '' AND e.target_code <> '' GROUP BY 1, 2 HAVING count(*) >= " +
          ph(n) + " ORDER BY n DESC, 1, 2 LIMIT " + ph(n + 1),
      p);
  std::vector<NetworkEdge> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back({q.text(i, 0), q.text(i, 1), q.int64(i, 2), q.real(i, 3)});
  return out;
}

std::vector<ActorCount> PgStore::top_actors(const EventFilter& f, int n) {
  // Codes only first (as sqlite_query.cpp: the code indexes cover them), names for the top n.
  FilterSql a = filter_sql(f, kPg);
  FilterSql b = filter_sql(f, kPg, a.next_placeholder);
  std::vector<pg::Param> p = params_of(a.values);
  for (pg::Param& x : params_of(b.values)) p.push_back(std::move(x));
  p.push_back(n);
  pg::Result q = conn_->exec(
      "SELECT code, count(*) AS k FROM (SELECT e.source_code AS code" + from_clause(a) + " WHERE " + a.where +
          " UNION ALL SELECT e.target_code" + from_clause(b) + " WHERE " + b.where +
          ") x WHERE code <> '' GROUP BY code ORDER BY k DESC, code LIMIT " + ph(b.next_placeholder),
      p);
  std::vector<ActorCount> out;
  for (int i = 0; i < q.rows(); ++i) {
    pg::Result name = conn_->exec(
        "SELECT coalesce((SELECT source_name FROM events WHERE source_code = $1 LIMIT 1), "
        "(SELECT target_name FROM events WHERE target_code = $1 LIMIT 1))",
        {q.text(i, 0)});
    out.push_back({q.text(i, 0), name.rows() ? name.text(0, 0) : "", q.int64(i, 1)});
  }
  return out;
}

std::vector<DocListing> PgStore::list_documents(const std::string& text_search, int64_t limit,
                                                int64_t offset) {
  pg::Result q = conn_->exec(
      "SELECT d.id, d.title, CASE WHEN d.source <> '' THEN d.source ELSE d.outlet END, d.url, d.published, "
      "d.status, (SELECT count(*) FROM events WHERE doc = d.doc) FROM documents d "
      "WHERE $1 = '' OR d.id ILIKE $2 OR d.title ILIKE $2 OR d.source ILIKE $2 OR d.outlet ILIKE $2 "
      "OR d.url ILIKE $2 ORDER BY d.doc DESC LIMIT $3 OFFSET $4",
      {text_search, like_contains(text_search), limit_param(limit), offset < 0 ? int64_t{0} : offset});
  std::vector<DocListing> out;
  for (int i = 0; i < q.rows(); ++i)
    out.push_back(
        {q.text(i, 0), q.text(i, 1), q.text(i, 2), q.text(i, 3), q.text(i, 4), q.text(i, 5), q.int64(i, 6)});
  return out;
}

}  // namespace dyad
