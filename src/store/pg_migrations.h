// pg_migrations.h — the numbered schema migrations of the PostgreSQL store, applied in order.
//
// Same logical schema as the SQLite store (docs/schema.md), with PostgreSQL types (bigint identity
// row ids, double precision, timestamptz) plus the work queue of `dyad enqueue` / `dyad worker`
// (docs/postgres.md). Applied versions are rows of dyad_migrations(version, applied_at).
//
// Concurrency: N workers may start at once against an empty database. Each migration runs in its
// own transaction holding a transaction-level advisory lock keyed on the current schema, and the
// version is re-read under the lock, so exactly one session applies it and the others wait, see it
// applied, and go on. Never edit a published migration: append a new one.
#pragma once

#include <vector>

namespace dyad::pg {

class Conn;

struct Migration {
  int version;
  const char* sql;
};
const std::vector<Migration>& migrations();

// Applies the pending migrations; returns the resulting version. Throws on a database error or
// if the database is newer than this build knows.
int migrate(Conn& c);
// The last applied version (0 for an empty database).
int current_version(Conn& c);

}  // namespace dyad::pg
