import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IpPool } from './ip-pool.js';
import { nodeInternalIp, podCidr, podSubnetPrefix } from './addresses.js';

describe('IpPool', () => {
  test('IpPool hands out .2 upwards and the same IP to the same owner', () => {
    const p = new IpPool('10.128.0');
    assert.equal(p.allocate('a'), '10.128.0.2');
    assert.equal(p.allocate('b'), '10.128.0.3');
    assert.equal(p.allocate('a'), '10.128.0.2');
    assert.equal(p.size, 2);
  });

  test('IpPool reuses released addresses once the range wraps', () => {
    const p = new IpPool('10.128.0', 2, 4);
    assert.deepEqual(['a', 'b', 'c'].map((o) => p.allocate(o)), ['10.128.0.2', '10.128.0.3', '10.128.0.4']);
    assert.equal(p.allocate('d'), undefined);
    p.release('b');
    assert.equal(p.allocate('d'), '10.128.0.3');
  });

  test('IpPool claims addresses found in use and refuses foreign or taken ones', () => {
    const p = new IpPool('10.128.0');
    assert.equal(p.claim('a', '10.128.0.2'), true);
    assert.equal(p.claim('a', '10.128.0.2'), true);
    assert.equal(p.claim('b', '10.128.0.2'), false);
    assert.equal(p.claim('b', '10.128.1.2'), false);
    assert.equal(p.claim('b', '10.128.0.255'), false);
    assert.equal(p.allocate('c'), '10.128.0.3');
  });
});

describe('addresses', () => {
  const cases: [number, string, string][] = [
    [0, '10.240.0.1', '10.128.0.0/24'],
    [254, '10.240.0.255', '10.128.254.0/24'],
    [255, '10.240.1.0', '10.128.255.0/24'],
    [999, '10.240.3.232', '10.131.231.0/24'],
  ];
  for (const [i, ip, cidr] of cases) {
    test(`addresses of node ${i} are ${ip} and ${cidr}`, () => {
      assert.equal(nodeInternalIp(i), ip);
      assert.equal(podCidr(i), cidr);
    });
  }
  test('addresses reject indexes outside the plan', () => {
    assert.throws(() => podSubnetPrefix(-1), /node index/);
    assert.throws(() => nodeInternalIp(40_000), /node index/);
  });
});
