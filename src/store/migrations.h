// migrations.h — the numbered schema migrations of the SQLite store, applied in order.
//
// schema_version holds one row: the number of the last migration applied. Opening a store runs
// every migration above it, each in its own transaction, so an old database is brought up to date
// and a new one is built from nothing by the same code path. Never edit a published migration:
// append a new one. docs/schema.md describes the resulting tables.
#pragma once

#include <vector>

namespace dyad::sqlite {

class Db;

struct Migration {
  int version;
  const char* sql;
};
const std::vector<Migration>& migrations();

// Applies the pending migrations; returns the resulting version. Throws on a database error, or
// if the database is newer than this build knows (downgrades are refused, not guessed at).
int migrate(Db& db);
int current_version(Db& db);

}  // namespace dyad::sqlite
