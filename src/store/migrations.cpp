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
