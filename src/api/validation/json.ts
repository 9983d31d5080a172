// Accessors for plain-JSON objects. Validation reads objects the way Go reads its typed structs:
// a missing or mistyped field is the zero value, never an exception.

export type JsonObject = Record<string, unknown>;

export function obj(v: unknown): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};
}

export function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A number, or undefined when absent or not a number (Go: nil pointer). */
export function optNum(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A number, 0 when absent (Go: non-pointer int). */
export function num(v: unknown): number {
  return optNum(v) ?? 0;
}

export function bool(v: unknown): boolean {
  return v === true;
}

export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** A map[string]string view: non-string values are skipped. */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Keys in a stable order (Go iterates maps randomly; we sort so messages are reproducible). */
export function sortedKeys(v: unknown): string[] {
  return Object.keys(obj(v)).sort();
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.keys(v).length === 0;
  return false;
}

/** Drops zero values recursively, so that `{a: []}` and `{}` compare equal as Go's Semantic.DeepEqual would. */
export function pruneEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneEmpty);
  if (isObj(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) {
      const p = pruneEmpty(v[k]);
      if (!isEmptyValue(p)) out[k] = p;
    }
    return out;
  }
  return v;
}

/** Semantic equality: zero values and absent fields are equal; object key order is irrelevant. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(pruneEmpty(a) ?? null) === JSON.stringify(pruneEmpty(b) ?? null);
}

/** Strict structural equality (key order irrelevant). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Byte length of a string as Go's len() counts it (UTF-8). */
export function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
