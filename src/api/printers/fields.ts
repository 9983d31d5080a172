// Tolerant readers for loosely typed object fields: a printer must never throw on a malformed object,
// it prints what upstream would print for the zero value instead.

import { isPlainObject } from '../types.js';

export type Fields = Record<string, unknown>;

/** The value at a path of object keys, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (!isPlainObject(v)) return undefined;
    v = v[key];
  }
  return v;
}

export function rec(value: unknown): Fields {
  return isPlainObject(value) ? value : {};
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A string field, or undefined when absent (Go's *string). */
export function optStr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

/** A number field, or undefined when absent (Go's *int32). */
export function optInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

export function list(value: unknown): Fields[] {
  return Array.isArray(value) ? value.map(rec) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Number of keys of a map field (Go's len(map)). */
export function size(value: unknown): number {
  return isPlainObject(value) ? Object.keys(value).length : 0;
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
