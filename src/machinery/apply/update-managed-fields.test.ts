import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { updateManagedFields, type UpdateManagedFieldsOptions } from './update-managed-fields.js';
import { schemaFor, testRegistry } from './testdata/schemas.js';

type J = Record<string, unknown>;
const schema = schemaFor('apps/v1', 'Deployment');
const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:01:00Z';

function deploy(labels: Record<string, string> = { app: 'web' }, more: J = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }] } },
    },
    ...more,
  } as KubeObject;
}

const update = (old: KubeObject | undefined, next: KubeObject, manager: string, now: string, more: Partial<UpdateManagedFieldsOptions> = {}): KubeObject =>
  updateManagedFields(old, next, manager, { operation: 'Update', apiVersion: 'apps/v1', now, ...more }, schema, testRegistry);

function edit(o: KubeObject, mutate: (c: KubeObject) => void): KubeObject {
  const c = structuredClone(o);
  mutate(c);
  return c;
}

const fieldsOf = (o: KubeObject, manager: string): unknown => o.metadata.managedFields?.find((e) => e.manager === manager)?.fieldsV1;

describe('updateManagedFields', () => {
  test('updateManagedFields records a create like upstream (no "." for spec, template or containers)', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    assert.deepEqual(created.metadata.managedFields, [{
      manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          'f:replicas': {}, 'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"web"}': {
              '.': {}, 'f:image': {}, 'f:name': {},
              'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
              'f:resources': {},
            } } },
          },
        },
      },
    }]);
  });

  test('updateManagedFields gives a merge-patch labeller its new label only', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    const labelled = update(created, edit(created, (o) => { (o.metadata.labels as J).team = 'blue'; }), 'kubectl-label', T1);
    assert.deepEqual(fieldsOf(labelled, 'kubectl-label'), { 'f:metadata': { 'f:labels': { 'f:team': {} } } });
    assert.deepEqual(fieldsOf(labelled, 'kubectl-create'), fieldsOf(created, 'kubectl-create'));
    assert.equal(labelled.metadata.managedFields?.find((e) => e.manager === 'kubectl-label')?.time, T1);
  });

  test('updateManagedFields moves a changed field to its new writer', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    const relabelled = update(created, edit(created, (o) => { (o.metadata.labels as J).app = 'api'; }), 'kubectl-label', T1);
    assert.deepEqual(fieldsOf(relabelled, 'kubectl-label'), { 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    assert.deepEqual((fieldsOf(relabelled, 'kubectl-create') as J)['f:metadata'], { 'f:labels': {} });
  });

  test('updateManagedFields drops a removed field from its owner', () => {
    const created = update(undefined, deploy({ app: 'web', tier: 'fe' }), 'kubectl-create', T0);
    const out = update(created, edit(created, (o) => { delete (o.metadata.labels as J).tier; }), 'kubectl-label', T1);
    assert.deepEqual((fieldsOf(out, 'kubectl-create') as J)['f:metadata'], { 'f:labels': { '.': {}, 'f:app': {} } });
    assert.equal(fieldsOf(out, 'kubectl-label'), undefined);
  });

  test('updateManagedFields leaves entries and times alone when nothing changed', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    const same = update(created, edit(created, (o) => { o.metadata.resourceVersion = '9'; }), 'kubectl-edit', T1);
    assert.deepEqual(same.metadata.managedFields, created.metadata.managedFields);
  });

  test('updateManagedFields keeps an untracked object untracked', () => {
    const live = deploy();
    const out = update(live, edit(live, (o) => { (o.spec as J).replicas = 3; }), 'kubectl-scale', T1);
    assert.equal(out.metadata.managedFields, undefined);
  });

  test('updateManagedFields resets managedFields when the client sends an empty list', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    const reset = update(created, edit(created, (o) => { o.metadata.managedFields = []; }), 'kubectl-edit', T1);
    assert.equal(reset.metadata.managedFields, undefined);
  });

  test('updateManagedFields honours managedFields the client sends, except on subresources', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0);
    const renamed = edit(created, (o) => { o.metadata.managedFields![0].manager = 'someone-else'; });
    assert.deepEqual(update(created, renamed, 'kubectl-edit', T1).metadata.managedFields?.map((e) => e.manager), ['someone-else']);
    const viaStatus = update(created, edit(renamed, (o) => { (o as J).status = { replicas: 1 }; }), 'kube-controller-manager', T1, { subresource: 'status', ignoredPaths: [['spec'], ['metadata']] });
    assert.deepEqual(viaStatus.metadata.managedFields?.map((e) => [e.manager, e.subresource]), [['kubectl-create', undefined], ['kube-controller-manager', 'status']]);
    assert.deepEqual(fieldsOf(viaStatus, 'kube-controller-manager'), { 'f:status': { '.': {}, 'f:replicas': {} } });
  });

  test('updateManagedFields does not track reset fields', () => {
    const created = update(undefined, deploy(), 'kubectl-create', T0, { ignoredPaths: [['status']] });
    const out = update(created, edit(created, (o) => { (o as J).status = { replicas: 1 }; }), 'kubectl-edit', T1, { ignoredPaths: [['status']] });
    assert.deepEqual(out.metadata.managedFields, created.metadata.managedFields);
  });

  test('updateManagedFields merges the oldest of more than ten updaters into ancient-changes', () => {
    let live = update(undefined, deploy({}), 'creator', '2024-05-01T09:00:00Z');
    for (let i = 0; i < 11; i++) {
      const t = `2024-05-01T10:${String(i).padStart(2, '0')}:00Z`;
      live = update(live, edit(live, (o) => { (o.metadata.labels as J)[`l${i}`] = 'x'; }), `writer-${i}`, t);
    }
    const managers = live.metadata.managedFields?.map((e) => e.manager) ?? [];
    assert.equal(managers.length, 10);
    assert.ok(managers.includes('ancient-changes'));
    assert.ok(!managers.includes('creator') && !managers.includes('writer-0') && !managers.includes('writer-1'));
    const ancient = JSON.stringify(fieldsOf(live, 'ancient-changes'));
    assert.ok(ancient.includes('f:l0') && ancient.includes('f:l1') && ancient.includes('f:replicas'));
  });
});
