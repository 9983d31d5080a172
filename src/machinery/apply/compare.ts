// Comparing two versions of an object (structured-merge-diff's TypedValue.Compare): which fields
// were added, modified or removed. Leaves (scalars, atomic lists/maps, and empty lists/maps) are
// compared by value; a list item, map entry or struct present on one side only is itself added or
// removed along with everything below it.

import { isPlainObject } from '../../api/types.js';
import { FieldSet } from './fieldset.js';
import { fieldPE, serializePathElement, type FieldPath, type PathElement } from './path.js';
import { toFieldSet } from './tofieldset.js';
import { sameAtom, type Atom, type Schema, type TypeInfo } from './typeinfo.js';
import { valuesEqual } from './values.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares `lhs` (old) with `rhs` (new); undefined means absent. */
export function compareValuesTyped(types: TypeInfo, lhs: unknown, rhs: unknown, schema: Schema): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(types, lhs, rhs, schema, [], c);
  return c;
}

/** Drops `fields` (and everything below them) from all three sets. */
export function excludeFields(c: Comparison, fields: FieldSet | undefined): Comparison {
  if (!fields || fields.isEmpty()) return c;
  return {
    added: c.added.recursiveDifference(fields),
    modified: c.modified.recursiveDifference(fields),
    removed: c.removed.recursiveDifference(fields),
  };
}

function compare(types: TypeInfo, lhs: unknown, rhs: unknown, schema: Schema, path: FieldPath, c: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  const aL = lhs === undefined ? undefined : types.atomFor(schema, lhs);
  const aR = rhs === undefined ? undefined : types.atomFor(schema, rhs);
  if (aL && aR && !sameAtom(aL, aR)) {
    // The type changed: the field is modified, whatever was below it is replaced.
    c.modified.insert(path);
    prefixed(c.removed, path, toFieldSet(types, lhs, schema));
    prefixed(c.added, path, toFieldSet(types, rhs, schema));
    return;
  }
  const atom = (aR ?? aL) as Atom;
  const leaf = (): void => {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
    else if (!valuesEqual(lhs, rhs)) c.modified.insert(path);
  };
  let wasLeaf = false;
  switch (atom.kind) {
    case 'scalar':
      leaf();
      wasLeaf = true;
      break;
    case 'list': {
      const L = Array.isArray(lhs) ? lhs : undefined;
      const R = Array.isArray(rhs) ? rhs : undefined;
      if (atom.atomic || ((!L || L.length === 0) && (!R || R.length === 0))) {
        leaf();
        wasLeaf = true;
        break;
      }
      const items = new Map<string, { pe: PathElement; l?: unknown; r?: unknown }>();
      const index = (list: unknown[] | undefined, side: 'l' | 'r'): void => {
        list?.forEach((item, i) => {
          const pe = types.listItemPE(atom, item, i);
          if (!pe) return;
          const k = serializePathElement(pe);
          const e = items.get(k) ?? { pe };
          if (e[side] === undefined) e[side] = item;
          items.set(k, e);
        });
      };
      index(L, 'l');
      index(R, 'r');
      for (const e of items.values()) compare(types, e.l, e.r, atom.items, [...path, e.pe], c);
      break;
    }
    case 'map': {
      const L = isPlainObject(lhs) ? lhs : undefined;
      const R = isPlainObject(rhs) ? rhs : undefined;
      const emptyL = !L || Object.keys(L).length === 0;
      const emptyR = !R || Object.keys(R).length === 0;
      if (atom.atomic || (emptyL && emptyR)) {
        leaf();
        wasLeaf = true;
        break;
      }
      const keys = new Set([...Object.keys(L ?? {}), ...Object.keys(R ?? {})]);
      for (const k of keys) compare(types, L?.[k], R?.[k], types.fieldSchema(atom, k), [...path, fieldPE(k)], c);
      break;
    }
  }
  if (!wasLeaf) {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
  }
}

function prefixed(target: FieldSet, prefix: FieldPath, set: FieldSet): void {
  for (const p of set.paths()) target.insert([...prefix, ...p]);
}
