// PostgreSQL side of event clusters: the same steps as sqlite_dedup.cpp (fetch candidates, store
// the choice of store/dedup.h, keep per-cluster counts and corroborated grades in step), run under
// one transaction-level advisory lock so that concurrent writers never cluster against each
// other's uncommitted rows or overwrite each other's counts.
#include <string>
#include <vector>

#include "claims/claims.h"
#include "store/dedup.h"
#include "store/pg_store.h"

namespace dyad {
namespace {

constexpr const char* kMentionCols =
    "id, cluster, source_code, target_code, code, date, date_assumed, negated, place_country, lat, lon, "
    "geonames_id";

DedupMention mention_of(const pg::Result& q, int row) {
  DedupMention m;
  m.id = q.int64(row, 0);
  m.cluster = q.int64(row, 1);
  m.source = q.text(row, 2);
  m.target = q.text(row, 3);
  m.code = q.text(row, 4);
  m.date = q.text(row, 5);
  m.date_assumed = q.int64(row, 6) != 0;
  m.negated = q.int64(row, 7) != 0;
  m.place_country = q.text(row, 8);
  m.lat = q.real(row, 9);
  m.lon = q.real(row, 10);
  m.has_coords = q.int64(row, 11) != 0 || m.lat != 0 || m.lon != 0;
  return m;
}

// The grade of one mention given the outlets of its cluster (as in sqlite_dedup.cpp).
std::string corroborated(const std::string& base, const std::string& evidential, int64_t sources) {
  Evidential e;
  if (base.size() < 2 || !parse_evidential(evidential, &e)) return base;
  return credibility_grade(base[0], e, static_cast<int>(sources - 1));
}

}  // namespace

void PgStore::lock_clusters() {
  conn_->exec("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.dyad_clusters'))");
}

bool PgStore::assign_cluster(int64_t id, bool regrade) {
  pg::Conn& c = *conn_;
  pg::Result self = c.exec(std::string("SELECT ") + kMentionCols + " FROM events WHERE id = $1", {id});
  if (!self.rows()) return false;
  const DedupMention m = mention_of(self, 0);
  int64_t cluster = 0, day = 0;
  if (dedupable(m) && day_number(m.date, &day)) {
    const int w = candidate_window_days(m);
    pg::Result q = c.exec(
        std::string("SELECT ") + kMentionCols +
            " FROM events WHERE dedup_key = $1 AND date >= $2 AND date <= $3 AND cluster <> 0 AND id <> $4",
        {dedup_key(m), date_of_day(day - w), date_of_day(day + w) + "~", id});
    std::vector<DedupMention> cands;
    for (int i = 0; i < q.rows(); ++i) cands.push_back(mention_of(q, i));
    cluster = choose_cluster(m, cands);
  }
  if (cluster == 0) {
    c.exec("UPDATE events SET cluster = $1 WHERE id = $1", {id});
    c.exec("INSERT INTO clusters(id, mentions, sources) VALUES ($1, 1, 1)", {id});
    return false;
  }
  c.exec("UPDATE events SET cluster = $1 WHERE id = $2", {cluster, id});
  if (regrade) refresh_cluster(cluster);
  return true;
}

void PgStore::refresh_cluster(int64_t cluster) {
  pg::Conn& c = *conn_;
  pg::Result n = c.exec(
      "SELECT count(*), count(DISTINCT d.outlet) FROM events e JOIN documents d ON d.doc = e.doc "
      "WHERE e.cluster = $1",
      {cluster});
  const int64_t mentions = n.int64(0, 0), sources = n.int64(0, 1);
  if (mentions == 0) {
    c.exec("DELETE FROM clusters WHERE id = $1", {cluster});
    return;
  }
  // The cluster's first mention may have been deleted with its document; the id lives on as the key.
  c.exec(
      "INSERT INTO clusters(id, mentions, sources) VALUES ($1, $2, $3) "
      "ON CONFLICT (id) DO UPDATE SET mentions = excluded.mentions, sources = excluded.sources",
      {cluster, mentions, sources});
  pg::Result members = c.exec(
      "SELECT id, credibility_base, evidential, credibility FROM events WHERE cluster = $1", {cluster});
  for (int i = 0; i < members.rows(); ++i) {
    const std::string g = corroborated(members.text(i, 1), members.text(i, 2), sources);
    if (g != members.text(i, 3))
      c.exec("UPDATE events SET credibility = $1 WHERE id = $2", {g, members.int64(i, 0)});
  }
}

std::vector<int64_t> PgStore::clusters_of_doc(int64_t doc) {
  pg::Result r = conn_->exec("SELECT DISTINCT cluster FROM events WHERE doc = $1 AND cluster <> 0", {doc});
  std::vector<int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.int64(i, 0));
  return out;
}

DedupStats PgStore::rebuild_clusters() {
  pg::Conn& c = *conn_;
  DedupStats st;
  pg::Tx tx(c);
  lock_clusters();
  c.exec("UPDATE events SET cluster = 0; DELETE FROM clusters");
  // In ingest order (event ids grow with ingest), in batches.
  int64_t last = 0;
  for (;;) {
    pg::Result batch = c.exec("SELECT id FROM events WHERE id > $1 ORDER BY id LIMIT 10000", {last});
    if (!batch.rows()) break;
    for (int i = 0; i < batch.rows(); ++i) {
      ++st.events;
      if (assign_cluster(batch.int64(i, 0), /*regrade=*/false)) ++st.merged;
    }
    last = batch.int64(batch.rows() - 1, 0);
  }
  // Counts and grades once at the end instead of after every join.
  c.exec(
      "UPDATE clusters c SET mentions = x.m, sources = x.s FROM (SELECT e.cluster, count(*) AS m, "
      "count(DISTINCT d.outlet) AS s FROM events e JOIN documents d ON d.doc = e.doc GROUP BY 1) x "
      "WHERE c.id = x.cluster");
  pg::Result all = c.exec(
      "SELECT e.id, e.credibility_base, e.evidential, e.credibility, c.sources FROM events e "
      "JOIN clusters c ON c.id = e.cluster");
  for (int i = 0; i < all.rows(); ++i) {
    const std::string g = corroborated(all.text(i, 1), all.text(i, 2), all.int64(i, 4));
    if (g != all.text(i, 3)) c.exec("UPDATE events SET credibility = $1 WHERE id = $2", {g, all.int64(i, 0)});
  }
  st.clusters = c.exec("SELECT count(*) FROM clusters").int64(0, 0);
  tx.commit();
  return st;
}

}  // namespace dyad
