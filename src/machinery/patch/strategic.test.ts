import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strategicMergePatch } from './strategic.js';
import { schemaFor, testRegistry } from '../apply/testdata/schemas.js';
import { StatusError } from '../errors.js';

const deploySchema = schemaFor('apps/v1', 'Deployment');
const podSchema = schemaFor('v1', 'Pod');
const serviceSchema = schemaFor('v1', 'Service');

type J = Record<string, unknown>;

function deployment(podSpec: J, extra: J = {}): J {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
      ...extra,
    },
  };
}

const podSpecOf = (d: unknown): J => ((((d as J).spec as J).template as J).spec as J);

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v as object)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('strategicMergePatch', () => {
  test('strategicMergePatch applies the kubectl apply patch (containers and env by name, $setElementOrder)', () => {
    const live = deployment({
      containers: [{
        name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent',
        env: [{ name: 'A', value: '1' }, { name: 'B', value: 'x' }],
      }],
      restartPolicy: 'Always',
    });
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}\n' } },
      spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'A', value: '2' }], image: 'nginx:1.28', name: 'nginx' }],
      } } },
    };
    const out = strategicMergePatch(deepFreeze(live), deepFreeze(patch), deploySchema, testRegistry) as J;
    assert.deepEqual(podSpecOf(out), {
      containers: [{
        name: 'nginx', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent',
        env: [{ name: 'A', value: '2' }, { name: 'B', value: 'x' }],
      }],
      restartPolicy: 'Always',
    });
    assert.equal(((out.metadata as J).annotations as J)['kubectl.kubernetes.io/last-applied-configuration'], '{"kind":"Deployment"}\n');
    assert.deepEqual((out.metadata as J).labels, { app: 'web' });
  });

  const listCases: { name: string; live: J; patch: J; want: J }[] = [
    {
      name: 'merges containers by name, appending new ones',
      live: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
      patch: { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] },
      want: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] },
    },
    {
      name: 'merges env by name inside a container',
      live: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] },
      patch: { containers: [{ name: 'a', env: [{ name: 'Y', value: '3' }, { name: 'Z', value: '4' }] }] },
      want: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '3' }, { name: 'Z', value: '4' }] }] },
    },
    {
      name: 'merges ports by containerPort',
      live: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }] }] },
      patch: { containers: [{ name: 'a', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 8080 }] }] },
      want: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP', name: 'https' }, { containerPort: 8080 }] }] },
    },
    {
      name: 'merges volumeMounts by mountPath',
      live: { containers: [{ name: 'a', volumeMounts: [{ name: 'v1', mountPath: '/a' }, { name: 'v2', mountPath: '/b' }] }] },
      patch: { containers: [{ name: 'a', volumeMounts: [{ name: 'v3', mountPath: '/b', readOnly: true }] }] },
      want: { containers: [{ name: 'a', volumeMounts: [{ name: 'v1', mountPath: '/a' }, { name: 'v3', mountPath: '/b', readOnly: true }] }] },
    },
    {
      name: 'replaces tolerations (atomic list)',
      live: { containers: [], tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] },
      patch: { tolerations: [{ key: 'c', operator: 'Exists' }] },
      want: { containers: [], tolerations: [{ key: 'c', operator: 'Exists' }] },
    },
    {
      name: 'deletes a container with $patch: delete',
      live: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
      patch: { containers: [{ name: 'a', $patch: 'delete' }] },
      want: { containers: [{ name: 'b', image: 'b' }] },
    },
    {
      name: 'replaces the whole list with a $patch: replace item',
      live: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
      patch: { containers: [{ $patch: 'replace' }, { name: 'c', image: 'c' }] },
      want: { containers: [{ name: 'c', image: 'c' }] },
    },
    {
      name: 'reorders with $setElementOrder, server-only items keeping their live place',
      live: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
      patch: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }], containers: [{ name: 'c', image: 'c2' }] },
      want: { containers: [{ name: 'b' }, { name: 'c', image: 'c2' }, { name: 'a' }] },
    },
    {
      name: 'deletes a container the way kubectl apply asks ($setElementOrder plus $patch: delete)',
      live: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
      patch: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] },
      want: { containers: [{ name: 'a', image: 'a' }] },
    },
    {
      name: 'reorders with $setElementOrder alone',
      live: { containers: [{ name: 'a' }, { name: 'b' }] },
      patch: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
      want: { containers: [{ name: 'b' }, { name: 'a' }] },
    },
    {
      name: 'adds a list the live object lacks, dropping directives and nulls',
      live: { containers: [{ name: 'a' }] },
      patch: { '$setElementOrder/volumes': [{ name: 'v' }], volumes: [{ name: 'v', emptyDir: { medium: null } }] },
      want: { containers: [{ name: 'a' }], volumes: [{ name: 'v', emptyDir: {} }] },
    },
    {
      name: 'applies $retainKeys inside volumes (merge,retainKeys)',
      live: { containers: [], volumes: [{ name: 'v', emptyDir: {} }] },
      patch: { volumes: [{ name: 'v', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] },
      want: { containers: [], volumes: [{ name: 'v', configMap: { name: 'cm' } }] },
    },
    {
      name: 'replaces an atomic nodeSelector-like map only when told (maps merge by default)',
      live: { containers: [], nodeSelector: { a: '1', b: '2' } },
      patch: { nodeSelector: { b: null, c: '3' } },
      want: { containers: [], nodeSelector: { a: '1', c: '3' } },
    },
  ];
  for (const c of listCases) {
    test(`strategicMergePatch ${c.name}`, () => {
      const out = strategicMergePatch(deployment(c.live), { spec: { template: { spec: c.patch } } }, deploySchema, testRegistry);
      assert.deepEqual(podSpecOf(out), c.want);
    });
  }

  test('strategicMergePatch merges pod status conditions by type', () => {
    const live = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] } };
    const out = strategicMergePatch(live, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] } }, podSchema, testRegistry) as J;
    assert.deepEqual(out.status, {
      phase: 'Running',
      conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }],
    });
  });

  test('strategicMergePatch merges service ports by port', () => {
    const live = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } };
    const out = strategicMergePatch(live, { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } }, serviceSchema, testRegistry) as J;
    assert.deepEqual((out.spec as J).ports, [{ port: 80, targetPort: 9090, protocol: 'TCP' }, { port: 443 }]);
  });

  const metaCases: { name: string; live: J; patch: J; want: J }[] = [
    { name: 'unions finalizers (set with strategy merge)', live: { finalizers: ['a', 'b'] }, patch: { finalizers: ['c', 'a'] }, want: { finalizers: ['c', 'a', 'b'] } },
    { name: 'removes finalizers with $deleteFromPrimitiveList', live: { finalizers: ['a', 'b', 'c'] }, patch: { '$deleteFromPrimitiveList/finalizers': ['b'] }, want: { finalizers: ['a', 'c'] } },
    { name: 'deletes a label with null', live: { labels: { a: '1', b: '2' } }, patch: { labels: { a: null, c: '3' } }, want: { labels: { b: '2', c: '3' } } },
    { name: 'replaces a map with $patch: replace', live: { labels: { a: '1', b: '2' } }, patch: { labels: { $patch: 'replace', c: '3' } }, want: { labels: { c: '3' } } },
    { name: 'empties a map with $patch: delete', live: { labels: { a: '1' } }, patch: { labels: { $patch: 'delete' } }, want: { labels: {} } },
    { name: 'ignores nulls for absent keys', live: { labels: { a: '1' } }, patch: { annotations: null, labels: { zz: null } }, want: { labels: { a: '1' } } },
  ];
  for (const c of metaCases) {
    test(`strategicMergePatch ${c.name}`, () => {
      const out = strategicMergePatch({ metadata: { name: 'x', ...c.live } }, { metadata: c.patch }, deploySchema, testRegistry) as J;
      assert.deepEqual(out.metadata, { name: 'x', ...c.want });
    });
  }

  test('strategicMergePatch drops rollingUpdate when $retainKeys switches the strategy to Recreate', () => {
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    const out = strategicMergePatch(deployment({ containers: [] }), patch, deploySchema, testRegistry) as J;
    assert.deepEqual((out.spec as J).strategy, { type: 'Recreate' });
    const kept = strategicMergePatch(deployment({ containers: [] }), { spec: { strategy: { type: 'Recreate' } } }, deploySchema, testRegistry) as J;
    assert.deepEqual((kept.spec as J).strategy, { type: 'Recreate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  });

  test('strategicMergePatch replaces lists and merges maps where the schema says nothing', () => {
    const live = { apiVersion: 'x.io/v1', kind: 'Thing', spec: { items: [{ name: 'a' }], nested: { a: 1, b: 2 } } };
    const out = strategicMergePatch(live, { spec: { items: [{ name: 'b' }], nested: { b: 3 } } }, undefined, testRegistry);
    assert.deepEqual(out, { apiVersion: 'x.io/v1', kind: 'Thing', spec: { items: [{ name: 'b' }], nested: { a: 1, b: 3 } } });
  });

  test('strategicMergePatch leaves its inputs untouched', () => {
    const live = deepFreeze(deployment({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] }));
    const patch = deepFreeze({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'a', $retainKeys: ['name', 'env'], env: [{ name: 'X', $patch: 'delete' }] }] } } } });
    const before = JSON.stringify([live, patch]);
    const out = strategicMergePatch(live, patch, deploySchema, testRegistry);
    assert.equal(JSON.stringify([live, patch]), before);
    assert.deepEqual(podSpecOf(out), { containers: [{ name: 'a', env: [] }] });
  });

  const errorCases: { name: string; live: J; patch: J; code: number; reason: string; message: string }[] = [
    {
      name: 'rejects a list item without its merge key (500, upstream wording)',
      live: deployment({ containers: [{ name: 'a' }] }),
      patch: { spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } },
      code: 500, reason: '', message: 'map: map[image:nginx] does not contain declared merge key: name',
    },
    {
      name: 'rejects an unknown $patch directive on a map',
      live: deployment({ containers: [] }),
      patch: { metadata: { labels: { $patch: 'frobnicate', a: 'b' } } },
      code: 500, reason: '', message: 'unknown patch type: frobnicate in map: map[$patch:frobnicate a:b]',
    },
    {
      name: 'rejects $patch: merge on a list item',
      live: deployment({ containers: [{ name: 'a' }] }),
      patch: { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } } } },
      code: 500, reason: '', message: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'rejects a $retainKeys that is not a list (400)',
      live: deployment({ containers: [] }),
      patch: { spec: { strategy: { $retainKeys: 'type', type: 'Recreate' } } },
      code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys',
    },
    {
      name: 'rejects a patch setting a key missing from $retainKeys (400)',
      live: deployment({ containers: [] }),
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } },
      code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys',
    },
    {
      name: 'rejects a malformed $deleteFromPrimitiveList key (400)',
      live: { metadata: { finalizers: ['a'] } },
      patch: { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } },
      code: 400, reason: 'BadRequest', message: 'invalid patch format of primitive list',
    },
    {
      name: 'rejects a $setElementOrder list that does not match the patch list',
      live: deployment({ containers: [{ name: 'a' }, { name: 'b' }] }),
      patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', image: 'x' }] } } } },
      code: 500, reason: '',
      message: "the order in patch list:\n[map[image:x name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]",
    },
    {
      name: 'rejects lists of lists (422)',
      live: { apiVersion: 'test.kite.io/v1', kind: 'Matrix', rows: [['a']] },
      patch: { rows: [['b']] },
      code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request',
    },
  ];
  for (const c of errorCases) {
    test(`strategicMergePatch ${c.name}`, () => {
      const schema = c.live.kind === 'Matrix' ? schemaFor('test.kite.io/v1', 'Matrix') : deploySchema;
      assert.throws(() => strategicMergePatch(c.live, c.patch, schema, testRegistry), (e: unknown) => {
        assert.ok(e instanceof StatusError);
        assert.equal(e.code, c.code);
        assert.equal(e.reason, c.reason);
        assert.equal(e.message, c.message);
        return true;
      });
    });
  }

  test('strategicMergePatch rejects a patch that is not a JSON object', () => {
    assert.throws(() => strategicMergePatch({}, [1], deploySchema, testRegistry), (e: unknown) => e instanceof StatusError && e.code === 400 && e.message === 'invalid JSON document');
  });
});
