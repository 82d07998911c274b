// SQLite side of event clusters: fetch candidates, store the choice of store/dedup.h, keep the
// per-cluster counts and the corroborated grades in step.
#include <string>
#include <vector>

#include "claims/claims.h"
#include "store/dedup.h"
#include "store/sqlite_store_impl.h"

namespace dyad {
namespace {

constexpr const char* kMentionCols =
    "id, cluster, source_code, target_code, code, date, date_assumed, negated, place_country, lat, lon, "
    "geonames_id";

DedupMention mention_of(const sqlite::Stmt& q) {
  DedupMention m;
  m.id = q.int64(0);
  m.cluster = q.int64(1);
  m.source = q.text(2);
  m.target = q.text(3);
  m.code = q.text(4);
  m.date = q.text(5);
  m.date_assumed = q.int64(6) != 0;
  m.negated = q.int64(7) != 0;
  m.place_country = q.text(8);
  m.lat = q.real(9);
  m.lon = q.real(10);
  m.has_coords = q.int64(11) != 0 || m.lat != 0 || m.lon != 0;
  return m;
}

// The grade of one mention given the outlets of its cluster; empty if the base grade is not a
// letter + digit (claims stage not run) or the evidential status is unknown.
std::string corroborated(const std::string& base, const std::string& evidential, int64_t sources) {
  Evidential e;
  if (base.size() < 2 || !parse_evidential(evidential, &e)) return base;
  return credibility_grade(base[0], e, static_cast<int>(sources - 1));
}

}  // namespace

void SqliteStore::Impl::prepare_dedup() {
  dd_candidates = sqlite::Stmt(
      db, (std::string("SELECT ") + kMentionCols +
           " FROM events WHERE dedup_key = ?1 AND date >= ?2 AND date <= ?3 AND cluster <> 0 AND id <> ?4")
              .c_str());
  dd_self = sqlite::Stmt(db, (std::string("SELECT ") + kMentionCols + " FROM events WHERE id = ?").c_str());
  dd_set_cluster = sqlite::Stmt(db, "UPDATE events SET cluster = ? WHERE id = ?");
  dd_new_cluster = sqlite::Stmt(db, "INSERT INTO clusters(id, mentions, sources) VALUES (?, 1, 1)");
  dd_cluster_counts = sqlite::Stmt(db, "SELECT mentions, sources FROM clusters WHERE id = ?");
  dd_cluster_sources =
      sqlite::Stmt(db,
                   "SELECT count(*), count(DISTINCT d.outlet) FROM events e JOIN documents d ON "
                   "d.doc = e.doc WHERE e.cluster = ?");
  dd_set_counts = sqlite::Stmt(db, "UPDATE clusters SET mentions = ?, sources = ? WHERE id = ?");
  dd_members =
      sqlite::Stmt(db, "SELECT id, credibility_base, evidential, credibility FROM events WHERE cluster = ?");
  dd_set_grade = sqlite::Stmt(db, "UPDATE events SET credibility = ? WHERE id = ?");
  dd_clusters_of_doc = sqlite::Stmt(db, "SELECT DISTINCT cluster FROM events WHERE doc = ? AND cluster <> 0");
  dd_drop_cluster = sqlite::Stmt(db, "DELETE FROM clusters WHERE id = ?");
}

void SqliteStore::Impl::reset_dedup_statements() {
  for (sqlite::Stmt* s :
       {&dd_self, &dd_candidates, &dd_set_cluster, &dd_new_cluster, &dd_cluster_counts, &dd_set_counts,
        &dd_cluster_sources, &dd_members, &dd_set_grade, &dd_clusters_of_doc, &dd_drop_cluster})
    s->reset();
}

bool SqliteStore::Impl::assign_cluster(int64_t id, bool regrade) {
  dd_self.bind(1, id);
  if (!dd_self.step()) {
    dd_self.reset();
    return false;
  }
  const DedupMention m = mention_of(dd_self);
  dd_self.reset();
  int64_t cluster = 0;
  int64_t day = 0;
  if (dedupable(m) && day_number(m.date, &day)) {
    const int w = candidate_window_days(m);
    std::vector<DedupMention> cands;
    dd_candidates.bind(1, dedup_key(m)).bind(2, date_of_day(day - w));
    dd_candidates.bind(3, date_of_day(day + w) + "~").bind(4, id);
    while (dd_candidates.step()) cands.push_back(mention_of(dd_candidates));
    dd_candidates.reset();
    cluster = choose_cluster(m, cands);
  }
  if (cluster == 0) {
    dd_set_cluster.bind(1, id).bind(2, id).run();
    dd_new_cluster.bind(1, id).run();
    return false;
  }
  dd_set_cluster.bind(1, cluster).bind(2, id).run();
  if (regrade) refresh_cluster(cluster);
  return true;
}

void SqliteStore::Impl::refresh_cluster(int64_t cluster) {
  dd_cluster_sources.bind(1, cluster);
  int64_t mentions = 0, sources = 0;
  if (dd_cluster_sources.step())
    mentions = dd_cluster_sources.int64(0), sources = dd_cluster_sources.int64(1);
  dd_cluster_sources.reset();
  if (mentions == 0) {
    dd_drop_cluster.bind(1, cluster).run();
    return;
  }
  dd_cluster_counts.bind(1, cluster);
  int64_t old_sources = -1;
  if (dd_cluster_counts.step()) old_sources = dd_cluster_counts.int64(1);
  dd_cluster_counts.reset();
  if (old_sources < 0) {
    // The cluster's first mention was deleted with its document; the id lives on as the key.
    sqlite::Stmt ins(db, "INSERT INTO clusters(id, mentions, sources) VALUES (?, ?, ?)");
    ins.bind(1, cluster).bind(2, mentions).bind(3, sources).run();
  } else {
    dd_set_counts.bind(1, mentions).bind(2, sources).bind(3, cluster).run();
  }
  // Grades depend only on the outlet count; recompute every member (a new member needs its own).
  struct Member {
    int64_t id;
    std::string grade;
  };
  std::vector<Member> changed;
  dd_members.bind(1, cluster);
  while (dd_members.step()) {
    std::string g = corroborated(dd_members.text(1), dd_members.text(2), sources);
    if (g != dd_members.text(3)) changed.push_back({dd_members.int64(0), std::move(g)});
  }
  dd_members.reset();
  for (const Member& c : changed) dd_set_grade.bind(1, c.grade).bind(2, c.id).run();
}

std::vector<int64_t> SqliteStore::Impl::clusters_of_doc(int64_t doc) {
  std::vector<int64_t> out;
  dd_clusters_of_doc.bind(1, doc);
  while (dd_clusters_of_doc.step()) out.push_back(dd_clusters_of_doc.int64(0));
  dd_clusters_of_doc.reset();
  return out;
}

DedupStats SqliteStore::Impl::rebuild() {
  DedupStats st;
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("UPDATE events SET cluster = 0; DELETE FROM clusters");
    // In ingest order (event ids grow with ingest), in batches so no statement reads the table
    // while it is being updated.
    sqlite::Stmt batch(db, "SELECT id FROM events WHERE id > ? ORDER BY id LIMIT 10000");
    int64_t last = 0;
    for (;;) {
      std::vector<int64_t> ids;
      batch.bind(1, last);
      while (batch.step()) ids.push_back(batch.int64(0));
      batch.reset();
      if (ids.empty()) break;
      for (int64_t id : ids) {
        ++st.events;
        if (assign_cluster(id, /*regrade=*/false)) ++st.merged;
      }
      last = ids.back();
    }
    // Counts and grades once at the end instead of after every join.
    db.exec(
        "UPDATE clusters SET (mentions, sources) = (SELECT count(*), count(DISTINCT d.outlet) FROM events e "
        "JOIN documents d ON d.doc = e.doc WHERE e.cluster = clusters.id)");
    sqlite::Stmt all(db,
                     "SELECT e.id, e.credibility_base, e.evidential, e.credibility, c.sources FROM events e "
                     "JOIN clusters c ON c.id = e.cluster");
    std::vector<std::pair<int64_t, std::string>> changed;
    while (all.step()) {
      std::string g = corroborated(all.text(1), all.text(2), all.int64(4));
      if (g != all.text(3)) changed.emplace_back(all.int64(0), std::move(g));
    }
    for (const auto& [id, g] : changed) dd_set_grade.bind(1, g).bind(2, id).run();
    sqlite::Stmt n(db, "SELECT count(*) FROM clusters");
    st.clusters = n.step() ? n.int64(0) : 0;
    db.exec("COMMIT");
  } catch (...) {
    reset_dedup_statements();
    db.exec("ROLLBACK");
    throw;
  }
  return st;
}

}  // namespace dyad
