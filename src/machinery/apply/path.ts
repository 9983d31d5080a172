// Field paths as sigs.k8s.io/structured-merge-diff/fieldpath defines them: a path is a list of
// path elements, each a field name (`f:name`), the keys of an associative-list item
// (`k:{"name":"web"}`), the value of a set item (`v:"x"`) or the index of an atomic-list item (`i:0`).

import { compareStrings, goJSON } from './gofmt.js';
import { compareValues, valueToString } from './values.js';
import { isPlainObject } from '../../api/types.js';

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  /** Key fields sorted by name. */
  | { readonly kind: 'key'; readonly fields: readonly (readonly [string, unknown])[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type FieldPath = readonly PathElement[];

export const fieldPE = (name: string): PathElement => ({ kind: 'field', name });

/** An associative-list key from name/value pairs (sorted by name, as upstream). */
export function keyPE(fields: Iterable<readonly [string, unknown]>): PathElement {
  const list = [...fields].sort((a, b) => compareStrings(a[0], b[0]));
  return { kind: 'key', fields: list };
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** The order of PathElement.Compare: field names, then keys, then values, then indexes. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field': return compareStrings(a.name, (b as typeof a).name);
    case 'key': {
      const fb = (b as typeof a).fields;
      for (let i = 0; ; i++) {
        if (i >= a.fields.length && i >= fb.length) return 0;
        if (i >= a.fields.length) return -1;
        if (i >= fb.length) return 1;
        const c = compareStrings(a.fields[i][0], fb[i][0]);
        if (c !== 0) return c;
        const cv = compareValues(a.fields[i][1], fb[i][1]);
        if (cv !== 0) return cv;
      }
    }
    case 'value': return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const ib = (b as typeof a).index;
      return a.index < ib ? -1 : a.index > ib ? 1 : 0;
    }
  }
}

const serialized = new WeakMap<PathElement, string>();

/** The FieldsV1 key of a path element: `f:name`, `k:{...}`, `v:...`, `i:N`. */
export function serializePathElement(pe: PathElement): string {
  if (pe.kind === 'field') return `f:${pe.name}`;
  let s = serialized.get(pe);
  if (s === undefined) {
    s = serializeUncached(pe);
    serialized.set(pe, s);
  }
  return s;
}

function serializeUncached(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `f:${pe.name}`;
    case 'key': return `k:{${pe.fields.map(([n, v]) => `${goJSON(n)}:${goJSON(v)}`).join(',')}}`;
    case 'value': return `v:${goJSON(pe.value)}`;
    case 'index': return `i:${pe.index}`;
  }
}

/** Thrown for a FieldsV1 key of an unknown element type (upstream ignores those). */
export class UnknownPathElementType extends Error {
  override name = 'UnknownPathElementType';
}

/** Parses a FieldsV1 key; throws on malformed keys, UnknownPathElementType on unknown prefixes. */
export function parsePathElement(s: string): PathElement {
  if (s.length < 2) throw new Error('key must be 2 characters long:');
  if (s[1] !== ':') throw new Error(`missing colon: ${s}`);
  const rest = s.slice(2);
  switch (s[0]) {
    case 'f': return { kind: 'field', name: rest };
    case 'v': return { kind: 'value', value: JSON.parse(rest) as unknown };
    case 'k': {
      const obj = JSON.parse(rest) as unknown;
      if (!isPlainObject(obj)) throw new Error(`expected key value pairs but got ${rest}`);
      return keyPE(Object.entries(obj));
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(rest)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(rest)}: invalid syntax`);
      return { kind: 'index', index: Number(rest) };
    }
    default: throw new UnknownPathElementType('unknown path element type');
  }
}

/** PathElement.String: `.name`, `[name="web",port=80]`, `[="x"]`, `[0]`. */
export function pathElementString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `.${pe.name}`;
    case 'key': return `[${pe.fields.map(([n, v]) => `${n}=${valueToString(v)}`).join(',')}]`;
    case 'value': return `[=${valueToString(pe.value)}]`;
    case 'index': return `[${pe.index}]`;
  }
}

/** Path.String: the elements' strings concatenated, e.g. `.spec.containers[name="web"].image`. */
export function pathString(path: FieldPath): string {
  return path.map(pathElementString).join('');
}
