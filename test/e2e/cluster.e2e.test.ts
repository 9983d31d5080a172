// The scheduler, the controllers and simulated nodes, driven by the real kubectl 1.34 as a new user
// would: `kite server` runs the scheduler and controllers in-process, `kite sim` runs the nodes in a
// separate process. Messages are upstream 1.34's, word for word.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { clientsAvailable, startKite, startSim, cleanup, kubectl, kubectlOk, poll, type KiteProcess, type SimProcess } from './harness.js';

const skip = clientsAvailable();

interface Condition { type: string; status: string; reason?: string; message?: string }
interface Pod {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { nodeName?: string; containers: { image: string }[] };
  status: { phase?: string; conditions?: Condition[] };
}
interface Named { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: { replicas?: number } }
interface Event { reason: string; type: string; message: string; involvedObject: { kind: string; name: string }; source?: { component?: string }; reportingComponent?: string }

async function getItems<T>(k: KiteProcess, args: string[]): Promise<T[]> {
  return (JSON.parse(await kubectlOk(k, ['get', ...args, '-o', 'json'])) as { items: T[] }).items;
}

const pods = (k: KiteProcess, ns: string, selector: string): Promise<Pod[]> => getItems<Pod>(k, ['pods', '-n', ns, '-l', selector]);
const live = (ps: Pod[]): Pod[] => ps.filter((p) => !p.metadata.deletionTimestamp);
const isReady = (p: Pod): boolean => p.status.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const scheduledCond = (p: Pod): Condition | undefined => p.status.conditions?.find((c) => c.type === 'PodScheduled');
const brief = (ps: Pod[]): string => ps.map((p) => `${p.metadata.name} ${p.status.phase ?? '?'} ${p.spec.nodeName ?? '<none>'}${p.metadata.deletionTimestamp ? ' (deleting)' : ''}`).join('\n');

/** Waits for the pod's PodScheduled=False condition and returns its message. */
async function unschedulableMessage(k: KiteProcess, ns: string, name: string): Promise<string> {
  return poll(`pod ${ns}/${name} to be reported Unschedulable`, async () => {
    const [p] = await getItems<Pod>(k, ['pods', '-n', ns, '--field-selector', `metadata.name=${name}`]);
    const c = p && scheduledCond(p);
    return c?.status === 'False' && c.reason === 'Unschedulable' && c.message ? c.message : undefined;
  }, { describe: () => kubectlOk(k, ['get', 'pod', name, '-n', ns, '-o', 'jsonpath={.status}']) });
}

function deployment(o: { name: string; image?: string; replicas: number; podSpec?: string; labels?: string }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${o.name}
spec:
  replicas: ${o.replicas}
  selector:
    matchLabels: {app: ${o.name}}
  template:
    metadata:
      labels: {app: ${o.name}}
    spec:
${o.podSpec ?? ''}      containers:
      - name: main
        image: ${o.image ?? 'nginx:1.27'}
`;
}

function pod(name: string, podSpec: string, resources = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${podSpec}  containers:
  - name: main
    image: nginx:1.27
${resources}`;
}

const apply = (k: KiteProcess, ns: string, yaml: string): Promise<string> => kubectlOk(k, ['apply', '-n', ns, '-f', '-'], { input: yaml });
const rolloutStatus = (k: KiteProcess, ns: string, name: string): Promise<string> =>
  kubectlOk(k, ['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=90s'], { timeoutMs: 100_000 });

/** Deletes a namespace without waiting (the next test does not depend on it being gone). */
/** Deletes a test's namespace and waits until it is gone, so its pods cannot leak into the next test. */
async function dropNamespace(k: KiteProcess, ns: string): Promise<void> {
  await kubectlOk(k, ['delete', 'namespace', ns, '--timeout=90s'], { timeoutMs: 100_000 });
}

/** A server or sim that died under the tests says why, on stderr. */
function reportCrash(k: KiteProcess | undefined, ...sims: (SimProcess | undefined)[]): void {
  const died = (p: { exitCode: number | null; signalCode: string | null }) => (p.exitCode !== null && p.exitCode !== 0) || p.signalCode !== null;
  if (k && died(k.proc)) console.error(`kite server exited early (${k.proc.exitCode ?? k.proc.signalCode}):\n${k.output().slice(-8000)}`);
  for (const s of sims) if (s && died(s.proc)) console.error(`kite sim exited early (${s.proc.exitCode ?? s.proc.signalCode}):\n${s.output().slice(-4000)}`);
}

const ANTI_AFFINITY = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: spread}
            topologyKey: kubernetes.io/hostname
`;

describe('kubectl 1.34 against kite server with 3 simulated nodes', { skip }, () => {
  let k: KiteProcess;
  let sim: SimProcess | undefined;
  before(async () => {
    k = await startKite();
    sim = await startSim(k, { nodes: 3, namePrefix: 'sim-', cpu: '4' });
  });
  after(async () => {
    reportCrash(k, sim);
    await sim?.stop();
    await k?.stop();
    if (k) cleanup(k);
  });

  test('kubectl get nodes shows the simulated nodes Ready with 4 allocatable CPUs', async () => {
    const out = await kubectlOk(k, ['get', 'nodes']);
    for (const n of ['sim-0', 'sim-1', 'sim-2']) assert.match(out, new RegExp(`^${n}\\s+Ready\\s+<none>\\s+\\d+s\\s+v1\\.34`, 'm'));
    assert.equal(await kubectlOk(k, ['get', 'nodes', '-o', 'jsonpath={.items[*].status.allocatable.cpu}']), '4 4 4');
  });

  test('required pod anti-affinity on kubernetes.io/hostname places one pod per node and leaves a fourth replica Pending', async () => {
    const ns = 'spread';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'spread', replicas: 3, podSpec: ANTI_AFFINITY }));
    await rolloutStatus(k, ns, 'spread');
    const placed = live(await pods(k, ns, 'app=spread'));
    assert.equal(placed.length, 3, brief(placed));
    assert.ok(placed.every(isReady), brief(placed));
    assert.deepEqual(placed.map((p) => p.spec.nodeName).sort(), ['sim-0', 'sim-1', 'sim-2'], brief(placed));

    assert.match(await kubectlOk(k, ['scale', 'deployment/spread', '-n', ns, '--replicas=4']), /deployment.apps\/spread scaled/);
    const fourth = await poll('a fourth spread pod', async () => live(await pods(k, ns, 'app=spread')).find((p) => !p.spec.nodeName));
    const msg = await unschedulableMessage(k, ns, fourth.metadata.name);
    assert.equal(msg, "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
    const row = await kubectlOk(k, ['get', 'pod', fourth.metadata.name, '-n', ns, '-o', 'wide', '--no-headers']);
    assert.match(row, new RegExp(`^${fourth.metadata.name}\\s+0/1\\s+Pending\\s+0\\s+\\S+\\s+<none>\\s+<none>`));
    await dropNamespace(k, ns);
  });

  test('a pod asking for more CPU than a node has, or than any node has free, stays Pending with Insufficient cpu', async () => {
    const ns = 'cpu';
    await kubectlOk(k, ['create', 'namespace', ns]);
    const request = (cpu: string) => `    resources:\n      requests: {cpu: "${cpu}"}\n`;
    // Upstream 1.34 (kubernetes#131345): a request above a node's allocatable is
    // UnschedulableAndUnresolvable there, so preemption reports it as not helpful.
    await apply(k, ns, pod('huge', '', request('5')));
    assert.equal(await unschedulableMessage(k, ns, 'huge'),
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    assert.match(await kubectlOk(k, ['get', 'pod', 'huge', '-n', ns, '--no-headers']), /^huge\s+0\/1\s+Pending\s+/);

    // Three pods of 3 CPUs fill the nodes; 2 more CPUs would fit an empty node, and preemption
    // finds no victims of lower priority.
    for (const i of [0, 1, 2]) await apply(k, ns, pod(`filler-${i}`, '', request('3')));
    await kubectlOk(k, ['wait', '--for=condition=Ready', 'pod/filler-0', 'pod/filler-1', 'pod/filler-2', '-n', ns, '--timeout=60s'], { timeoutMs: 70_000 });
    const fillers = await getItems<Pod>(k, ['pods', '-n', ns]);
    assert.deepEqual(fillers.filter((p) => p.metadata.name.startsWith('filler-')).map((p) => p.spec.nodeName).sort(), ['sim-0', 'sim-1', 'sim-2']);
    await apply(k, ns, pod('big', '', request('2')));
    assert.equal(await unschedulableMessage(k, ns, 'big'),
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    // Free the CPUs for the tests that follow.
    await kubectlOk(k, ['delete', 'namespace', ns, '--timeout=60s'], { timeoutMs: 70_000 });
  });

  test('kubectl describe pod of a pending pod shows the FailedScheduling event message', async () => {
    const ns = 'describe';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, pod('nowhere', '  nodeSelector: {disktype: ssd}\n'));
    const expected = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    assert.equal(await unschedulableMessage(k, ns, 'nowhere'), expected);
    const escaped = expected.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const out = await poll('the FailedScheduling event in kubectl describe', async () => {
      const d = await kubectlOk(k, ['describe', 'pod', 'nowhere', '-n', ns]);
      return /FailedScheduling/.test(d) ? d : undefined;
    });
    assert.match(out, /^Status:\s+Pending$/m);
    assert.match(out, /^Node:\s+<none>$/m);
    assert.match(out, /^Node-Selectors:\s+disktype=ssd$/m);
    assert.match(out, /^\s+PodScheduled\s+False\s*$/m);
    assert.match(out, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
    assert.match(out, new RegExp(`^\\s+Warning\\s+FailedScheduling\\s+\\S+\\s+default-scheduler\\s+${escaped}$`, 'm'));
    await dropNamespace(k, ns);
  });

  test('kubectl get events shows Scheduled, FailedScheduling, ScalingReplicaSet and SuccessfulCreate in upstream wording', async () => {
    const ns = 'events';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'ev', replicas: 2 }));
    await apply(k, ns, pod('stuck', '  nodeSelector: {disktype: ssd}\n'));
    await rolloutStatus(k, ns, 'ev');
    const wanted = ['Scheduled', 'FailedScheduling', 'ScalingReplicaSet', 'SuccessfulCreate'];
    const events = await poll('the four event reasons', async () => {
      const evs = await getItems<Event>(k, ['events', '-n', ns]);
      return wanted.every((r) => evs.some((e) => e.reason === r)) && evs.filter((e) => e.reason === 'Scheduled').length >= 2 ? evs : undefined;
    }, { describe: () => kubectlOk(k, ['get', 'events', '-n', ns]) });
    const from = (e: Event) => e.source?.component || e.reportingComponent;
    const ev = (reason: string) => events.filter((e) => e.reason === reason);
    for (const e of ev('Scheduled')) {
      assert.match(e.message, new RegExp(`^Successfully assigned ${ns}/ev-[a-z0-9]+-[a-z0-9]{5} to sim-[0-2]$`));
      assert.equal(e.type, 'Normal');
      assert.equal(from(e), 'default-scheduler');
    }
    const failed = ev('FailedScheduling');
    assert.equal(failed[0]?.involvedObject.name, 'stuck');
    assert.equal(failed[0]?.type, 'Warning');
    assert.equal(failed[0]?.message, "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    assert.equal(from(failed[0]!), 'default-scheduler');
    const scaling = ev('ScalingReplicaSet');
    assert.equal(scaling.length, 1, JSON.stringify(scaling));
    assert.match(scaling[0]!.message, /^Scaled up replica set ev-[a-z0-9]+ to 2 from 0$/);
    assert.equal(scaling[0]!.involvedObject.kind, 'Deployment');
    assert.equal(from(scaling[0]!), 'deployment-controller');
    const created = ev('SuccessfulCreate');
    assert.equal(created.length, 2, JSON.stringify(created));
    for (const e of created) {
      assert.match(e.message, /^Created pod: ev-[a-z0-9]+-[a-z0-9]{5}$/);
      assert.equal(e.involvedObject.kind, 'ReplicaSet');
      assert.equal(from(e), 'replicaset-controller');
    }
    // The table kubectl prints.
    const table = await kubectlOk(k, ['get', 'events', '-n', ns]);
    assert.match(table, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    assert.match(table, /^\S+\s+Normal\s+Scheduled\s+pod\/ev-\S+\s+Successfully assigned events\/ev-\S+ to sim-[0-2]$/m);
    assert.match(table, /^\S+\s+Warning\s+FailedScheduling\s+pod\/stuck\s+0\/3 nodes are available: /m);
    assert.match(table, /^\S+\s+Normal\s+ScalingReplicaSet\s+deployment\/ev\s+Scaled up replica set ev-\S+ to 2 from 0$/m);
    assert.match(table, /^\S+\s+Normal\s+SuccessfulCreate\s+replicaset\/ev-\S+\s+Created pod: ev-\S+$/m);
    await dropNamespace(k, ns);
  });

  test('a rolling update of an image completes under kubectl rollout status and rollout undo restores the previous template', async () => {
    const ns = 'roll';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'web', replicas: 3, image: 'nginx:1.27' }));
    await rolloutStatus(k, ns, 'web');
    const [rs1] = await getItems<Named>(k, ['rs', '-n', ns, '-l', 'app=web']);
    const hash1 = rs1!.metadata.labels!['pod-template-hash'];

    assert.match(await kubectlOk(k, ['set', 'image', 'deployment/web', 'main=nginx:1.28', '-n', ns]), /deployment.apps\/web image updated/);
    assert.match(await rolloutStatus(k, ns, 'web'), /deployment "web" successfully rolled out/);
    let running = live(await pods(k, ns, 'app=web'));
    assert.equal(running.length, 3, brief(running));
    assert.ok(running.every((p) => p.spec.containers[0]!.image === 'nginx:1.28' && isReady(p)), brief(running));
    assert.equal(await kubectlOk(k, ['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '2');

    assert.match(await kubectlOk(k, ['rollout', 'undo', 'deployment/web', '-n', ns]), /deployment.apps\/web rolled back/);
    assert.match(await rolloutStatus(k, ns, 'web'), /deployment "web" successfully rolled out/);
    assert.equal(await kubectlOk(k, ['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), 'nginx:1.27 3');
    running = await poll('three nginx:1.27 pods and no others', async () => {
      const ps = await pods(k, ns, 'app=web');
      return ps.length === 3 && ps.every((p) => !p.metadata.deletionTimestamp && p.spec.containers[0]!.image === 'nginx:1.27' && isReady(p)) ? ps : undefined;
    }, { timeoutMs: 60_000, describe: async () => brief(await pods(k, ns, 'app=web')) });
    // The revision-1 ReplicaSet is brought back (as revision 3), not a new one made.
    assert.ok(running.every((p) => p.metadata.labels?.['pod-template-hash'] === hash1), `${hash1}\n${brief(running)}`);
    const rss = await getItems<Named>(k, ['rs', '-n', ns, '-l', 'app=web']);
    assert.equal(rss.length, 2, rss.map((r) => r.metadata.name).join(' '));
    const history = await kubectlOk(k, ['rollout', 'history', 'deployment/web', '-n', ns]);
    assert.match(history, /^REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/m);
    await dropNamespace(k, ns);
  });

  test('rollout undo of a Deployment made with kubectl create deployment brings back its first ReplicaSet', async () => {
    // `kubectl create` sends protobuf; the ReplicaSet it leads to must still match the template
    // that `rollout undo` writes back.
    const ns = 'undo';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await kubectlOk(k, ['create', 'deployment', 'app', '--image=nginx:1.27', '--replicas=2', '-n', ns]);
    await rolloutStatus(k, ns, 'app');
    const [rs1] = await getItems<Named>(k, ['rs', '-n', ns, '-l', 'app=app']);
    await kubectlOk(k, ['set', 'image', 'deployment/app', 'nginx=nginx:1.28', '-n', ns]);
    await rolloutStatus(k, ns, 'app');
    await kubectlOk(k, ['rollout', 'undo', 'deployment/app', '-n', ns]);
    await rolloutStatus(k, ns, 'app');
    const rss = await getItems<Named>(k, ['rs', '-n', ns, '-l', 'app=app']);
    const summary = rss.map((r) => `${r.metadata.name} revision=${r.metadata.annotations?.['deployment.kubernetes.io/revision']} replicas=${r.spec?.replicas}`).join('\n');
    assert.equal(rss.length, 2, summary);
    const back = rss.find((r) => r.metadata.name === rs1!.metadata.name);
    assert.equal(back?.metadata.annotations?.['deployment.kubernetes.io/revision'], '3', summary);
    assert.equal(back?.spec?.replicas, 2, summary);
    // What kubectl shows for the template is what was sent: no zero values Go would omit.
    const tmpl = await kubectlOk(k, ['get', 'rs', rs1!.metadata.name, '-n', ns, '-o', 'jsonpath={.spec.template}']);
    assert.doesNotMatch(tmpl, /"stdin":false|"tty":false|"hostNetwork":false|"generation":0/, tmpl);
    await dropNamespace(k, ns);
  });

  test('deleting a Deployment removes its ReplicaSets and pods', async () => {
    const ns = 'cascade';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'gone', replicas: 3, image: 'nginx:1.27' }));
    await rolloutStatus(k, ns, 'gone');
    await kubectlOk(k, ['set', 'image', 'deployment/gone', 'main=nginx:1.28', '-n', ns]);
    await rolloutStatus(k, ns, 'gone');
    assert.equal((await getItems<Named>(k, ['rs', '-n', ns, '-l', 'app=gone'])).length, 2);
    assert.match(await kubectlOk(k, ['delete', 'deployment', 'gone', '-n', ns]), /deployment.apps "gone" deleted/);
    await poll('no ReplicaSets or pods of the Deployment', async () => {
      const left = (await kubectlOk(k, ['get', 'rs,pods', '-n', ns, '-o', 'name'])).trim();
      return left === '' ? true : undefined;
    }, { timeoutMs: 60_000, describe: () => kubectlOk(k, ['get', 'rs,pods', '-n', ns]) });
    const r = await kubectl(k, ['get', 'all', '-n', ns]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /No resources found in cascade namespace\./);
    await dropNamespace(k, ns);
  });

  test('deleting a namespace empties and removes it', async () => {
    const ns = 'doomed';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'inside', replicas: 2 }));
    await kubectlOk(k, ['create', 'configmap', 'settings', '--from-literal=a=b', '-n', ns]);
    await kubectlOk(k, ['create', 'secret', 'generic', 'token', '--from-literal=t=x', '-n', ns]);
    await rolloutStatus(k, ns, 'inside');
    assert.match(await kubectlOk(k, ['delete', 'namespace', ns, '--wait=false']), /namespace "doomed" deleted/);
    assert.match(await kubectlOk(k, ['get', 'namespace', ns, '--no-headers']), /^doomed\s+Terminating\s+/);
    await poll('the namespace to be gone', async () => {
      const r = await kubectl(k, ['get', 'namespace', ns]);
      return r.code !== 0 && /namespaces "doomed" not found/.test(r.stderr) ? true : undefined;
    }, { timeoutMs: 60_000, describe: async () => { const a = await kubectl(k, ['get', 'namespace', ns, '-o', 'yaml']); const b = await kubectl(k, ['get', 'all,cm,secrets', '-n', ns]); return a.stdout + a.stderr + b.stdout + b.stderr; } });
    for (const kind of ['pods', 'replicasets', 'deployments', 'configmaps', 'secrets']) {
      assert.equal((await getItems<Named>(k, [kind, '-n', ns])).length, 0, kind);
    }
  });

  test('kubectl cordon marks a node Ready,SchedulingDisabled and new pods avoid it; uncordon lets them back', async () => {
    const ns = 'cordon';
    await kubectlOk(k, ['create', 'namespace', ns]);
    try {
      assert.match(await kubectlOk(k, ['cordon', 'sim-0']), /^node\/sim-0 cordoned$/m);
      assert.match(await kubectlOk(k, ['get', 'node', 'sim-0', '--no-headers']), /^sim-0\s+Ready,SchedulingDisabled\s+/);
      await poll('the node.kubernetes.io/unschedulable taint', async () => {
        const t = await kubectlOk(k, ['get', 'node', 'sim-0', '-o', 'jsonpath={.spec.taints[*].key}={.spec.taints[*].effect}']);
        return /node\.kubernetes\.io\/unschedulable/.test(t) && /NoSchedule/.test(t) ? true : undefined;
      });
      await apply(k, ns, deployment({ name: 'avoid', replicas: 4 }));
      await rolloutStatus(k, ns, 'avoid');
      const placed = live(await pods(k, ns, 'app=avoid'));
      assert.equal(placed.length, 4, brief(placed));
      assert.ok(placed.every((p) => p.spec.nodeName === 'sim-1' || p.spec.nodeName === 'sim-2'), brief(placed));
      await apply(k, ns, pod('pinned', '  nodeSelector: {kubernetes.io/hostname: sim-0}\n'));
      assert.equal(await unschedulableMessage(k, ns, 'pinned'),
        "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");

      assert.match(await kubectlOk(k, ['uncordon', 'sim-0']), /^node\/sim-0 uncordoned$/m);
      assert.match(await kubectlOk(k, ['get', 'node', 'sim-0', '--no-headers']), /^sim-0\s+Ready\s+/);
      await kubectlOk(k, ['wait', '--for=condition=Ready', 'pod/pinned', '-n', ns, '--timeout=60s'], { timeoutMs: 70_000 });
      assert.equal(await kubectlOk(k, ['get', 'pod', 'pinned', '-n', ns, '-o', 'jsonpath={.spec.nodeName}']), 'sim-0');
    } finally {
      await kubectl(k, ['uncordon', 'sim-0']);
      await dropNamespace(k, ns);
    }
  });

  test('kubectl drain --ignore-daemonsets evicts the pods of a node through the eviction subresource', async () => {
    const ns = 'drain';
    await kubectlOk(k, ['create', 'namespace', ns]);
    await apply(k, ns, deployment({ name: 'moved', replicas: 3 }));
    await rolloutStatus(k, ns, 'moved');
    const before = live(await pods(k, ns, 'app=moved'));
    const node = before[0]!.spec.nodeName!;
    const onNode = before.filter((p) => p.spec.nodeName === node).map((p) => p.metadata.name);
    try {
      const r = await kubectl(k, ['drain', node, '--ignore-daemonsets', '--timeout=60s', '-v=6'], { timeoutMs: 70_000 });
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^node/${node} cordoned$`, 'm'));
      assert.match(r.stdout, new RegExp(`^node/${node} drained$`, 'm'));
      for (const name of onNode) {
        assert.match(r.stdout, new RegExp(`^pod/${name} evicted$`, 'm'));
        assert.match(r.stderr, new RegExp(`"Response" verb="POST" url="https://[^"]+/api/v1/namespaces/${ns}/pods/${name}/eviction" status="201 Created"`), r.stderr);
      }
      assert.match(await kubectlOk(k, ['get', 'node', node, '--no-headers']), new RegExp(`^${node}\\s+Ready,SchedulingDisabled\\s+`));
      const after = await poll('three ready replicas off the drained node', async () => {
        const ps = await pods(k, ns, 'app=moved');
        return ps.length === 3 && ps.every((p) => !p.metadata.deletionTimestamp && isReady(p) && p.spec.nodeName !== node) ? ps : undefined;
      }, { timeoutMs: 60_000, describe: async () => brief(await pods(k, ns, 'app=moved')) });
      assert.ok(after.every((p) => !onNode.includes(p.metadata.name)), brief(after));
      assert.equal((await kubectlOk(k, ['get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'name'])).trim(), '');
    } finally {
      await kubectl(k, ['uncordon', node]);
      await dropNamespace(k, ns);
    }
  });
});

describe('kubectl 1.34 against kite server when simulated nodes stop', { skip }, () => {
  let k: KiteProcess;
  let simA: SimProcess | undefined;
  let simB: SimProcess | undefined;
  before(async () => {
    k = await startKite({ args: ['--node-monitor-grace-period', '15s'] });
    // Two nodes fail out of four: with more than two, and at least 55% of a zone, unhealthy, the
    // zone is in PartialDisruption and (under 50 nodes) upstream stops adding NoExecute taints.
    simA = await startSim(k, { nodes: 2, namePrefix: 'a-' });
  });
  after(async () => {
    reportCrash(k, simA, simB);
    await simA?.stop();
    await simB?.stop();
    await k?.stop();
    if (k) cleanup(k);
  });

  test('stopped nodes turn NotReady and their pods are recreated on nodes that are started', async () => {
    const ns = 'failover';
    await kubectlOk(k, ['create', 'namespace', ns]);
    // The default tolerations (added by admission) keep pods 300s on an unreachable node.
    const tolerations = `      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
`;
    await apply(k, ns, deployment({ name: 'survivor', replicas: 2, podSpec: tolerations }));
    await rolloutStatus(k, ns, 'survivor');
    const first = live(await pods(k, ns, 'app=survivor'));
    assert.ok(first.every((p) => p.spec.nodeName?.startsWith('a-')), brief(first));

    simB = await startSim(k, { nodes: 2, namePrefix: 'b-' });
    await simA!.stop();
    // 15s of silence, then the next node-monitor pass (5s) marks them Unknown.
    await kubectlOk(k, ['wait', '--for=condition=Ready=Unknown', 'node/a-0', 'node/a-1', '--timeout=45s'], { timeoutMs: 55_000 });
    const nodes = await kubectlOk(k, ['get', 'nodes', '--no-headers']);
    assert.match(nodes, /^a-0\s+NotReady\s+/m);
    assert.match(nodes, /^a-1\s+NotReady\s+/m);
    assert.match(nodes, /^b-0\s+Ready\s+/m);
    assert.match(nodes, /^b-1\s+Ready\s+/m);
    const reason = await kubectlOk(k, ['get', 'node', 'a-0', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].reason}: {.status.conditions[?(@.type=="Ready")].message}']);
    assert.equal(reason, 'NodeStatusUnknown: Kubelet stopped posting node status.');

    const replaced = await poll('two ready replicas on b- nodes', async () => {
      const ps = live(await pods(k, ns, 'app=survivor'));
      return ps.length === 2 && ps.every((p) => p.spec.nodeName?.startsWith('b-') && isReady(p)) ? ps : undefined;
    }, { timeoutMs: 90_000, intervalMs: 1000, describe: async () => `${brief(await pods(k, ns, 'app=survivor'))}\n${await kubectlOk(k, ['get', 'nodes', '-o', 'custom-columns=NAME:.metadata.name,TAINTS:.spec.taints[*].key'])}` });
    assert.ok(replaced.every((p) => !first.some((f) => f.metadata.name === p.metadata.name)), brief(replaced));

    // The old pods were marked for deletion by the taint manager; with their kubelet gone they
    // stay Terminating, as upstream.
    const old = (await pods(k, ns, 'app=survivor')).filter((p) => first.some((f) => f.metadata.name === p.metadata.name));
    assert.ok(old.every((p) => p.metadata.deletionTimestamp), brief(old));
    for (const n of ['a-0', 'a-1']) {
      const taints = await kubectlOk(k, ['get', 'node', n, '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}']);
      assert.match(taints, /node\.kubernetes\.io\/unreachable:NoSchedule/);
      assert.match(taints, /node\.kubernetes\.io\/unreachable:NoExecute/);
    }
    const evictions = await getItems<Event>(k, ['events', '-n', ns, '--field-selector', 'reason=TaintManagerEviction']);
    for (const p of first) {
      assert.ok(evictions.some((e) => e.involvedObject.name === p.metadata.name && e.message === `Marking for deletion Pod ${ns}/${p.metadata.name}`), JSON.stringify(evictions));
    }
  });
});
