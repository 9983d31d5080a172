import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { podQosClass, type QosClass, type QosContainer, type QosPod } from './qos.js';

const pod = (containers: QosContainer[], initContainers: QosContainer[] = [], resources?: unknown): QosPod => ({
  spec: { containers, initContainers, ...(resources ? { resources } : {}) },
});
const c = (requests?: Record<string, string>, limits?: Record<string, string>): QosContainer => ({ name: 'c', resources: { requests, limits } });

describe('podQosClass', () => {
  const cases: [string, QosPod, QosClass][] = [
    ['no resources is BestEffort', pod([{ name: 'c' }]), 'BestEffort'],
    ['only ephemeral-storage is BestEffort', pod([c({ 'ephemeral-storage': '1Gi' })]), 'BestEffort'],
    ['a cpu request is Burstable', pod([c({ cpu: '100m' })]), 'Burstable'],
    ['equal cpu and memory requests and limits is Guaranteed', pod([c({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })]), 'Guaranteed'],
    ['limits alone default the requests: Guaranteed', pod([c(undefined, { cpu: '1', memory: '1Gi' })]), 'Guaranteed'],
    ['a cpu limit alone is Burstable', pod([c(undefined, { cpu: '1' })]), 'Burstable'],
    ['requests below limits is Burstable', pod([c({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Burstable'],
    ['a Guaranteed and a BestEffort container is Burstable', pod([c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), { name: 'd' }]), 'Burstable'],
    ['init containers count', pod([c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], [{ name: 'i' }]), 'Burstable'],
    ['pod-level resources win', pod([{ name: 'c' }], [], { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }), 'Guaranteed'],
  ];
  for (const [what, p, want] of cases) test(`podQosClass: ${what}`, () => assert.equal(podQosClass(p), want));
});
