// A small vocabulary for writing kite's own schemas as OpenAPI v3 objects. Each `struct` call
// registers one named schema; `f(n, schema, description)` is a property whose protobuf field number
// is n (0 for JSON-only fields such as apiVersion/kind, which travel in the protobuf envelope).

import type { OpenAPISchema } from './types.js';

export const definitions: Record<string, OpenAPISchema> = {};
/** Root kinds: apiVersion/kind -> schema name. */
export const kindIndex = new Map<string, string>();

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export const str = (): OpenAPISchema => ({ type: 'string' });
export const enumOf = (...values: string[]): OpenAPISchema => ({ type: 'string', enum: values });
export const i32 = (): OpenAPISchema => ({ type: 'integer', format: 'int32' });
export const i64 = (): OpenAPISchema => ({ type: 'integer', format: 'int64' });
export const num = (): OpenAPISchema => ({ type: 'number', format: 'double' });
export const bool = (): OpenAPISchema => ({ type: 'boolean' });
export const bytes = (): OpenAPISchema => ({ type: 'string', format: 'byte', 'x-kite-proto-type': 'bytes' });
export const time = (): OpenAPISchema => ({ $ref: `#/components/schemas/${META}.Time` });
export const microTime = (): OpenAPISchema => ({ $ref: `#/components/schemas/${META}.MicroTime` });
export const quantity = (): OpenAPISchema => ({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
export const intOrString = (): OpenAPISchema => ({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
export const rawExtension = (): OpenAPISchema => ({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.runtime.RawExtension' });
export const ref = (name: string): OpenAPISchema => ({ $ref: `#/components/schemas/${name}` });
export const arr = (items: OpenAPISchema, ext: Partial<OpenAPISchema> = {}): OpenAPISchema => ({ type: 'array', items, ...ext });
export const map = (values: OpenAPISchema, ext: Partial<OpenAPISchema> = {}): OpenAPISchema => ({ type: 'object', additionalProperties: values, ...ext });

/** A list merged by key under strategic merge patch and server-side apply (containers by name, ...). */
export const listMap = (items: OpenAPISchema, keys: string | string[], opts: { strategy?: string; patchKey?: string } = {}): OpenAPISchema => {
  const k = Array.isArray(keys) ? keys : [keys];
  return {
    type: 'array', items,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': k,
    'x-kubernetes-patch-merge-key': opts.patchKey ?? k[0],
    'x-kubernetes-patch-strategy': opts.strategy ?? 'merge',
  };
};
/** A list of scalars treated as a set (finalizers, ...). */
export const listSet = (items: OpenAPISchema, opts: { strategy?: string } = {}): OpenAPISchema =>
  ({ type: 'array', items, 'x-kubernetes-list-type': 'set', ...(opts.strategy ? { 'x-kubernetes-patch-strategy': opts.strategy } : {}) });
/** A list replaced as a whole. */
export const listAtomic = (items: OpenAPISchema): OpenAPISchema => ({ type: 'array', items, 'x-kubernetes-list-type': 'atomic' });

/** A property: protobuf field number, schema, description, extra extensions. */
export function f(proto: number, schema: OpenAPISchema, description = '', ext: Partial<OpenAPISchema> = {}): OpenAPISchema {
  const out: OpenAPISchema = schema.$ref ? { allOf: [{ $ref: schema.$ref }] } : { ...schema };
  if (description) out.description = description;
  if (proto) out['x-kite-proto'] = proto;
  if (schema.$ref && schema['x-kite-proto-type']) out['x-kite-proto-type'] = schema['x-kite-proto-type'];
  return Object.assign(out, ext);
}

export interface StructOptions {
  required?: string[];
  /** Marks a root kind: [group, version, kind]. */
  gvk?: [string, string, string];
  ext?: Partial<OpenAPISchema>;
}

export function struct(name: string, description: string, properties: Record<string, OpenAPISchema>, opts: StructOptions = {}): void {
  if (definitions[name]) throw new Error(`schema ${name} defined twice`);
  const s: OpenAPISchema = { type: 'object', description, properties };
  if (opts.required?.length) s.required = opts.required;
  if (opts.gvk) {
    const [group, version, kind] = opts.gvk;
    s['x-kubernetes-group-version-kind'] = [{ group, version, kind }];
    kindIndex.set(`${group ? `${group}/${version}` : version}/${kind}`, name);
  }
  Object.assign(s, opts.ext ?? {});
  definitions[name] = s;
}

/** A named scalar schema (Time, Quantity, IntOrString, ...). */
export function scalar(name: string, schema: OpenAPISchema): void {
  if (definitions[name]) throw new Error(`schema ${name} defined twice`);
  definitions[name] = schema;
}
