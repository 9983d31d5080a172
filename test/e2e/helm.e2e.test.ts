// helm 4 installs, upgrades, lists, shows history of and uninstalls the chart `helm create` makes.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { clientsAvailable, startKite, cleanup, helm, kubectlOk, kubectl, tempDir, type KiteProcess } from './harness.js';

const skip = clientsAvailable();

describe('helm 4 against kite server', { skip }, () => {
  let k: KiteProcess;
  let dir: string;
  before(async () => {
    k = await startKite();
    dir = tempDir('kite-chart-');
    const r = await helm(k, ['create', 'mychart'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await k?.stop();
    if (k) cleanup(k);
  });

  test('helm install creates the release and its objects', async () => {
    const r = await helm(k, ['install', 'r1', join(dir, 'mychart')], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /STATUS: deployed/);
    assert.match(r.stdout, /REVISION: 1/);
    const objs = await kubectlOk(k, ['get', 'deploy,svc,sa', '-l', 'app.kubernetes.io/instance=r1', '-o', 'name']);
    assert.match(objs, /deployment.apps\/r1-mychart/);
    assert.match(objs, /service\/r1-mychart/);
    assert.match(objs, /serviceaccount\/r1-mychart/);
    const secret = await kubectlOk(k, ['get', 'secret', '-l', 'owner=helm', '-o', 'name']);
    assert.match(secret, /secret\/sh\.helm\.release\.v1\.r1\.v1/);
  });

  test('helm list shows the release', async () => {
    const r = await helm(k, ['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^r1\s+default\s+1\s+.*deployed\s+mychart-0\.1\.0/m);
  });

  test('helm upgrade changes the objects and removes dropped fields', async () => {
    const r = await helm(k, ['upgrade', 'r1', join(dir, 'mychart'), '--set', 'replicaCount=3', '--set', 'image.tag=1.29'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /REVISION: 2/);
    const d = await kubectlOk(k, ['get', 'deploy', 'r1-mychart', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}']);
    assert.equal(d, '3 nginx:1.29');
    // Back to the chart defaults: fields set only by the previous revision are removed by apply.
    const r2 = await helm(k, ['upgrade', 'r1', join(dir, 'mychart'), '--reset-values'], { timeoutMs: 120_000 });
    assert.equal(r2.code, 0, r2.stderr);
    const d2 = await kubectlOk(k, ['get', 'deploy', 'r1-mychart', '-o', 'jsonpath={.spec.replicas}']);
    assert.equal(d2, '1');
  });

  test('helm history lists every revision', async () => {
    const r = await helm(k, ['history', 'r1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\s+.*superseded\s+mychart-0\.1\.0/m);
    assert.match(r.stdout, /^3\s+.*deployed\s+mychart-0\.1\.0/m);
  });

  test('helm uninstall removes the release and its objects', async () => {
    const r = await helm(k, ['uninstall', 'r1'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /release "r1" uninstalled/);
    const left = await kubectl(k, ['get', 'deploy,svc,sa', '-l', 'app.kubernetes.io/instance=r1', '-o', 'name']);
    assert.equal(left.stdout.trim(), '');
    const list = await helm(k, ['list']);
    assert.doesNotMatch(list.stdout, /^r1\s/m);
  });
});
