// Integration: label and field selectors on list, watch and deletecollection, and limit/continue
// paging.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, configMap, event, ns, pod, service, type Response } from './testing/harness.js';

function names(r: Response): string[] {
  assert.equal(r.status, 200, r.text);
  return (r.obj.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
}

describe('apiserver label selectors', () => {
  let h: Harness;
  const P = '/api/v1/namespaces/labels/configmaps';
  before(async () => {
    h = await Harness.start();
    await h.create('/api/v1/namespaces', ns('labels'));
    await h.create(P, configMap('web-prod', {}, { app: 'web', env: 'prod' }));
    await h.create(P, configMap('web-dev', {}, { app: 'web', env: 'dev' }));
    await h.create(P, configMap('db-prod', {}, { app: 'db', env: 'prod', critical: 'true' }));
    await h.create(P, configMap('plain', {}));
  });
  after(async () => { await h.stop(); });

  const cases: [string, string[]][] = [
    ['app=web', ['web-dev', 'web-prod']],
    ['app==web', ['web-dev', 'web-prod']],
    ['app!=web', ['db-prod', 'plain']],
    ['app=web,env=prod', ['web-prod']],
    ['env in (prod,staging)', ['db-prod', 'web-prod']],
    ['env notin (prod)', ['plain', 'web-dev']],
    ['critical', ['db-prod']],
    ['!critical', ['plain', 'web-dev', 'web-prod']],
    ['app', ['db-prod', 'web-dev', 'web-prod']],
    ['app=nothing', []],
    ['', ['db-prod', 'plain', 'web-dev', 'web-prod']],
  ];
  for (const [sel, want] of cases) {
    test(`labelSelector ${JSON.stringify(sel)} selects ${want.join(',') || 'nothing'}`, async () => {
      assert.deepEqual(names(await h.get(P, { query: { labelSelector: sel } })), want);
    });
  }

  const bad = ['app in (', 'a=b=c', '!!', 'app in (a', 'Bad Key=x', '=x', 'app=' + 'x'.repeat(64)];
  for (const sel of bad) {
    test(`labelSelector ${JSON.stringify(sel)} is 400 BadRequest on list, watch and deletecollection`, async () => {
      for (const r of [
        await h.get(P, { query: { labelSelector: sel } }),
        await h.get(P, { query: { labelSelector: sel, watch: 'true' } }),
        await h.assertUnchanged(() => h.delete(P, { query: { labelSelector: sel } })),
      ]) {
        const s = assertStatus(r, 400, 'BadRequest');
        assert.ok(s.message && s.message.length > 0);
      }
    });
  }
});

describe('apiserver field selectors', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create('/api/v1/namespaces', ns('fs'));
    for (const n of ['one', 'two', 'three']) await h.create('/api/v1/namespaces/fs/configmaps', configMap(n));
    await h.create('/api/v1/namespaces/default/configmaps', configMap('one'));
    // Pods: two on node-1 (one Running), one on node-2, one unscheduled.
    const PODS = '/api/v1/namespaces/fs/pods';
    await h.create(PODS, pod('a', { nodeName: 'node-1' }));
    await h.create(PODS, pod('b', { nodeName: 'node-1' }));
    await h.create(PODS, pod('c', { nodeName: 'node-2' }));
    await h.create(PODS, pod('d'));
    const a = (await h.get(`${PODS}/a`)).obj;
    const r = await h.put(`${PODS}/a/status`, { ...a, status: { ...(a.status as object), phase: 'Running' } });
    assert.equal(r.status, 200, r.text);
    const EV = '/api/v1/namespaces/fs/events';
    await h.create(EV, event('e1', { kind: 'Pod', namespace: 'fs', name: 'a', uid: 'u-a', apiVersion: 'v1' }, 'Scheduled'));
    await h.create(EV, event('e2', { kind: 'Pod', namespace: 'fs', name: 'b', uid: 'u-b', apiVersion: 'v1' }, 'Pulled'));
    await h.create(EV, event('e3', { kind: 'Deployment', namespace: 'fs', name: 'a', uid: 'u-d', apiVersion: 'apps/v1' }, 'ScalingReplicaSet'));
    await h.create('/api/v1/namespaces/fs/services', service('svc-a'));
    await h.create('/api/v1/namespaces/fs/services', service('svc-b', { type: 'NodePort' }));
    await h.settle();
  });
  after(async () => { await h.stop(); });

  const cases: [string, string, string[]][] = [
    ['/api/v1/namespaces/fs/configmaps', 'metadata.name=two', ['two']],
    ['/api/v1/namespaces/fs/configmaps', 'metadata.name!=two', ['one', 'three']],
    ['/api/v1/configmaps', 'metadata.name=one', ['one', 'one']],
    ['/api/v1/configmaps', 'metadata.namespace=fs,metadata.name=one', ['one']],
    ['/api/v1/configmaps', 'metadata.namespace!=fs,metadata.name=one', ['one']],
    ['/api/v1/namespaces', 'metadata.name=fs', ['fs']],
    ['/api/v1/namespaces', 'status.phase=Active', ['default', 'fs', 'kube-node-lease', 'kube-public', 'kube-system']],
    ['/api/v1/namespaces/fs/pods', 'spec.nodeName=node-1', ['a', 'b']],
    ['/api/v1/pods', 'spec.nodeName=node-2', ['c']],
    ['/api/v1/namespaces/fs/pods', 'spec.nodeName=', ['d']],
    ['/api/v1/namespaces/fs/pods', 'spec.nodeName!=', ['a', 'b', 'c']],
    ['/api/v1/namespaces/fs/pods', 'status.phase=Running', ['a']],
    ['/api/v1/namespaces/fs/pods', 'status.phase=Pending', ['b', 'c', 'd']],
    ['/api/v1/namespaces/fs/pods', 'spec.nodeName=node-1,status.phase!=Running', ['b']],
    ['/api/v1/namespaces/fs/pods', 'metadata.name=c', ['c']],
    ['/api/v1/namespaces/fs/events', 'involvedObject.kind=Pod', ['e1', 'e2']],
    ['/api/v1/namespaces/fs/events', 'involvedObject.name=a', ['e1', 'e3']],
    ['/api/v1/namespaces/fs/events', 'involvedObject.kind=Pod,involvedObject.name=a', ['e1']],
    ['/api/v1/namespaces/fs/events', 'involvedObject.uid=u-b', ['e2']],
    ['/api/v1/namespaces/fs/events', 'involvedObject.namespace=fs,involvedObject.apiVersion=apps/v1', ['e3']],
    ['/api/v1/namespaces/fs/events', 'reason=Pulled', ['e2']],
    ['/api/v1/namespaces/fs/events', 'type=Normal,source=test', ['e1', 'e2', 'e3']],
    ['/api/v1/namespaces/fs/services', 'spec.type=NodePort', ['svc-b']],
    ['/api/v1/namespaces/fs/services', 'metadata.name=svc-a', ['svc-a']],
    ['/api/v1/nodes', 'metadata.name=none', []],
  ];
  for (const [path, sel, want] of cases) {
    test(`fieldSelector ${sel} on ${path} selects ${want.join(',') || 'nothing'}`, async () => {
      assert.deepEqual(names(await h.get(path, { query: { fieldSelector: sel } })), want);
    });
  }

  test('a Service field selector on spec.clusterIP selects by address', async () => {
    const svc = (await h.get('/api/v1/namespaces/fs/services/svc-a')).obj;
    const ip = (svc.spec as { clusterIP: string }).clusterIP;
    assert.deepEqual(names(await h.get('/api/v1/namespaces/fs/services', { query: { fieldSelector: `spec.clusterIP=${ip}` } })), ['svc-a']);
  });

  // Upstream wording: kinds with their own field label conversion say "field label not supported";
  // the others use the default conversion's message.
  const unsupported: [string, string, string][] = [
    ['/api/v1/namespaces/fs/pods', 'spec.foo=1', 'field label not supported: spec.foo'],
    ['/api/v1/namespaces/fs/events', 'involvedObject.foo=1', 'field label not supported: involvedObject.foo'],
    ['/api/v1/namespaces', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['/api/v1/nodes', 'status.phase=x', 'field label not supported: status.phase'],
    ['/api/v1/namespaces/fs/secrets', 'data.x=1', 'field label not supported: data.x'],
    ['/api/v1/namespaces/fs/services', 'spec.ports=1', 'field label not supported: spec.ports'],
    ['/api/v1/namespaces/fs/configmaps', 'data.a=1', '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['/apis/apps/v1/namespaces/fs/deployments', 'spec.replicas=1', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ];
  for (const [path, sel, message] of unsupported) {
    test(`fieldSelector ${sel} on ${path} is 400 "${message}"`, async () => {
      assertStatus(await h.get(path, { query: { fieldSelector: sel } }), 400, 'BadRequest', message);
      assertStatus(await h.get(path, { query: { fieldSelector: sel, watch: 'true' } }), 400, 'BadRequest', message);
      // Namespaces have no deletecollection (405); the others reject the selector.
      if (path === '/api/v1/namespaces') assertStatus(await h.assertUnchanged(() => h.delete(path, { query: { fieldSelector: sel } })), 405, 'MethodNotAllowed');
      else assertStatus(await h.assertUnchanged(() => h.delete(path, { query: { fieldSelector: sel } })), 400, 'BadRequest', message);
    });
  }

  const syntax: [string, string][] = [
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['metadata.name=a,b', "invalid selector: 'metadata.name=a,b'; can't understand 'b'"],
  ];
  for (const [sel, message] of syntax) {
    test(`fieldSelector ${JSON.stringify(sel)} is 400 "${message}"`, async () => {
      assertStatus(await h.get('/api/v1/namespaces/fs/configmaps', { query: { fieldSelector: sel } }), 400, 'BadRequest', message);
    });
  }

  test('deletecollection with a field selector deletes only the matches', async () => {
    await h.create('/api/v1/namespaces', ns('fs-dc'));
    for (const n of ['x', 'y']) await h.create('/api/v1/namespaces/fs-dc/configmaps', configMap(n));
    const r = await h.delete('/api/v1/namespaces/fs-dc/configmaps', { query: { fieldSelector: 'metadata.name=x' } });
    assert.equal(r.status, 200);
    await h.settle();
    assert.deepEqual(names(await h.get('/api/v1/namespaces/fs-dc/configmaps')), ['y']);
  });
});

describe('apiserver limit and continue', () => {
  let h: Harness;
  const P = '/api/v1/namespaces/paging/configmaps';
  before(async () => {
    h = await Harness.start();
    await h.create('/api/v1/namespaces', ns('paging'));
    for (let i = 0; i < 7; i++) await h.create(P, configMap(`cm-${i}`, {}, { parity: i % 2 ? 'odd' : 'even' }));
  });
  after(async () => { await h.stop(); });

  test('pages of 3 walk the whole list in order with remainingItemCount', async () => {
    const p1 = await h.get(P, { query: { limit: 3 } });
    assert.deepEqual(names(p1), ['cm-0', 'cm-1', 'cm-2']);
    const m1 = p1.obj.metadata as { continue?: string; remainingItemCount?: number; resourceVersion: string };
    assert.equal(m1.remainingItemCount, 4);
    assert.ok(m1.continue);
    const p2 = await h.get(P, { query: { limit: 3, continue: m1.continue } });
    assert.deepEqual(names(p2), ['cm-3', 'cm-4', 'cm-5']);
    const m2 = p2.obj.metadata as { continue?: string; remainingItemCount?: number; resourceVersion: string };
    assert.equal(m2.remainingItemCount, 1);
    assert.equal(m2.resourceVersion, m1.resourceVersion, 'every page is served at the first page\'s revision');
    const p3 = await h.get(P, { query: { limit: 3, continue: m2.continue } });
    assert.deepEqual(names(p3), ['cm-6']);
    const m3 = p3.obj.metadata as { continue?: string; remainingItemCount?: number };
    assert.equal(m3.continue, undefined);
    assert.equal(m3.remainingItemCount, undefined);
  });

  test('a limit larger than the list returns everything without a continue token', async () => {
    const r = await h.get(P, { query: { limit: 100 } });
    assert.equal(names(r).length, 7);
    assert.equal((r.obj.metadata as { continue?: string }).continue, undefined);
  });

  test('limit=0 means no limit', async () => {
    assert.equal(names(await h.get(P, { query: { limit: 0 } })).length, 7);
  });

  test('paging with a label selector pages over the matches only', async () => {
    const p1 = await h.get(P, { query: { limit: 2, labelSelector: 'parity=odd' } });
    assert.deepEqual(names(p1), ['cm-1', 'cm-3']);
    const m1 = p1.obj.metadata as { continue?: string; remainingItemCount?: number };
    assert.equal(m1.remainingItemCount, undefined, 'no remainingItemCount with a selector, as upstream');
    const p2 = await h.get(P, { query: { limit: 2, labelSelector: 'parity=odd', continue: m1.continue } });
    assert.deepEqual(names(p2), ['cm-5']);
  });

  test('later pages are consistent with the first page\'s revision', async () => {
    await h.create('/api/v1/namespaces', ns('snap'));
    const S = '/api/v1/namespaces/snap/configmaps';
    for (const n of ['a', 'b', 'c', 'd']) await h.create(S, configMap(n));
    const p1 = await h.get(S, { query: { limit: 2 } });
    assert.deepEqual(names(p1), ['a', 'b']);
    // Changes after the first page: one object deleted, one created.
    await h.delete(`${S}/c`);
    await h.create(S, configMap('e'));
    await h.settle();
    const p2 = await h.get(S, { query: { limit: 2, continue: (p1.obj.metadata as { continue: string }).continue } });
    assert.deepEqual(names(p2), ['c', 'd'], 'the second page shows the list as it was at the first page');
  });

  const badContinue = ['not-a-token', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', '%%%'];
  for (const token of badContinue) {
    test(`continue=${JSON.stringify(token)} is 400 BadRequest`, async () => {
      assertStatus(await h.get(P, { query: { limit: 2, continue: token } }), 400, 'BadRequest');
    });
  }

  for (const limit of ['x', '1.5', '']) {
    test(`limit=${JSON.stringify(limit)} is ${limit === '' ? 'ignored' : '400 BadRequest'}`, async () => {
      const r = await h.get(P, { query: { limit } });
      if (limit === '') assert.equal(r.status, 200);
      else assertStatus(r, 400, 'BadRequest');
    });
  }
});
