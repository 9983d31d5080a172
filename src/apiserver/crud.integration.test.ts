// Integration: create/get/list/update/delete/deletecollection, generateName, dryRun, Status errors
// with upstream wording, namespaces (system ones, missing, terminating), graceful pod deletion,
// bootstrap objects, health endpoints and authentication.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, configMap, deployment, ns, pod } from './testing/harness.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

describe('apiserver bootstrap', () => {
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('the four system namespaces exist', async () => {
    const r = await h.get('/api/v1/namespaces');
    assert.equal(r.status, 200);
    const names = (r.obj.items as { metadata: { name: string } }[]).map((n) => n.metadata.name).sort();
    assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const name of names) {
      const n = await h.get(`/api/v1/namespaces/${name}`);
      assert.equal(n.status, 200);
      assert.equal((n.obj.metadata.labels ?? {})['kubernetes.io/metadata.name'], name);
    }
  });

  test('the kubernetes service has ClusterIP 10.43.0.1 and port 443', async () => {
    const r = await h.get('/api/v1/namespaces/default/services/kubernetes');
    assert.equal(r.status, 200);
    const spec = r.obj.spec as { clusterIP: string; clusterIPs: string[]; ports: { port: number; targetPort: number; name: string }[] };
    assert.equal(spec.clusterIP, '10.43.0.1');
    assert.deepEqual(spec.clusterIPs, ['10.43.0.1']);
    assert.equal(spec.ports[0]!.port, 443);
    assert.equal(spec.ports[0]!.name, 'https');
  });

  test('a restart on the same store keeps one copy of each bootstrap object', async () => {
    const before = await h.snapshot();
    // A second server on the same store: bootstrap finds everything in place and writes nothing.
    const { ApiServer } = await import('./apiserver.js');
    const again = new ApiServer({ store: h.store, log: () => undefined });
    await again.start();
    await again.stop();
    assert.deepEqual(await h.snapshot(), before);
  });
});

describe('apiserver health and authentication', () => {
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  for (const path of ['/healthz', '/livez', '/readyz', '/healthz/ping', '/readyz/etcd']) {
    test(`${path} answers ok without credentials`, async () => {
      const r = await h.get(path, { user: null });
      assert.equal(r.status, 200);
      assert.equal(r.text, 'ok');
      assert.match(r.headers['content-type'] ?? '', /^text\/plain/);
    });
  }

  test('/readyz?verbose lists every check', async () => {
    const r = await h.get('/readyz', { user: null, query: { verbose: '' } });
    assert.equal(r.status, 200);
    assert.match(r.text, /\[\+\]ping ok\n/);
    assert.match(r.text, /readyz check passed\n$/);
  });

  test('/healthz/nope is 404 NotFound', async () => {
    assertStatus(await h.get('/healthz/nope', { user: null }), 404, 'NotFound', 'the server could not find the requested resource');
  });

  const unauthenticated: [string, string, unknown?][] = [
    ['GET', '/api/v1/namespaces/default/configmaps'],
    ['GET', '/api/v1/namespaces/default/configmaps/x'],
    ['POST', '/api/v1/namespaces/default/configmaps', configMap('x')],
    ['PUT', '/api/v1/namespaces/default/configmaps/x', configMap('x')],
    ['DELETE', '/api/v1/namespaces/default/configmaps/x'],
    ['DELETE', '/api/v1/namespaces/default/configmaps'],
    ['GET', '/api'],
    ['GET', '/apis'],
    ['GET', '/openapi/v3'],
    ['GET', '/api/v1/nonexistent'],
  ];
  for (const [method, path, body] of unauthenticated) {
    test(`${method} ${path} without a user is 401 Unauthorized and changes nothing`, async () => {
      const r = await h.assertUnchanged(() => h.request(method, path, { user: null, body }));
      assertStatus(r, 401, 'Unauthorized', 'Unauthorized');
    });
  }

  test('/version answers without credentials', async () => {
    const r = await h.get('/version', { user: null });
    assert.equal(r.status, 200);
    assert.equal(typeof (r.obj as unknown as { gitVersion: string }).gitVersion, 'string');
  });
});

describe('apiserver CRUD', () => {
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('create, get, list, update and delete a ConfigMap', async () => {
    const created = await h.create(CM, configMap('crud', { a: '1' }));
    assert.equal(created.metadata.namespace, 'default');
    assert.match(created.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(created.metadata.creationTimestamp, '2025-01-01T00:00:00Z');
    assert.match(created.metadata.resourceVersion ?? '', /^\d+$/);

    const got = await h.get(`${CM}/crud`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.obj, created);

    const list = await h.get(CM);
    assert.equal(list.status, 200);
    assert.equal(list.obj.kind, 'ConfigMapList');
    assert.equal(list.obj.apiVersion, 'v1');
    assert.ok((list.obj.items as unknown[]).some((i) => (i as { metadata: { name: string } }).metadata.name === 'crud'));

    const upd = await h.put(`${CM}/crud`, { ...created, data: { a: '2' } });
    assert.equal(upd.status, 200);
    assert.deepEqual(upd.obj.data, { a: '2' });
    assert.ok(Number(upd.obj.metadata.resourceVersion) > Number(created.metadata.resourceVersion));
    assert.equal(upd.obj.metadata.uid, created.metadata.uid);

    const del = await h.delete(`${CM}/crud`);
    assert.equal(del.status, 200);
    assert.equal(del.statusBody.status, 'Success');
    assert.deepEqual(del.statusBody.details, { name: 'crud', kind: 'configmaps', uid: created.metadata.uid });
    assertStatus(await h.get(`${CM}/crud`), 404, 'NotFound', 'configmaps "crud" not found');
  });

  test('an update without resourceVersion applies to the current revision', async () => {
    await h.create(CM, configMap('unconditional'));
    const r = await h.put(`${CM}/unconditional`, configMap('unconditional', { b: '2' }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.obj.data, { b: '2' });
  });

  test('an update that changes nothing keeps the resourceVersion', async () => {
    const c = await h.create(CM, configMap('noop'));
    const r = await h.put(`${CM}/noop`, c);
    assert.equal(r.status, 200);
    assert.equal(r.obj.metadata.resourceVersion, c.metadata.resourceVersion);
  });

  test('server-owned metadata cannot be set on create or changed by update', async () => {
    const c = await h.create(CM, { ...configMap('owned'), metadata: { name: 'owned', uid: 'mine', creationTimestamp: '2000-01-01T00:00:00Z', resourceVersion: '999', deletionTimestamp: '2000-01-01T00:00:00Z' } });
    assert.notEqual(c.metadata.uid, 'mine');
    assert.equal(c.metadata.creationTimestamp, '2025-01-01T00:00:00Z');
    assert.equal(c.metadata.deletionTimestamp, undefined);
    const u = await h.put(`${CM}/owned`, { ...c, metadata: { ...c.metadata, uid: 'other', creationTimestamp: '2001-01-01T00:00:00Z' } });
    assert.equal(u.status, 200);
    assert.equal(u.obj.metadata.uid, c.metadata.uid);
    assert.equal(u.obj.metadata.creationTimestamp, c.metadata.creationTimestamp);
  });

  test('generateName gives a unique name with a 5-character suffix', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const c = await h.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
      assert.match(c.metadata.name ?? '', /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.equal(c.metadata.generateName, 'gen-');
      names.add(c.metadata.name!);
    }
    assert.equal(names.size, 5);
  });

  test('an explicit name wins over generateName', async () => {
    const c = await h.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'explicit', generateName: 'gen-' } });
    assert.equal(c.metadata.name, 'explicit');
  });

  test('create without name or generateName is 422 Invalid', async () => {
    const r = await h.assertUnchanged(() => h.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }));
    const s = assertStatus(r, 422, 'Invalid', 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    assert.deepEqual(s.details?.causes, [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
  });

  test('a cluster-scoped kind is created and deleted without a namespace', async () => {
    const c = await h.create('/api/v1/namespaces', ns('team-a'));
    assert.equal(c.metadata.namespace, undefined);
    const r = await h.get('/api/v1/namespaces/team-a');
    assert.equal(r.status, 200);
  });

  test('list across namespaces returns objects of every namespace', async () => {
    await h.create('/api/v1/namespaces', ns('other'));
    await h.create('/api/v1/namespaces/other/configmaps', configMap('in-other'));
    const r = await h.get('/api/v1/configmaps');
    const keys = (r.obj.items as { metadata: { namespace: string; name: string } }[]).map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    assert.ok(keys.includes('other/in-other'));
    assert.ok(keys.includes('default/noop'));
    const only = await h.get('/api/v1/namespaces/other/configmaps');
    assert.deepEqual((only.obj.items as { metadata: { name: string } }[]).map((i) => i.metadata.name), ['in-other']);
  });

  test('deletecollection deletes what the selector matches and nothing else', async () => {
    await h.create('/api/v1/namespaces', ns('dc'));
    const path = '/api/v1/namespaces/dc/configmaps';
    for (const [name, tier] of [['a', 'web'], ['b', 'web'], ['c', 'db']] as const) await h.create(path, configMap(name, { x: '1' }, { tier }));
    const r = await h.delete(path, { query: { labelSelector: 'tier=web' } });
    assert.equal(r.status, 200);
    assert.equal(r.obj.kind, 'ConfigMapList');
    assert.deepEqual((r.obj.items as { metadata: { name: string } }[]).map((i) => i.metadata.name).sort(), ['a', 'b']);
    await h.settle();
    const left = await h.get(path);
    assert.deepEqual((left.obj.items as { metadata: { name: string } }[]).map((i) => i.metadata.name), ['c']);
    // The other namespaces are untouched.
    assert.equal((await h.get(`${CM}/noop`)).status, 200);
  });

  test('deletecollection with dryRun=All deletes nothing', async () => {
    await h.create('/api/v1/namespaces', ns('dc-dry'));
    await h.create('/api/v1/namespaces/dc-dry/configmaps', configMap('keep'));
    const r = await h.assertUnchanged(() => h.delete('/api/v1/namespaces/dc-dry/configmaps', { query: { dryRun: 'All' } }));
    assert.equal(r.status, 200);
  });
});

describe('apiserver dryRun=All', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(CM, configMap('base', { a: '1' }));
    await h.create(DEPLOY, deployment('web'));
  });
  after(async () => { await h.stop(); });

  const cases: { name: string; run: (h: Harness) => Promise<import('./testing/harness.js').Response>; status: number; check?: (o: Record<string, unknown>) => void }[] = [
    { name: 'create', run: (h) => h.post(CM, configMap('dry'), { query: { dryRun: 'All' } }), status: 201, check: (o) => assert.equal((o.metadata as { name: string }).name, 'dry') },
    { name: 'create with generateName', run: (h) => h.post(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'g-' } }, { query: { dryRun: 'All' } }), status: 201, check: (o) => assert.match((o.metadata as { name: string }).name, /^g-.{5}$/) },
    { name: 'update', run: (h) => h.put(`${CM}/base`, configMap('base', { a: '2' }), { query: { dryRun: 'All' } }), status: 200, check: (o) => assert.deepEqual(o.data, { a: '2' }) },
    { name: 'merge patch', run: (h) => h.patch(`${CM}/base`, 'merge', { data: { b: '2' } }, { query: { dryRun: 'All' } }), status: 200, check: (o) => assert.deepEqual(o.data, { a: '1', b: '2' }) },
    { name: 'apply', run: (h) => h.patch(`${CM}/applied`, 'apply', configMap('applied'), { query: { dryRun: 'All', fieldManager: 'test' } }), status: 201 },
    { name: 'scale', run: (h) => h.put(`${DEPLOY}/web/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 7 } }, { query: { dryRun: 'All' } }), status: 200 },
    { name: 'delete', run: (h) => h.delete(`${CM}/base`, { query: { dryRun: 'All' } }), status: 200 },
    { name: 'delete with a DeleteOptions body', run: (h) => h.request('DELETE', `${CM}/base`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] } }), status: 200 },
  ];
  for (const c of cases) {
    test(`dryRun=All ${c.name} answers ${c.status} and stores nothing`, async () => {
      const r = await h.assertUnchanged(() => c.run(h), c.name);
      assert.equal(r.status, c.status, r.text);
      c.check?.(r.obj as unknown as Record<string, unknown>);
    });
  }

  test('dryRun with an unsupported value is 400 BadRequest', async () => {
    const r = await h.assertUnchanged(() => h.post(CM, configMap('x'), { query: { dryRun: 'Maybe' } }));
    assertStatus(r, 400, 'BadRequest', 'Invalid dryRun parameter: unsupported dry run value: "Maybe"; supported values: "All"');
  });
});

describe('apiserver Status errors', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(CM, configMap('exists'));
    await h.create(DEPLOY, deployment('exists'));
  });
  after(async () => { await h.stop(); });

  const notFound: [string, string, string, unknown?][] = [
    ['GET', `${DEPLOY}/x`, 'deployments.apps "x" not found'],
    ['PUT', `${DEPLOY}/x`, 'deployments.apps "x" not found', deployment('x')],
    ['DELETE', `${DEPLOY}/x`, 'deployments.apps "x" not found'],
    ['GET', `${CM}/x`, 'configmaps "x" not found'],
    ['GET', '/api/v1/namespaces/x', 'namespaces "x" not found'],
    ['GET', '/api/v1/nodes/x', 'nodes "x" not found'],
    ['GET', '/apis/batch/v1/namespaces/default/jobs/x', 'jobs.batch "x" not found'],
    ['GET', `${DEPLOY}/x/status`, 'deployments.apps "x" not found'],
    ['GET', `${DEPLOY}/x/scale`, 'deployments.apps "x" not found'],
    ['PATCH', `${CM}/x`, 'configmaps "x" not found', { data: { a: '1' } }],
  ];
  for (const [method, path, message, body] of notFound) {
    test(`${method} ${path} is 404 NotFound "${message}"`, async () => {
      const r = await h.assertUnchanged(() => h.request(method, path, { body, contentType: method === 'PATCH' ? 'application/merge-patch+json' : undefined }));
      const s = assertStatus(r, 404, 'NotFound', message);
      assert.equal(s.details?.name, 'x');
    });
  }

  test('creating an existing name is 409 AlreadyExists', async () => {
    const r = await h.assertUnchanged(() => h.post(DEPLOY, deployment('exists')));
    const s = assertStatus(r, 409, 'AlreadyExists', 'deployments.apps "exists" already exists');
    assert.deepEqual(s.details, { name: 'exists', group: 'apps', kind: 'deployments' });
  });

  test('an update with a stale resourceVersion is 409 Conflict', async () => {
    const cur = (await h.get(`${CM}/exists`)).obj;
    await h.put(`${CM}/exists`, { ...cur, data: { v: '1' } });
    const r = await h.assertUnchanged(() => h.put(`${CM}/exists`, { ...cur, data: { v: '2' } }));
    const s = assertStatus(r, 409, 'Conflict', 'Operation cannot be fulfilled on configmaps "exists": the object has been modified; please apply your changes to the latest version and try again');
    assert.deepEqual(s.details, { name: 'exists', kind: 'configmaps' });
  });

  test('a merge patch carrying a stale resourceVersion is 409 Conflict', async () => {
    const r = await h.assertUnchanged(() => h.patch(`${CM}/exists`, 'merge', { metadata: { resourceVersion: '1' }, data: { z: '1' } }));
    assertStatus(r, 409, 'Conflict', 'Operation cannot be fulfilled on configmaps "exists": the object has been modified; please apply your changes to the latest version and try again');
  });

  test('a delete whose preconditions fail is 409 Conflict', async () => {
    const r = await h.assertUnchanged(() => h.request('DELETE', `${CM}/exists`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'nope' } } }));
    const uid = (await h.get(`${CM}/exists`)).obj.metadata.uid;
    assertStatus(r, 409, 'Conflict', `Operation cannot be fulfilled on configmaps "exists": Precondition failed: UID in precondition: nope, UID in object meta: ${uid}`);
  });

  test('an invalid Deployment is 422 Invalid with one cause per bad field', async () => {
    const bad = deployment('bad');
    const spec = bad.spec as { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
    spec.replicas = -1;
    spec.template.spec.containers[0]!.image = '';
    spec.template.spec.containers[0]!.name = 'Bad_Name';
    const r = await h.assertUnchanged(() => h.post(DEPLOY, bad));
    const s = assertStatus(r, 422, 'Invalid');
    assert.match(s.message ?? '', /^Deployment\.apps "bad" is invalid: \[/);
    assert.equal(s.details?.name, 'bad');
    assert.equal(s.details?.group, 'apps');
    assert.equal(s.details?.kind, 'Deployment');
    const fields = (s.details?.causes ?? []).map((c) => `${c.reason} ${c.field}`).sort();
    assert.deepEqual(fields, [
      'FieldValueInvalid spec.replicas',
      'FieldValueInvalid spec.template.spec.containers[0].name',
      'FieldValueRequired spec.template.spec.containers[0].image',
    ]);
    const replicas = s.details!.causes!.find((c) => c.field === 'spec.replicas')!;
    assert.equal(replicas.message, 'Invalid value: -1: must be greater than or equal to 0');
  });

  test('an invalid name is 422 Invalid naming the bad value', async () => {
    const r = await h.assertUnchanged(() => h.post(CM, configMap('Bad_Name')));
    const s = assertStatus(r, 422, 'Invalid');
    assert.equal(s.details?.causes?.length, 1);
    assert.equal(s.details?.causes?.[0]?.field, 'metadata.name');
    assert.match(s.message ?? '', /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
  });

  test('an invalid update is 422 and leaves the stored object alone', async () => {
    const cur = (await h.get(`${DEPLOY}/exists`)).obj;
    const next = structuredClone(cur);
    (next.spec as { replicas: number }).replicas = -5;
    const r = await h.assertUnchanged(() => h.put(`${DEPLOY}/exists`, next));
    assertStatus(r, 422, 'Invalid', 'Deployment.apps "exists" is invalid: spec.replicas: Invalid value: -5: must be greater than or equal to 0');
  });

  test('a name on the URL different from the body is 400 BadRequest', async () => {
    const r = await h.assertUnchanged(() => h.put(`${CM}/exists`, configMap('other')));
    assertStatus(r, 400, 'BadRequest', 'the name of the object (other) does not match the name on the URL (exists)');
  });

  test('a namespace in the body different from the URL is 400 BadRequest', async () => {
    const r = await h.assertUnchanged(() => h.post(CM, { ...configMap('nsx'), metadata: { name: 'nsx', namespace: 'kube-system' } }));
    assertStatus(r, 400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  });
});

describe('apiserver namespace lifecycle', () => {
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('creating in a namespace that does not exist is 404 NotFound', async () => {
    const r = await h.assertUnchanged(() => h.post('/api/v1/namespaces/nope/configmaps', configMap('a')));
    const s = assertStatus(r, 404, 'NotFound', 'namespaces "nope" not found');
    assert.deepEqual(s.details, { name: 'nope', kind: 'namespaces' });
  });

  test('creating in a terminating namespace is 403 Forbidden', async () => {
    await h.create('/api/v1/namespaces', ns('doomed'));
    await h.create('/api/v1/namespaces/doomed/configmaps', configMap('before'));
    const d = await h.delete('/api/v1/namespaces/doomed');
    assert.equal(d.status, 200);
    await h.settle();
    const n = (await h.get('/api/v1/namespaces/doomed')).obj;
    assert.equal((n.status as { phase: string }).phase, 'Terminating');
    assert.ok(n.metadata.deletionTimestamp);
    const r = await h.assertUnchanged(() => h.post('/api/v1/namespaces/doomed/configmaps', configMap('after')));
    const s = assertStatus(r, 403, 'Forbidden', 'configmaps "after" is forbidden: unable to create new content in namespace doomed because it is being terminated');
    assert.deepEqual(s.details?.causes, [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }]);
    // Updates to what is already there still work.
    const u = await h.patch('/api/v1/namespaces/doomed/configmaps/before', 'merge', { data: { x: 'y' } });
    assert.equal(u.status, 200);
  });

  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    test(`deleting the system namespace ${name} is 403 Forbidden`, async () => {
      const r = await h.assertUnchanged(() => h.delete(`/api/v1/namespaces/${name}`));
      assertStatus(r, 403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    });
  }
});

describe('apiserver pod deletion', () => {
  let h: Harness;
  const PODS = '/api/v1/namespaces/default/pods';
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('an unbound pod is deleted at once and the pod is returned', async () => {
    await h.create(PODS, pod('unbound'));
    const r = await h.delete(`${PODS}/unbound`);
    assert.equal(r.status, 200);
    assert.equal(r.obj.kind, 'Pod');
    assert.equal(r.obj.metadata.name, 'unbound');
    await h.settle();
    assertStatus(await h.get(`${PODS}/unbound`), 404, 'NotFound', 'pods "unbound" not found');
  });

  test('a bound pod is deleted gracefully, then at once with gracePeriodSeconds=0', async () => {
    await h.create(PODS, pod('bound', { nodeName: 'node-1' }));
    const first = await h.delete(`${PODS}/bound`);
    assert.equal(first.status, 200);
    assert.equal(first.obj.metadata.deletionTimestamp, '2025-01-01T00:00:30Z');
    assert.equal(first.obj.metadata.deletionGracePeriodSeconds, 30);
    await h.settle();
    const still = await h.get(`${PODS}/bound`);
    assert.equal(still.status, 200);
    assert.equal(still.obj.metadata.deletionGracePeriodSeconds, 30);

    // Deleting again with the same grace period changes nothing.
    const again = await h.assertUnchanged(() => h.delete(`${PODS}/bound`));
    assert.equal(again.status, 200);

    const last = await h.delete(`${PODS}/bound`, { query: { gracePeriodSeconds: 0 } });
    assert.equal(last.status, 200);
    await h.settle();
    assertStatus(await h.get(`${PODS}/bound`), 404, 'NotFound', 'pods "bound" not found');
  });

  test('a shorter grace period moves the deletion deadline earlier', async () => {
    await h.create(PODS, pod('shorter', { nodeName: 'node-1' }));
    await h.delete(`${PODS}/shorter`);
    const r = await h.delete(`${PODS}/shorter`, { query: { gracePeriodSeconds: 5 } });
    assert.equal(r.obj.metadata.deletionGracePeriodSeconds, 5);
    assert.equal(r.obj.metadata.deletionTimestamp, '2025-01-01T00:00:05Z');
  });

  test('terminationGracePeriodSeconds sets the default grace period', async () => {
    const p = pod('custom', { nodeName: 'node-1' });
    (p.spec as { terminationGracePeriodSeconds: number }).terminationGracePeriodSeconds = 12;
    await h.create(PODS, p);
    const r = await h.delete(`${PODS}/custom`);
    assert.equal(r.obj.metadata.deletionGracePeriodSeconds, 12);
  });

  test('an invalid gracePeriodSeconds is 400 BadRequest', async () => {
    const r = await h.assertUnchanged(() => h.delete(`${PODS}/custom`, { query: { gracePeriodSeconds: 'soon' } }));
    assertStatus(r, 400, 'BadRequest');
  });

  test('an unsupported propagationPolicy is 422 Invalid', async () => {
    const r = await h.assertUnchanged(() => h.delete(`${PODS}/custom`, { query: { propagationPolicy: 'Sideways' } }));
    assertStatus(r, 422, 'Invalid', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"');
  });
});
