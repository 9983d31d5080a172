// A SchemaRegistry over a record of named schemas: the product's registry (registry.ts) and test
// registries are built the same way.

import type { OpenAPISchema, SchemaRegistry } from './types.js';

const REF_PREFIX = '#/components/schemas/';

/** The schema name a `$ref` points to, or undefined for foreign references. */
export function refName(ref: string): string | undefined {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

/** `kinds` maps `apiVersion/kind` to a schema name. */
export function makeSchemaRegistry(schemas: Readonly<Record<string, OpenAPISchema>>, kinds: ReadonlyMap<string, string>): SchemaRegistry {
  const resolve = (schema: OpenAPISchema): OpenAPISchema => {
    let s = schema;
    for (let hops = 0; hops < 32; hops++) {
      if (s.$ref) {
        const name = refName(s.$ref);
        const target = name === undefined ? undefined : schemas[name];
        if (!target) return s;
        s = target;
      } else if (s.allOf?.length === 1 && !s.properties) {
        s = s.allOf[0]!;
      } else {
        return s;
      }
    }
    return s;
  };
  return { schemas, nameForKind: (apiVersion, kind) => kinds.get(`${apiVersion}/${kind}`), resolve };
}
