import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registryKey, registryPrefix } from './keys.js';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };
const nodes = { group: '', resource: 'nodes' };

test('registryKey builds group/resource/namespace/name keys', () => {
  const cases: { got: string; want: string }[] = [
    { got: registryKey(pods, 'default', 'web'), want: '/registry/core/pods/default/web' },
    { got: registryKey(deployments, 'kube-system', 'dns'), want: '/registry/apps/deployments/kube-system/dns' },
    { got: registryKey(nodes, undefined, 'n1'), want: '/registry/core/nodes/n1' },
    { got: registryKey(nodes, '', 'n1'), want: '/registry/core/nodes/n1' },
  ];
  for (const c of cases) assert.equal(c.got, c.want);
});

test('registryPrefix ends with a slash and contains its keys', () => {
  const cases: { got: string; want: string }[] = [
    { got: registryPrefix(pods), want: '/registry/core/pods/' },
    { got: registryPrefix(pods, 'default'), want: '/registry/core/pods/default/' },
    { got: registryPrefix(deployments), want: '/registry/apps/deployments/' },
  ];
  for (const c of cases) assert.equal(c.got, c.want);
  assert.ok(registryKey(pods, 'default', 'web').startsWith(registryPrefix(pods, 'default')));
  assert.ok(!registryKey(pods, 'default2', 'web').startsWith(registryPrefix(pods, 'default')));
});

test('registryKey rejects segments that would escape their prefix', () => {
  for (const [ns, name] of [['default', ''], ['default', 'a/b'], ['a/b', 'x']] as const) {
    assert.throws(() => registryKey(pods, ns, name), RangeError);
  }
});
