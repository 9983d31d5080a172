// Values at a path in a JSON object, for stage selectors. A path is a dotted list of fields with
// two list forms, as kwok's stage selectors: `.metadata.ownerReferences.[].kind` (every element)
// and `.status.conditions.[type=Ready].status` (elements whose field equals a value).

import { isPlainObject } from '../api/types.js';

type Segment = { field: string } | { each: true } | { where: string; equals: string };

const cache = new Map<string, Segment[]>();

/** Parses a path; throws on a malformed one (paths are data written by people). */
export function parseFieldPath(path: string): Segment[] {
  const hit = cache.get(path);
  if (hit) return hit;
  if (!path.startsWith('.') && !path.startsWith('[')) throw new Error(`field path ${JSON.stringify(path)}: must start with "."`);
  const segs: Segment[] = [];
  const re = /\.?\[([^\]]*)\]|\.([^.[\]]+)/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) throw new Error(`field path ${JSON.stringify(path)}: unexpected ${JSON.stringify(path.slice(i))}`);
    i = re.lastIndex;
    if (m[2] !== undefined) { segs.push({ field: m[2] }); continue; }
    const inner = (m[1] ?? '').trim();
    if (inner === '') { segs.push({ each: true }); continue; }
    const eq = inner.indexOf('=');
    if (eq <= 0) throw new Error(`field path ${JSON.stringify(path)}: expected [] or [field=value], got [${inner}]`);
    segs.push({ where: inner.slice(0, eq).trim(), equals: inner.slice(eq + 1).trim() });
  }
  cache.set(path, segs);
  return segs;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The values found at `path` as strings (objects and lists as JSON); an empty list when the path
 * leads nowhere. `null` counts as absent, as an omitted field.
 */
export function fieldValues(obj: unknown, path: string): string[] {
  let cur: unknown[] = [obj];
  for (const seg of parseFieldPath(path)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if ('field' in seg) {
        if (isPlainObject(v) && v[seg.field] !== undefined && v[seg.field] !== null) next.push(v[seg.field]);
      } else if (Array.isArray(v)) {
        for (const e of v) {
          if (e === undefined || e === null) continue;
          if ('each' in seg) next.push(e);
          else if (isPlainObject(e) && e[seg.where] !== undefined && text(e[seg.where]) === seg.equals) next.push(e);
        }
      }
    }
    cur = next;
    if (cur.length === 0) return [];
  }
  return cur.map(text);
}
