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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad
