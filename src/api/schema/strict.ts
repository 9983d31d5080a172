// Strict field validation (fieldValidation=Strict/Warn): the paths of fields an object carries that
// its schema does not declare, in the form upstream's strict decoder reports them
// (`spec.template.spec.containers[0].imagee`).

import { isPlainObject } from '../types.js';
import { schemaRegistry } from './registry.js';
import type { OpenAPISchema } from './types.js';

const ROOT_FIELDS = new Set(['apiVersion', 'kind']);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function walk(value: unknown, schema: OpenAPISchema, path: string, out: string[], depth: number): void {
  if (depth > 128) return;
  const s = schemaRegistry.resolve(schema);
  if (s['x-kubernetes-preserve-unknown-fields'] || s['x-kubernetes-embedded-resource']) return;
  if (Array.isArray(value)) {
    if (s.type === 'array' && s.items) value.forEach((v, i) => walk(v, s.items as OpenAPISchema, `${path}[${i}]`, out, depth + 1));
    return;
  }
  if (!isPlainObject(value)) return;
  if (s.properties) {
    for (const [key, v] of Object.entries(value)) {
      const prop = s.properties[key];
      if (prop) walk(v, prop, join(path, key), out, depth + 1);
      else if (!(depth === 0 && ROOT_FIELDS.has(key))) out.push(join(path, key));
    }
  } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    for (const [key, v] of Object.entries(value)) walk(v, s.additionalProperties, join(path, key), out, depth + 1);
  }
}

/**
 * Paths of the fields in `obj` that the named schema does not declare, in document order. Maps
 * (additionalProperties) accept any key; preserve-unknown-fields subtrees (RawExtension, FieldsV1)
 * are not inspected; apiVersion and kind are always accepted at the root. An unknown schema name
 * yields no paths.
 */
export function unknownFields(obj: unknown, schemaName: string): string[] {
  const schema = schemaRegistry.schemas[schemaName];
  if (!schema) return [];
  const out: string[] = [];
  walk(obj, schema, '', out, 0);
  return out;
}

/** The upstream strict decoding message for a set of unknown field paths. */
export function strictDecodingMessage(paths: string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field "${p}"`).join(', ')}`;
}
