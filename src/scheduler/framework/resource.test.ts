import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api-types.js';
import { podNonZeroRequests, podRequests, resourceFromList } from './resource.js';

const pod = (spec: Pod['spec']): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

test('podRequests sums containers and takes the max with init containers', () => {
  const r = podRequests(pod({
    containers: [{ resources: { requests: { cpu: '2', memory: '1G' } } }, { resources: { requests: { cpu: '1', memory: '1G' } } }],
    initContainers: [{ resources: { requests: { cpu: '2', memory: '1G' } } }, { resources: { requests: { cpu: '2', memory: '3G' } } }],
  }));
  assert.equal(r.milliCPU, 3000);
  assert.equal(r.memory, 3_000_000_000);
});

test('podRequests counts sidecars alongside app and later init containers', () => {
  const r = podRequests(pod({
    containers: [{ resources: { requests: { cpu: '1' } } }],
    initContainers: [
      { restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
      { resources: { requests: { cpu: '2' } } },
    ],
  }));
  assert.equal(r.milliCPU, 2500);
});

test('podRequests adds overhead, extended resources and uses pod-level requests', () => {
  const r = podRequests(pod({
    containers: [{ resources: { requests: { cpu: '100m', 'example.com/gpu': '2', 'ephemeral-storage': '1Gi' } } }],
    overhead: { cpu: '50m' },
    resources: { requests: { cpu: '1' } },
  }));
  assert.equal(r.milliCPU, 1050);
  assert.equal(r.ephemeralStorage, 1024 ** 3);
  assert.equal(r.scalar?.get('example.com/gpu'), 2);
});

test('podNonZeroRequests uses 100m and 200Mi for containers without requests', () => {
  const r = podNonZeroRequests(pod({ containers: [{}, { resources: { requests: { cpu: '250m' } } }] }));
  assert.equal(r.milliCPU, 350);
  assert.equal(r.memory, 2 * 200 * 1024 * 1024);
});

test('resourceFromList reads allocatable', () => {
  const r = resourceFromList({ cpu: '3500m', memory: '1Gi', pods: '110', 'hugepages-2Mi': '4Mi' });
  assert.deepEqual([r.milliCPU, r.memory, r.allowedPodNumber, r.scalar?.get('hugepages-2Mi')], [3500, 1024 ** 3, 110, 4 * 1024 * 1024]);
});
