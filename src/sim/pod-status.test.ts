// Golden files: testdata/<template>.<case>.input.yaml is a pod, <...>.output.yaml the status the
// template writes for it (`null` when it writes nothing). UPDATE_GOLDEN=1 rewrites the outputs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { POD_STATUS_TEMPLATES, mergeConditions, simContainerId } from './pod-status.js';
import type { Pod } from './types.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const ctx = { now: Date.UTC(2026, 0, 1, 0, 0, 5), hostIP: '10.240.0.1', podIP: '10.128.0.2' };

describe('pod status templates (golden)', () => {
  const inputs = readdirSync(dir).filter((f) => f.endsWith('.input.yaml')).sort();
  assert.ok(inputs.length > 0);
  for (const input of inputs) {
    const template = input.split('.')[0] as string;
    const output = input.replace('.input.yaml', '.output.yaml');
    test(`${template} template writes testdata/${output}`, () => {
      const fn = POD_STATUS_TEMPLATES[template];
      assert.ok(fn, `no template ${template}`);
      const pod = parse(readFileSync(join(dir, input), 'utf8')) as Pod;
      const got = fn(pod, pod.spec?.hostNetwork ? { ...ctx, podIP: ctx.hostIP } : ctx);
      const path = join(dir, output);
      if (process.env['UPDATE_GOLDEN'] || !existsSync(path)) writeFileSync(path, stringify(got));
      assert.deepEqual(got, parse(readFileSync(path, 'utf8')));
    });
  }
});

describe('mergeConditions', () => {
  test('mergeConditions keeps transition times of unchanged conditions and foreign conditions', () => {
    const old = [
      { type: 'example.com/x', status: 'True', lastTransitionTime: 't0' },
      { type: 'Ready', status: 'False', lastTransitionTime: 't0' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 't0' },
    ];
    const got = mergeConditions(old, [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }], 't1');
    assert.deepEqual(got, [
      { type: 'Initialized', status: 'True', lastTransitionTime: 't1' },
      { type: 'Ready', status: 'True', lastTransitionTime: 't1' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 't0' },
      { type: 'example.com/x', status: 'True', lastTransitionTime: 't0' },
    ]);
  });
});

describe('simContainerId', () => {
  test('simContainerId is stable per pod and container and differs between them', () => {
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { uid: 'u' } };
    assert.match(simContainerId(p, 'a'), /^sim:\/\/[0-9a-f]{64}$/);
    assert.equal(simContainerId(p, 'a'), simContainerId(p, 'a'));
    assert.notEqual(simContainerId(p, 'a'), simContainerId(p, 'b'));
  });
});
