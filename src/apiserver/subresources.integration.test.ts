// Integration: status and scale subresources, metadata.generation, and Service ClusterIP/NodePort
// allocation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, deployment, service } from './testing/harness.js';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const SVC = '/api/v1/namespaces/default/services';

describe('apiserver status subresource and generation', () => {
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => { await h.stop(); });

  test('create starts at generation 1 and ignores a status in the body', async () => {
    const c = await h.create(DEPLOY, { ...deployment('g'), status: { replicas: 99 } });
    assert.equal(c.metadata.generation, 1);
    assert.equal(c.status, undefined);
  });

  test('status cannot be changed through the main resource', async () => {
    const cur = (await h.get(`${DEPLOY}/g`)).obj;
    const r = await h.put(`${DEPLOY}/g`, { ...cur, status: { replicas: 5 } });
    assert.equal(r.status, 200);
    assert.equal(r.obj.status, undefined);
    assert.equal(r.obj.metadata.generation, 1);
    assert.equal(r.obj.metadata.resourceVersion, cur.metadata.resourceVersion, 'nothing changed, nothing written');
    const p = await h.patch(`${DEPLOY}/g`, 'merge', { status: { readyReplicas: 3 } });
    assert.equal(p.status, 200);
    assert.equal(p.obj.status, undefined);
  });

  test('status is changed through /status, without a generation bump', async () => {
    const cur = (await h.get(`${DEPLOY}/g`)).obj;
    const r = await h.put(`${DEPLOY}/g/status`, { ...cur, status: { replicas: 1, observedGeneration: 1 } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.obj.status, { replicas: 1, observedGeneration: 1 });
    assert.equal(r.obj.metadata.generation, 1);
    const p = await h.patch(`${DEPLOY}/g/status`, 'merge', { status: { readyReplicas: 1 } });
    assert.equal(p.status, 200, p.text);
    assert.deepEqual(p.obj.status, { replicas: 1, observedGeneration: 1, readyReplicas: 1 });
    const g = await h.get(`${DEPLOY}/g/status`);
    assert.equal(g.status, 200);
    assert.equal(g.obj.kind, 'Deployment');
  });

  test('spec cannot be changed through /status', async () => {
    const cur = (await h.get(`${DEPLOY}/g`)).obj;
    const next = structuredClone(cur);
    (next.spec as { replicas: number }).replicas = 9;
    const r = await h.put(`${DEPLOY}/g/status`, next);
    assert.equal(r.status, 200);
    assert.equal((r.obj.spec as { replicas: number }).replicas, 1);
    assert.equal(r.obj.metadata.generation, 1);
    const p = await h.patch(`${DEPLOY}/g/status`, 'merge', { spec: { replicas: 7 } });
    assert.equal((p.obj.spec as { replicas: number }).replicas, 1);
  });

  test('a spec change bumps the generation; a metadata change does not', async () => {
    const a = await h.patch(`${DEPLOY}/g`, 'merge', { spec: { replicas: 2 } });
    assert.equal(a.obj.metadata.generation, 2);
    const b = await h.patch(`${DEPLOY}/g`, 'merge', { metadata: { labels: { x: 'y' } } });
    assert.equal(b.obj.metadata.generation, 2);
    const c = await h.patch(`${DEPLOY}/g`, 'merge', { spec: { replicas: 2 } });
    assert.equal(c.obj.metadata.generation, 2, 'no change, no bump');
    const d = await h.patch(`${DEPLOY}/g`, 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } });
    assert.equal(d.obj.metadata.generation, 3);
  });

  test('an invalid status is 422 Invalid and changes nothing', async () => {
    const r = await h.assertUnchanged(() => h.patch(`${DEPLOY}/g/status`, 'merge', { status: { replicas: -1 } }));
    assertStatus(r, 422, 'Invalid');
  });

  test('/status of a kind without one is 404', async () => {
    await h.create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nostatus' } });
    assertStatus(await h.get('/api/v1/namespaces/default/configmaps/nostatus/status'), 404, 'NotFound', 'the server could not find the requested resource');
  });

  test('an unknown subresource is 404', async () => {
    assertStatus(await h.get(`${DEPLOY}/g/bogus`), 404, 'NotFound', 'the server could not find the requested resource');
  });
});

describe('apiserver scale subresource', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(DEPLOY, deployment('s', 2));
  });
  after(async () => { await h.stop(); });

  test('GET /scale returns an autoscaling/v1 Scale', async () => {
    const r = await h.get(`${DEPLOY}/s/scale`);
    assert.equal(r.status, 200);
    assert.equal(r.obj.kind, 'Scale');
    assert.equal(r.obj.apiVersion, 'autoscaling/v1');
    assert.deepEqual(r.obj.spec, { replicas: 2 });
    assert.deepEqual(r.obj.status, { replicas: 0, selector: 'app=s' });
  });

  test('PUT /scale sets spec.replicas and bumps the generation', async () => {
    const cur = (await h.get(`${DEPLOY}/s/scale`)).obj;
    const r = await h.put(`${DEPLOY}/s/scale`, { ...cur, spec: { replicas: 4 } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.obj.spec, { replicas: 4 });
    const d = (await h.get(`${DEPLOY}/s`)).obj;
    assert.equal((d.spec as { replicas: number }).replicas, 4);
    assert.equal(d.metadata.generation, 2);
  });

  test('PATCH /scale with a merge patch sets replicas', async () => {
    const r = await h.patch(`${DEPLOY}/s/scale`, 'merge', { spec: { replicas: 1 } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.obj.spec, { replicas: 1 });
  });

  test('a stale resourceVersion on /scale is 409 Conflict', async () => {
    const r = await h.assertUnchanged(() => h.put(`${DEPLOY}/s/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 's', resourceVersion: '1' }, spec: { replicas: 3 } }));
    assertStatus(r, 409, 'Conflict');
  });

  // -1 decodes and fails validation; 1.5 does not decode into an int32 (upstream: 422 on "patch").
  for (const [replicas, field] of [[-1, 'spec.replicas'], [1.5, 'patch']] as const) {
    test(`scale to ${replicas} is 422 Invalid on ${field}`, async () => {
      const r = await h.assertUnchanged(() => h.patch(`${DEPLOY}/s/scale`, 'merge', { spec: { replicas } }));
      const s = assertStatus(r, 422, 'Invalid');
      assert.equal(s.details?.causes?.[0]?.field, field);
    });
  }

  test('/scale of a missing deployment is 404', async () => {
    const r = await h.assertUnchanged(() => h.put(`${DEPLOY}/nope/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'nope' }, spec: { replicas: 3 } }));
    assertStatus(r, 404, 'NotFound', 'deployments.apps "nope" not found');
  });

  test('malformed and mistyped /scale bodies are 400 and change nothing', async () => {
    for (const body of ['{', '[]', '{"spec":{"replicas":"3"}}', '"x"']) {
      const r = await h.assertUnchanged(() => h.put(`${DEPLOY}/s/scale`, body));
      assertStatus(r, 400, 'BadRequest');
    }
  });
});

describe('apiserver service allocation', () => {
  let h: Harness;
  before(async () => { h = await Harness.start({ nodePortRange: [30000, 30004] }); });
  after(async () => { await h.stop(); });

  function ipNum(ip: string): number {
    return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  }

  test('ClusterIPs come from 10.43.0.0/16 without duplicates', async () => {
    const seen = new Set<string>(['10.43.0.1']);
    for (let i = 0; i < 20; i++) {
      const s = await h.create(SVC, service(`ip-${i}`));
      const spec = s.spec as { clusterIP: string; clusterIPs: string[]; ipFamilies: string[] };
      assert.ok(ipNum(spec.clusterIP) > ipNum('10.43.0.1') && ipNum(spec.clusterIP) < ipNum('10.43.255.255'), spec.clusterIP);
      assert.deepEqual(spec.clusterIPs, [spec.clusterIP]);
      assert.ok(!seen.has(spec.clusterIP), `duplicate ${spec.clusterIP}`);
      seen.add(spec.clusterIP);
    }
  });

  test('a requested free ClusterIP is granted; one in use is 422 Invalid', async () => {
    const s = await h.create(SVC, service('fixed', { clusterIP: '10.43.100.100' }));
    assert.equal((s.spec as { clusterIP: string }).clusterIP, '10.43.100.100');
    const r = await h.assertUnchanged(() => h.post(SVC, service('clash', { clusterIP: '10.43.100.100' })));
    const st = assertStatus(r, 422, 'Invalid', 'Service "clash" is invalid: spec.clusterIPs: Invalid value: ["10.43.100.100"]: failed to allocate IP 10.43.100.100: provided IP is already allocated');
    assert.equal(st.details?.causes?.[0]?.field, 'spec.clusterIPs');
  });

  test('the kubernetes service address cannot be requested', async () => {
    const r = await h.assertUnchanged(() => h.post(SVC, service('k', { clusterIP: '10.43.0.1' })));
    assertStatus(r, 422, 'Invalid');
  });

  test('a ClusterIP outside the range is 422 Invalid', async () => {
    const r = await h.assertUnchanged(() => h.post(SVC, service('out', { clusterIP: '10.99.0.5' })));
    assertStatus(r, 422, 'Invalid', 'Service "out" is invalid: spec.clusterIPs: Invalid value: ["10.99.0.5"]: the provided IP (10.99.0.5) is not in the valid range. The range of valid IPs is 10.43.0.0/16');
  });

  test('a deleted service\'s ClusterIP can be requested again', async () => {
    await h.delete(`${SVC}/fixed`);
    const s = await h.create(SVC, service('fixed-again', { clusterIP: '10.43.100.100' }));
    assert.equal((s.spec as { clusterIP: string }).clusterIP, '10.43.100.100');
  });

  test('a headless service gets no ClusterIP', async () => {
    const s = await h.create(SVC, service('headless', { clusterIP: 'None' }));
    assert.equal((s.spec as { clusterIP: string }).clusterIP, 'None');
  });

  test('NodePorts come from the range without duplicates, and a port in use is 422', async () => {
    const ports = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const s = await h.create(SVC, service(`np-${i}`, { type: 'NodePort' }));
      const p = (s.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort;
      assert.ok(p >= 30000 && p <= 30004, String(p));
      assert.ok(!ports.has(p));
      ports.add(p);
    }
    const taken = [...ports][0]!;
    const r = await h.assertUnchanged(() => h.post(SVC, service('np-clash', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: taken }] })));
    assertStatus(r, 422, 'Invalid', `Service "np-clash" is invalid: spec.ports[0].nodePort: Invalid value: ${taken}: provided port is already allocated`);
  });

  test('a NodePort outside the range is 422 Invalid', async () => {
    const r = await h.assertUnchanged(() => h.post(SVC, service('np-out', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: 40000 }] })));
    assertStatus(r, 422, 'Invalid', 'Service "np-out" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-30004');
  });

  test('a full NodePort range is 422 and releases nothing it did not take', async () => {
    await h.create(SVC, service('np-3', { type: 'NodePort' }));
    await h.create(SVC, service('np-4', { type: 'NodePort' }));
    const r = await h.assertUnchanged(() => h.post(SVC, service('np-full', { type: 'NodePort' })));
    assertStatus(r, 422, 'Invalid');
    // Deleting one frees its port for the next service.
    const freed = ((await h.get(`${SVC}/np-0`)).obj.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort;
    await h.delete(`${SVC}/np-0`);
    const s = await h.create(SVC, service('np-next', { type: 'NodePort' }));
    assert.equal((s.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort, freed);
  });

  test('a failed create does not leak its ClusterIP', async () => {
    // Invalid (bad port) after allocation: the requested address must stay free.
    const bad = service('leak', { clusterIP: '10.43.200.1', ports: [{ port: 0, protocol: 'TCP' }] });
    const r = await h.assertUnchanged(() => h.post(SVC, bad));
    assertStatus(r, 422, 'Invalid');
    const ok = await h.create(SVC, service('no-leak', { clusterIP: '10.43.200.1' }));
    assert.equal((ok.spec as { clusterIP: string }).clusterIP, '10.43.200.1');
  });

  test('dryRun create does not hold its ClusterIP', async () => {
    const r = await h.assertUnchanged(() => h.post(SVC, service('dry', { clusterIP: '10.43.200.2' }), { query: { dryRun: 'All' } }));
    assert.equal(r.status, 201, r.text);
    const ok = await h.create(SVC, service('after-dry', { clusterIP: '10.43.200.2' }));
    assert.equal((ok.spec as { clusterIP: string }).clusterIP, '10.43.200.2');
  });

  test('an update keeps the ClusterIP and cannot change it', async () => {
    const cur = (await h.get(`${SVC}/ip-0`)).obj;
    const ip = (cur.spec as { clusterIP: string }).clusterIP;
    const r = await h.put(`${SVC}/ip-0`, { ...cur, spec: { ...(cur.spec as object), clusterIP: '', clusterIPs: [] } });
    assert.equal(r.status, 200, r.text);
    assert.equal((r.obj.spec as { clusterIP: string }).clusterIP, ip);
    const change = await h.assertUnchanged(() => h.put(`${SVC}/ip-0`, { ...cur, spec: { ...(cur.spec as object), clusterIP: '10.43.200.9', clusterIPs: ['10.43.200.9'] } }));
    assertStatus(change, 422, 'Invalid');
  });
});
