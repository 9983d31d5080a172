import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figureRows, figureTables } from './print-figures.js';

test('figureRows groups keys by everything before the last dot', () => {
  assert.deepEqual(figureRows({
    'create.1client.p50Ms': 1.5,
    'create.1client.opsPerSec': 600,
    'server.rssMiB': 80,
    startup: 3,
  }), {
    'create.1client': { p50Ms: 1.5, opsPerSec: 600 },
    server: { rssMiB: 80 },
    startup: { value: 3 },
  });
});

test('figureTables puts rows with the same columns in one table, in first-seen order', () => {
  assert.deepEqual(figureTables({
    'get.1client.p50Ms': 1, 'get.1client.p99Ms': 2,
    'server.rssMiB': 80,
    'get.50clients.p50Ms': 3, 'get.50clients.p99Ms': 4,
  }), [
    { 'get.1client': { p50Ms: 1, p99Ms: 2 }, 'get.50clients': { p50Ms: 3, p99Ms: 4 } },
    { server: { rssMiB: 80 } },
  ]);
});
