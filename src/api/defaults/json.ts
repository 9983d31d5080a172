// Small helpers for defaulting plain-JSON objects in place.

export type JsonObject = Record<string, unknown>;

export function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `parent[key]`, created (and stored) when absent. */
export function ensureObj(parent: JsonObject, key: string): JsonObject {
  const v = parent[key];
  if (isObj(v)) return v;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

/** Objects in the array at `parent[key]` (non-objects are skipped). */
export function objects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function isUnset(v: unknown): boolean {
  return v === undefined || v === null;
}

/** Go's zero-value test for a string field. */
export function isEmptyString(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export function setIfUnset(o: JsonObject, key: string, value: unknown): void {
  if (isUnset(o[key])) o[key] = value;
}

/** Sets a string field when it is absent or "" (Go defaulting checks `== ""`). */
export function setIfEmpty(o: JsonObject, key: string, value: string): void {
  if (isEmptyString(o[key])) o[key] = value;
}

/** Sets a number field when it is absent or 0 (Go defaulting checks `== 0` for non-pointer ints). */
export function setIfZero(o: JsonObject, key: string, value: number): void {
  if (isUnset(o[key]) || o[key] === 0) o[key] = value;
}

/** JSON with object keys sorted, for order-insensitive comparison. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}
