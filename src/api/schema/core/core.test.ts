import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import './index.js';
import { definitions, kindIndex } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { CORE } from './names.js';
import { INLINE } from './inline.js';

const PREFIX = '#/components/schemas/';
const coreNames = Object.keys(definitions).filter((n) => n.startsWith(`${CORE}.`));
const def = (type: string): OpenAPISchema => {
  const s = definitions[`${CORE}.${type}`];
  assert.ok(s, `${CORE}.${type} is defined`);
  return s;
};
const prop = (type: string, name: string): OpenAPISchema & Record<string, unknown> => {
  const p = def(type).properties?.[name];
  assert.ok(p, `${type}.${name} is defined`);
  return p as OpenAPISchema & Record<string, unknown>;
};

/** Every $ref reachable inside a schema (properties, items, additionalProperties, allOf). */
function refs(s: OpenAPISchema, out: string[] = []): string[] {
  if (s.$ref) out.push(s.$ref);
  for (const a of s.allOf ?? []) refs(a, out);
  if (s.items) refs(s.items, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') refs(s.additionalProperties, out);
  for (const p of Object.values(s.properties ?? {})) refs(p, out);
  return out;
}

const ROOT_KINDS = [
  'Namespace', 'Pod', 'Service', 'Endpoints', 'Secret', 'ConfigMap', 'ServiceAccount', 'Event', 'Node',
  'ResourceQuota', 'Binding', 'PodTemplate', 'PersistentVolume', 'PersistentVolumeClaim', 'LimitRange',
  'ReplicationController', 'ComponentStatus',
];
const LISTED = ROOT_KINDS.filter((k) => k !== 'Binding');

describe('core/v1 schemas', () => {
  test('core/v1 registers a substantial set of schemas', () => {
    assert.ok(coreNames.length > 200, `got ${coreNames.length}`);
  });

  test('every $ref resolves to a core definition or to a meta/runtime name', () => {
    const external = new Set<string>();
    for (const name of coreNames) {
      for (const r of refs(definitions[name])) {
        assert.ok(r.startsWith(PREFIX), `${name}: ${r} is a components ref`);
        const target = r.slice(PREFIX.length);
        if (target.startsWith('io.k8s.apimachinery.')) external.add(target);
        else assert.ok(definitions[target], `${name} refers to undefined ${target}`);
      }
    }
    assert.deepEqual([...external].sort(), [
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Condition',
      'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
  });

  for (const kind of ROOT_KINDS) {
    test(`${kind} is a root kind with gvk ['', 'v1', '${kind}']`, () => {
      assert.deepEqual(def(kind)['x-kubernetes-group-version-kind'], [{ group: '', version: 'v1', kind }]);
      assert.equal(kindIndex.get(`v1/${kind}`), `${CORE}.${kind}`);
      assert.equal(prop(kind, 'metadata')['x-kite-proto'], 1);
      assert.equal(prop(kind, 'apiVersion')['x-kite-proto'], undefined);
      assert.equal(prop(kind, 'kind')['x-kite-proto'], undefined);
    });
  }

  for (const kind of LISTED) {
    test(`${kind}List holds ListMeta at 1 and ${kind} items at 2`, () => {
      const list = `${kind}List`;
      assert.deepEqual(def(list)['x-kubernetes-group-version-kind'], [{ group: '', version: 'v1', kind: list }]);
      assert.equal(prop(list, 'metadata')['x-kite-proto'], 1);
      assert.deepEqual(prop(list, 'metadata').allOf, [{ $ref: `${PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta` }]);
      assert.equal(prop(list, 'items')['x-kite-proto'], 2);
      assert.equal(prop(list, 'items').items?.$ref, `${PREFIX}${CORE}.${kind}`);
      assert.deepEqual(def(list).required, ['items']);
    });
  }

  const protoCases: [string, string, number][] = [
    ['Pod', 'spec', 2], ['Pod', 'status', 3], ['PodSpec', 'containers', 2], ['PodSpec', 'initContainers', 20],
    ['PodSpec', 'volumes', 1], ['PodSpec', 'ephemeralContainers', 34], ['PodSpec', 'hostnameOverride', 41],
    ['Container', 'image', 2], ['Container', 'envFrom', 19], ['Container', 'restartPolicyRules', 25],
    ['Secret', 'data', 2], ['Secret', 'immutable', 5], ['ConfigMap', 'data', 2], ['ConfigMap', 'immutable', 4],
    ['Service', 'spec', 2], ['ServicePort', 'port', 3], ['ServicePort', 'appProtocol', 6],
    ['ServiceSpec', 'clusterIPs', 18], ['NodeSpec', 'podCIDRs', 7], ['NodeStatus', 'nodeInfo', 7],
    ['PodStatus', 'podIPs', 12], ['PodStatus', 'observedGeneration', 17], ['Event', 'eventTime', 10],
  ];
  for (const [type, name, n] of protoCases) {
    test(`${type}.${name} has protobuf field ${n}`, () => assert.equal(prop(type, name)['x-kite-proto'], n));
  }

  const inlineCases: [string, string, number, number][] = [
    ['Volume', 'hostPath', 2, 1], ['Volume', 'image', 2, 30], ['Probe', 'grpc', 1, 4],
    ['EphemeralContainer', 'image', 1, 2], ['ConfigMapKeySelector', 'name', 1, 1],
    ['PersistentVolumeSpec', 'csi', 2, 22],
  ];
  for (const [type, name, at, n] of inlineCases) {
    test(`${type}.${name} is field ${n} of the struct inlined at ${at}`, () => {
      assert.equal(prop(type, name)[INLINE], at);
      assert.equal(prop(type, name)['x-kite-proto'], n);
    });
  }

  const patchCases: [string, string, string, string, string, string[] | undefined][] = [
    // type, property, merge key, strategy, list type, list map keys
    ['PodSpec', 'containers', 'name', 'merge', 'map', ['name']],
    ['PodSpec', 'initContainers', 'name', 'merge', 'map', ['name']],
    ['PodSpec', 'volumes', 'name', 'merge,retainKeys', 'map', ['name']],
    ['PodSpec', 'imagePullSecrets', 'name', 'merge', 'map', ['name']],
    ['PodSpec', 'hostAliases', 'ip', 'merge', 'map', ['ip']],
    ['PodSpec', 'topologySpreadConstraints', 'topologyKey', 'merge', 'map', ['topologyKey', 'whenUnsatisfiable']],
    ['Container', 'env', 'name', 'merge', 'map', ['name']],
    ['Container', 'ports', 'containerPort', 'merge', 'map', ['containerPort', 'protocol']],
    ['Container', 'volumeMounts', 'mountPath', 'merge', 'map', ['mountPath']],
    ['ServiceSpec', 'ports', 'port', 'merge', 'map', ['port', 'protocol']],
    ['PodStatus', 'conditions', 'type', 'merge', 'map', ['type']],
    ['NodeStatus', 'conditions', 'type', 'merge', 'map', ['type']],
    ['NodeStatus', 'addresses', 'type', 'merge', 'map', ['type']],
    ['NodeSpec', 'podCIDRs', '', 'merge', 'set', undefined],
    ['PodStatus', 'hostIPs', 'ip', 'merge', 'atomic', undefined],
  ];
  for (const [type, name, key, strategy, listType, mapKeys] of patchCases) {
    test(`${type}.${name} merges as ${listType}${key ? ` by ${key}` : ''}`, () => {
      const p = prop(type, name);
      assert.equal(p['x-kubernetes-patch-merge-key'], key || undefined);
      assert.equal(p['x-kubernetes-patch-strategy'], strategy);
      assert.equal(p['x-kubernetes-list-type'], listType);
      assert.deepEqual(p['x-kubernetes-list-map-keys'], mapKeys);
    });
  }

  test('tolerations are atomic and carry no patch strategy', () => {
    const p = prop('PodSpec', 'tolerations');
    assert.equal(p['x-kubernetes-list-type'], 'atomic');
    assert.equal(p['x-kubernetes-patch-strategy'], undefined);
  });

  test('map fields use the value type of their protobuf map', () => {
    assert.deepEqual(prop('Secret', 'data').additionalProperties, { type: 'string', format: 'byte', 'x-kite-proto-type': 'bytes' });
    assert.deepEqual(prop('ConfigMap', 'data').additionalProperties, { type: 'string' });
    assert.deepEqual(prop('ResourceRequirements', 'limits').additionalProperties,
      { $ref: `${PREFIX}io.k8s.apimachinery.pkg.api.resource.Quantity` });
  });

  test('required fields follow upstream', () => {
    assert.deepEqual(def('Container').required, ['name']);
    assert.deepEqual(def('PodSpec').required, ['containers']);
    assert.deepEqual(def('ContainerPort').required, ['containerPort']);
    assert.deepEqual(def('VolumeMount').required, ['name', 'mountPath']);
    assert.equal(def('Secret').required, undefined);
  });

  test('every property has a description and, unless apiVersion/kind, a protobuf number', () => {
    for (const name of coreNames) {
      const s = definitions[name];
      assert.ok(s.description, `${name} has a description`);
      for (const [p, ps] of Object.entries(s.properties ?? {})) {
        assert.ok(ps.description, `${name}.${p} has a description`);
        if (p === 'apiVersion' || p === 'kind') continue;
        assert.ok(Number.isInteger(ps['x-kite-proto']) && (ps['x-kite-proto'] ?? 0) > 0, `${name}.${p} has a protobuf number`);
      }
    }
  });

  test('protobuf numbers are unique within each message', () => {
    for (const name of coreNames) {
      const seen = new Map<string, string>();
      for (const [p, ps] of Object.entries(definitions[name].properties ?? {})) {
        const n = ps['x-kite-proto'];
        if (!n) continue;
        const at = (ps as Record<string, unknown>)[INLINE];
        const key = at === undefined ? `${n}` : `${at}.${n}`;
        assert.ok(!seen.has(key), `${name}: ${p} and ${seen.get(key)} share field ${key}`);
        seen.set(key, p);
      }
      const inlineAt = new Set(Object.values(definitions[name].properties ?? {})
        .map((ps) => (ps as Record<string, unknown>)[INLINE]).filter((v) => v !== undefined).map(String));
      for (const at of inlineAt) assert.ok(!seen.has(at), `${name}: field ${at} is both inlined and a property`);
    }
  });

  test('required names are properties of their schema', () => {
    for (const name of coreNames) {
      for (const r of definitions[name].required ?? []) {
        assert.ok(definitions[name].properties?.[r], `${name} requires unknown ${r}`);
      }
    }
  });
});
