// pg_store.h — the PostgreSQL implementation of Store (`--db postgresql://user@host:port/db`).
//
// Same logical schema as SQLite (pg_migrations.h), one connection per PgStore, one transaction per
// document. Child rows go in with COPY (one round trip per table instead of one per row). put() is
// idempotent through documents.content_key (UNIQUE): concurrent writers of the same input from
// several machines store it once; the loser sees PutResult::kDuplicate. Not thread-safe: one
// PgStore per thread (a connection is cheap next to analysing a document).
#pragma once

#include <memory>
#include <string>

#include "store/pg_conn.h"
#include "store/store.h"

namespace dyad {

class PgStore final : public Store {
 public:
  // Connects to `url` and applies pending migrations (safe when many processes start at once).
  PgStore(const std::string& url, const StoreOptions& options);
  ~PgStore() override;

  bool has(const std::string& content_key) override;
  PutResult put(const Doc& doc, const DocRecord& record) override;
  void record_error(const std::string& where, const std::string& message) override;
  std::optional<StoredDoc> load(const std::string& ref) override;
  StoreSummary summary(int top_n) override;
  int schema_version() override;

  // Readers (query.h), WHERE clauses from filter_sql() (pg_query.cpp).
  std::vector<EventRow> query_events(const EventFilter& f) override;
  void visit_events(const EventFilter& f, const std::function<bool(const EventRow&)>& visit) override;
  int64_t count_events(const EventFilter& f) override;
  std::vector<SeriesPoint> series(const EventFilter& f, Interval interval) override;
  std::vector<NetworkEdge> network(const EventFilter& f, int64_t min_events) override;
  std::vector<ActorCount> top_actors(const EventFilter& f, int n) override;
  std::vector<DocListing> list_documents(const std::string& text_search, int64_t limit,
                                         int64_t offset) override;
  // Cross-document dedup (pg_dedup.cpp): clusters are assigned in put() under a transaction-level
  // advisory lock, so concurrent writers on many machines cluster as if they had written one after
  // the other (the lock is taken after the rows are written: only the cluster step and the commit
  // are serialised, never the analysis).
  DedupStats rebuild_clusters() override;

  // The connection, for callers that add their own statements to a document's transaction
  // (the work queue marks its item done in the same transaction as put_in_tx).
  pg::Conn& conn() { return *conn_; }
  // put() without BEGIN/COMMIT: the caller holds an open transaction. *doc_row receives the
  // stored (or already present) documents.doc.
  PutResult put_in_tx(const Doc& doc, const DocRecord& record, int64_t* doc_row = nullptr);

 private:
  bool assign_cluster(int64_t id, bool regrade);
  void refresh_cluster(int64_t cluster);
  std::vector<int64_t> clusters_of_doc(int64_t doc);
  void lock_clusters();

  std::unique_ptr<pg::Conn> conn_;
  StoreOptions options_;
};

}  // namespace dyad
