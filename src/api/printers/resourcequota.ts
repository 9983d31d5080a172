// core/v1 ResourceQuota: NAME REQUEST LIMIT AGE (1.33+ order), each cell `resource: used/hard, ...`
// over status.hard sorted by name, `limits.*` resources in LIMIT.

import { tryParseQuantity } from '../../machinery/quantity.js';
import type { KubeObject } from '../types.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, rec, str } from './fields.js';
import { byCodePoint } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

/** A stored quantity in canonical form (`1000m` prints `1`); a missing one is the zero quantity, "0". */
function quantity(v: unknown): string {
  if (typeof v === 'string' && v.trim() !== '') return tryParseQuantity(v.trim())?.toString() ?? v;
  if (typeof v === 'number' && Number.isFinite(v)) return tryParseQuantity(v)?.toString() ?? String(v);
  return '0';
}

function printResourceQuota(quota: KubeObject, now: number): TableCell[] {
  const hard = rec(at(quota, 'status', 'hard'));
  const used = rec(at(quota, 'status', 'used'));
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort(byCodePoint)) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${resource}: ${quantity(used[resource])}/${quantity(hard[resource])}`);
  }
  return [
    str(quota.metadata.name),
    request.join(', '),
    limit.join(', '),
    translateTimestampSince(quota.metadata.creationTimestamp, now),
  ];
}

export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn(),
  ],
  row: printResourceQuota,
};
