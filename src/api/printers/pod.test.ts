import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { podPrinter } from './pod.js';
import { ago, DAY, HOUR, MINUTE, NOW, obj, SECOND } from './testing.js';

const pod = (name: string, fields: Record<string, unknown>) => obj('v1', 'Pod', name, 3 * HOUR, fields);
const app = [{ name: 'app', image: 'nginx' }];
const running = (extra: Record<string, unknown> = {}) => ({ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: ago(HOUR) } }, ...extra });

describe('pod printer', () => {
  const cases: { name: string; pod: ReturnType<typeof pod>; want: unknown[] }[] = [
    {
      name: 'Running pod with 2 restarts shows when the last one was',
      pod: pod('web', {
        spec: { containers: app, nodeName: 'node-1' },
        status: {
          phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }],
          containerStatuses: [running({ restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(5 * MINUTE) } } })],
        },
      }),
      want: ['web', '1/1', 'Running', '2 (5m ago)', '3h', '10.244.0.5', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Pending pod not yet scheduled',
      pod: obj('v1', 'Pod', 'p', 12 * SECOND, { spec: { containers: app }, status: { phase: 'Pending' } }),
      want: ['p', '0/1', 'Pending', '0', '12s', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'ContainerCreating from the waiting reason',
      pod: pod('c', {
        spec: { containers: app, nodeName: 'node-1' },
        status: { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] },
      }),
      want: ['c', '0/1', 'ContainerCreating', '0', '3h', '<none>', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Terminating pod (deletionTimestamp set, phase Running)',
      pod: pod('t', {
        metadata: { deletionTimestamp: ago(-30 * SECOND), deletionGracePeriodSeconds: 30 },
        spec: { containers: app, nodeName: 'node-1' },
        status: { phase: 'Running', podIP: '10.244.0.6', containerStatuses: [running()] },
      }),
      want: ['t', '1/1', 'Terminating', '0', '3h', '10.244.0.6', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'CrashLoopBackOff with restarts',
      pod: pod('crash', {
        spec: { containers: app, nodeName: 'node-1' },
        status: {
          phase: 'Running', podIP: '10.244.0.7',
          containerStatuses: [{
            name: 'app', ready: false, restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(40 * SECOND) } },
          }],
        },
      }),
      want: ['crash', '0/1', 'CrashLoopBackOff', '5 (40s ago)', '3h', '10.244.0.7', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Completed pod',
      pod: pod('done', {
        spec: { containers: app, nodeName: 'node-1', restartPolicy: 'Never' },
        status: { phase: 'Succeeded', podIP: '10.244.0.8', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
      }),
      want: ['done', '0/1', 'Completed', '0', '3h', '10.244.0.8', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Error pod',
      pod: pod('bad', {
        spec: { containers: app, nodeName: 'node-1' },
        status: { phase: 'Failed', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error' } } }] },
      }),
      want: ['bad', '0/1', 'Error', '0', '3h', '<none>', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'terminated without reason prints the exit code, or the signal',
      pod: pod('x', {
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Failed',
          containerStatuses: [
            { name: 'a', restartCount: 0, state: { terminated: { exitCode: 137 } } },
            { name: 'b', restartCount: 0, state: { terminated: { exitCode: 0, signal: 9 } } },
          ],
        },
      }),
      want: ['x', '0/2', 'ExitCode:137', '0', '3h', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'Init:0/1 while the init container runs',
      pod: pod('i', {
        spec: { initContainers: [{ name: 'init' }], containers: app, nodeName: 'node-1' },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: { startedAt: ago(MINUTE) } } }],
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
        },
      }),
      want: ['i', '0/1', 'Init:0/1', '0', '3h', '<none>', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Init:CrashLoopBackOff counts init restarts',
      pod: pod('ic', {
        spec: { initContainers: [{ name: 'init' }], containers: app },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{
            name: 'init', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * MINUTE) } },
          }],
        },
      }),
      want: ['ic', '0/1', 'Init:CrashLoopBackOff', '3 (2m ago)', '3h', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'Init:Error for a failed init container',
      pod: pod('ie', {
        spec: { initContainers: [{ name: 'a' }, { name: 'b' }], containers: app },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'a', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'b', restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } },
          ],
        },
      }),
      want: ['ie', '0/1', 'Init:Error', '0', '3h', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'SchedulingGated from the PodScheduled condition',
      pod: pod('g', {
        spec: { containers: app, schedulingGates: [{ name: 'example.com/gate' }] },
        status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      }),
      want: ['g', '0/1', 'SchedulingGated', '0', '3h', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'a started sidecar (restartable init container) counts as a container',
      pod: pod('s', {
        spec: { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: app, nodeName: 'node-1' },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
          initContainerStatuses: [{
            name: 'proxy', ready: true, started: true, restartCount: 1, state: { running: {} },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(3 * MINUTE) } },
          }],
          containerStatuses: [running()],
        },
      }),
      want: ['s', '2/2', 'Running', '1 (3m ago)', '3h', '<none>', 'node-1', '<none>', '<none>'],
    },
    {
      name: 'Completed container beside a running one is NotReady without the Ready condition',
      pod: pod('n', {
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            running({ name: 'b' }),
          ],
        },
      }),
      want: ['n', '1/2', 'NotReady', '0', '3h', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'deleted pod on a lost node is Unknown',
      pod: pod('u', {
        metadata: { deletionTimestamp: ago(MINUTE) },
        spec: { containers: app, nodeName: 'node-2' },
        status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running()] },
      }),
      want: ['u', '1/1', 'Unknown', '0', '3h', '<none>', 'node-2', '<none>', '<none>'],
    },
    {
      name: 'nominated node and readiness gates',
      pod: pod('rg', {
        spec: { containers: app, readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }] },
        status: {
          phase: 'Pending', nominatedNodeName: 'node-3', podIPs: [{ ip: 'fd00::5' }],
          conditions: [{ type: 'example.com/a', status: 'True' }, { type: 'example.com/b', status: 'False' }],
        },
      }),
      want: ['rg', '0/1', 'Pending', '0', '3h', 'fd00::5', '<none>', 'node-3', '1/2'],
    },
    {
      name: 'a 400-day-old pod',
      pod: obj('v1', 'Pod', 'old', 400 * DAY, { spec: { containers: app }, status: { phase: 'Running', containerStatuses: [running()] } }),
      want: ['old', '1/1', 'Running', '0', '400d', '<none>', '<none>', '<none>', '<none>'],
    },
  ];
  for (const c of cases) {
    test(`pod printer ${c.name}`, () => assert.deepEqual(podPrinter.row(c.pod, NOW), c.want));
  }

  test('pod printer marks Succeeded and Failed pods Completed in row conditions', () => {
    const succeeded = pod('a', { status: { phase: 'Succeeded' } });
    const failed = pod('b', { status: { phase: 'Failed' } });
    assert.deepEqual(podPrinter.conditions?.(succeeded), [
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    assert.deepEqual(podPrinter.conditions?.(failed), [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    assert.equal(podPrinter.conditions?.(pod('c', { status: { phase: 'Running' } })), undefined);
  });

  test('pod printer columns are upstream 1.34 (wide ones at priority 1)', () => {
    assert.deepEqual(
      podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ['Name', 'string', 'name', 0], ['Ready', 'string', '', 0], ['Status', 'string', '', 0],
        ['Restarts', 'string', '', 0], ['Age', 'string', '', 0], ['IP', 'string', '', 1],
        ['Node', 'string', '', 1], ['Nominated Node', 'string', '', 1], ['Readiness Gates', 'string', '', 1],
      ],
    );
  });

  test('pod printer survives a pod with no spec or status', () => {
    assert.deepEqual(podPrinter.row({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' } }, NOW), [
      'bare', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>',
    ]);
  });
});
