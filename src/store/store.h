// store.h — where analysed documents are kept: an abstract interface over one backend.
//
// The pipeline writes a finished dyad::Doc with put(); CLI commands read back with load() and the
// query helpers. Two backends: SQLite (sqlite_store.h) and PostgreSQL (pg_store.h);
// open_store() is the one place that chooses between them. The schema is in docs/schema.md.
//
// Idempotency: every document carries a content key (hash of the raw input bytes and the id,
// see content_key()). put() of a key that is already stored with status "ok" adds nothing and
// returns PutResult::kDuplicate. A stored failure is replaced when the same input comes back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/doc.h"
#include "store/query.h"

namespace dyad {

// Hex key identifying one input: hash of the raw input bytes mixed with the document id.
std::string content_key(std::string_view raw, std::string_view id);

struct StoreOptions {
  bool store_tokens = false;  // also write the per-token table (large; off by default)
};

// What a caller knows about a document besides the Doc itself.
struct DocRecord {
  std::string content_key;
  std::string status = "ok";  // "ok" or "failed"
  std::string error;          // for status "failed": what went wrong
  std::string stages;         // comma-separated names of the pipeline stages that ran
};

enum class PutResult { kStored, kDuplicate };

// A document as read back from the store. Entity, timex and event texts are kept alongside
// because tokens are not stored by default.
struct StoredDoc {
  int64_t rowid = 0;
  Doc doc;
  DocRecord record;
  std::string ingested_at;                 // UTC, ISO 8601
  std::vector<std::string> entity_text;    // parallel to doc.entities
  std::vector<std::string> event_trigger;  // parallel to doc.events
};

struct DedupStats {
  int64_t events = 0;    // events considered
  int64_t clusters = 0;  // clusters after the rebuild
  int64_t merged = 0;    // events that joined an existing cluster
};

struct DyadCount {
  std::string source, target;
  int64_t events = 0;
};

struct StoreSummary {
  int64_t documents = 0, failed = 0, sentences = 0, tokens = 0, entities = 0, timexes = 0;
  int64_t events = 0, actors = 0, errors = 0;
  std::vector<DyadCount> top_dyads;
};

class Store {
 public:
  virtual ~Store() = default;

  // True if an input with this content key is already stored with status "ok".
  virtual bool has(const std::string& content_key) = 0;
  // Stores one document in one transaction. Throws std::runtime_error on a database error (the
  // transaction is rolled back; nothing of the document remains).
  virtual PutResult put(const Doc& doc, const DocRecord& record) = 0;
  // Records an input that could not be read or analysed at all (no document row): "file:line".
  virtual void record_error(const std::string& where, const std::string& message) = 0;

  // A document by id, content key, path, or file name (with or without extension); the most
  // recently ingested match wins. nullopt if nothing matches.
  virtual std::optional<StoredDoc> load(const std::string& ref) = 0;
  // Counts over the whole store plus the `top_n` most frequent (source, target) actor pairs.
  virtual StoreSummary summary(int top_n) = 0;
  // Schema version after migrations.
  virtual int schema_version() = 0;

  // --- readers (query.h). Every filter is turned into SQL by filter_sql() (store/filter_sql.h). ---
  // Events matching `f`, ordered by date then id, honouring f.limit (< 0: all) and f.offset.
  virtual std::vector<EventRow> query_events(const EventFilter& f) = 0;
  // Calls `visit` for every matching event in the same order, without materialising them all
  // (exports); stops early when `visit` returns false. f.limit/f.offset apply as in query_events.
  virtual void visit_events(const EventFilter& f, const std::function<bool(const EventRow&)>& visit) = 0;
  virtual int64_t count_events(const EventFilter& f) = 0;
  // Events per period. Only events whose date is precise enough for the interval count (a
  // month-only date counts for months, not days or weeks). Periods in order, empty ones omitted.
  virtual std::vector<SeriesPoint> series(const EventFilter& f, Interval interval) = 0;
  // Directed (source, target) edges with at least `min_events` events, heaviest first; at most
  // f.limit edges (< 0: all). Events missing either actor are left out.
  virtual std::vector<NetworkEdge> network(const EventFilter& f, int64_t min_events) = 0;
  // The `n` actors most often source or target of a matching event.
  virtual std::vector<ActorCount> top_actors(const EventFilter& f, int n) = 0;
  // Documents whose id, title, outlet or URL contains `text_search` (case-insensitive; "" = all),
  // most recently ingested first.
  virtual std::vector<DocListing> list_documents(const std::string& text_search, int64_t limit,
                                                 int64_t offset) = 0;

  // --- cross-document dedup (store/dedup.h) ---
  // Recomputes every cluster from scratch (in ingest order) and every corroborated grade.
  // put() keeps clusters up to date incrementally; this is for changed rules or old stores.
  virtual DedupStats rebuild_clusters() = 0;
};

// Opens (creating and migrating if needed) the store named by `url`: a SQLite file path, or
// ":memory:", or a "postgresql://" URL (PgStore, pg_store.h).
std::unique_ptr<Store> open_store(const std::string& url, const StoreOptions& options = {});

}  // namespace dyad
