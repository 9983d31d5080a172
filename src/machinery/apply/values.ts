// Ordering, equality and display of JSON values as structured-merge-diff's `value` package does:
// a total order across types (float, int, string, bool, list, map, null), numbers compared
// numerically, and the human-readable form used in field paths of conflict messages.

import { isPlainObject } from '../../api/types.js';
import { compareStrings, goFloat, goNumber, goQuote } from './gofmt.js';

function rank(v: unknown): number {
  if (typeof v === 'number') return Number.isInteger(v) ? 1 : 0;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  if (Array.isArray(v)) return 4;
  if (isPlainObject(v)) return 5;
  return 6; // null (and anything else)
}

/** -1, 0 or 1: the total order of structured-merge-diff's value.Compare. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2: return compareStrings(a as string, b as string);
    case 3: return a === b ? 0 : a ? 1 : -1;
    case 4: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length < lb.length ? -1 : la.length > lb.length ? 1 : 0;
    }
    case 5: {
      const ma = a as Record<string, unknown>;
      const mb = b as Record<string, unknown>;
      const ka = Object.keys(ma).sort(compareStrings);
      const kb = Object.keys(mb).sort(compareStrings);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareStrings(ka[i], kb[i]);
        if (c !== 0) return c;
        const cv = compareValues(ma[ka[i]], mb[kb[i]]);
        if (cv !== 0) return cv;
      }
      return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0;
    }
    default: return 0;
  }
}

/** Deep equality of JSON values (map key order does not matter, list order does). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!(k in b) || !valuesEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** value.ToString: how a key or set value reads inside a field path (`[name="web"]`). */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? goNumber(v) : goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  if (isPlainObject(v)) {
    return Object.keys(v).sort(compareStrings).map((k) => `${k}=${valueToString(v[k])}`).join('');
  }
  return '{{undefined}}';
}

/** A deep copy of a JSON value. */
export function cloneJSON<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneJSON) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = cloneJSON(x);
    return out as T;
  }
  return v;
}
