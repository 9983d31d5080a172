// The log table, after kine: every write appends a row whose id IS the revision. The row of a key
// with the greatest id is its current state; a row with deleted=1 is a tombstone.
//   created=1          the write created the key (its create revision is its own id)
//   create_revision    for created=0 rows: the revision that created the key
//   prev_revision      id of the key's previous row (0 for the first); UNIQUE(name, prev_revision)
//                      means two writes can never both succeed against the same previous revision
//   value              the new value (NULL for tombstones)
//   old_value          the previous value (updates and deletes), so history carries prevKv

import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS kine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value BLOB,
  old_value BLOB
);
CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision_uindex ON kine (name, prev_revision);
CREATE INDEX IF NOT EXISTS kine_name_id_index ON kine (name, id);
CREATE INDEX IF NOT EXISTS kine_tombstone_index ON kine (id) WHERE deleted = 1;
CREATE TABLE IF NOT EXISTS kite_meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Creates the tables and indexes when missing; refuses a database written by a newer schema. */
export function ensureSchema(db: Database.Database): void {
  db.exec(DDL);
  const row = db.prepare(`SELECT value FROM kite_meta WHERE key = 'schema_version'`).get() as { value: number } | undefined;
  if (row === undefined) {
    db.prepare(`INSERT INTO kite_meta (key, value) VALUES ('schema_version', ?)`).run(SCHEMA_VERSION);
  } else if (row.value > SCHEMA_VERSION) {
    throw new Error(`storage schema version ${row.value} is newer than this build supports (${SCHEMA_VERSION})`);
  }
}
