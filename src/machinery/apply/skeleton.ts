// The object a create is compared against. Upstream compares with the Go zero value of the kind,
// where struct-valued fields such as spec or spec.template already exist and fields without
// omitempty (OpenAPI `required`, such as PodSpec.containers) are null, so a create does not own
// them as members ("."), while optional pointers, maps and lists are absent. OpenAPI does not say
// which fields are plain structs, so we name the usual ones.

import { isPlainObject } from '../../api/types.js';
import type { Schema, TypeInfo } from './typeinfo.js';

const VALUE_STRUCTS = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'jobTemplate']);

/** `{metadata:{}, spec:{template:{metadata:{}, spec:{}}, strategy:{}}, status:{}}` and the like. */
export function zeroValueSkeleton(types: TypeInfo, schema: Schema, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const atom = types.schemaAtom(schema);
  if (depth > 8 || atom?.kind !== 'map' || atom.atomic || !atom.fields) return out;
  const required = new Set(types.effective(schema)?.required ?? []);
  for (const [name, fieldSchema] of Object.entries(atom.fields)) {
    const fa = types.schemaAtom(fieldSchema);
    if (VALUE_STRUCTS.has(name) && fa?.kind === 'map' && fa.fields && !fa.atomic) {
      out[name] = zeroValueSkeleton(types, fieldSchema, depth + 1);
    } else if (required.has(name) && fa?.kind !== 'scalar') {
      out[name] = null;
    }
  }
  return out;
}

/** Keeps only the parts of `base` that `obj` has too (so the skeleton never invents fields). */
export function intersectSkeleton(base: unknown, obj: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(obj)) return base;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) if (k in obj) out[k] = intersectSkeleton(v, obj[k]);
  return out;
}
