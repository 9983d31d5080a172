// Decodes Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf) into JSON objects,
// guided by the schemas: each property carries its protobuf field number in `x-kite-proto`.
//
// Envelope: "k8s\0" + runtime.Unknown{1: TypeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding,
// 4: contentType}; `raw` is the object's own message.
//
// Zero values: Go's generated (gogo) marshallers write every non-pointer field even when it is
// zero, and pointer fields only when set. Upstream stores what Go's JSON encoder makes of the
// decoded struct: a non-pointer `omitempty` field vanishes when zero, a pointer field that is set
// shows its value even when zero (`replicas: 0`, `optional: false`), and a field without
// `omitempty` is always shown. So a scalar (or IntOrString) zero — 0, false, "" — is dropped
// unless its property carries `x-kite-proto-keep-zero` (Go pointer, or no omitempty). Zero
// timestamps and empty quantities are dropped. Embedded messages are kept as they came on the wire
// (Go's omitempty never drops a struct, so upstream shows `resources: {}` and `status: {}` too);
// empty repeated and map fields never travel, so they never appear.

import { badRequest, isStatusError, errorMessage } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
import { schemaRegistry } from './registry.js';
import type { OpenAPISchema } from './types.js';
import { WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, WireError, WireReader } from './wireReader.js';

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const MAX_DEPTH = 64;
const INLINE = 'x-kite-proto-inline';
const KEEP_ZERO = 'x-kite-proto-keep-zero';
/** Unix seconds of Go's zero time.Time (0001-01-01T00:00:00Z). */
const GO_ZERO_TIME = -62135596800;

type Scalar = 'string' | 'bytes' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'bool' | 'double' | 'float';
type Special = 'Time' | 'MicroTime' | 'Quantity' | 'IntOrString' | 'RawExtension' | 'FieldsV1';

type Shape =
  | { k: 'scalar'; t: Scalar }
  | { k: 'special'; t: Special }
  | { k: 'message'; table: Table }
  | { k: 'array'; item: Shape }
  | { k: 'map'; value: Shape }
  | { k: 'unknown' };

interface Entry { name: string; schema: OpenAPISchema; shape?: Shape }
interface Table { fields: Map<number, Entry>; inline: Map<number, Table> }

const SCALARS = new Set<string>(['string', 'bytes', 'int32', 'int64', 'uint32', 'uint64', 'bool', 'double', 'float']);
const SPECIALS = new Set<string>(['Time', 'MicroTime', 'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1']);

const tables = new WeakMap<OpenAPISchema, Table>();

/** The field-number table of an object schema (cached; shapes are classified lazily). */
function tableOf(schema: OpenAPISchema): Table {
  let t = tables.get(schema);
  if (t) return t;
  t = { fields: new Map(), inline: new Map() };
  tables.set(schema, t);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const n = prop['x-kite-proto'];
    if (!n) continue;
    const at = (prop as Record<string, unknown>)[INLINE];
    let target = t;
    if (typeof at === 'number' && at > 0) {
      target = t.inline.get(at) ?? { fields: new Map(), inline: new Map() };
      t.inline.set(at, target);
    }
    target.fields.set(n, { name, schema: prop });
  }
  return t;
}

function shapeOf(schema: OpenAPISchema): Shape {
  const resolved = schemaRegistry.resolve(schema);
  const pt = schema['x-kite-proto-type'] ?? resolved['x-kite-proto-type'];
  if (pt && SPECIALS.has(pt)) return { k: 'special', t: pt as Special };
  if (pt && SCALARS.has(pt)) return { k: 'scalar', t: pt as Scalar };
  if (resolved['x-kubernetes-int-or-string']) return { k: 'special', t: 'IntOrString' };
  switch (resolved.type) {
    case 'array':
      return resolved.items ? { k: 'array', item: shapeOf(resolved.items) } : { k: 'unknown' };
    case 'object':
      if (!resolved.properties && resolved.additionalProperties && typeof resolved.additionalProperties === 'object') {
        return { k: 'map', value: shapeOf(resolved.additionalProperties) };
      }
      return resolved.properties ? { k: 'message', table: tableOf(resolved) } : { k: 'unknown' };
    case 'string':
      return { k: 'scalar', t: resolved.format === 'byte' ? 'bytes' : 'string' };
    case 'integer':
      return { k: 'scalar', t: resolved.format === 'int64' ? 'int64' : 'int32' };
    case 'number':
      return { k: 'scalar', t: resolved.format === 'float' ? 'float' : 'double' };
    case 'boolean':
      return { k: 'scalar', t: 'bool' };
    default:
      return resolved.properties ? { k: 'message', table: tableOf(resolved) } : { k: 'unknown' };
  }
}

function entryShape(e: Entry): Shape {
  e.shape ??= shapeOf(e.schema);
  return e.shape;
}

/** Whether a decoded scalar is the Go zero value that `omitempty` leaves out of JSON. */
function isZero(v: unknown): boolean {
  return v === 0 || v === false || v === '';
}

/** Sets or removes `out[name]`: a zero value is kept only where upstream's JSON would show it. */
function assignScalar(out: Record<string, unknown>, entry: Entry, v: unknown): void {
  if (v === undefined || (isZero(v) && entry.schema[KEEP_ZERO] !== true)) delete out[entry.name];
  else out[entry.name] = v;
}

function wireTypeError(name: string, wt: number): WireError {
  return new WireError(`field "${name}" has unexpected wire type ${wt}`);
}

function readScalar(r: WireReader, t: Scalar, wt: number, name: string): unknown {
  switch (t) {
    case 'string':
    case 'bytes': {
      if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
      const b = r.bytes();
      return t === 'string' ? utf8(b) : Buffer.from(b).toString('base64');
    }
    case 'double':
      if (wt === WIRE_FIXED64) return r.fixed64().getFloat64(0, true);
      throw wireTypeError(name, wt);
    case 'float':
      if (wt === WIRE_FIXED32) return r.fixed32().getFloat32(0, true);
      throw wireTypeError(name, wt);
    default: {
      if (wt !== WIRE_VARINT) throw wireTypeError(name, wt);
      const v = r.varint();
      switch (t) {
        case 'bool': return v !== 0n;
        case 'int32': return Number(BigInt.asIntN(32, v));
        case 'uint32': return Number(BigInt.asUintN(32, v));
        case 'int64': return Number(BigInt.asIntN(64, v));
        default: return Number(v);
      }
    }
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function utf8(b: Uint8Array): string {
  try {
    return decoder.decode(b);
  } catch {
    throw new WireError('string field is not valid UTF-8');
  }
}

/** Reads the fields of a small fixed message into a number-keyed record of raw values. */
function readSmall(b: Uint8Array, spec: Record<number, Scalar>): Record<number, unknown> {
  const r = new WireReader(b);
  const out: Record<number, unknown> = {};
  while (!r.done) {
    const [n, wt] = r.tag();
    const t = spec[n];
    if (t) out[n] = readScalar(r, t, wt, String(n));
    else r.skip(wt);
  }
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatTime(seconds: number, nanos: number, micro: boolean): string {
  const d = new Date(seconds * 1000);
  if (!Number.isFinite(d.getTime())) throw new WireError(`timestamp ${seconds} out of range`);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return micro ? `${base}.${pad(Math.floor(nanos / 1000), 6)}Z` : `${base}Z`;
}

function parseJson(b: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(utf8(b));
  } catch (e) {
    throw new WireError(`${what} does not hold JSON: ${errorMessage(e)}`);
  }
}

/** Decodes one of the hand-marshalled apimachinery types; undefined means "unset". */
function readSpecial(b: Uint8Array, t: Special): unknown {
  switch (t) {
    case 'Time':
    case 'MicroTime': {
      if (b.length === 0) return undefined;
      const v = readSmall(b, { 1: 'int64', 2: 'int32' });
      const seconds = (v[1] as number | undefined) ?? 0;
      const nanos = (v[2] as number | undefined) ?? 0;
      // Go's zero time.Time travels as an empty message; a Timestamp of 0001-01-01T00:00:00Z is zero too.
      if ((seconds === 0 || seconds === GO_ZERO_TIME) && (t === 'Time' || nanos === 0)) return undefined;
      return formatTime(seconds, nanos, t === 'MicroTime');
    }
    case 'Quantity': {
      const s = readSmall(b, { 1: 'string' })[1] as string | undefined;
      return s ? s : undefined;
    }
    case 'IntOrString': {
      const v = readSmall(b, { 1: 'int64', 2: 'int32', 3: 'string' });
      return v[1] === 1 ? ((v[3] as string | undefined) ?? '') : ((v[2] as number | undefined) ?? 0);
    }
    case 'RawExtension':
    case 'FieldsV1': {
      const r = new WireReader(b);
      let raw: Uint8Array | undefined;
      while (!r.done) {
        const [n, wt] = r.tag();
        if (n !== 1) r.skip(wt);
        else if (wt === WIRE_BYTES) raw = r.bytes();
        else throw wireTypeError(t, wt);
      }
      return raw?.length ? parseJson(raw, t) : undefined;
    }
  }
}

/** Reads one value of `shape` (a single occurrence on the wire) for use in lists and maps. */
function readValue(r: WireReader, shape: Shape, wt: number, name: string, depth: number): unknown {
  switch (shape.k) {
    case 'scalar':
      return readScalar(r, shape.t, wt, name);
    case 'special': {
      if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
      return readSpecial(r.bytes(), shape.t);
    }
    case 'message': {
      if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
      const out: Record<string, unknown> = {};
      decodeInto(r.bytes(), shape.table, out, depth + 1);
      return out;
    }
    default:
      r.skip(wt);
      return undefined;
  }
}

function zeroOf(shape: Shape): unknown {
  if (shape.k === 'scalar') {
    if (shape.t === 'string' || shape.t === 'bytes') return '';
    return shape.t === 'bool' ? false : 0;
  }
  if (shape.k === 'message') return {};
  return null;
}

function readMapEntry(b: Uint8Array, value: Shape, name: string, depth: number): [string, unknown] {
  const r = new WireReader(b);
  let key = '';
  let val: unknown;
  while (!r.done) {
    const [n, wt] = r.tag();
    if (n === 1) key = readScalar(r, 'string', wt, `${name} key`) as string;
    else if (n === 2) val = readValue(r, value, wt, `${name}[value]`, depth);
    else r.skip(wt);
  }
  return [key, val === undefined ? zeroOf(value) : val];
}

const PACKABLE = new Set<Scalar>(['int32', 'int64', 'uint32', 'uint64', 'bool', 'double', 'float']);

function decodeInto(b: Uint8Array, table: Table, out: Record<string, unknown>, depth: number): void {
  if (depth > MAX_DEPTH) throw new WireError('message nested too deeply');
  const r = new WireReader(b);
  while (!r.done) {
    const [n, wt] = r.tag();
    const inline = table.inline.get(n);
    if (inline) {
      if (wt !== WIRE_BYTES) throw wireTypeError(`#${n}`, wt);
      decodeInto(r.bytes(), inline, out, depth + 1);
      continue;
    }
    const entry = table.fields.get(n);
    if (!entry) {
      r.skip(wt);
      continue;
    }
    const shape = entryShape(entry);
    const name = entry.name;
    switch (shape.k) {
      case 'unknown':
        r.skip(wt);
        break;
      case 'array': {
        const item = shape.item;
        if (item.k === 'unknown') {
          r.skip(wt);
          break;
        }
        const list = (Array.isArray(out[name]) ? out[name] : (out[name] = [])) as unknown[];
        if (item.k === 'scalar' && PACKABLE.has(item.t) && wt === WIRE_BYTES) {
          const pr = new WireReader(r.bytes());
          const itemWt = item.t === 'double' ? WIRE_FIXED64 : item.t === 'float' ? WIRE_FIXED32 : WIRE_VARINT;
          while (!pr.done) list.push(readScalar(pr, item.t, itemWt, name));
          if (list.length === 0) delete out[name];
        } else {
          const v = readValue(r, item, wt, name, depth);
          list.push(v === undefined ? null : v);
        }
        break;
      }
      case 'map': {
        if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
        const m = (out[name] && typeof out[name] === 'object' ? out[name] : (out[name] = {})) as Record<string, unknown>;
        const [k, v] = readMapEntry(r.bytes(), shape.value, name, depth);
        m[k] = v;
        break;
      }
      case 'special': {
        if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
        const v = readSpecial(r.bytes(), shape.t);
        if (shape.t === 'IntOrString') assignScalar(out, entry, v);
        else if (v === undefined) delete out[name];
        else out[name] = v;
        break;
      }
      case 'message': {
        if (wt !== WIRE_BYTES) throw wireTypeError(name, wt);
        const prev = out[name];
        const target = prev && typeof prev === 'object' && !Array.isArray(prev) ? prev as Record<string, unknown> : {};
        decodeInto(r.bytes(), shape.table, target, depth + 1);
        out[name] = target;
        break;
      }
      case 'scalar':
        assignScalar(out, entry, readScalar(r, shape.t, wt, name));
        break;
    }
  }
}

interface Envelope { apiVersion: string; kind: string; raw: Uint8Array; contentEncoding: string }

function readEnvelope(body: Uint8Array): Envelope {
  for (let i = 0; i < MAGIC.length; i++) {
    if (body[i] !== MAGIC[i]) {
      throw badRequest(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`);
    }
  }
  const r = new WireReader(body, MAGIC.length);
  const env: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '' };
  while (!r.done) {
    const [n, wt] = r.tag();
    if (n === 1) {
      if (wt !== WIRE_BYTES) throw wireTypeError('typeMeta', wt);
      const tm = readSmall(r.bytes(), { 1: 'string', 2: 'string' });
      env.apiVersion = (tm[1] as string | undefined) ?? '';
      env.kind = (tm[2] as string | undefined) ?? '';
    } else if (n === 2) {
      if (wt !== WIRE_BYTES) throw wireTypeError('raw', wt);
      env.raw = r.bytes();
    } else if (n === 3) {
      env.contentEncoding = readScalar(r, 'string', wt, 'contentEncoding') as string;
    } else {
      r.skip(wt);
    }
  }
  return env;
}

/**
 * Decodes a protobuf request body (with its "k8s\0" envelope) into the JSON form of the object,
 * apiVersion and kind included. Throws a 400 BadRequest StatusError on any malformed input.
 */
export function decodeProtobufObject(body: Uint8Array): KubeObject {
  try {
    const env = readEnvelope(body);
    if (!env.kind) throw badRequest('Object \'Kind\' is missing in protobuf body');
    if (env.contentEncoding) throw badRequest(`unsupported protobuf content encoding "${env.contentEncoding}"`);
    const name = schemaRegistry.nameForKind(env.apiVersion, env.kind);
    const schema = name === undefined ? undefined : schemaRegistry.schemas[name];
    if (!schema) throw badRequest(`no kind "${env.kind}" is registered for version "${env.apiVersion}"`);
    const fields: Record<string, unknown> = {};
    decodeInto(env.raw, tableOf(schema), fields, 0);
    return { apiVersion: env.apiVersion, kind: env.kind, ...fields } as KubeObject;
  } catch (e) {
    if (isStatusError(e)) throw e;
    const msg = errorMessage(e);
    throw badRequest(`unable to decode protobuf body: ${msg}`);
  }
}
