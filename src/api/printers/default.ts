// The generic table for kinds without their own printer (upstream's default TableConvertor):
// NAME and CREATED AT, a `date` column whose cell is RFC 3339 (kubectl prints it as is).

import { column, CREATION_DESCRIPTION, nameColumn } from './columns.js';
import { parseTimestamp } from './duration.js';
import { str } from './fields.js';
import type { KindPrinter } from './types.js';

/** Go's zero time, which metav1.Time formats when creationTimestamp is unset. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function createdAt(ts: unknown): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return ZERO_TIME;
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: KindPrinter = {
  columns: [nameColumn(), column('Created At', CREATION_DESCRIPTION, { type: 'date' })],
  row: (obj) => [str(obj.metadata.name), createdAt(obj.metadata.creationTimestamp)],
};
