import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nodePrinter } from './node.js';
import { DAY, NOW, obj } from './testing.js';

const info = { kubeletVersion: 'v1.34.0', osImage: 'Ubuntu 24.04 LTS', kernelVersion: '6.8.0-31-generic', containerRuntimeVersion: 'containerd://2.0.0' };
const node = (name: string, fields: Record<string, unknown>) => obj('v1', 'Node', name, 400 * DAY, fields);

describe('node printer', () => {
  const cases: { name: string; node: ReturnType<typeof node>; want: unknown[] }[] = [
    {
      name: 'cordoned control-plane node is Ready,SchedulingDisabled',
      node: node('cp-1', {
        metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'cp-1' } },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
          addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'cp-1' }],
          nodeInfo: info,
        },
      }),
      want: ['cp-1', 'Ready,SchedulingDisabled', 'control-plane', '400d', 'v1.34.0', '10.0.0.1', '<none>', 'Ubuntu 24.04 LTS', '6.8.0-31-generic', 'containerd://2.0.0'],
    },
    {
      name: 'NotReady worker with roles from both label forms, sorted',
      node: node('w-1', {
        metadata: { labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/': 'x' } },
        status: {
          conditions: [{ type: 'Ready', status: 'False' }],
          addresses: [{ type: 'ExternalIP', address: '203.0.113.5' }, { type: 'InternalIP', address: '10.0.0.2' }],
          nodeInfo: info,
        },
      }),
      want: ['w-1', 'NotReady', 'ingress,worker', '400d', 'v1.34.0', '10.0.0.2', '203.0.113.5', 'Ubuntu 24.04 LTS', '6.8.0-31-generic', 'containerd://2.0.0'],
    },
    {
      name: 'a node without conditions or info is Unknown',
      node: node('new', {}),
      want: ['new', 'Unknown', '<none>', '400d', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    },
    {
      name: 'Ready condition with status Unknown prints NotReady',
      node: node('lost', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] }, spec: { unschedulable: true } }),
      want: ['lost', 'NotReady,SchedulingDisabled', '<none>', '400d', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    },
  ];
  for (const c of cases) test(`node printer ${c.name}`, () => assert.deepEqual(nodePrinter.row(c.node, NOW), c.want));
});
