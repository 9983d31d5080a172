// The FieldsV1 wire format of managedFields: a JSON trie whose keys are serialized path elements,
// with "." marking that a node with children is itself a member. Key order follows upstream's
// emitContentsV1: "." first, then members and children merged in path-element order.

import { isPlainObject } from '../../api/types.js';
import { FieldSet } from './fieldset.js';
import { comparePathElements, parsePathElement, serializePathElement, UnknownPathElementType } from './path.js';

/** A FieldSet as a FieldsV1 object (`{"f:metadata":{"f:labels":{"f:app":{}}}}`). */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members = set.sortedMembers();
  const children = set.sortedChildren();
  if (includeSelf && (members.length > 0 || children.length > 0)) out['.'] = {};
  let mi = 0;
  let ci = 0;
  while (mi < members.length || ci < children.length) {
    const c = mi < members.length && ci < children.length
      ? comparePathElements(members[mi], children[ci][0])
      : mi < members.length ? -1 : 1;
    if (c < 0) {
      out[serializePathElement(members[mi])] = {};
      mi++;
    } else {
      const [pe, child] = children[ci];
      out[serializePathElement(pe)] = emit(child, c === 0);
      if (c === 0) mi++;
      ci++;
    }
  }
  return out;
}

/** Parses FieldsV1 (an object or its JSON text); unknown element types are dropped as upstream does. */
export function fromFieldsV1(fields: unknown): FieldSet {
  const obj = typeof fields === 'string' ? (JSON.parse(fields) as unknown) : fields;
  if (obj === null || obj === undefined) return new FieldSet();
  if (!isPlainObject(obj)) throw new Error('FieldsV1 must be a JSON object');
  return read(obj).children ?? new FieldSet();
}

function read(obj: Record<string, unknown>): { children: FieldSet | undefined; isMember: boolean } {
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [key, value] of Object.entries(obj)) {
    if (key === '.') {
      isMember = true;
      continue;
    }
    let pe;
    try {
      pe = parsePathElement(key);
    } catch (e) {
      if (e instanceof UnknownPathElementType) continue;
      throw new Error(`parsing key as path element: ${(e as Error).message}`, { cause: e });
    }
    const sub = isPlainObject(value) ? read(value) : { children: undefined, isMember: true };
    if (sub.isMember) (children ??= new FieldSet()).addMember(pe);
    if (sub.children) (children ??= new FieldSet()).attach(pe, sub.children);
  }
  if (!children) isMember = true;
  return { children, isMember };
}
