#include "store/migrations.h"

#include <stdexcept>
#include <string>

#include "store/sqlite_db.h"

namespace dyad::sqlite {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> m = {
      {1, R"sql(
CREATE TABLE documents (
  doc INTEGER PRIMARY KEY,          -- row id; child tables refer to it
  id TEXT NOT NULL,                 -- stable document id (input id or content hash)
  content_key TEXT NOT NULL UNIQUE, -- hash of raw input + id: re-ingest detection
  url TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',        -- YYYY-MM-DD or ''
  published_origin TEXT NOT NULL DEFAULT '', -- metadata, text, text-latest, unknown
  path TEXT NOT NULL DEFAULT '',             -- input file, "file.jsonl:LINE" for JSONL
  text TEXT NOT NULL DEFAULT '',             -- clean text; all spans are byte offsets into it
  status TEXT NOT NULL DEFAULT 'ok',         -- ok | failed
  error TEXT NOT NULL DEFAULT '',
  stages TEXT NOT NULL DEFAULT '',           -- pipeline stages that ran, comma-separated
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_id ON documents(id);
CREATE TABLE sentences (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
  begin INTEGER NOT NULL, end INTEGER NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE tokens (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL, end INTEGER NOT NULL,
  upos TEXT, xpos TEXT, lemma TEXT, head INTEGER, deprel TEXT,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE entities (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
  begin INTEGER NOT NULL, end INTEGER NOT NULL,
  type TEXT NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE timexes (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
  begin INTEGER NOT NULL, end INTEGER NOT NULL,
  type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE quantities (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
  value REAL NOT NULL, op TEXT NOT NULL, unit TEXT NOT NULL, actor TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE places (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  first_token INTEGER NOT NULL, last_token INTEGER NOT NULL,
  geonames_id INTEGER NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL, adm1 TEXT NOT NULL,
  feature TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE events (
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  trigger_first INTEGER NOT NULL, trigger_last INTEGER NOT NULL, trigger_text TEXT NOT NULL,
  source_code TEXT NOT NULL, source_name TEXT NOT NULL, source_first INTEGER NOT NULL, source_last INTEGER NOT NULL,
  target_code TEXT NOT NULL, target_name TEXT NOT NULL, target_first INTEGER NOT NULL, target_last INTEGER NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
  plover TEXT NOT NULL, negated INTEGER NOT NULL, modality TEXT NOT NULL, speaker TEXT NOT NULL,
  date TEXT NOT NULL, date_assumed INTEGER NOT NULL, timex INTEGER NOT NULL,
  place TEXT NOT NULL, place_country TEXT NOT NULL, place_adm1 TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, geonames_id INTEGER NOT NULL,
  quantities TEXT NOT NULL,         -- JSON array of {value, op, unit, actor, first, last}
  claimant TEXT NOT NULL, evidential TEXT NOT NULL, credibility TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE errors (
  id INTEGER PRIMARY KEY,
  location TEXT NOT NULL,           -- "file" or "file:line"
  message TEXT NOT NULL,
  at TEXT NOT NULL
);
)sql"},
      {2, R"sql(
CREATE INDEX events_dyad ON events(source_code, target_code);
CREATE INDEX events_code ON events(code);
CREATE INDEX documents_path ON documents(path);
)sql"},
      // 3: events get a stable integer id (rowid table instead of WITHOUT ROWID), a cluster (the
      // real-world event it reports, see store/dedup.h) and the grade before corroboration;
      // documents get their outlet key; reader indexes. Clusters are filled by the store right
      // after this migration (dedup needs C++ logic), see SqliteStore.
      {3, R"sql(
CREATE TABLE events_v3 (
  id INTEGER PRIMARY KEY AUTOINCREMENT, -- store-wide event id, never reused
  doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  trigger_first INTEGER NOT NULL, trigger_last INTEGER NOT NULL, trigger_text TEXT NOT NULL,
  source_code TEXT NOT NULL, source_name TEXT NOT NULL, source_first INTEGER NOT NULL, source_last INTEGER NOT NULL,
  target_code TEXT NOT NULL, target_name TEXT NOT NULL, target_first INTEGER NOT NULL, target_last INTEGER NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
  plover TEXT NOT NULL, negated INTEGER NOT NULL, modality TEXT NOT NULL, speaker TEXT NOT NULL,
  date TEXT NOT NULL, date_assumed INTEGER NOT NULL, timex INTEGER NOT NULL,
  place TEXT NOT NULL, place_country TEXT NOT NULL, place_adm1 TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, geonames_id INTEGER NOT NULL,
  quantities TEXT NOT NULL,
  claimant TEXT NOT NULL, evidential TEXT NOT NULL,
  credibility TEXT NOT NULL,        -- grade after corroboration by other outlets
  credibility_base TEXT NOT NULL DEFAULT '', -- grade of this mention alone
  cluster INTEGER NOT NULL DEFAULT 0 -- clusters.id
);
INSERT INTO events_v3 (doc, idx, sentence, trigger_first, trigger_last, trigger_text, source_code, source_name, source_first,
  source_last, target_code, target_name, target_first, target_last, code, root, quad_class, goldstein, plover,
  negated, modality, speaker, date, date_assumed, timex, place, place_country, place_adm1, lat, lon,
  geonames_id, quantities, claimant, evidential, credibility, credibility_base)
  SELECT doc, idx, sentence, trigger_first, trigger_last, trigger_text, source_code, source_name, source_first,
  source_last, target_code, target_name, target_first, target_last, code, root, quad_class, goldstein, plover,
  negated, modality, speaker, date, date_assumed, timex, place, place_country, place_adm1, lat, lon,
  geonames_id, quantities, claimant, evidential, credibility, credibility FROM events ORDER BY doc, idx;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
UPDATE events SET cluster = id;
CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,           -- the id of the cluster's first mention
  mentions INTEGER NOT NULL,
  sources INTEGER NOT NULL          -- distinct outlets
);
INSERT INTO clusters SELECT id, 1, 1 FROM events;
ALTER TABLE documents ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX events_doc ON events(doc, idx);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_dyad_date ON events(source_code, target_code, date);
CREATE INDEX events_target_date ON events(target_code, date);
CREATE INDEX events_code_date ON events(code, date);
CREATE INDEX events_cluster ON events(cluster);
)sql"},
      // 4: candidate lookup for dedup by one index probe: the unordered country-level actor pair
      // and CAMEO root (store/dedup.h dedup_key), filled by the store (C++), '' = not dedupable.
      {4, R"sql(
ALTER TABLE events ADD COLUMN dedup_key TEXT NOT NULL DEFAULT '';
CREATE INDEX events_dedup ON events(dedup_key, date);
)sql"},
      // 5: the target-side index also carries the source, so a dyad filter in the target-first
      // direction is checked inside the index (no table lookup per non-matching row).
      {5, R"sql(
DROP INDEX events_target_date;
CREATE INDEX events_target_source_date ON events(target_code, source_code, date);
)sql"},
      // 6: the dyad index also covers goldstein, so the actor network (GROUP BY source, target with
      // a Goldstein sum) is one sequential index scan instead of a table lookup per event.
      {6, R"sql(
DROP INDEX events_dyad_date;
CREATE INDEX events_dyad_date_gs ON events(source_code, target_code, date, goldstein);
)sql"},
  };
  return m;
}

int current_version(Db& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  Stmt q(db, "SELECT version FROM schema_version");
  return q.step() ? static_cast<int>(q.int64(0)) : 0;
}

int migrate(Db& db) {
  int version = current_version(db);
  const int latest = migrations().empty() ? 0 : migrations().back().version;
  if (version > latest)
    throw std::runtime_error("database schema version " + std::to_string(version) +
                             " is newer than this dyad build knows (" + std::to_string(latest) + ")");
  for (const Migration& m : migrations()) {
    if (m.version <= version) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have migrated between our read and the write lock: re-check.
      if (current_version(db) >= m.version) {
        db.exec("COMMIT");
        version = m.version;
        continue;
      }
      db.exec(m.sql);
      db.exec("DELETE FROM schema_version");
      Stmt set(db, "INSERT INTO schema_version(version) VALUES (?)");
      set.bind(1, m.version).run();
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
    version = m.version;
  }
  return version;
}

}  // namespace dyad::sqlite
