#include "store/pg_migrations.h"

#include <stdexcept>
#include <string>

#include "store/pg_conn.h"

namespace dyad::pg {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> m = {
      {1, R"sql(
CREATE TABLE documents (
  doc bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL,
  content_key text NOT NULL UNIQUE,
  url text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  title text NOT NULL DEFAULT '',
  published text NOT NULL DEFAULT '',
  published_origin text NOT NULL DEFAULT '',
  path text NOT NULL DEFAULT '',
  text text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'ok',
  error text NOT NULL DEFAULT '',
  stages text NOT NULL DEFAULT '',
  ingested_at timestamptz NOT NULL DEFAULT now(),
  outlet text NOT NULL DEFAULT ''             -- store/dedup.h outlet_key(): corroboration counts outlets
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE sentences (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  first_token integer NOT NULL, last_token integer NOT NULL,
  "begin" integer NOT NULL, "end" integer NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE tokens (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  "begin" integer NOT NULL, "end" integer NOT NULL,
  upos text, xpos text, lemma text, head integer, deprel text,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE entities (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  first_token integer NOT NULL, last_token integer NOT NULL,
  "begin" integer NOT NULL, "end" integer NOT NULL,
  type text NOT NULL, text text NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE timexes (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  first_token integer NOT NULL, last_token integer NOT NULL,
  "begin" integer NOT NULL, "end" integer NOT NULL,
  type text NOT NULL, value text NOT NULL, mod text NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE quantities (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  first_token integer NOT NULL, last_token integer NOT NULL,
  value double precision NOT NULL, op text NOT NULL, unit text NOT NULL, actor text NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE TABLE places (
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  first_token integer NOT NULL, last_token integer NOT NULL,
  geonames_id bigint NOT NULL, name text NOT NULL, country text NOT NULL, adm1 text NOT NULL,
  feature text NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL,
  PRIMARY KEY (doc, idx)
);
-- Events carry a store-wide id, the cluster (real-world event, store/dedup.h) they belong to and
-- their grade before corroboration, as in SQLite migration 3. Code and date columns use the "C"
-- collation: byte order as in SQLite, and LIKE 'prefix%' (filter_sql.h) can use the indexes.
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc bigint NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx integer NOT NULL,
  sentence integer NOT NULL,
  trigger_first integer NOT NULL, trigger_last integer NOT NULL, trigger_text text NOT NULL,
  source_code text COLLATE "C" NOT NULL, source_name text NOT NULL, source_first integer NOT NULL,
  source_last integer NOT NULL,
  target_code text COLLATE "C" NOT NULL, target_name text NOT NULL, target_first integer NOT NULL,
  target_last integer NOT NULL,
  code text COLLATE "C" NOT NULL, root text COLLATE "C" NOT NULL, quad_class integer NOT NULL,
  goldstein double precision NOT NULL,
  plover text NOT NULL, negated integer NOT NULL, modality text NOT NULL, speaker text NOT NULL,
  date text COLLATE "C" NOT NULL, date_assumed integer NOT NULL, timex integer NOT NULL,
  place text NOT NULL, place_country text NOT NULL, place_adm1 text NOT NULL,
  lat double precision NOT NULL, lon double precision NOT NULL, geonames_id bigint NOT NULL,
  quantities text NOT NULL,
  claimant text NOT NULL, evidential text NOT NULL,
  credibility text NOT NULL,                   -- grade after corroboration by other outlets
  credibility_base text NOT NULL DEFAULT '',   -- grade of this mention alone
  cluster bigint NOT NULL DEFAULT 0,           -- clusters.id
  dedup_key text COLLATE "C" NOT NULL DEFAULT '', -- store/dedup.h dedup_key(): candidate lookup, '' = none
  UNIQUE (doc, idx)
);
-- (SQLite also has events(source_code, target_code) and events(code): prefixes of the two below.)
CREATE INDEX events_date ON events(date);
-- goldstein included (SQLite migration 6): the network's GROUP BY with a Goldstein sum reads the index only.
CREATE INDEX events_dyad_date_gs ON events(source_code, target_code, date, goldstein);
CREATE INDEX events_target_source_date ON events(target_code, source_code, date);
CREATE INDEX events_code_date ON events(code, date);
CREATE INDEX events_cluster ON events(cluster);
CREATE INDEX events_dedup ON events(dedup_key, date);
CREATE TABLE clusters (
  id bigint PRIMARY KEY,                       -- the id of the cluster's first mention
  mentions bigint NOT NULL,
  sources bigint NOT NULL                      -- distinct outlets
);
CREATE TABLE errors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  location text NOT NULL,
  message text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
)sql"},
      // The work queue (docs/postgres.md): one row per input document, claimed under a lease.
      {2, R"sql(
CREATE TABLE queue (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  content_key text NOT NULL UNIQUE,
  path text NOT NULL,                   -- "file" or "file.jsonl:LINE"
  doc_id text NOT NULL, url text NOT NULL, source text NOT NULL, title text NOT NULL,
  published text NOT NULL, published_origin text NOT NULL,
  format text NOT NULL,                 -- text | html
  raw bytea NOT NULL,                   -- the input body as read (not re-read from disk by workers)
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  lease_owner text NOT NULL DEFAULT '',
  lease_expires timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text NOT NULL DEFAULT '',
  doc bigint REFERENCES documents(doc) ON DELETE SET NULL,  -- the stored document once done
  enqueued_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- Claiming scans only unfinished items.
CREATE INDEX queue_open ON queue(id) WHERE state IN ('pending', 'running');
)sql"},
  };
  return m;
}

namespace {
constexpr const char* kLock =
    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.dyad_migrations'))";
}

int current_version(Conn& c) {
  Result t = c.exec("SELECT to_regclass('dyad_migrations') IS NOT NULL");
  if (t.text(0, 0) != "t") return 0;
  Result r = c.exec("SELECT coalesce(max(version), 0) FROM dyad_migrations");
  return static_cast<int>(r.int64(0, 0));
}

int migrate(Conn& c) {
  const int latest = migrations().empty() ? 0 : migrations().back().version;
  int version = current_version(c);
  if (version > latest)
    throw std::runtime_error("database schema version " + std::to_string(version) +
                             " is newer than this dyad build knows (" + std::to_string(latest) + ")");
  for (const Migration& m : migrations()) {
    if (m.version <= version) continue;
    Tx tx(c);
    c.exec(kLock);
    // Under the lock: another session may have created the table and applied this migration.
    c.exec(
        "CREATE TABLE IF NOT EXISTS dyad_migrations (version integer PRIMARY KEY, "
        "applied_at timestamptz NOT NULL DEFAULT now())");
    if (current_version(c) < m.version) {
      c.exec(m.sql);
      c.exec("INSERT INTO dyad_migrations(version) VALUES ($1)", {m.version});
    }
    tx.commit();
    version = m.version;
  }
  return version;
}

}  // namespace dyad::pg
