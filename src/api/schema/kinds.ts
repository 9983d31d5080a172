// Root kinds and their List kinds for the non-core groups: apiVersion/kind travel in the protobuf
// envelope (no field number), metadata is field 1, list items are field 2.

import { META, arr, f, ref, str, struct } from './dsl.js';
import type { OpenAPISchema } from './types.js';

export interface KindOptions {
  required?: string[];
  ext?: Partial<OpenAPISchema>;
}

/** The apiVersion/kind/metadata properties of a root kind. */
export function objectHeader(): Record<string, OpenAPISchema> {
  return {
    apiVersion: f(0, str(), 'Versioned schema of this representation of an object; the server converts recognized schemas.'),
    kind: f(0, str(), 'REST resource this object represents, in CamelCase; cannot be updated.'),
    metadata: f(1, ref(`${META}.ObjectMeta`), "Standard object's metadata."),
  };
}

/** Registers a root kind `name` with gvk [group, version, kind]; `properties` come after the header. */
export function defineKind(name: string, gvk: [string, string, string], description: string, properties: Record<string, OpenAPISchema>, opts: KindOptions = {}): void {
  struct(name, description, { ...objectHeader(), ...properties }, { ...opts, gvk });
}

/** Registers `<name>List` with gvk [group, version, `<kind>List`]. */
export function defineList(name: string, gvk: [string, string, string], description: string): void {
  const [group, version, kind] = gvk;
  struct(`${name}List`, description, {
    apiVersion: f(0, str(), 'Versioned schema of this representation of an object; the server converts recognized schemas.'),
    items: f(2, arr(ref(name)), `The ${kind} objects.`),
    kind: f(0, str(), 'REST resource this object represents, in CamelCase; cannot be updated.'),
    metadata: f(1, ref(`${META}.ListMeta`), 'Standard list metadata.'),
  }, { required: ['items'], gvk: [group, version, `${kind}List`] });
}
