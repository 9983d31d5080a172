// Every SQL statement the store runs, prepared once per connection.

import type Database from 'better-sqlite3';
import type { LogRow, StateRow } from './log-row.js';

const STATE_COLUMNS = 'kv.id, kv.name, kv.created, kv.deleted, kv.create_revision, kv.value';

/** Latest row per name in [start, end) with id <= revision, in name order (the index's order, so
 *  no sort and LIMIT stops the scan early), tombstones dropped. */
const LATEST_IN_RANGE = `
  FROM (
    SELECT m.name AS name, MAX(m.id) AS id FROM kine AS m
    WHERE m.name >= @start AND m.name < @end AND m.id <= @revision
    GROUP BY m.name ORDER BY m.name
  ) AS latest
  CROSS JOIN kine AS kv ON kv.id = latest.id
  WHERE kv.deleted = 0`;

export interface RangeParams {
  start: string;
  end: string;
  revision: number;
}

export interface Statements {
  latest: Database.Statement<[string], StateRow>;
  insert: Database.Statement<[string, number, number, number, number, Uint8Array | null, Uint8Array | null]>;
  list: Database.Statement<[RangeParams & { limit: number }], StateRow>;
  count: Database.Statement<[RangeParams], { n: number }>;
  history: Database.Statement<[{ after: number; upTo: number; start: string; end: string; limit: number }], LogRow>;
  maxId: Database.Statement<[], { id: number | null }>;
  sequence: Database.Statement<[], { seq: number }>;
  getMeta: Database.Statement<[string], { value: number }>;
  setMeta: Database.Statement<[string, number]>;
  compactSuperseded: Database.Statement<[number, number]>;
  compactTombstones: Database.Statement<[number, number]>;
}

export function prepareStatements(db: Database.Database): Statements {
  return {
    latest: db.prepare(`SELECT id, name, created, deleted, create_revision, value FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1`),
    insert: db.prepare(`INSERT INTO kine (name, created, deleted, create_revision, prev_revision, value, old_value) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    list: db.prepare(`SELECT ${STATE_COLUMNS} ${LATEST_IN_RANGE} ORDER BY latest.name LIMIT @limit`),
    count: db.prepare(`SELECT COUNT(*) AS n ${LATEST_IN_RANGE}`),
    history: db.prepare(`
      SELECT id, name, created, deleted, create_revision, prev_revision, value, old_value FROM kine
      WHERE id > @after AND id <= @upTo AND name >= @start AND name < @end
      ORDER BY id LIMIT @limit`),
    maxId: db.prepare(`SELECT MAX(id) AS id FROM kine`),
    sequence: db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'kine'`),
    getMeta: db.prepare(`SELECT value FROM kite_meta WHERE key = ?`),
    setMeta: db.prepare(`INSERT INTO kite_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    // Rows replaced by a later write with revision in (from, to]: each write names the row it replaced.
    compactSuperseded: db.prepare(`
      DELETE FROM kine WHERE id IN (
        SELECT prev_revision FROM kine WHERE id > ? AND id <= ? AND prev_revision != 0)`),
    // Tombstones at or below a revision, except the newest row of all (the sentinel that keeps the
    // revision from going back when the log would otherwise be empty).
    compactTombstones: db.prepare(`
      DELETE FROM kine WHERE deleted = 1 AND id <= ? AND id < ?`),
  };
}
