// How server-side apply reads an OpenAPI schema, as kube-openapi's schemaconv turns it into
// structured-merge-diff types: scalars; lists that are atomic, sets or maps keyed by fields
// (x-kubernetes-list-type, else the patch strategy "merge" with its merge key); maps and structs
// that are granular or atomic (x-kubernetes-map-type). Where the schema says nothing, or the value
// does not fit it, the type is deduced from the value: maps granular, lists atomic.

import type { OpenAPISchema, SchemaRegistry } from '../../api/schema/types.js';
import { isPlainObject } from '../../api/types.js';
import { fieldPE, keyPE, serializePathElement, type PathElement } from './path.js';

export type Schema = OpenAPISchema | undefined;

export type Atom =
  | { readonly kind: 'scalar' }
  /** `keys` set: a map-list keyed by those fields; neither atomic nor keyed: a set of scalars. */
  | { readonly kind: 'list'; readonly atomic: boolean; readonly keys?: readonly string[]; readonly items: Schema }
  /** `fields`: a struct's named fields; other keys use `elem`. */
  | { readonly kind: 'map'; readonly atomic: boolean; readonly fields?: Readonly<Record<string, OpenAPISchema>>; readonly elem: Schema };

const SCALAR: Atom = { kind: 'scalar' };
const DEDUCED_LIST: Atom = { kind: 'list', atomic: true, items: undefined };
const DEDUCED_MAP: Atom = { kind: 'map', atomic: false, elem: undefined };
const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/** Everything the walkers need: the registry to follow $refs, plus per-schema caches. */
export class TypeInfo {
  private readonly effectiveCache = new WeakMap<OpenAPISchema, OpenAPISchema | null>();
  private readonly atomCache = new WeakMap<OpenAPISchema, Atom | null>();
  private readonly keyCache = new WeakMap<object, { atom: Atom; pe: PathElement | undefined }>();

  constructor(readonly registry: SchemaRegistry) {}

  /** The schema with $ref/allOf followed, keeping the x-kubernetes-* extensions of the wrapper. */
  effective(s: Schema): OpenAPISchema | undefined {
    if (!s) return undefined;
    if (!s.$ref && !(s.allOf && s.allOf.length === 1)) return s;
    const cached = this.effectiveCache.get(s);
    if (cached !== undefined) return cached ?? undefined;
    let target: OpenAPISchema | undefined = this.registry.resolve(s);
    if (target === s || target.$ref) target = s.$ref ? undefined : this.effective(s.allOf?.[0]);
    let out = target;
    if (target) {
      const ext: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s)) if (k.startsWith('x-kubernetes-') || k === 'default') ext[k] = v;
      if (Object.keys(ext).length > 0) out = { ...target, ...ext } as OpenAPISchema;
    }
    this.effectiveCache.set(s, out ?? null);
    return out;
  }

  /** The type a schema declares, or undefined when it must be deduced from the value. */
  schemaAtom(s: Schema): Atom | undefined {
    if (!s) return undefined;
    const cached = this.atomCache.get(s);
    if (cached !== undefined) return cached ?? undefined;
    const atom = this.computeAtom(this.effective(s));
    this.atomCache.set(s, atom ?? null);
    return atom;
  }

  private computeAtom(e: OpenAPISchema | undefined): Atom | undefined {
    if (!e) return undefined;
    if (e['x-kubernetes-int-or-string']) return SCALAR;
    const props = e.properties && Object.keys(e.properties).length > 0 ? e.properties : undefined;
    if (e.type === 'array' || e.items) {
      const listType = e['x-kubernetes-list-type'];
      const mergeKey = e['x-kubernetes-patch-merge-key'];
      if (listType === 'atomic') return { kind: 'list', atomic: true, items: e.items };
      if (listType === 'set') return { kind: 'list', atomic: false, items: e.items };
      if (listType === 'map') {
        const keys = e['x-kubernetes-list-map-keys'] ?? (mergeKey ? [mergeKey] : undefined);
        return { kind: 'list', atomic: false, keys: keys?.length ? keys : undefined, items: e.items };
      }
      const strategies = (e['x-kubernetes-patch-strategy'] ?? '').split(',');
      if (strategies.includes('merge')) {
        return { kind: 'list', atomic: false, keys: mergeKey ? [mergeKey] : undefined, items: e.items };
      }
      return { kind: 'list', atomic: true, items: e.items };
    }
    if (e.type === 'object' || props || e.additionalProperties !== undefined) {
      const elem = isPlainObject(e.additionalProperties) ? (e.additionalProperties as OpenAPISchema) : undefined;
      if (!props && !elem && (e['x-kubernetes-preserve-unknown-fields'] || e.additionalProperties === undefined || e.additionalProperties === true)) {
        return e['x-kubernetes-map-type'] === 'atomic' ? { kind: 'map', atomic: true, elem: undefined } : undefined;
      }
      return { kind: 'map', atomic: e['x-kubernetes-map-type'] === 'atomic', fields: props, elem };
    }
    if (e.type && SCALAR_TYPES.has(e.type)) return SCALAR;
    return undefined;
  }

  /** The type to use for `value`: the schema's when the value fits it, else deduced from the value. */
  atomFor(s: Schema, value: unknown): Atom {
    const atom = this.schemaAtom(s);
    if (value === undefined || value === null) return atom ?? SCALAR;
    if (atom) {
      if (atom.kind === 'scalar' && !Array.isArray(value) && !isPlainObject(value)) return atom;
      if (atom.kind === 'map' && isPlainObject(value)) return atom;
      if (atom.kind === 'list' && Array.isArray(value)) return atom.atomic || this.listItemsOK(atom, value) ? atom : { ...atom, atomic: true, keys: undefined };
    }
    return deducedAtom(value);
  }

  /** An associative list is handled as atomic when an item has no key or a key repeats. */
  private listItemsOK(atom: Atom & { kind: 'list' }, list: unknown[]): boolean {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const pe = this.listItemPE(atom, list[i], i);
      if (!pe) return false;
      const k = serializePathElement(pe);
      if (seen.has(k)) return false;
      seen.add(k);
    }
    return true;
  }

  /** The schema of a map's or struct's entry. */
  fieldSchema(atom: Atom & { kind: 'map' }, name: string): Schema {
    return atom.fields?.[name] ?? atom.elem;
  }

  /** Whether `name` is a named field of the struct (not a map entry). */
  isNamedField(atom: Atom & { kind: 'map' }, name: string): boolean {
    return atom.fields !== undefined && Object.prototype.hasOwnProperty.call(atom.fields, name);
  }

  /** The path element of a list item: index (atomic), key fields (map-list) or value (set). */
  listItemPE(atom: Atom & { kind: 'list' }, item: unknown, index: number): PathElement | undefined {
    if (atom.atomic) return { kind: 'index', index };
    if (atom.keys) {
      if (!isPlainObject(item)) return undefined;
      const cached = this.keyCache.get(item);
      if (cached && cached.atom === atom) return cached.pe;
      const pe = this.keyOf(atom, item);
      this.keyCache.set(item, { atom, pe });
      return pe;
    }
    if (item === null || item === undefined || Array.isArray(item) || isPlainObject(item)) return undefined;
    return { kind: 'value', value: item };
  }

  private keyOf(atom: Atom & { kind: 'list' }, item: Record<string, unknown>): PathElement | undefined {
    const fields: [string, unknown][] = [];
    for (const k of atom.keys ?? []) {
      let v = item[k];
      if (v === undefined) v = this.keyDefault(atom.items, k);
      if (v === undefined) return undefined;
      fields.push([k, v]);
    }
    return keyPE(fields);
  }

  /** Why a list item has no path element (upstream's wording), for errors on applied configurations. */
  listItemProblem(atom: Atom & { kind: 'list' }, item: unknown): string | undefined {
    if (atom.atomic) return undefined;
    if (atom.keys) {
      if (item === null) return 'associative list with keys may not have a null element';
      if (!isPlainObject(item)) return 'associative list with keys may not have non-map elements';
      for (const k of atom.keys) {
        if (item[k] === undefined && this.keyDefault(atom.items, k) === undefined) {
          return `associative list with keys has an element that omits key field ${JSON.stringify(k)} (and doesn't have default value)`;
        }
      }
      return undefined;
    }
    if (isPlainObject(item)) return "associative list without keys has an element that's a map type";
    if (Array.isArray(item)) return 'not supported: associative list with lists as elements';
    if (item === null) return "associative list without keys has an element that's an explicit null";
    return undefined;
  }

  private keyDefault(items: Schema, key: string): unknown {
    const e = this.effective(items);
    const prop = e?.properties?.[key];
    if (!prop) return undefined;
    return prop.default ?? this.effective(prop)?.default;
  }

  /** The schema's struct fields, without looking at a value (for EnsureNamedFieldsAreMembers). */
  structFields(s: Schema): Readonly<Record<string, OpenAPISchema>> | undefined {
    const atom = this.schemaAtom(s);
    return atom?.kind === 'map' ? atom.fields : undefined;
  }
}

/** The deduced type of a value: scalars, atomic lists, granular maps. */
export function deducedAtom(value: unknown): Atom {
  if (Array.isArray(value)) return DEDUCED_LIST;
  if (isPlainObject(value)) return DEDUCED_MAP;
  return SCALAR;
}

/** structured-merge-diff's Atom.Equals, for the cases the walkers distinguish. */
export function sameAtom(a: Atom, b: Atom): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'list' && b.kind === 'list') {
    return a.atomic === b.atomic && (a.keys ?? []).join('\0') === (b.keys ?? []).join('\0') && a.items === b.items;
  }
  if (a.kind === 'map' && b.kind === 'map') return a.atomic === b.atomic && a.fields === b.fields && a.elem === b.elem;
  return true;
}

export { fieldPE };
