// Integration: the four patch types, server-side apply conflicts and force, field validation
// (Strict/Warn/Ignore) on POST/PUT/PATCH, typed decoding (mistyped values, dropped unknown fields).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, configMap, deployment } from './testing/harness.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

function warnings(h: Record<string, string>): string[] {
  const w = h.warning;
  if (!w) return [];
  return [...w.matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
}

describe('apiserver patch types', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(CM, configMap('p', { a: '1', b: '2' }, { app: 'x' }));
    await h.create(DEPLOY, deployment('web', 2));
  });
  after(async () => { await h.stop(); });

  test('a JSON patch adds, replaces and removes', async () => {
    const r = await h.patch(`${CM}/p`, 'json', [
      { op: 'add', path: '/data/c', value: '3' },
      { op: 'replace', path: '/data/a', value: '10' },
      { op: 'remove', path: '/data/b' },
      { op: 'test', path: '/metadata/labels/app', value: 'x' },
    ]);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.obj.data, { a: '10', c: '3' });
  });

  test('a merge patch sets and deletes keys with null', async () => {
    const r = await h.patch(`${CM}/p`, 'merge', { data: { c: null, d: '4' }, metadata: { labels: { app: null, tier: 'web' } } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.obj.data, { a: '10', d: '4' });
    assert.deepEqual(r.obj.metadata.labels, { tier: 'web' });
  });

  test('a strategic merge patch merges containers by name', async () => {
    const r = await h.patch(`${DEPLOY}/web`, 'strategic', { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }, { name: 'web', image: 'nginx:1.28' }] } } } });
    assert.equal(r.status, 200, r.text);
    const containers = (r.obj.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => `${c.name}=${c.image}`).sort(), ['sidecar=busybox:1.36', 'web=nginx:1.28']);
    assert.equal(r.obj.metadata.generation, 2);
  });

  test('a strategic merge patch $patch: delete removes a list element', async () => {
    const r = await h.patch(`${DEPLOY}/web`, 'strategic', { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    assert.equal(r.status, 200, r.text);
    const containers = (r.obj.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => c.name), ['web']);
  });

  test('an apply creates, then updates the fields it owns', async () => {
    const cfg = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { k: 'v' } };
    const c = await h.patch(`${CM}/applied`, 'apply', cfg, { query: { fieldManager: 'alice' } });
    assert.equal(c.status, 201, c.text);
    const u = await h.patch(`${CM}/applied`, 'apply', { ...cfg, data: { k: 'v2', extra: 'e' } }, { query: { fieldManager: 'alice' } });
    assert.equal(u.status, 200, u.text);
    assert.deepEqual(u.obj.data, { k: 'v2', extra: 'e' });
    const managers = (u.obj.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);
    assert.deepEqual(managers, ['alice/Apply']);
    // Applying without a field it used to own removes it.
    const r = await h.patch(`${CM}/applied`, 'apply', cfg, { query: { fieldManager: 'alice' } });
    assert.deepEqual(r.obj.data, { k: 'v' });
  });

  test('an apply touching a field another manager owns is 409 Conflict with a cause per field', async () => {
    await h.patch(`${DEPLOY}/web`, 'merge', { spec: { replicas: 3 } }, { query: { fieldManager: 'kubectl-scale' } });
    const cfg = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } };
    const r = await h.assertUnchanged(() => h.patch(`${DEPLOY}/web`, 'apply', cfg, { query: { fieldManager: 'bob' } }));
    const s = assertStatus(r, 409, 'Conflict', 'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas');
    assert.deepEqual(s.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-scale" using apps/v1', field: '.spec.replicas' }]);
  });

  test('an apply with force=true takes the field over', async () => {
    const cfg = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } };
    const r = await h.patch(`${DEPLOY}/web`, 'apply', cfg, { query: { fieldManager: 'bob', force: 'true' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((r.obj.spec as { replicas: number }).replicas, 5);
    const bob = (r.obj.metadata.managedFields ?? []).find((m) => m.manager === 'bob')!;
    assert.ok(JSON.stringify(bob.fieldsV1).includes('"f:replicas"'));
    const scale = (r.obj.metadata.managedFields ?? []).find((m) => m.manager === 'kubectl-scale');
    assert.ok(!scale || !JSON.stringify(scale.fieldsV1).includes('"f:replicas"'));
  });

  const badPatches: { name: string; type: string; body: unknown; code: number; reason: string; message?: string; query?: Record<string, string> }[] = [
    { name: 'a JSON patch that is an object', type: 'json', body: { op: 'add' }, code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
    { name: 'a JSON patch with an unknown op', type: 'json', body: [{ op: 'bogus', path: '/data' }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'a JSON patch whose test fails', type: 'json', body: [{ op: 'test', path: '/data/a', value: 'nope' }], code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    { name: 'a JSON patch removing a missing path', type: 'json', body: [{ op: 'remove', path: '/data/zzz' }], code: 422, reason: 'Invalid' },
    { name: 'a merge patch that is an array', type: 'merge', body: [1, 2], code: 400, reason: 'BadRequest' },
    { name: 'a merge patch that is a string', type: 'merge', body: '"x"', code: 400, reason: 'BadRequest' },
    { name: 'a strategic patch that is an array', type: 'strategic', body: [{}], code: 400, reason: 'BadRequest' },
    { name: 'a patch with an unsupported content type', type: 'application/json', body: {}, code: 415, reason: 'UnsupportedMediaType', message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml' },
    { name: 'an apply without fieldManager', type: 'apply', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' } }, code: 400, reason: 'BadRequest', message: 'PATCH, application/apply-patch+yaml requires a non-empty fieldManager query parameter' },
    { name: 'an apply of another kind', type: 'apply', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'p' } }, code: 400, reason: 'BadRequest', query: { fieldManager: 'x' } },
    { name: 'an apply with another name', type: 'apply', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } }, code: 400, reason: 'BadRequest', message: 'the name of the object (other) does not match the name on the URL (p)', query: { fieldManager: 'x' } },
    { name: 'force on a merge patch', type: 'merge', body: { data: {} }, code: 400, reason: 'BadRequest', message: 'force is only allowed for apply patches', query: { force: 'true' } },
    { name: 'a merge patch renaming the object', type: 'merge', body: { metadata: { name: 'renamed' } }, code: 422, reason: 'Invalid' },
    { name: 'a merge patch making the object invalid', type: 'merge', body: { metadata: { labels: { 'bad key!': 'x' } } }, code: 422, reason: 'Invalid' },
    { name: 'a malformed JSON patch body', type: 'json', body: '[{"op":', code: 400, reason: 'BadRequest' },
    { name: 'malformed YAML in an apply', type: 'apply', body: 'a: [', code: 400, reason: 'BadRequest', query: { fieldManager: 'x' } },
    { name: 'an empty patch body', type: 'merge', body: '', code: 400, reason: 'BadRequest' },
  ];
  for (const c of badPatches) {
    test(`${c.name} is ${c.code} ${c.reason} and changes nothing`, async () => {
      const r = await h.assertUnchanged(() => h.patch(`${CM}/p`, c.type, c.body, { query: c.query }));
      assertStatus(r, c.code, c.reason, c.message);
    });
  }
});

describe('apiserver field validation', () => {
  let h: Harness;
  // Upstream's field_validation_test body: unknown and duplicate fields at several depths.
  const body = (name: string) => `{
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "${name}", "name": "${name}", "unknownMeta": "x", "labels": {"app": "nginx"}},
    "spec": {
      "unknown1": "val1",
      "unknownDupe": "valDupe",
      "unknownDupe": "valDupe2",
      "paused": true,
      "paused": false,
      "selector": {"matchLabels": {"app": "nginx"}},
      "template": {
        "metadata": {"labels": {"app": "nginx"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:latest", "unknownNested": "val1", "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]}
      }
    }
  }`;
  const problems = [
    'duplicate field "metadata.name"',
    'unknown field "metadata.unknownMeta"',
    'unknown field "spec.unknown1"',
    'unknown field "spec.unknownDupe"',
    'duplicate field "spec.paused"',
    'unknown field "spec.template.spec.containers[0].unknownNested"',
    'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
  ];
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('POST with fieldValidation=Strict is 400 listing every problem in document order', async () => {
    const r = await h.assertUnchanged(() => h.post(DEPLOY, body('strict'), { query: { fieldValidation: 'Strict' } }));
    assertStatus(r, 400, 'BadRequest', `strict decoding error: ${problems.join(', ')}`);
  });

  for (const fv of ['Warn', undefined] as const) {
    test(`POST with fieldValidation=${fv ?? '(default)'} succeeds with one warning per problem and drops unknown fields`, async () => {
      const name = `warn-${fv ?? 'default'}`.toLowerCase();
      const r = await h.post(DEPLOY, body(name), { query: { fieldValidation: fv } });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(warnings(r.headers), problems);
      const stored = (await h.get(`${DEPLOY}/${name}`)).obj;
      assert.equal((stored.metadata as Record<string, unknown>).unknownMeta, undefined);
      assert.equal((stored.spec as Record<string, unknown>).unknown1, undefined);
      assert.equal((stored.spec as Record<string, unknown>).paused, false, 'the last duplicate wins');
      const c = (stored.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!;
      assert.equal(c.unknownNested, undefined);
      assert.equal(c.imagePullPolicy, 'Never');
      assert.ok(!/unknown(Meta|1|Dupe|Nested)/.test(JSON.stringify(stored.metadata.managedFields)));
    });
  }

  test('POST with fieldValidation=Ignore succeeds silently and drops unknown fields', async () => {
    const r = await h.post(DEPLOY, body('ignore'), { query: { fieldValidation: 'Ignore' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.warning, undefined);
    assert.equal((r.obj.spec as Record<string, unknown>).unknown1, undefined);
  });

  test('PUT with fieldValidation=Strict is 400 and leaves the object alone', async () => {
    const r = await h.assertUnchanged(() => h.put(`${DEPLOY}/ignore`, body('ignore'), { query: { fieldValidation: 'Strict' } }));
    assertStatus(r, 400, 'BadRequest', `strict decoding error: ${problems.join(', ')}`);
  });

  test('PUT with fieldValidation=Warn warns and drops unknown fields', async () => {
    const r = await h.put(`${DEPLOY}/ignore`, body('ignore'));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(warnings(r.headers), problems);
    assert.equal((r.obj.metadata as Record<string, unknown>).unknownMeta, undefined);
  });

  test('a merge patch adding unknown fields is 400 with Strict and dropped with Warn', async () => {
    const patch = { spec: { unknown1: 'x', template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1', bogus: 1 }] } } } };
    const strict = await h.assertUnchanged(() => h.patch(`${DEPLOY}/ignore`, 'merge', patch, { query: { fieldValidation: 'Strict' } }));
    // The patched object is re-encoded with sorted keys upstream, so problems come in key order.
    assertStatus(strict, 400, 'BadRequest', 'strict decoding error: unknown field "spec.template.spec.containers[0].bogus", unknown field "spec.unknown1"');
    const warn = await h.patch(`${DEPLOY}/ignore`, 'merge', patch);
    assert.equal(warn.status, 200, warn.text);
    assert.deepEqual(warnings(warn.headers), ['unknown field "spec.template.spec.containers[0].bogus"', 'unknown field "spec.unknown1"']);
    assert.equal((warn.obj.spec as Record<string, unknown>).unknown1, undefined);
    const stored = (await h.get(`${DEPLOY}/ignore`)).obj;
    assert.ok(!JSON.stringify(stored).includes('bogus'));
  });

  test('an unsupported fieldValidation value is 400 BadRequest', async () => {
    const r = await h.assertUnchanged(() => h.post(DEPLOY, body('x'), { query: { fieldValidation: 'Loud' } }));
    assertStatus(r, 400, 'BadRequest', 'fieldValidation parameter unsupported: Loud; supported values: Ignore, Warn, Strict');
  });
});

describe('apiserver typed decoding', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(CM, configMap('typed'));
    await h.create(DEPLOY, deployment('typed'));
  });
  after(async () => { await h.stop(); });

  const mistyped: { name: string; path: string; body: unknown; message: string }[] = [
    { name: 'a number in ConfigMap.data', path: CM, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n' }, data: { a: 1 } }, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data.a of type string' },
    { name: 'a string metadata', path: CM, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta' },
    { name: 'an array of labels', path: CM, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', labels: ['a'] } }, message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string' },
    { name: 'string replicas', path: DEPLOY, body: { ...deployment('s'), spec: { ...(deployment('s').spec as object), replicas: '3' } }, message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: 'fractional replicas', path: DEPLOY, body: { ...deployment('s'), spec: { ...(deployment('s').spec as object), replicas: 1.5 } }, message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: 'replicas beyond int32', path: DEPLOY, body: { ...deployment('s'), spec: { ...(deployment('s').spec as object), replicas: 2 ** 31 } }, message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32' },
    { name: 'an object for the containers list', path: DEPLOY, body: { ...deployment('s'), spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: { name: 'x' } } } } }, message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container' },
    { name: 'a boolean paused as a string', path: DEPLOY, body: { ...deployment('s'), spec: { ...(deployment('s').spec as object), paused: 'yes' } }, message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool' },
    { name: 'a bad quantity', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: 'lots' } } }] } }, message: "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { name: 'a boolean port', path: '/api/v1/namespaces/default/services', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'q' }, spec: { ports: [{ port: 80, targetPort: true }] } }, message: 'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32' },
    { name: 'secret data that is not base64', path: '/api/v1/namespaces/default/secrets', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'q' }, data: { k: 'not base64!' } }, message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3' },
  ];
  for (const c of mistyped) {
    test(`POST with ${c.name} is 400 BadRequest and stores nothing`, async () => {
      const r = await h.assertUnchanged(() => h.post(c.path, c.body));
      assertStatus(r, 400, 'BadRequest', c.message);
    });
  }

  test('PUT with a mistyped value is 400 BadRequest and leaves the object alone', async () => {
    const r = await h.assertUnchanged(() => h.put(`${CM}/typed`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'typed' }, data: { a: true } }));
    assertStatus(r, 400, 'BadRequest', 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data.a of type string');
  });

  for (const type of ['merge', 'json', 'strategic'] as const) {
    test(`a ${type} patch producing a mistyped object is 422 Invalid on "patch" and changes nothing`, async () => {
      const patch = type === 'json' ? [{ op: 'add', path: '/spec/replicas', value: 'many' }] : { spec: { replicas: 'many' } };
      const r = await h.assertUnchanged(() => h.patch(`${DEPLOY}/typed`, type, patch));
      const s = assertStatus(r, 422, 'Invalid');
      assert.match(s.message ?? '', /^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/s);
      assert.equal(s.details?.causes?.[0]?.field, 'patch');
    });
  }

  test('null values are accepted as the zero value', async () => {
    const r = await h.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nulls', labels: null, creationTimestamp: null }, data: null });
    assert.equal(r.status, 201, r.text);
  });

  test('numbers are accepted for quantities and integers for int-or-string', async () => {
    const r = await h.post('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nums' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: 0.5, memory: 1024 } }, ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 8080 } } }] } });
    assert.equal(r.status, 201, r.text);
  });
});
