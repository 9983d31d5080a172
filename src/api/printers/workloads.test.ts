// Deployment, ReplicaSet, StatefulSet, DaemonSet and ControllerRevision rows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { controllerRevisionPrinter } from './controllerrevision.js';
import { daemonSetPrinter } from './daemonset.js';
import { deploymentPrinter } from './deployment.js';
import { replicaSetPrinter } from './replicaset.js';
import { statefulSetPrinter } from './statefulset.js';
import type { KindPrinter } from './types.js';
import { DAY, HOUR, NOW, obj } from './testing.js';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] },
};

describe('workload printers', () => {
  const cases: { name: string; printer: KindPrinter; obj: ReturnType<typeof obj>; want: unknown[] }[] = [
    {
      name: 'deployment 2/3',
      printer: deploymentPrinter,
      obj: obj('apps/v1', 'Deployment', 'web', 2 * DAY, {
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
      }),
      want: ['web', '2/3', 3, 2, '2d', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web'],
    },
    {
      name: 'deployment without status, defaulted replicas, expression selector',
      printer: deploymentPrinter,
      obj: obj('apps/v1', 'Deployment', 'new', 12_000, {
        spec: { selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }] }, template },
      }),
      want: ['new', '0/1', 0, 0, '12s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=x,env notin (dev,prod)'],
    },
    {
      name: 'deployment with an invalid selector',
      printer: deploymentPrinter,
      obj: obj('apps/v1', 'Deployment', 'odd', DAY, { spec: { replicas: 0, selector: { matchExpressions: [{ key: 'a', operator: 'Gt' }] }, template } }),
      want: ['odd', '0/0', 0, 0, '24h', 'nginx,sidecar', 'nginx:1.27,busybox', '<invalid>'],
    },
    {
      name: 'replicaset',
      printer: replicaSetPrinter,
      obj: obj('apps/v1', 'ReplicaSet', 'web-6d4b', 3 * HOUR, {
        spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '6d4b' } }, template },
        status: { replicas: 3, readyReplicas: 1 },
      }),
      want: ['web-6d4b', 3, 3, 1, '3h', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,pod-template-hash=6d4b'],
    },
    {
      name: 'replicaset with an empty selector prints <none>',
      printer: replicaSetPrinter,
      obj: obj('apps/v1', 'ReplicaSet', 'rs', 3 * HOUR, { spec: { replicas: 0, selector: {}, template: { spec: { containers: [] } } } }),
      want: ['rs', 0, 0, 0, '3h', '', '', '<none>'],
    },
    {
      name: 'statefulset',
      printer: statefulSetPrinter,
      obj: obj('apps/v1', 'StatefulSet', 'db', 3 * HOUR, { spec: { replicas: 3, template }, status: { readyReplicas: 3 } }),
      want: ['db', '3/3', '3h', 'nginx,sidecar', 'nginx:1.27,busybox'],
    },
    {
      name: 'daemonset with a node selector',
      printer: daemonSetPrinter,
      obj: obj('apps/v1', 'DaemonSet', 'agent', 2 * DAY, {
        spec: {
          selector: { matchLabels: { app: 'agent' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'legacy', operator: 'DoesNotExist' }] },
          template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: 'agent:v1' }] } },
        },
        status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
      }),
      want: ['agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '2d', 'agent', 'agent:v1', 'app=agent,!legacy,tier'],
    },
    {
      name: 'daemonset without node selector',
      printer: daemonSetPrinter,
      obj: obj('apps/v1', 'DaemonSet', 'ds', 2 * DAY, { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [] } } } }),
      want: ['ds', 0, 0, 0, 0, 0, '<none>', '2d', '', '', 'a=b'],
    },
    {
      name: 'controllerrevision owned by a daemonset',
      printer: controllerRevisionPrinter,
      obj: obj('apps/v1', 'ControllerRevision', 'agent-7c9', 2 * DAY, {
        metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u1', controller: true }] },
        revision: 2,
      }),
      want: ['agent-7c9', 'daemonset.apps/agent', 2, '2d'],
    },
    {
      name: 'controllerrevision without a controller',
      printer: controllerRevisionPrinter,
      obj: obj('apps/v1', 'ControllerRevision', 'orphan', 2 * DAY, {
        metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u2' }] },
        revision: 1,
      }),
      want: ['orphan', '<none>', 1, '2d'],
    },
  ];
  for (const c of cases) test(`workload printers ${c.name}`, () => assert.deepEqual(c.printer.row(c.obj, NOW), c.want));

  test('workload printers deployment columns are NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR', () => {
    assert.deepEqual(deploymentPrinter.columns.map((c) => `${c.name}:${c.priority}`), [
      'Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });
  test('workload printers daemonset columns', () => {
    assert.deepEqual(daemonSetPrinter.columns.map((c) => `${c.name}:${c.priority}`), [
      'Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Node Selector:0', 'Age:0',
      'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });
});
