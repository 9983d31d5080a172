// Typed decoding of request objects against the kind's schema, as upstream's decode into Go structs
// does: a value of the wrong JSON type is an error worded as Go's encoding/json reports it (the
// first one wins), and fields the schema does not declare are dropped (and reported, for strict
// field validation and warnings). Without this, `{"data":{"a":1}}` would be stored as is.

import { isPlainObject } from '../api/types.js';
import { schemaRegistry } from '../api/schema/index.js';
import type { OpenAPISchema } from '../api/schema/index.js';
import { quantityError } from '../machinery/quantity.js';

export interface TypedDecodeResult {
  /** Go's decode error for the first mistyped value (e.g. `json: cannot unmarshal number into Go struct field ConfigMap.data.a of type string`). */
  typeError?: string;
  /** Paths of the undeclared fields (`spec.template.spec.containers[0].foo`), in document order. */
  unknown: string[];
}

const REF_PREFIX = '#/components/schemas/';
const ROOT_FIELDS = new Set(['apiVersion', 'kind']);
const MAX_DEPTH = 256;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v; // string, number
}

/** The Go type name of a schema: `v1.Container`, `[]string`, `map[string]string`, `int32`. */
function goType(schema: OpenAPISchema): string {
  if (schema.$ref) {
    const name = schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : schema.$ref;
    const parts = name.split('.');
    return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : name;
  }
  if (schema.allOf?.length === 1) return goType(schema.allOf[0]!);
  switch (schema.type) {
    case 'string': return schema.format === 'byte' ? '[]uint8' : 'string';
    case 'integer': return schema.format === 'int32' ? 'int32' : 'int64';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'array': return `[]${schema.items ? goType(schema.items) : 'interface {}'}`;
    case 'object':
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return `map[string]${goType(schema.additionalProperties)}`;
      return 'map[string]interface {}';
    default: return 'interface {}';
  }
}

/** The Go struct name of a named schema (`io.k8s.api.apps.v1.DeploymentSpec` -> `DeploymentSpec`). */
function structName(schema: OpenAPISchema, fallback: string): string {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (!ref) return fallback;
  return ref.slice(ref.lastIndexOf('.') + 1);
}

interface Walk {
  unknown: string[];
  typeError?: string;
  prune: boolean;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Checks `value` against `schema`. `path` is the reporting path (with list indexes), `fields` the Go
 * error-context field stack (JSON names and map keys, no indexes), `struct` the innermost struct.
 */
function walk(w: Walk, value: unknown, schema: OpenAPISchema, path: string, fields: string[], struct: string, depth: number): void {
  if (value === null || value === undefined || depth > MAX_DEPTH) return; // null decodes to the zero value
  const s = schemaRegistry.resolve(schema);
  const proto = s['x-kite-proto-type'];
  const mistyped = (what = jsonType(value)): void => {
    w.typeError ??= `json: cannot unmarshal ${what} into Go struct field ${struct}.${fields.join('.')} of type ${goType(schema)}`;
  };
  if (s['x-kubernetes-preserve-unknown-fields'] || s['x-kubernetes-embedded-resource']) return;
  if (proto === 'Quantity') {
    if (typeof value === 'string' || typeof value === 'number') {
      const err = quantityError(typeof value === 'string' ? value.trim() : value);
      if (err) w.typeError ??= err;
    } else {
      w.typeError ??= quantityError('x') ?? 'quantities must be a string or a number';
    }
    return;
  }
  if (s['x-kubernetes-int-or-string']) {
    if (typeof value === 'string') return;
    if (typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return;
    w.typeError ??= `json: cannot unmarshal ${typeof value === 'number' ? `number ${value}` : jsonType(value)} into Go value of type int32`;
    return;
  }
  if (proto === 'Time' || proto === 'MicroTime') {
    if (typeof value !== 'string') w.typeError ??= `json: cannot unmarshal ${jsonType(value)} into Go value of type string`;
    return;
  }
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return mistyped();
      if (s.format === 'byte' && !BASE64.test(value)) w.typeError ??= `illegal base64 data at input byte ${firstBadBase64(value)}`;
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mistyped();
      return;
    case 'integer': {
      if (typeof value !== 'number') return mistyped();
      const [lo, hi] = s.format === 'int32' ? [-2147483648, 2147483647] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      if (!Number.isInteger(value) || value < lo || value > hi) mistyped(`number ${value}`);
      return;
    }
    case 'number':
      if (typeof value !== 'number') mistyped();
      return;
    case 'array':
      if (!Array.isArray(value)) return mistyped();
      if (s.items) value.forEach((v, i) => walk(w, v, s.items!, `${path}[${i}]`, fields, struct, depth + 1));
      return;
    case 'object':
      if (!isPlainObject(value)) return mistyped();
      if (s.properties) {
        const inner = structName(schema, struct);
        for (const [key, v] of Object.entries(value)) {
          const prop = s.properties[key];
          if (prop) walk(w, v, prop, join(path, key), [...fields, key], inner, depth + 1);
          else if (!(depth === 0 && ROOT_FIELDS.has(key))) {
            w.unknown.push(join(path, key));
            if (w.prune) delete value[key];
          }
        }
      } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        for (const [key, v] of Object.entries(value)) walk(w, v, s.additionalProperties, join(path, key), [...fields, key], struct, depth + 1);
      }
      return;
    default:
      return;
  }
}

function firstBadBase64(s: string): number {
  const i = s.search(/[^A-Za-z0-9+/=]/);
  if (i >= 0) return i;
  const pad = s.indexOf('=');
  if (pad >= 0 && pad < s.length - 2) return pad;
  return s.length - (s.length % 4 || 4);
}

/**
 * Decodes `obj` (a request body or a patched object) as the schema named `schemaName`: reports the
 * first mistyped value and the undeclared fields; with `prune`, removes those fields from obj.
 * Kinds without a schema pass unchecked.
 */
export function typedDecode(obj: Record<string, unknown>, schemaName: string, kind: string, opts: { prune: boolean }): TypedDecodeResult {
  const schema = schemaRegistry.schemas[schemaName];
  if (!schema) return { unknown: [] };
  const w: Walk = { unknown: [], prune: opts.prune };
  walk(w, obj, { $ref: `${REF_PREFIX}${schemaName}` }, '', [], kind, 0);
  return w.typeError === undefined ? { unknown: w.unknown } : { typeError: w.typeError, unknown: w.unknown };
}

/** Every field path of obj in document order (the order upstream's strict errors are listed in). */
export function documentOrder(obj: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const stack: [unknown, string, number][] = [[obj, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (path && !order.has(path)) order.set(path, order.size);
    if (depth > MAX_DEPTH) continue;
    const children: [unknown, string, number][] = [];
    if (Array.isArray(v)) v.forEach((x, i) => children.push([x, `${path}[${i}]`, depth + 1]));
    else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) children.push([x, join(path, k), depth + 1]);
    // Pre-order, in key order: each field, then everything inside it, then its next sibling.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return order;
}

/** Orders field paths as Go's sorted-key JSON encoding lists them: by key (bytewise), indexes numerically. */
export function comparePaths(a: string, b: string): number {
  const split = (p: string) => p.split(/\.|(?=\[)/);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i]!;
    const t = y[i]!;
    if (s === t) continue;
    if (s.startsWith('[') && t.startsWith('[')) return Number(s.slice(1, -1)) - Number(t.slice(1, -1));
    return s < t ? -1 : 1;
  }
  return x.length - y.length;
}
