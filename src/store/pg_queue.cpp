#include "store/pg_queue.h"

#include <sys/select.h>

#include <cmath>

namespace dyad {

PgQueue::PgQueue(PgStore& store, std::string owner) : store_(store), owner_(std::move(owner)) {}

int64_t PgQueue::enqueue(const std::vector<QueueInput>& inputs) {
  pg::Conn& c = store_.conn();
  pg::Tx tx(c);
  int64_t changed = 0;
  for (const QueueInput& in : inputs) {
    const Doc& m = in.meta;
    pg::Result r = c.exec(
        "INSERT INTO queue(content_key, path, doc_id, url, source, title, published, published_origin, "
        "format, "
        "raw) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
        "ON CONFLICT (content_key) DO UPDATE SET state = 'pending', attempts = 0, last_error = '', "
        "lease_owner = '', lease_expires = NULL, finished_at = NULL WHERE queue.state = 'failed' RETURNING "
        "id",
        {in.content_key, m.path, m.id, m.url, m.source, m.title, m.published, m.published_origin,
         in.html ? "html" : "text", pg::Param::bytes(in.raw)});
    changed += r.rows();
  }
  if (changed) c.exec("NOTIFY dyad_queue");
  tx.commit();
  return changed;
}

std::optional<QueueItem> PgQueue::claim(double lease_seconds, int max_attempts) {
  pg::Conn& c = store_.conn();
  // Items whose worker died (or stalled past its lease) max_attempts times are poison: give up on
  // them, with the reason in last_error and in the errors table.
  c.exec(
      "WITH f AS (UPDATE queue SET state = 'failed', finished_at = now(), lease_owner = '', lease_expires = "
      "NULL, "
      "last_error = CASE WHEN last_error = '' THEN 'gave up after ' || attempts || "
      "' attempts: the worker died or lost its lease each time' ELSE last_error END "
      "WHERE id IN (SELECT id FROM queue WHERE state = 'running' AND lease_expires < now() AND attempts >= "
      "$1 "
      "FOR UPDATE SKIP LOCKED) RETURNING path, last_error) "
      "INSERT INTO errors(location, message) SELECT path, last_error FROM f",
      {max_attempts});
  pg::Result r = c.exec(
      "WITH c AS (SELECT id FROM queue WHERE state = 'pending' OR (state = 'running' AND lease_expires < "
      "now() "
      "AND attempts < $3) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) "
      "UPDATE queue q SET state = 'running', lease_owner = $1, "
      "lease_expires = now() + $2::double precision * interval '1 second', attempts = q.attempts + 1 "
      "FROM c WHERE q.id = c.id RETURNING q.id, q.attempts, q.content_key, q.path, q.doc_id, q.url, "
      "q.source, "
      "q.title, q.published, q.published_origin, q.format, q.raw",
      {owner_, lease_seconds, max_attempts});
  if (!r.rows()) return std::nullopt;
  QueueItem it;
  it.id = r.int64(0, 0);
  it.attempts = static_cast<int>(r.int64(0, 1));
  QueueInput& in = it.input;
  in.content_key = r.text(0, 2);
  in.meta.path = r.text(0, 3);
  in.meta.id = r.text(0, 4);
  in.meta.url = r.text(0, 5);
  in.meta.source = r.text(0, 6);
  in.meta.title = r.text(0, 7);
  in.meta.published = r.text(0, 8);
  in.meta.published_origin = r.text(0, 9);
  in.html = r.text(0, 10) == "html";
  in.raw = r.bytes(0, 11);
  return it;
}

bool PgQueue::still_mine(int64_t id) {
  return store_.conn()
             .exec("SELECT 1 FROM queue WHERE id = $1 AND lease_owner = $2 AND state = 'running' FOR UPDATE",
                   {id, owner_})
             .rows() > 0;
}

bool PgQueue::complete_if_stored(const QueueItem& item) {
  pg::Conn& c = store_.conn();
  pg::Tx tx(c);
  if (!still_mine(item.id)) return false;
  pg::Result d =
      c.exec("SELECT doc FROM documents WHERE content_key = $1 AND status = 'ok'", {item.input.content_key});
  if (!d.rows()) return false;
  c.exec("UPDATE queue SET state = 'done', doc = $2, finished_at = now(), lease_expires = NULL WHERE id = $1",
         {item.id, d.int64(0, 0)});
  tx.commit();
  return true;
}

CompleteResult PgQueue::complete(const QueueItem& item, const Doc& doc, const DocRecord& record) {
  pg::Conn& c = store_.conn();
  pg::Tx tx(c);
  if (!still_mine(item.id)) return CompleteResult::kLeaseLost;
  int64_t row = 0;
  const PutResult r = store_.put_in_tx(doc, record, &row);
  c.exec(
      "UPDATE queue SET state = 'done', doc = $2, finished_at = now(), lease_expires = NULL, last_error = '' "
      "WHERE id = $1",
      {item.id, row});
  tx.commit();
  return r == PutResult::kStored ? CompleteResult::kStored : CompleteResult::kDuplicate;
}

bool PgQueue::fail(const QueueItem& item, const std::string& error, int max_attempts, const Doc* failed_doc,
                   const DocRecord* failed_record) {
  pg::Conn& c = store_.conn();
  pg::Tx tx(c);
  if (!still_mine(item.id)) return false;
  const bool final = item.attempts >= max_attempts;
  if (!final) {
    c.exec(
        "UPDATE queue SET state = 'pending', lease_owner = '', lease_expires = NULL, last_error = $2 WHERE "
        "id = $1",
        {item.id, error});
  } else {
    int64_t row = 0;
    if (failed_doc && failed_record) store_.put_in_tx(*failed_doc, *failed_record, &row);
    c.exec(
        "UPDATE queue SET state = 'failed', lease_owner = '', lease_expires = NULL, finished_at = now(), "
        "last_error = $2, doc = $3 WHERE id = $1",
        {item.id, error, row ? pg::Param(row) : pg::Param::null_value()});
    c.exec("INSERT INTO errors(location, message) VALUES ($1, $2)",
           {item.input.meta.path, "gave up after " + std::to_string(item.attempts) + " attempts: " + error});
  }
  tx.commit();
  return final;
}

QueueStats PgQueue::stats() {
  pg::Result r = store_.conn().exec(
      "SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'running'), "
      "count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed'), "
      "count(*) FILTER (WHERE state = 'running' AND lease_expires < now()) FROM queue");
  return {r.int64(0, 0), r.int64(0, 1), r.int64(0, 2), r.int64(0, 3), r.int64(0, 4)};
}

void PgQueue::wait_for_work(double seconds) {
  pg::Conn& c = store_.conn();
  if (!listening_) {
    c.exec("LISTEN dyad_queue");
    listening_ = true;
  }
  const int fd = PQsocket(c.get());
  if (fd >= 0) {
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    timeval tv{static_cast<time_t>(seconds), static_cast<suseconds_t>(std::fmod(seconds, 1.0) * 1e6)};
    select(fd + 1, &set, nullptr, nullptr, &tv);
  }
  PQconsumeInput(c.get());
  while (PGnotify* n = PQnotifies(c.get())) PQfreemem(n);
}

bool renew_lease(pg::Conn& c, int64_t id, const std::string& owner, double lease_seconds) {
  return c.exec(
              "UPDATE queue SET lease_expires = now() + $3::double precision * interval '1 second' "
              "WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
              {id, owner, lease_seconds})
             .affected() > 0;
}

}  // namespace dyad
