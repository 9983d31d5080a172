import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findResource } from '../api/resources.js';
import type { KubeObject, WatchEvent } from '../api/types.js';
import { StatusError } from '../machinery/errors.js';
import { FakeClock } from '../machinery/clock.js';
import { createClient } from './client.js';
import { inProcessRequester } from './in-process.js';
import { FakeApiServer } from './testing/fake-api-server.js';
import type { ApiHandler, ApiRequest } from './transport.js';

const pods = findResource('', 'v1', 'pods')!;
const nodes = findResource('', 'v1', 'nodes')!;
const deployments = findResource('apps', 'v1', 'deployments')!;
const namespaces = findResource('', 'v1', 'namespaces')!;

function setup(): { server: FakeApiServer; client: ReturnType<typeof createClient> } {
  const server = new FakeApiServer({ clock: new FakeClock() });
  return { server, client: createClient(inProcessRequester(server.handler)) };
}

const pod = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'i' }] } });

describe('ResourceClient paths', () => {
  const { client } = setup();
  const cases: { name: string; got: string; want: string }[] = [
    { name: 'namespaced collection', got: client.resource(pods, 'ns1').path(), want: '/api/v1/namespaces/ns1/pods' },
    { name: 'all namespaces', got: client.resource(pods).path(), want: '/api/v1/pods' },
    { name: 'named group object', got: client.resource(deployments, 'd').path('web'), want: '/apis/apps/v1/namespaces/d/deployments/web' },
    { name: 'cluster-scoped ignores namespace', got: client.resource(nodes, 'x').path('n1', 'status'), want: '/api/v1/nodes/n1/status' },
    { name: 'namespace object', got: client.resource(namespaces).path('kube-system'), want: '/api/v1/namespaces/kube-system' },
    { name: 'escaped name', got: client.resource(pods, 'a').path('x y'), want: '/api/v1/namespaces/a/pods/x%20y' },
    { name: 'subresource', got: client.resource(pods, 'a').subresource('p', 'binding').path, want: '/api/v1/namespaces/a/pods/p/binding' },
  ];
  for (const c of cases) test(`ResourceClient path ${c.name}`, () => assert.equal(c.got, c.want));
});

describe('ResourceClient verbs', () => {
  test('ResourceClient create/get/update/delete round-trip', async () => {
    const { client } = setup();
    const rc = client.resource(pods, 'default');
    const created = await rc.create(pod('p1'));
    assert.ok(created.metadata.uid);
    const got = await rc.get('p1');
    assert.equal(got.metadata.resourceVersion, created.metadata.resourceVersion);
    const updated = await rc.update({ ...got, metadata: { ...got.metadata, labels: { a: 'b' } } });
    assert.equal(updated.metadata.labels?.['a'], 'b');
    await rc.delete('p1', { propagationPolicy: 'Background' });
    await assert.rejects(rc.get('p1'), (e: unknown) => e instanceof StatusError && e.code === 404 && e.reason === 'NotFound' && e.message === 'pods "p1" not found');
  });

  test('ResourceClient update with a stale resourceVersion is a Conflict StatusError', async () => {
    const { client } = setup();
    const rc = client.resource(pods, 'default');
    const a = await rc.create(pod('p1'));
    await rc.update({ ...a, metadata: { ...a.metadata, labels: { x: '1' } } });
    await assert.rejects(rc.update({ ...a, metadata: { ...a.metadata, labels: { x: '2' } } }), (e: unknown) => e instanceof StatusError && e.code === 409 && e.reason === 'Conflict' && /has been modified/.test(e.message) && e.details?.name === 'p1');
  });

  test('ResourceClient list filters by label and pages with limit/continue', async () => {
    const { client } = setup();
    const rc = client.resource(pods, 'default');
    for (let i = 0; i < 5; i++) await rc.create(pod(`p${i}`, { app: i % 2 ? 'odd' : 'even' }));
    const even = await rc.list({ labelSelector: 'app=even' });
    assert.deepEqual(even.items.map((p) => p.metadata.name), ['p0', 'p2', 'p4']);
    const first = await rc.list({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata.continue);
    const second = await rc.list({ limit: 10, continue: first.metadata.continue });
    assert.deepEqual(second.items.map((p) => p.metadata.name), ['p2', 'p3', 'p4']);
    assert.equal(second.metadata.continue, undefined);
  });

  test('ResourceClient patch sends each patch type with its content type and query', async () => {
    const seen: { ct?: string; query: string }[] = [];
    const { server } = setup();
    const spy: ApiHandler = async (req: ApiRequest, res) => { if (req.method === 'PATCH') seen.push({ ct: req.headers['content-type'], query: req.query.toString() }); return server.handler(req, res); };
    const rc = createClient(inProcessRequester(spy)).resource(pods, 'default');
    await rc.create(pod('p1'));
    await rc.patch('p1', { metadata: { labels: { m: '1' } } }, 'merge');
    await rc.patch('p1', { metadata: { labels: { s: '1' } } }, 'strategic');
    const j = await rc.patch('p1', [{ op: 'add', path: '/metadata/labels/j', value: '1' }], 'json');
    await rc.patch('p1', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' } }, 'apply', { fieldManager: 'me', force: true });
    assert.deepEqual(j.metadata.labels, { m: '1', s: '1', j: '1' });
    assert.deepEqual(seen, [
      { ct: 'application/merge-patch+json', query: '' },
      { ct: 'application/strategic-merge-patch+json', query: '' },
      { ct: 'application/json-patch+json', query: '' },
      { ct: 'application/apply-patch+yaml', query: 'fieldManager=me&force=true' },
    ]);
    await assert.rejects(rc.patch('p1', {}, 'apply'), /fieldManager/);
  });

  test('ResourceClient subresource create binds a pod', async () => {
    const { client } = setup();
    const rc = client.resource(pods, 'default');
    await rc.create(pod('p1'));
    await rc.subresource('p1', 'binding').create({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p1' }, target: { kind: 'Node', name: 'n1' } });
    const p = await rc.get('p1');
    assert.equal((p['spec'] as { nodeName?: string }).nodeName, 'n1');
  });

  test('ResourceClient updateStatus writes only status', async () => {
    const { client } = setup();
    const rc = client.resource(pods, 'default');
    const p = await rc.create(pod('p1'));
    const u = await rc.updateStatus({ ...p, metadata: { ...p.metadata, labels: { ignored: 'x' } }, status: { phase: 'Running' } });
    assert.deepEqual(u['status'], { phase: 'Running' });
    assert.deepEqual(u.metadata.labels, {});
  });

  test('ResourceClient namespaced calls without a namespace fail clearly', async () => {
    const { client } = setup();
    await assert.rejects(client.resource(pods).get('p'), /namespace is required/);
  });

  test('ResourceClient watch yields events from a resourceVersion and 410 is a StatusError', async () => {
    const { server, client } = setup();
    const rc = client.resource(pods, 'default');
    const a = await rc.create(pod('a'));
    await rc.create(pod('b'));
    await rc.delete('a');
    const ctl = new AbortController();
    const got: string[] = [];
    for await (const ev of rc.watch({ resourceVersion: a.metadata.resourceVersion, signal: ctl.signal }) as AsyncIterable<WatchEvent<KubeObject>>) {
      got.push(`${ev.type} ${ev.object.metadata.name}`);
      if (got.length === 2) ctl.abort();
    }
    assert.deepEqual(got, ['ADDED b', 'DELETED a']);
    assert.equal(server.watchCount, 0, 'aborting closed the server-side watch');
    server.compact();
    await assert.rejects(async () => { for await (const _ of rc.watch({ resourceVersion: '1' })) { /* none */ } }, (e: unknown) => e instanceof StatusError && e.code === 410 && e.reason === 'Expired');
  });
});
