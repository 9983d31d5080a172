// Rows of the log table and their meaning as key-values and watch events.

import type { KeyValue, StorageEvent } from '../interface.js';

export interface LogRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: Uint8Array | null;
  old_value: Uint8Array | null;
}

/** The row that holds a key's state: enough to answer get and list. */
export type StateRow = Pick<LogRow, 'id' | 'name' | 'created' | 'deleted' | 'create_revision' | 'value'>;

const EMPTY = new Uint8Array(0);

export function createRevisionOf(row: Pick<LogRow, 'id' | 'created' | 'create_revision'>): number {
  return row.created ? row.id : row.create_revision;
}

export function rowToKeyValue(row: StateRow): KeyValue {
  return { key: row.name, value: row.value ?? EMPTY, createRevision: createRevisionOf(row), modRevision: row.id };
}

export function rowToEvent(row: LogRow): StorageEvent {
  const createRevision = createRevisionOf(row);
  if (row.created) {
    return { type: 'put', created: true, kv: { key: row.name, value: row.value ?? EMPTY, createRevision, modRevision: row.id } };
  }
  const prevKv: KeyValue = { key: row.name, value: row.old_value ?? EMPTY, createRevision, modRevision: row.prev_revision };
  if (row.deleted) {
    return { type: 'delete', created: false, kv: { ...prevKv, modRevision: row.id }, prevKv };
  }
  return { type: 'put', created: false, kv: { key: row.name, value: row.value ?? EMPTY, createRevision, modRevision: row.id }, prevKv };
}
