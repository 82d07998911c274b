// sqlite_store.h — the SQLite implementation of Store.
//
// One file, WAL journal (readers never block the writer), foreign keys on, one transaction per
// document, every statement prepared once and reused. Not thread-safe: one writer thread per
// SqliteStore (the ingest driver analyses in parallel and stores from one thread).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace dyad {

class SqliteStore final : public Store {
 public:
  // Opens or creates `path` (":memory:" for a private in-memory database) and migrates it.
  SqliteStore(const std::string& path, const StoreOptions& options);
  ~SqliteStore() override;

  bool has(const std::string& content_key) override;
  PutResult put(const Doc& doc, const DocRecord& record) override;
  void record_error(const std::string& where, const std::string& message) override;
  std::optional<StoredDoc> load(const std::string& ref) override;
  StoreSummary summary(int top_n) override;
  int schema_version() override;

  std::vector<EventRow> query_events(const EventFilter& f) override;
  void visit_events(const EventFilter& f, const std::function<bool(const EventRow&)>& visit) override;
  int64_t count_events(const EventFilter& f) override;
  std::vector<SeriesPoint> series(const EventFilter& f, Interval interval) override;
  std::vector<NetworkEdge> network(const EventFilter& f, int64_t min_events) override;
  std::vector<ActorCount> top_actors(const EventFilter& f, int n) override;
  std::vector<DocListing> list_documents(const std::string& text_search, int64_t limit,
                                         int64_t offset) override;
  DedupStats rebuild_clusters() override;

  struct Impl;  // public so the implementation files can share it; defined in sqlite_store_impl.h

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad
