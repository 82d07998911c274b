// sqlite_store_impl.h — SqliteStore's private state, shared by its three source files:
// sqlite_store.cpp (writing, load, summary), sqlite_query.cpp (readers), sqlite_dedup.cpp
// (event clusters). Not part of the store's interface.
#pragma once

#include <string>
#include <vector>

#include "store/dedup.h"
#include "store/filter_sql.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace dyad {

struct SqliteStore::Impl {
  sqlite::Db db;
  StoreOptions options;
  int version = 0;
  sqlite::Stmt has_key, find_key, delete_doc, ins_doc, ins_sentence, ins_token, ins_entity, ins_timex,
      ins_quantity, ins_place, ins_event, ins_error;
  // dedup
  sqlite::Stmt dd_self, dd_candidates, dd_set_cluster, dd_new_cluster, dd_cluster_counts, dd_set_counts,
      dd_cluster_sources, dd_members, dd_set_grade, dd_clusters_of_doc, dd_drop_cluster;

  Impl(const std::string& path, const StoreOptions& o);

  void write(const Doc& d, const DocRecord& r);

  // --- sqlite_dedup.cpp ---
  void prepare_dedup();
  // Puts event `id` into a cluster (an existing one or its own); `regrade` recomputes the
  // corroborated grades of the cluster it joins. Returns true if it joined an existing cluster.
  bool assign_cluster(int64_t id, bool regrade);
  // Recounts mentions and outlets of `cluster` (deleting it when empty) and regrades its mentions.
  void refresh_cluster(int64_t cluster);
  std::vector<int64_t> clusters_of_doc(int64_t doc);
  DedupStats rebuild();
  void reset_dedup_statements();
};

// Binds `values` to `st` from placeholder `first` on; returns the next placeholder number.
int bind_values(sqlite::Stmt& st, const std::vector<SqlValue>& values, int first = 1);

}  // namespace dyad
