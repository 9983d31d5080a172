// Namespace, Secret, ConfigMap, ServiceAccount, ResourceQuota and Lease rows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configMapPrinter } from './configmap.js';
import { leasePrinter } from './lease.js';
import { namespacePrinter } from './namespace.js';
import { resourceQuotaPrinter } from './resourcequota.js';
import { secretPrinter } from './secret.js';
import { serviceAccountPrinter } from './serviceaccount.js';
import type { KindPrinter } from './types.js';
import { DAY, HOUR, MINUTE, NOW, obj, SECOND } from './testing.js';

describe('core printers', () => {
  const cases: { name: string; printer: KindPrinter; obj: ReturnType<typeof obj>; want: unknown[] }[] = [
    { name: 'namespace Active', printer: namespacePrinter, obj: obj('v1', 'Namespace', 'default', 400 * DAY, { status: { phase: 'Active' } }), want: ['default', 'Active', '400d'] },
    { name: 'namespace Terminating', printer: namespacePrinter, obj: obj('v1', 'Namespace', 'old', 3 * HOUR, { status: { phase: 'Terminating' } }), want: ['old', 'Terminating', '3h'] },
    {
      name: 'secret counts data keys',
      printer: secretPrinter,
      obj: obj('v1', 'Secret', 'tls', 2 * DAY, { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eQ==' } }),
      want: ['tls', 'kubernetes.io/tls', 2, '2d'],
    },
    { name: 'secret defaults to Opaque', printer: secretPrinter, obj: obj('v1', 'Secret', 's', 12 * SECOND), want: ['s', 'Opaque', 0, '12s'] },
    {
      name: 'configmap counts data and binaryData keys',
      printer: configMapPrinter,
      obj: obj('v1', 'ConfigMap', 'kube-root-ca.crt', 5 * MINUTE + 3 * SECOND, { data: { 'ca.crt': 'x', a: 'b' }, binaryData: { bin: 'AA==' } }),
      want: ['kube-root-ca.crt', 3, '5m3s'],
    },
    { name: 'serviceaccount without secrets', printer: serviceAccountPrinter, obj: obj('v1', 'ServiceAccount', 'default', 2 * DAY), want: ['default', 0, '2d'] },
    {
      name: 'serviceaccount with secrets',
      printer: serviceAccountPrinter,
      obj: obj('v1', 'ServiceAccount', 'builder', 2 * DAY, { secrets: [{ name: 'a' }, { name: 'b' }] }),
      want: ['builder', 2, '2d'],
    },
    {
      name: 'resourcequota splits requests and limits, sorted, canonical, missing usage is 0',
      printer: resourceQuotaPrinter,
      obj: obj('v1', 'ResourceQuota', 'compute', 3 * HOUR, {
        spec: { hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi', 'limits.cpu': '2' } },
        status: {
          hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi', 'limits.cpu': '2' },
          used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1000m' },
        },
      }),
      want: ['compute', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 1/2, limits.memory: 0/2Gi', '3h'],
    },
    {
      name: 'resourcequota before the controller filled status',
      printer: resourceQuotaPrinter,
      obj: obj('v1', 'ResourceQuota', 'q', 12 * SECOND, { spec: { hard: { pods: '1' } } }),
      want: ['q', '', '', '12s'],
    },
    {
      name: 'lease holder',
      printer: leasePrinter,
      obj: obj('coordination.k8s.io/v1', 'Lease', 'kube-scheduler', 2 * DAY, { spec: { holderIdentity: 'kite_1234', leaseDurationSeconds: 15 } }),
      want: ['kube-scheduler', 'kite_1234', '2d'],
    },
    { name: 'lease without holder', printer: leasePrinter, obj: obj('coordination.k8s.io/v1', 'Lease', 'free', 2 * DAY, { spec: {} }), want: ['free', '', '2d'] },
  ];
  for (const c of cases) test(`core printers ${c.name}`, () => assert.deepEqual(c.printer.row(c.obj, NOW), c.want));

  test('core printers resourcequota columns are NAME REQUEST LIMIT AGE (upstream 1.33+ order)', () => {
    assert.deepEqual(resourceQuotaPrinter.columns.map((c) => c.name), ['Name', 'Request', 'Limit', 'Age']);
  });
});
