// pg_queue.h — the PostgreSQL work queue behind `dyad enqueue` and `dyad worker`.
//
// One row per input document (a file, or one JSONL line) in table `queue`, carrying the raw input
// bytes and its ingest metadata, so workers on other machines never need the input files. States:
//
//   pending --claim--> running (lease_owner, lease_expires, attempts+1) --complete--> done
//                         |  \--fail, attempts < max--> pending (last_error kept)
//                         |  \--fail, attempts = max--> failed (+ errors row, + documents row "failed")
//                         \--lease expired: claimable again; at max attempts swept to failed
//
// claim() uses SELECT ... FOR UPDATE SKIP LOCKED, so any number of workers on any number of
// machines take distinct items without blocking each other. complete() stores the document and
// marks its item done in ONE transaction, and only while this worker still owns the lease: a worker
// killed at any moment leaves either nothing (transaction rolled back by the server when the
// connection drops; the item is re-claimed after its lease expires) or the finished document and a
// done item. documents.content_key UNIQUE is the second guard: even a worker that lost its lease
// and raced another one cannot store an input twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/doc.h"
#include "store/pg_store.h"

namespace dyad {

// One input as enqueued. `meta` carries only the ingest fields of Doc (id, url, source, title,
// published, published_origin, path).
struct QueueInput {
  std::string content_key;
  Doc meta;
  bool html = false;  // InputFormat::kHtml
  std::string raw;    // the body as read (valid UTF-8, see pipeline/read.h)
};

struct QueueItem {
  int64_t id = 0;
  int attempts = 0;  // including this claim
  QueueInput input;
};

struct QueueStats {
  int64_t pending = 0, running = 0, done = 0, failed = 0;
  int64_t expired = 0;  // running with an expired lease (its worker died or stalls)
  bool drained() const { return pending == 0 && running == 0; }
};

enum class CompleteResult { kStored, kDuplicate, kLeaseLost };

class PgQueue {
 public:
  // Works on `store`'s connection; `owner` names this worker in lease_owner ("host:pid:thread").
  PgQueue(PgStore& store, std::string owner);

  // Adds inputs in one transaction. An input already queued is left alone, except a failed one,
  // which is reset to pending (as `dyad ingest` retries a stored failure). Returns how many rows
  // were added or reset. Wakes listening workers (NOTIFY dyad_queue).
  int64_t enqueue(const std::vector<QueueInput>& inputs);

  // Takes the oldest claimable item (pending, or running with an expired lease) under a lease of
  // `lease_seconds`. Items whose lease expired `max_attempts` times are first marked failed.
  std::optional<QueueItem> claim(double lease_seconds, int max_attempts);

  // If the item's input is already stored with status ok, marks the item done and returns true.
  bool complete_if_stored(const QueueItem& item);
  // Stores `doc` and marks the item done, in one transaction, if this worker still holds the item.
  CompleteResult complete(const QueueItem& item, const Doc& doc, const DocRecord& record);
  // Analysis or storage failed: back to pending, or failed for good once attempts reach
  // `max_attempts` (then `failed_doc`, if given, is stored with status "failed" as dyad ingest does).
  // Returns true if the item is now failed for good.
  bool fail(const QueueItem& item, const std::string& error, int max_attempts,
            const Doc* failed_doc = nullptr, const DocRecord* failed_record = nullptr);

  QueueStats stats();

  // Blocks until an enqueue is notified or `seconds` pass (LISTEN dyad_queue on this connection).
  void wait_for_work(double seconds);

  const std::string& owner() const { return owner_; }

 private:
  // Locks the item if this worker still owns it (inside an open transaction).
  bool still_mine(int64_t id);

  PgStore& store_;
  std::string owner_;
  bool listening_ = false;
};

// Extends the lease of an item this owner holds (heartbeat from a second connection while a long
// document is analysed). Returns false if the item is no longer ours.
bool renew_lease(pg::Conn& c, int64_t id, const std::string& owner, double lease_seconds);

}  // namespace dyad
