// The schema registry: every named schema kite knows, loaded once from the schema modules.

import { definitions, kindIndex } from './dsl.js';
import type { OpenAPISchema, SchemaRegistry } from './types.js';
import './meta.js';
import './core/index.js';
import './apps.js';
import './batch.js';
import './coordination.js';
import './events.js';
import './autoscaling.js';
import './policy.js';
import './scheduling.js';

const REF_PREFIX = '#/components/schemas/';

/** The schema name a `$ref` points to, or undefined for foreign references. */
export function refName(ref: string): string | undefined {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

function resolve(schema: OpenAPISchema): OpenAPISchema {
  let s = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (s.$ref) {
      const name = refName(s.$ref);
      const target = name === undefined ? undefined : definitions[name];
      if (!target) return s;
      s = target;
    } else if (s.allOf?.length === 1 && !s.properties) {
      s = s.allOf[0];
    } else {
      return s;
    }
  }
  return s;
}

export const schemaRegistry: SchemaRegistry = {
  schemas: definitions,
  nameForKind: (apiVersion, kind) => kindIndex.get(`${apiVersion}/${kind}`),
  resolve,
};
