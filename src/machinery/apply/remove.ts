// Removing a set of fields from an object (structured-merge-diff's TypedValue.RemoveItems): a
// member of the set is dropped with everything below it; children of the set are descended into.
// A list or map left empty becomes null, as upstream (the apply result is cleaned of those later).

import { isPlainObject } from '../../api/types.js';
import type { FieldSet } from './fieldset.js';
import { fieldPE } from './path.js';
import type { Schema, TypeInfo } from './typeinfo.js';

/** `value` without the fields in `toRemove`; null when nothing is left of a list or map. */
export function removeItems(types: TypeInfo, value: unknown, toRemove: FieldSet, schema: Schema): unknown {
  const atom = types.atomFor(schema, value);
  switch (atom.kind) {
    case 'scalar':
      return value;
    case 'list': {
      if (!Array.isArray(value) || value.length === 0 || atom.atomic) return null;
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const pe = types.listItemPE(atom, item, i);
        if (!pe) {
          out.push(item);
          return;
        }
        if (toRemove.hasMember(pe)) return;
        const sub = toRemove.child(pe);
        const kept = sub && !sub.isEmpty() ? removeItems(types, item, sub, atom.items) : item;
        if (kept !== null) out.push(kept);
      });
      return out.length > 0 ? out : null;
    }
    case 'map': {
      if (!isPlainObject(value) || Object.keys(value).length === 0 || atom.atomic) return null;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const pe = fieldPE(k);
        if (toRemove.hasMember(pe)) continue;
        const sub = toRemove.child(pe);
        out[k] = sub && !sub.isEmpty() ? removeItems(types, v, sub, types.fieldSchema(atom, k)) : v;
      }
      return Object.keys(out).length > 0 ? out : null;
    }
  }
}
