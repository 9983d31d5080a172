// Root kinds of the core group ("" group, v1) and their List kinds.

import { arr, f, struct } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { CORE, core, meta } from './names.js';

export interface KindOptions {
  required?: string[];
  ext?: Partial<OpenAPISchema>;
}

/** Registers `io.k8s.api.core.v1.<kind>` with gvk ['', 'v1', kind]. */
export function kind(name: string, description: string, properties: Record<string, OpenAPISchema>, opts: KindOptions = {}): void {
  struct(`${CORE}.${name}`, description, properties, { ...opts, gvk: ['', 'v1', name] });
}

/** Registers `<kind>List` (metadata ListMeta = 1, items = 2) with gvk ['', 'v1', '<kind>List']. */
export function kindList(name: string, description: string, itemsDescription: string): void {
  kind(`${name}List`, description, {
    apiVersion: f(0, { type: 'string' }, 'Versioned schema of this representation of an object.'),
    items: f(2, arr(core(name)), itemsDescription),
    kind: f(0, { type: 'string' }, 'REST resource this object represents, in CamelCase.'),
    metadata: f(1, meta('ListMeta'), 'Standard list metadata.'),
  }, { required: ['items'] });
}

/** The apiVersion/kind/metadata properties every root kind has. */
export function objectHeader(): Record<string, OpenAPISchema> {
  return {
    apiVersion: f(0, { type: 'string' }, 'Versioned schema of this representation of an object.'),
    kind: f(0, { type: 'string' }, 'REST resource this object represents, in CamelCase.'),
    metadata: f(1, meta('ObjectMeta'), "Standard object's metadata."),
  };
}
