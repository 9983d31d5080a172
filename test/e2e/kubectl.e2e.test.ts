// The real kubectl 1.34 against `kite server`, run as a new user would.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { clientsAvailable, startKite, cleanup, kubectl, kubectlOk, tempDir, writeFile, KUBECTL, type KiteProcess } from './harness.js';

const skip = clientsAvailable();

const DEPLOY = (image: string, replicas = 2, extraEnv = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
        env:
        - name: A
          value: "1"${extraEnv}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
`;

describe('kubectl 1.34 against kite server', { skip }, () => {
  let k: KiteProcess;
  let dir: string;
  before(async () => {
    k = await startKite();
    dir = tempDir('kite-manifests-');
  });
  after(async () => {
    await k?.stop();
    if (k) cleanup(k);
  });

  test('kubectl get ns shows the system namespaces', async () => {
    const out = await kubectlOk(k, ['get', 'ns']);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.match(out, new RegExp(`^${ns}\\s+Active\\s+\\d+s`, 'm'));
    assert.match(out, /^NAME\s+STATUS\s+AGE$/m);
  });

  test('kubectl version and api-resources', async () => {
    const v = await kubectlOk(k, ['version']);
    assert.match(v, /Server Version: v1\.34/);
    const r = await kubectlOk(k, ['api-resources']);
    assert.match(r, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    assert.match(r, /^pods\s+po\s+v1\s+true\s+Pod$/m);
  });

  test('kubectl apply creates, then reports unchanged, then configures a change', async () => {
    const f = writeFile(dir, 'web.yaml', DEPLOY('nginx:1.27'));
    const first = await kubectlOk(k, ['apply', '-f', f]);
    assert.match(first, /deployment.apps\/web created/);
    assert.match(first, /service\/web created/);
    const again = await kubectlOk(k, ['apply', '-f', f]);
    assert.match(again, /deployment.apps\/web unchanged/);
    assert.match(again, /service\/web unchanged/);
    writeFile(dir, 'web.yaml', DEPLOY('nginx:1.28', 3, '\n        - name: B\n          value: "2"'));
    const changed = await kubectlOk(k, ['apply', '-f', f]);
    assert.match(changed, /deployment.apps\/web configured/);
    const img = await kubectlOk(k, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.spec.replicas} {.spec.template.spec.containers[0].env[*].name} {.metadata.generation}']);
    assert.equal(img, 'nginx:1.28 3 A B 2');
  });

  test('kubectl diff shows a pending change and exits 1', async () => {
    const f = writeFile(dir, 'diff.yaml', DEPLOY('nginx:1.29', 3, '\n        - name: B\n          value: "2"'));
    const r = await kubectl(k, ['diff', '-f', f]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /-\s+image: nginx:1\.28/);
    assert.match(r.stdout, /\+\s+image: nginx:1\.29/);
    // dry run: nothing changed
    const img = await kubectlOk(k, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    assert.equal(img, 'nginx:1.28');
  });

  test('kubectl apply --server-side takes ownership and removes fields it stops applying', async () => {
    const cm = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "1"\n${extra}`;
    const f = writeFile(dir, 'ssa.yaml', cm('  b: "2"\n'));
    assert.match(await kubectlOk(k, ['apply', '--server-side', '-f', f]), /configmap\/ssa serverside-applied/);
    writeFile(dir, 'ssa.yaml', cm(''));
    await kubectlOk(k, ['apply', '--server-side', '-f', f]);
    const data = JSON.parse(await kubectlOk(k, ['get', 'cm', 'ssa', '-o', 'json', '--show-managed-fields'])) as { data: Record<string, string>; metadata: { managedFields: { manager: string; operation: string }[] } };
    assert.deepEqual(data.data, { a: '1' });
    assert.ok(data.metadata.managedFields.some((m) => m.manager === 'kubectl' && m.operation === 'Apply'));
    // a conflicting manager is refused, then forced
    const conflict = await kubectl(k, ['apply', '--server-side', '--field-manager=other', '-f', writeFile(dir, 'ssa2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "9"\n')]);
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /conflict with "kubectl"/);
    assert.match(conflict.stderr, /\.data\.a/);
    await kubectlOk(k, ['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-f', writeFile(dir, 'ssa2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: "9"\n')]);
    assert.equal(await kubectlOk(k, ['get', 'cm', 'ssa', '-o', 'jsonpath={.data.a}']), '9');
  });

  test('kubectl get in every output format', async () => {
    const wide = await kubectlOk(k, ['get', 'deploy', '-o', 'wide']);
    assert.match(wide, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
    assert.match(wide, /^web\s+0\/3\s+\d+\s+0\s+\S+\s+nginx\s+nginx:1\.28\s+app=web$/m);
    const yaml = await kubectlOk(k, ['get', 'svc', 'web', '-o', 'yaml']);
    assert.match(yaml, /clusterIP: 10\.43\.\d+\.\d+/);
    assert.match(yaml, /targetPort: 80/);
    const json = JSON.parse(await kubectlOk(k, ['get', 'deploy', 'web', '-o', 'json'])) as { spec: { strategy: { type: string } } };
    assert.equal(json.spec.strategy.type, 'RollingUpdate');
    assert.equal((await kubectlOk(k, ['get', 'deploy', '-o', 'name'])).trim(), 'deployment.apps/web');
    assert.equal(await kubectlOk(k, ['get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].port}']), '80');
    const all = await kubectlOk(k, ['get', 'all']);
    assert.match(all, /service\/kubernetes\s+ClusterIP\s+10\.43\.0\.1\s+<none>\s+443\/TCP/);
    assert.match(all, /deployment\.apps\/web\s+0\/3/);
    const allNs = await kubectlOk(k, ['get', 'svc', '-A']);
    assert.match(allNs, /^NAMESPACE\s+NAME\s+TYPE/m);
    assert.match(allNs, /^default\s+kubernetes\s+ClusterIP/m);
    const labelled = await kubectlOk(k, ['get', 'deploy', '-l', 'app=web', '--show-labels']);
    assert.match(labelled, /app=web/);
    assert.equal((await kubectl(k, ['get', 'deploy', '-l', 'app=nope'])).stderr.trim(), 'No resources found in default namespace.');
    await kubectlOk(k, ['create', 'configmap', 'zz-first']);
    const sorted = await kubectlOk(k, ['get', 'cm', '--sort-by=.metadata.name', '-o', 'name']);
    const names = sorted.trim().split('\n');
    assert.deepEqual(names, [...names].sort());
  });

  test('kubectl get -w streams changes', async () => {
    const w = spawn(KUBECTL, ['get', 'cm', '-w', '--output-watch-events'], { env: { ...process.env, KUBECONFIG: k.kubeconfig, HOME: k.home } });
    let out = '';
    w.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await waitFor(() => /zz-first/.test(out), 15_000, () => out);
      await kubectlOk(k, ['create', 'configmap', 'watched']);
      await waitFor(() => /ADDED\s+watched/.test(out), 15_000, () => out);
      await kubectlOk(k, ['delete', 'configmap', 'watched']);
      await waitFor(() => /DELETED\s+watched/.test(out), 15_000, () => out);
    } finally {
      w.kill();
    }
  });

  test('kubectl describe shows the object and its events', async () => {
    const out = await kubectlOk(k, ['describe', 'deploy', 'web']);
    assert.match(out, /^Name:\s+web$/m);
    assert.match(out, /^Selector:\s+app=web$/m);
    assert.match(out, /StrategyType:\s+RollingUpdate/);
    assert.match(out, /Image:\s+nginx:1\.28/);
    const svc = await kubectlOk(k, ['describe', 'svc', 'web']);
    assert.match(svc, /^IP:\s+10\.43\./m);
  });

  test('kubectl explain reads the OpenAPI schema', async () => {
    const out = await kubectlOk(k, ['explain', 'deployment.spec.template.spec.containers.image']);
    assert.match(out, /KIND:\s+Deployment/);
    assert.match(out, /FIELD:\s+image <string>/);
    const rec = await kubectlOk(k, ['explain', 'pods.spec', '--recursive']);
    assert.match(rec, /containers\s+<\[\]Container> -required-/);
  });

  test('kubectl create namespace, secret, configmap, deployment (protobuf bodies)', async () => {
    assert.match(await kubectlOk(k, ['create', 'namespace', 'team-a']), /namespace\/team-a created/);
    assert.match(await kubectlOk(k, ['create', 'secret', 'generic', 's1', '--from-literal=user=admin', '-n', 'team-a']), /secret\/s1 created/);
    assert.equal(Buffer.from(await kubectlOk(k, ['get', 'secret', 's1', '-n', 'team-a', '-o', 'jsonpath={.data.user}']), 'base64').toString(), 'admin');
    assert.match(await kubectlOk(k, ['create', 'configmap', 'c1', '--from-literal=k=v', '-n', 'team-a']), /configmap\/c1 created/);
    assert.match(await kubectlOk(k, ['create', 'deployment', 'd1', '--image=busybox:1.36', '--replicas=2', '-n', 'team-a']), /deployment.apps\/d1 created/);
    const d = JSON.parse(await kubectlOk(k, ['get', 'deploy', 'd1', '-n', 'team-a', '-o', 'json'])) as { spec: { replicas: number; template: { spec: { containers: { image: string; imagePullPolicy: string }[] } } } };
    assert.equal(d.spec.replicas, 2);
    assert.equal(d.spec.template.spec.containers[0]!.image, 'busybox:1.36');
    assert.equal(d.spec.template.spec.containers[0]!.imagePullPolicy, 'IfNotPresent');
    const secrets = await kubectlOk(k, ['get', 'secrets', '-n', 'team-a']);
    assert.match(secrets, /^s1\s+Opaque\s+1\s+\S+$/m);
  });

  test('kubectl label, annotate and patch (strategic, merge, json)', async () => {
    await kubectlOk(k, ['label', 'deploy', 'web', 'tier=frontend']);
    await kubectlOk(k, ['annotate', 'deploy', 'web', 'owner=team-a']);
    await kubectlOk(k, ['patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.30"}]}}}}']);
    await kubectlOk(k, ['patch', 'deploy', 'web', '--type=merge', '-p', '{"spec":{"minReadySeconds":5}}']);
    await kubectlOk(k, ['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]']);
    const out = await kubectlOk(k, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels.tier} {.metadata.annotations.owner} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].name} {.spec.minReadySeconds} {.spec.revisionHistoryLimit}']);
    assert.equal(out, 'frontend team-a nginx:1.30 A 5 3');
    const bad = await kubectl(k, ['patch', 'deploy', 'web', '--type=merge', '-p', '{"spec":{"replicas":-1}}']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /The Deployment "web" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
  });

  test('kubectl scale uses the scale subresource', async () => {
    assert.match(await kubectlOk(k, ['scale', 'deploy', 'web', '--replicas=5']), /deployment.apps\/web scaled/);
    assert.equal(await kubectlOk(k, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}']), '5');
  });

  test('kubectl replace with a stale resourceVersion is a Conflict', async () => {
    const obj = JSON.parse(await kubectlOk(k, ['get', 'cm', 'ssa', '-o', 'json'])) as { metadata: { resourceVersion: string }; data: Record<string, string> };
    await kubectlOk(k, ['patch', 'cm', 'ssa', '--type=merge', '-p', '{"data":{"z":"1"}}']);
    obj.data.c = '3';
    const f = writeFile(dir, 'stale.json', JSON.stringify(obj));
    const r = await kubectl(k, ['replace', '-f', f]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Error from server \(Conflict\): error when replacing .*Operation cannot be fulfilled on configmaps "ssa": the object has been modified; please apply your changes to the latest version and try again/);
  });

  test('kubectl errors are upstream Status errors', async () => {
    const nf = await kubectl(k, ['get', 'deploy', 'nope']);
    assert.match(nf.stderr, /Error from server \(NotFound\): deployments.apps "nope" not found/);
    const exists = await kubectl(k, ['create', 'namespace', 'team-a']);
    assert.match(exists.stderr, /Error from server \(AlreadyExists\): namespaces "team-a" already exists/);
    const f = writeFile(dir, 'typo.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replicass: 1\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers:\n      - name: c\n        image: i\n');
    const strict = await kubectl(k, ['apply', '-f', f]);
    assert.notEqual(strict.code, 0);
    assert.match(strict.stderr, /unknown field "spec\.replicass"/);
    const missing = await kubectl(k, ['create', 'configmap', 'x', '-n', 'does-not-exist']);
    assert.match(missing.stderr, /namespaces "does-not-exist" not found/);
  });

  test('kubectl delete removes objects and waits', async () => {
    const f = writeFile(dir, 'web.yaml', DEPLOY('nginx:1.28', 3));
    const out = await kubectlOk(k, ['delete', '-f', f]);
    assert.match(out, /deployment.apps "web" deleted/);
    assert.match(out, /service "web" deleted/);
    const r = await kubectl(k, ['get', 'deploy', 'web']);
    assert.match(r.stderr, /NotFound/);
  });
});

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out; got:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
