import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { StatusError } from '../errors.js';
import { apply, type ApplyOptions } from './apply.js';
import { updateManagedFields } from './update-managed-fields.js';
import { LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { schemaFor, testRegistry } from './testdata/schemas.js';

type J = Record<string, unknown>;
const schema = schemaFor('apps/v1', 'Deployment');
const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:01:00Z';
const T2 = '2024-05-01T10:02:00Z';

interface Container { name: string; image?: string; env?: J[]; ports?: J[] }

function deploy(opts: { replicas?: number; labels?: Record<string, string>; annotations?: Record<string, string>; containers?: Container[]; finalizers?: string[]; strategy?: J } = {}): KubeObject {
  const metadata: J = { name: 'web', namespace: 'default' };
  if (opts.labels) metadata.labels = opts.labels;
  if (opts.annotations) metadata.annotations = opts.annotations;
  if (opts.finalizers) metadata.finalizers = opts.finalizers;
  const spec: J = {};
  if (opts.replicas !== undefined) spec.replicas = opts.replicas;
  spec.selector = { matchLabels: { app: 'web' } };
  if (opts.strategy) spec.strategy = opts.strategy;
  spec.template = { metadata: { labels: { app: 'web' } }, spec: { containers: opts.containers ?? [{ name: 'web', image: 'nginx:1' }] } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec } as KubeObject;
}

const opts = (now: string, more: Partial<ApplyOptions> = {}): ApplyOptions => ({ force: false, apiVersion: 'apps/v1', now, ...more });
const doApply = (live: KubeObject | undefined, cfg: KubeObject, manager: string, o: ApplyOptions): KubeObject => apply(live, cfg, manager, o, schema, testRegistry).object;
const doUpdate = (live: KubeObject | undefined, next: KubeObject, manager: string, now: string): KubeObject =>
  updateManagedFields(live, next, manager, { operation: 'Update', apiVersion: 'apps/v1', now }, schema, testRegistry);

const spec = (o: KubeObject): J => o.spec as J;
const containers = (o: KubeObject): J[] => ((spec(o).template as J).spec as J).containers as J[];
const entry = (o: KubeObject, manager: string): ManagedFieldsEntry | undefined => o.metadata.managedFields?.find((e) => e.manager === manager);
const fields = (o: KubeObject, manager: string): string => JSON.stringify(entry(o, manager)?.fieldsV1);
/** Merge patch of `patch` into a live object, as a non-apply write produces it. */
function edit(o: KubeObject, mutate: (c: KubeObject) => void): KubeObject {
  const c = structuredClone(o);
  mutate(c);
  return c;
}

function conflictOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  assert.fail('expected a conflict');
}

describe('apply', () => {
  test('apply creates the object and records the applier', () => {
    const cfg = deploy({ replicas: 2, labels: { app: 'web' } });
    const r = apply(undefined, cfg, 'kubectl', opts(T0), schema, testRegistry);
    assert.equal(r.changed, true);
    assert.equal(spec(r.object).replicas, 2);
    assert.deepEqual(r.object.metadata.managedFields, [{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {}, 'f:selector': {},
          'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
        },
      },
    }]);
  });

  test('apply of an unchanged configuration changes nothing', () => {
    const cfg = deploy({ replicas: 2 });
    const live = doApply(undefined, cfg, 'helm', opts(T0));
    const r = apply(live, cfg, 'helm', opts(T1), schema, testRegistry);
    assert.equal(r.changed, false);
    assert.deepEqual(r.object, live);
  });

  const removals: { name: string; first: KubeObject; second: KubeObject; check: (o: KubeObject) => void }[] = [
    { name: 'a scalar', first: deploy({ replicas: 3 }), second: deploy({}), check: (o) => assert.equal(spec(o).replicas, undefined) },
    { name: 'a label', first: deploy({ labels: { a: '1', b: '2' } }), second: deploy({ labels: { a: '1' } }), check: (o) => assert.deepEqual(o.metadata.labels, { a: '1' }) },
    { name: 'the last label (and the emptied map)', first: deploy({ labels: { a: '1' } }), second: deploy({}), check: (o) => assert.equal(o.metadata.labels, undefined) },
    {
      name: 'a container',
      first: deploy({ containers: [{ name: 'web', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }] }),
      second: deploy({ containers: [{ name: 'web', image: 'nginx' }] }),
      check: (o) => assert.deepEqual(containers(o), [{ name: 'web', image: 'nginx' }]),
    },
    {
      name: 'an env var inside a kept container',
      first: deploy({ containers: [{ name: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] }),
      second: deploy({ containers: [{ name: 'web', env: [{ name: 'A', value: '1' }] }] }),
      check: (o) => assert.deepEqual(containers(o), [{ name: 'web', env: [{ name: 'A', value: '1' }] }]),
    },
    { name: 'a finalizer', first: deploy({ finalizers: ['a.io/x', 'b.io/y'] }), second: deploy({ finalizers: ['b.io/y'] }), check: (o) => assert.deepEqual(o.metadata.finalizers, ['b.io/y']) },
  ];
  for (const c of removals) {
    test(`apply without ${c.name} removes it`, () => {
      const live = doApply(undefined, c.first, 'helm', opts(T0));
      const out = doApply(live, c.second, 'helm', opts(T1));
      c.check(out);
      assert.equal(entry(out, 'helm')?.time, T1);
    });
  }

  test('apply keeps a field another applier also owns', () => {
    let live = doApply(undefined, deploy({ labels: { a: '1', shared: 'x' } }), 'one', opts(T0));
    live = doApply(live, deploy({ labels: { shared: 'x' } }), 'two', opts(T1));
    live = doApply(live, deploy({ labels: { a: '1' } }), 'one', opts(T2));
    assert.deepEqual(live.metadata.labels, { a: '1', shared: 'x' });
    assert.equal(fields(live, 'two'), JSON.stringify({ 'f:metadata': { 'f:labels': { 'f:shared': {} } }, 'f:spec': { 'f:selector': {}, 'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } } }));
  });

  test('apply keeps a field an updater changed since', () => {
    let live = doApply(undefined, deploy({ replicas: 2 }), 'helm', opts(T0));
    live = doUpdate(live, edit(live, (o) => { spec(o).replicas = 5; }), 'kube-controller-manager', T1);
    live = doApply(live, deploy({}), 'helm', opts(T2));
    assert.equal(spec(live).replicas, 5);
  });

  test('apply conflicts with another applier, and force takes the field', () => {
    const live = doApply(undefined, deploy({ replicas: 1 }), 'alice', opts(T0));
    const e = conflictOf(() => doApply(live, deploy({ replicas: 2 }), 'bob', opts(T1)));
    assert.equal(e.code, 409);
    assert.equal(e.reason, 'Conflict');
    assert.equal(e.message, 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    assert.deepEqual(e.details, { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }] });

    const forced = doApply(live, deploy({ replicas: 2 }), 'bob', opts(T1, { force: true }));
    assert.equal(spec(forced).replicas, 2);
    assert.ok(!fields(forced, 'alice').includes('f:replicas'));
    assert.ok(fields(forced, 'bob').includes('f:replicas'));
  });

  test('apply conflicts with an updater (client-side apply) naming its apiVersion', () => {
    const created = doUpdate(undefined, deploy({ replicas: 1, containers: [{ name: 'web', image: 'nginx:1' }] }), 'kubectl-client-side-apply', T0);
    const one = conflictOf(() => doApply(created, deploy({ replicas: 3, containers: [{ name: 'web', image: 'nginx:1' }] }), 'kubectl', opts(T1)));
    assert.equal(one.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    assert.deepEqual(one.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);

    const two = conflictOf(() => doApply(created, deploy({ replicas: 3, containers: [{ name: 'web', image: 'nginx:2' }] }), 'helm', opts(T1)));
    assert.equal(two.message, [
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:',
      '- .spec.replicas',
      '- .spec.template.spec.containers[name="web"].image',
    ].join('\n'));
    assert.deepEqual(two.details?.causes?.map((c) => c.field), ['.spec.replicas', '.spec.template.spec.containers[name="web"].image']);
  });

  test('apply merges list-map items across managers', () => {
    let live = doApply(undefined, deploy({ containers: [{ name: 'a', image: 'a:1' }] }), 'alice', opts(T0));
    live = doApply(live, deploy({ containers: [{ name: 'b', image: 'b:1' }] }), 'bob', opts(T1));
    assert.deepEqual(containers(live), [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]);
    assert.ok(fields(live, 'alice').includes('k:{\\"name\\":\\"a\\"}') && !fields(live, 'alice').includes('k:{\\"name\\":\\"b\\"}'));
    assert.ok(fields(live, 'bob').includes('k:{\\"name\\":\\"b\\"}'));
    live = doApply(live, deploy({ containers: [{ name: 'a', image: 'a:2' }] }), 'alice', opts(T2));
    assert.deepEqual(containers(live), [{ name: 'a', image: 'a:2' }, { name: 'b', image: 'b:1' }]);
    live = doApply(live, deploy({ containers: [] }), 'alice', opts(T2));
    assert.deepEqual(containers(live), [{ name: 'b', image: 'b:1' }]);
  });

  test('apply merges labels entry by entry across managers', () => {
    let live = doApply(undefined, deploy({ labels: { a: '1' } }), 'alice', opts(T0));
    live = doApply(live, deploy({ labels: { b: '2' } }), 'bob', opts(T1));
    assert.deepEqual(live.metadata.labels, { a: '1', b: '2' });
    live = doApply(live, deploy({}), 'alice', opts(T2));
    assert.deepEqual(live.metadata.labels, { b: '2' });
  });

  test('apply upgrades like helm: drops what the chart no longer sets, keeps what others set', () => {
    const v1 = deploy({
      replicas: 2, labels: { app: 'web', chart: 'web-1' }, annotations: { note: 'v1' },
      containers: [
        { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
        { name: 'sidecar', image: 'envoy:1' },
      ],
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    });
    let live = doApply(undefined, v1, 'helm', opts(T0));
    // Someone labels it and the controller scales it in between.
    live = doUpdate(live, edit(live, (o) => { (o.metadata.labels as J).team = 'blue'; }), 'kubectl-label', T1);
    live = doUpdate(live, edit(live, (o) => { spec(o).replicas = 4; }), 'kube-controller-manager', T1);
    const v2 = deploy({
      labels: { app: 'web', chart: 'web-2' },
      containers: [{ name: 'web', image: 'web:2', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }],
      strategy: { type: 'Recreate' },
    });
    live = doApply(live, v2, 'helm', opts(T2));
    assert.deepEqual(live.metadata.labels, { app: 'web', chart: 'web-2', team: 'blue' });
    assert.equal(live.metadata.annotations, undefined);
    assert.equal(spec(live).replicas, 4);
    assert.deepEqual(spec(live).strategy, { type: 'Recreate' });
    assert.deepEqual(containers(live), [{ name: 'web', image: 'web:2', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }]);
    assert.deepEqual(live.metadata.managedFields?.map((e) => `${e.manager}/${e.operation}`), ['helm/Apply', 'kube-controller-manager/Update', 'kubectl-label/Update']);
  });

  test('apply by kubectl over a client-side applied object takes the fields last-applied still describes', () => {
    const csa = deploy({ replicas: 1, annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(deploy({ replicas: 1 })) } });
    const live = doUpdate(undefined, csa, 'kubectl-client-side-apply', T0);
    const out = doApply(live, deploy({ replicas: 2 }), 'kubectl', opts(T1));
    assert.equal(spec(out).replicas, 2);
    assert.ok(!fields(out, 'kubectl-client-side-apply').includes('f:replicas'));
    const annotation = (out.metadata.annotations as Record<string, string>)[LAST_APPLIED_ANNOTATION];
    assert.equal(annotation, '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1","name":"web"}]}}}}\n');
    // Another manager name gets the conflict.
    assert.equal(conflictOf(() => doApply(live, deploy({ replicas: 2 }), 'other', opts(T1))).code, 409);
  });

  test('apply to an untracked object first records its fields as before-first-apply', () => {
    const live = { ...deploy({ replicas: 1, labels: { a: '1' } }), metadata: { ...deploy({ labels: { a: '1' } }).metadata, uid: 'u1', resourceVersion: '5' } } as KubeObject;
    const out = doApply(live, deploy({ labels: { b: '2' } }), 'tool', opts(T1));
    assert.deepEqual(out.metadata.labels, { a: '1', b: '2' });
    assert.equal(out.metadata.uid, 'u1');
    const before = entry(out, 'before-first-apply');
    assert.equal(before?.operation, 'Update');
    assert.equal(before?.time, T1);
    assert.ok(JSON.stringify(before?.fieldsV1).includes('"f:replicas"'));
    assert.ok(!JSON.stringify(before?.fieldsV1).includes('"f:uid"'));
  });

  test('apply ignores reset fields (status) for ownership', () => {
    const cfg = { ...deploy({}), status: { replicas: 3 } } as KubeObject;
    const out = doApply(undefined, cfg, 'tool', opts(T0, { ignoredPaths: [['status']] }));
    assert.ok(!fields(out, 'tool').includes('f:status'));
  });

  test('apply to a subresource records it in its own entry', () => {
    const live = doApply(undefined, deploy({}), 'tool', opts(T0));
    const out = doApply(live, { ...deploy({}), status: { replicas: 1 } } as KubeObject, 'tool', opts(T1, { subresource: 'status', ignoredPaths: [['spec'], ['metadata']] }));
    assert.deepEqual(out.metadata.managedFields?.map((e) => [e.manager, e.subresource]), [['tool', undefined], ['tool', 'status']]);
    assert.equal(fields(out, 'tool') !== undefined, true);
    assert.equal(JSON.stringify(out.metadata.managedFields?.[1].fieldsV1), '{"f:status":{"f:replicas":{}}}');
  });

  test('apply defaults missing list-map keys from the schema (ports protocol)', () => {
    let live = doApply(undefined, deploy({ containers: [{ name: 'web', ports: [{ containerPort: 80 }] }] }), 'alice', opts(T0));
    live = doApply(live, deploy({ containers: [{ name: 'web', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }] }), 'bob', opts(T1));
    assert.deepEqual(containers(live), [{ name: 'web', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }]);
  });

  test('apply deduces types where there is no schema: maps merge, lists are atomic', () => {
    const cr = (specValue: J): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: specValue } as KubeObject);
    const o = (live: KubeObject | undefined, cfg: KubeObject, manager: string, now: string): KubeObject =>
      apply(live, cfg, manager, { force: false, apiVersion: 'example.com/v1', now }, undefined, testRegistry).object;
    let live = o(undefined, cr({ size: 1, tags: ['a', 'b'], nested: { x: 1 } }), 'alice', T0);
    assert.deepEqual(live.metadata.managedFields?.[0].fieldsV1, { 'f:spec': { '.': {}, 'f:nested': { '.': {}, 'f:x': {} }, 'f:size': {}, 'f:tags': {} } });
    live = o(live, cr({ extra: true }), 'bob', T1);
    live = o(live, cr({ tags: ['c'], nested: { y: 2 } }), 'alice', T2);
    assert.deepEqual(live.spec, { tags: ['c'], nested: { y: 2 }, extra: true });
  });

  const errors: { name: string; cfg: KubeObject; code: number; message: string }[] = [
    { name: 'rejects managedFields in the configuration', cfg: { ...deploy({}), metadata: { name: 'web', managedFields: [] } } as KubeObject, code: 400, message: 'metadata.managedFields must be nil' },
    { name: 'rejects a configuration of another kind', cfg: { ...deploy({}), kind: 'StatefulSet' } as KubeObject, code: 400, message: 'invalid object type: apps/v1, Kind=StatefulSet' },
    {
      name: 'rejects duplicate list keys as upstream (500)',
      cfg: deploy({ containers: [{ name: 'a' }, { name: 'a' }] }), code: 500,
      message: 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="a"]',
    },
    {
      name: 'rejects list items without their keys',
      cfg: deploy({ containers: [{ image: 'x' } as Container] }), code: 500,
      message: 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    },
  ];
  for (const c of errors) {
    test(`apply ${c.name}`, () => {
      const e = conflictOf(() => doApply(undefined, c.cfg, 'tool', opts(T0, { kind: 'Deployment' })));
      assert.equal(e.code, c.code);
      assert.equal(e.message, c.message);
    });
  }

  test('apply and updateManagedFields leave their inputs untouched', () => {
    const freeze = <T>(v: T): T => {
      if (v && typeof v === 'object') {
        for (const x of Object.values(v as object)) freeze(x);
        Object.freeze(v);
      }
      return v;
    };
    const created = freeze(doUpdate(undefined, deploy({ replicas: 1, labels: { a: '1' }, containers: [{ name: 'web', env: [{ name: 'A', value: '1' }] }] }), 'kubectl-create', T0));
    const before = JSON.stringify(created);
    const cfg = freeze(deploy({ replicas: 2, containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] }));
    const out = apply(created, cfg, 'tool', opts(T1, { force: true }), schema, testRegistry).object;
    freeze(doUpdate(out, freeze(edit(out, (o) => { (o.metadata.labels as J).b = '2'; })), 'kubectl-label', T2));
    assert.equal(JSON.stringify(created), before);
    assert.deepEqual(containers(out), [{ name: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
  });

  test('apply sorts managedFields: appliers first, then by time and manager', () => {
    let live = doUpdate(undefined, deploy({ replicas: 1 }), 'zeta-creator', T0);
    live = doApply(live, deploy({ labels: { x: '1' } }), 'beta', opts(T2));
    live = doApply(live, deploy({ labels: { y: '1' } }), 'alpha', opts(T2));
    live = doUpdate(live, edit(live, (o) => { spec(o).paused = true; }), 'kubectl-rollout', T1);
    assert.deepEqual(live.metadata.managedFields?.map((e) => e.manager), ['alpha', 'beta', 'zeta-creator', 'kubectl-rollout']);
  });
});
