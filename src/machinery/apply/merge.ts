// Merging an applied configuration into a live object (structured-merge-diff's TypedValue.Merge
// with the keep-right-hand-side rule): scalars, atomic lists and atomic maps are replaced whole;
// granular maps and structs merge entry by entry; associative lists merge item by item (by key
// or value), keeping the applied order for applied items and the live order around them.

import { isPlainObject } from '../../api/types.js';
import { serializePathElement } from './path.js';
import { sameAtom, type Atom, type Schema, type TypeInfo } from './typeinfo.js';
import { cloneJSON } from './values.js';

/** `lhs` (live) merged with `rhs` (applied); undefined means absent. Inputs are not modified. */
export function mergeValues(types: TypeInfo, lhs: unknown, rhs: unknown, schema: Schema): unknown {
  if (lhs === undefined && rhs === undefined) return undefined;
  const aL = lhs === undefined ? undefined : types.atomFor(schema, lhs);
  const aR = rhs === undefined ? undefined : types.atomFor(schema, rhs);
  if (aL && aR && !sameAtom(aL, aR)) return cloneJSON(rhs);
  const atom = (aR ?? aL) as Atom;
  const leaf = (): unknown => cloneJSON(rhs !== undefined ? rhs : lhs);
  switch (atom.kind) {
    case 'scalar':
      return leaf();
    case 'list': {
      const L = Array.isArray(lhs) ? lhs : undefined;
      const R = Array.isArray(rhs) ? rhs : undefined;
      if (atom.atomic || ((!L || L.length === 0) && (!R || R.length === 0))) return leaf();
      const out = mergeListItems(types, atom, L ?? [], R ?? []);
      return out.length > 0 ? out : undefined;
    }
    case 'map': {
      const L = isPlainObject(lhs) ? lhs : undefined;
      const R = isPlainObject(rhs) ? rhs : undefined;
      const emptyL = !L || Object.keys(L).length === 0;
      const emptyR = !R || Object.keys(R).length === 0;
      if (atom.atomic || (emptyL && emptyR)) return leaf();
      const out: Record<string, unknown> = {};
      const visit = (k: string): void => {
        const merged = mergeValues(types, L?.[k], R?.[k], types.fieldSchema(atom, k));
        if (merged !== undefined) out[k] = merged;
      };
      if (L) for (const k of Object.keys(L)) visit(k);
      if (R) for (const k of Object.keys(R)) if (!L || L[k] === undefined) visit(k);
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}

interface Indexed { order: string[]; items: Map<string, unknown> }

function indexList(types: TypeInfo, atom: Atom & { kind: 'list' }, list: unknown[]): Indexed {
  const order: string[] = [];
  const items = new Map<string, unknown>();
  list.forEach((item, i) => {
    const pe = types.listItemPE(atom, item, i);
    if (!pe) return;
    const k = serializePathElement(pe);
    if (items.has(k)) return;
    items.set(k, item);
    order.push(k);
  });
  return { order, items };
}

function mergeListItems(types: TypeInfo, atom: Atom & { kind: 'list' }, lhs: unknown[], rhs: unknown[]): unknown[] {
  const out: unknown[] = [];
  const r = indexList(types, atom, rhs);
  const l = indexList(types, atom, lhs);
  const shared = r.order.filter((k) => l.items.has(k));
  let nextShared: string | undefined = shared.shift();
  const emit = (k: string): void => {
    const merged = mergeValues(types, l.items.get(k), r.items.get(k), atom.items);
    if (merged !== undefined) out.push(merged);
  };
  let li = 0;
  let ri = 0;
  while (li < l.order.length || ri < r.order.length) {
    if (li < l.order.length && ri < r.order.length) {
      const k = l.order[li];
      if (k === r.order[ri]) {
        emit(k);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (r.items.has(k) && nextShared !== undefined && nextShared !== k) {
        // A shared item, but not the one due in this round.
        li++;
        continue;
      }
    }
    if (li < l.order.length && !r.items.has(l.order[li])) {
      emit(l.order[li]);
      li++;
      continue;
    }
    if (ri < r.order.length) {
      const k = r.order[ri];
      emit(k);
      ri++;
      if (nextShared !== undefined && nextShared === k) nextShared = shared.shift();
    } else {
      li++;
    }
  }
  return out;
}
