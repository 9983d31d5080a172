import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriorityClass } from './api-types.js';
import { podPriority } from './priority.js';
import { makePod } from './testing/fixtures.js';

test('podPriority uses spec.priority, then the PriorityClass, then the global default', () => {
  const pc = (name: string, value: number, globalDefault = false): PriorityClass => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault });
  const classes = new Map([['high', pc('high', 1000)], ['dflt', pc('dflt', 7, true)]]);
  assert.equal(podPriority(makePod('p', { priority: 3, spec: { priorityClassName: 'high' } }), classes), 3);
  assert.equal(podPriority(makePod('p', { spec: { priorityClassName: 'high' } }), classes), 1000);
  assert.equal(podPriority(makePod('p', { spec: { priorityClassName: 'system-node-critical' } }), classes), 2_000_001_000);
  assert.equal(podPriority(makePod('p', { spec: { priorityClassName: 'missing' } }), classes), 0);
  assert.equal(podPriority(makePod('p'), classes), 7);
  assert.equal(podPriority(makePod('p')), 0);
});
