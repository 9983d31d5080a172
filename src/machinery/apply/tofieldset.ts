// The set of fields an object sets (structured-merge-diff's TypedValue.ToFieldSet): every scalar
// leaf, every atomic list or map as a whole, every associative-list item and every map entry that
// is not a named struct field. Structs and non-atomic lists themselves are not members.

import type { OpenAPISchema, SchemaRegistry } from '../../api/schema/types.js';
import { isPlainObject } from '../../api/types.js';
import { FieldSet } from './fieldset.js';
import { fieldPE, type FieldPath } from './path.js';
import { TypeInfo, type Schema } from './typeinfo.js';

/** The fields `obj` sets, following `schema` (undefined: deduced from the value). */
export function fieldsetFromObject(obj: unknown, schema: OpenAPISchema | undefined, registry: SchemaRegistry): FieldSet {
  return toFieldSet(new TypeInfo(registry), obj, schema);
}

export function toFieldSet(types: TypeInfo, obj: unknown, schema: Schema): FieldSet {
  const set = new FieldSet();
  walk(types, obj, schema, [], set);
  return set;
}

function walk(types: TypeInfo, value: unknown, schema: Schema, path: FieldPath, set: FieldSet): void {
  const atom = types.atomFor(schema, value);
  switch (atom.kind) {
    case 'scalar':
      set.insert(path);
      return;
    case 'list': {
      if (atom.atomic) {
        set.insert(path);
        return;
      }
      if (!Array.isArray(value)) return;
      value.forEach((item, i) => {
        const pe = types.listItemPE(atom, item, i);
        if (!pe) return;
        const p = [...path, pe];
        walk(types, item, atom.items, p, set);
        set.insert(p);
      });
      return;
    }
    case 'map': {
      if (atom.atomic) {
        set.insert(path);
        return;
      }
      if (!isPlainObject(value)) return;
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const p = [...path, fieldPE(k)];
        walk(types, v, types.fieldSchema(atom, k), p, set);
        if (!types.isNamedField(atom, k)) set.insert(p);
      }
      return;
    }
  }
}
