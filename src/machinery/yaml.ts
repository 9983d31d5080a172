// YAML request bodies (`application/yaml`, `application/apply-patch+yaml`), decoded as upstream's
// sigs.k8s.io/yaml does: YAML 1.1 scalars (yes/no/on/off are booleans, 0777 is octal), merge keys,
// timestamps left as strings, then converted to plain JSON values. JSON text takes the fast path.

import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, type Document, type ParsedNode } from 'yaml';
import { badRequest, type StatusError } from './errors.js';
import { findDuplicateKeys } from './json.js';

export interface YamlParseResult {
  /** The document as JSON-compatible values (null for an empty body). */
  value: unknown;
  /** Paths of keys repeated within one mapping (`metadata.name`), each once, in document order. */
  duplicates: string[];
}

const PREFIX = 'error converting YAML to JSON: yaml:';

const OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: false,
  merge: true,
  // go-yaml v2 keeps timestamps and sexagesimal numbers as strings when decoding into interface{}.
  customTags: (tags: unknown[]): unknown[] =>
    tags.filter((t) => {
      const tag = t as { tag?: string; format?: string };
      return tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME';
    }),
};

/**
 * Parses a YAML (or JSON) body holding one document. Throws StatusError 400 on a syntax error
 * (`error converting YAML to JSON: yaml: line 3, column 7: ...`), on more than one document,
 * or on values JSON cannot carry (.inf, .nan).
 */
export function parseYamlOrJson(text: string): YamlParseResult {
  const first = firstSignificant(text);
  if (first === '{' || first === '[') {
    try {
      return { value: JSON.parse(text), duplicates: findDuplicateKeys(text) };
    } catch {
      // Not JSON after all (e.g. a YAML flow mapping `{a: 1}`): fall through to YAML.
    }
  }
  const docs = parseAllDocuments(text, OPTIONS as Parameters<typeof parseAllDocuments>[1]);
  const list = (Array.isArray(docs) ? docs : []) as Document.Parsed[];
  for (const d of list) {
    const err = d.errors[0];
    if (err) throw yamlError(err.message, err.linePos?.[0]);
  }
  const nonEmpty = list.filter((d) => !isEmptyDocument(d));
  if (nonEmpty.length > 1) {
    throw badRequest(`${PREFIX} the body must hold a single YAML document, found ${nonEmpty.length}`);
  }
  const doc = nonEmpty[0];
  if (!doc) return { value: null, duplicates: [] };
  let js: unknown;
  try {
    // Maps keep their original keys so null/bool/number keys are named as YAMLToJSON names them.
    js = doc.toJS({ maxAliasCount: 100, mapAsMap: true });
  } catch (e) {
    throw badRequest(`${PREFIX} ${e instanceof Error ? e.message : String(e)}`);
  }
  const duplicates: string[] = [];
  collectDuplicates(doc.contents, '', duplicates, new Set());
  return { value: toJsonValue(js), duplicates };
}

function firstSignificant(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\ufeff') return c;
  }
  return undefined;
}

function isEmptyDocument(d: Document.Parsed): boolean {
  const c = d.contents;
  return c === null || (isScalar(c) && c.value === null && c.range[0] === c.range[1]);
}

function yamlError(message: string, pos: { line: number; col: number } | undefined): StatusError {
  // The yaml package appends ` at line L, column C:` and a code frame; keep the first sentence.
  const head = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const where = pos ? ` line ${pos.line}, column ${pos.col}:` : '';
  return badRequest(`${PREFIX}${where} ${head}`);
}

/** How YAMLToJSON names a non-string key: null → "null", booleans and numbers as text. */
function jsonKey(key: unknown): string {
  if (key === null || key === undefined) return 'null';
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') return String(key);
  throw badRequest(`${PREFIX} invalid map key: ${JSON.stringify(toJsonValue(key))}`);
}

function keyString(key: unknown): string {
  return isScalar(key) ? jsonKey(key.value) : String(key);
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<');
}

function collectDuplicates(node: ParsedNode | null, path: string, out: string[], seen: Set<string>): void {
  if (!node || isAlias(node)) return;
  if (isMap(node)) {
    const keys = new Set<string>();
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) continue;
      const k = keyString(pair.key);
      const p = path === '' ? k : `${path}.${k}`;
      if (keys.has(k)) {
        if (!seen.has(p)) { seen.add(p); out.push(p); }
      } else {
        keys.add(k);
      }
      collectDuplicates(pair.value as ParsedNode | null, p, out, seen);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectDuplicates(item as ParsedNode | null, `${path}[${i}]`, out, seen));
  }
}

/** Turns what yaml's toJS produced into plain JSON values, as YAMLToJSON would. */
function toJsonValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': case 'boolean': return v;
    case 'number':
      if (!Number.isFinite(v)) throw badRequest(`error converting YAML to JSON: json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}`);
      return v;
    case 'bigint': return Number(v);
    default: break;
  }
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v) defineOwn(o, jsonKey(k), toJsonValue(val));
    return o;
  }
  if (v instanceof Set) {
    const o: Record<string, unknown> = {};
    for (const k of v) defineOwn(o, String(k), null);
    return o;
  }
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) defineOwn(o, k, toJsonValue((v as Record<string, unknown>)[k]));
  return o;
}

function defineOwn(o: Record<string, unknown>, k: string, value: unknown): void {
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}
