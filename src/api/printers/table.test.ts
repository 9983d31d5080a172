import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { toTable } from './table.js';
import { ago, DAY, HOUR, MINUTE, NOW, obj, SECOND } from './testing.js';

const pod = obj('v1', 'Pod', 'web', 12 * SECOND, {
  metadata: {
    labels: { app: 'web' },
    managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: ago(12 * SECOND), fieldsType: 'FieldsV1', fieldsV1: {} }],
  },
  spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-1' },
  status: {
    phase: 'Running', podIP: '10.244.0.36',
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: ago(10 * SECOND) } } }],
  },
});

describe('toTable', () => {
  test('toTable renders a pod list as upstream does (golden file)', () => {
    const done = obj('v1', 'Pod', 'job-x7k2p', 2 * DAY, {
      metadata: { namespace: 'batch', labels: { 'job-name': 'job' } },
      spec: { containers: [{ name: 'main', image: 'busybox' }], nodeName: 'node-2', restartPolicy: 'Never' },
      status: { phase: 'Succeeded', podIP: '10.244.1.9', containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(DAY) } } }] },
    });
    const table = toTable('v1', 'Pod', [pod, done], { now: NOW }, { resourceVersion: '1063' });
    const path = new URL('./testdata/pods.table.json', import.meta.url);
    const got = `${JSON.stringify(table, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, got);
    assert.equal(got, readFileSync(path, 'utf8'));
  });

  test('toTable puts PartialObjectMetadata without managedFields in rows by default and for Metadata', () => {
    for (const includeObject of [undefined, 'Metadata'] as const) {
      const t = toTable('v1', 'Pod', [pod], { now: NOW, includeObject });
      const { managedFields: _mf, ...metadata } = pod.metadata;
      assert.deepEqual(t.rows[0]?.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata });
      assert.equal('managedFields' in (t.rows[0]?.object?.metadata ?? {}), false);
    }
    // The stored object is untouched.
    assert.equal(pod.metadata.managedFields?.length, 1);
  });

  test('toTable puts the full object in rows for Object and nothing for None', () => {
    assert.deepEqual(toTable('v1', 'Pod', [pod], { now: NOW, includeObject: 'Object' }).rows[0]?.object, pod);
    const none = toTable('v1', 'Pod', [pod], { now: NOW, includeObject: 'None' }).rows[0];
    assert.ok(none);
    assert.equal('object' in none, false);
  });

  test('toTable sends no column definitions with noHeaders (watch events after the first)', () => {
    const t = toTable('v1', 'Pod', [pod], { now: NOW, noHeaders: true });
    assert.deepEqual(t.columnDefinitions, []);
    assert.equal(t.rows[0]?.cells[0], 'web');
  });

  test('toTable copies list metadata, and a single object resourceVersion without it', () => {
    assert.deepEqual(
      toTable('v1', 'Pod', [pod], { now: NOW }, { resourceVersion: '99', continue: 'tok', remainingItemCount: 4 }).metadata,
      { resourceVersion: '99', continue: 'tok', remainingItemCount: 4 },
    );
    assert.deepEqual(toTable('v1', 'Pod', [pod], { now: NOW }).metadata, { resourceVersion: '7' });
    assert.deepEqual(toTable('v1', 'Pod', [], { now: NOW }, {}).metadata, {});
    assert.deepEqual(toTable('v1', 'Pod', [], { now: NOW }, { resourceVersion: '5' }).rows, []);
  });

  test('toTable gives kinds without a printer the generic Name / Created At table', () => {
    const binding = obj('v1', 'Binding', 'web', 3 * HOUR, { target: { kind: 'Node', name: 'node-1' } });
    const t = toTable('v1', 'Binding', [binding], { now: NOW });
    assert.deepEqual(t.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]), [
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    assert.deepEqual(t.rows[0]?.cells, ['web', '2026-01-01T09:00:00Z']);
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    assert.deepEqual(toTable('example.com/v1', 'Widget', [widget], { now: NOW }).rows[0]?.cells, ['w', '0001-01-01T00:00:00Z']);
  });

  test('toTable prints Age cells as upstream strings', () => {
    const ages: [number, string][] = [[12 * SECOND, '12s'], [5 * MINUTE + 3 * SECOND, '5m3s'], [3 * HOUR, '3h'], [2 * DAY, '2d'], [400 * DAY, '400d']];
    const objects = ages.map(([age], i) => obj('v1', 'ConfigMap', `cm-${i}`, age));
    const t = toTable('v1', 'ConfigMap', objects, { now: NOW }, {});
    assert.deepEqual(t.rows.map((r) => r.cells[2]), ages.map(([, want]) => want));
  });

  test('toTable adds row conditions for completed pods only', () => {
    const failed = obj('v1', 'Pod', 'f', HOUR, { status: { phase: 'Failed' } });
    const t = toTable('v1', 'Pod', [pod, failed], { now: NOW });
    assert.equal('conditions' in (t.rows[0] ?? {}), false);
    assert.deepEqual(t.rows[1]?.conditions, [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  });

  test('toTable is plain JSON that round-trips', () => {
    const t = toTable('apps/v1', 'Deployment', [obj('apps/v1', 'Deployment', 'd', HOUR, { spec: { replicas: 1 } })], { now: NOW });
    assert.deepEqual(JSON.parse(JSON.stringify(t)), t);
    assert.equal(t.kind, 'Table');
    assert.equal(t.apiVersion, 'meta.k8s.io/v1');
  });
});
