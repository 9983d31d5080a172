import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCES, groupVersion } from '../resources.js';
import { schemaRegistry } from './registry.js';
import type { OpenAPISchema } from './types.js';

const OWN_PREFIXES = [
  'io.k8s.apimachinery.',
  'io.k8s.api.apps.v1.',
  'io.k8s.api.batch.v1.',
  'io.k8s.api.coordination.v1.',
  'io.k8s.api.events.v1.',
  'io.k8s.api.autoscaling.v1.',
  'io.k8s.api.policy.v1.',
];
const own = Object.entries(schemaRegistry.schemas).filter(([name]) => OWN_PREFIXES.some((p) => name.startsWith(p)));

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe('schemaRegistry', () => {
  test('schemaRegistry holds the meta, apps, batch, coordination, events, autoscaling and policy schemas', () => {
    assert.ok(own.length > 60, `only ${own.length} schemas`);
    for (const name of ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.api.apps.v1.Deployment', 'io.k8s.api.batch.v1.CronJob',
      'io.k8s.api.coordination.v1.Lease', 'io.k8s.api.events.v1.Event', 'io.k8s.api.autoscaling.v1.Scale', 'io.k8s.api.policy.v1.Eviction']) {
      assert.ok(schemaRegistry.schemas[name], name);
    }
  });

  test('schemaRegistry resolves every $ref of these schemas', () => {
    for (const [name, schema] of own) {
      for (const ref of refsOf(schema)) {
        assert.ok(ref.startsWith('#/components/schemas/'), `${name}: ${ref}`);
        assert.ok(schemaRegistry.schemas[ref.slice('#/components/schemas/'.length)], `${name}: unresolved ${ref}`);
      }
    }
  });

  test('schemaRegistry gives every property a description and a unique protobuf number', () => {
    for (const [name, schema] of own) {
      if (!schema.properties) continue;
      const seen = new Map<number, string>();
      const root = !!schema['x-kubernetes-group-version-kind'];
      for (const [prop, p] of Object.entries(schema.properties)) {
        assert.ok(p.description, `${name}.${prop} has no description`);
        const n = p['x-kite-proto'];
        if (root && (prop === 'apiVersion' || prop === 'kind')) {
          assert.equal(n, undefined, `${name}.${prop} travels in the envelope`);
          continue;
        }
        assert.ok(typeof n === 'number' && n > 0, `${name}.${prop} has no protobuf number`);
        assert.ok(!seen.has(n), `${name}: ${prop} and ${seen.get(n)} share number ${n}`);
        seen.set(n, prop);
      }
    }
  });

  test('schemaRegistry maps every served kind, list kind and subresource kind to a schema', () => {
    for (const r of RESOURCES) {
      const av = groupVersion(r);
      const name = schemaRegistry.nameForKind(av, r.kind);
      assert.ok(name && schemaRegistry.schemas[name], `${av} ${r.kind}`);
      const props = schemaRegistry.schemas[name].properties ?? {};
      for (const p of ['apiVersion', 'kind', 'metadata']) assert.ok(props[p], `${r.kind} lacks ${p}`);
      if (r.verbs.includes('list')) {
        const list = schemaRegistry.nameForKind(av, r.listKind);
        assert.ok(list && schemaRegistry.schemas[list], `${av} ${r.listKind}`);
      }
      for (const s of r.subresources) {
        if (s.name === 'log') continue;
        assert.ok(schemaRegistry.nameForKind(s.group ? `${s.group}/${s.version}` : s.version, s.kind), `${r.resource}/${s.name}`);
      }
    }
  });

  test('schemaRegistry.nameForKind knows the meta kinds clients send', () => {
    const cases: [string, string, string | undefined][] = [
      ['v1', 'DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
      ['apps/v1', 'DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
      ['meta.k8s.io/v1', 'DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
      ['v1', 'Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status'],
      ['policy/v1', 'Eviction', 'io.k8s.api.policy.v1.Eviction'],
      ['autoscaling/v1', 'Scale', 'io.k8s.api.autoscaling.v1.Scale'],
      ['apps/v1', 'Nope', undefined],
    ];
    for (const [av, kind, want] of cases) assert.equal(schemaRegistry.nameForKind(av, kind), want, `${av} ${kind}`);
  });

  test('schemaRegistry.resolve follows $ref and single-element allOf', () => {
    const objectMeta = schemaRegistry.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    const cases: [string, OpenAPISchema, OpenAPISchema][] = [
      ['a $ref', { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, objectMeta],
      ['an allOf wrapper', { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], description: 'x' }, objectMeta],
      ['a property of a kind', schemaRegistry.schemas['io.k8s.api.apps.v1.Deployment'].properties?.metadata as OpenAPISchema, objectMeta],
      ['a plain schema', { type: 'string' }, { type: 'string' }],
      ['an unknown $ref', { $ref: '#/components/schemas/io.example.Nope' }, { $ref: '#/components/schemas/io.example.Nope' }],
    ];
    for (const [name, input, want] of cases) assert.deepEqual(schemaRegistry.resolve(input), want, name);
  });
});
