import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostPortInfo } from './host-port-info.js';

test('HostPortInfo checkConflict treats 0.0.0.0 as every IP', () => {
  const cases: { used: [string, string, number][]; want: [string, string, number]; conflict: boolean }[] = [
    { used: [['', 'TCP', 80]], want: ['127.0.0.1', 'TCP', 80], conflict: true },
    { used: [['127.0.0.1', 'TCP', 80]], want: ['0.0.0.0', 'TCP', 80], conflict: true },
    { used: [['127.0.0.1', 'TCP', 80]], want: ['127.0.0.2', 'TCP', 80], conflict: false },
    { used: [['0.0.0.0', 'TCP', 80]], want: ['0.0.0.0', 'UDP', 80], conflict: false },
    { used: [['0.0.0.0', '', 80]], want: ['', 'TCP', 80], conflict: true },
    { used: [], want: ['', 'TCP', 0], conflict: false },
  ];
  for (const c of cases) {
    const h = new HostPortInfo();
    for (const [ip, proto, port] of c.used) h.add(ip, proto, port);
    assert.equal(h.checkConflict(...c.want), c.conflict, JSON.stringify(c));
  }
});

test('HostPortInfo remove frees a port only when no pod uses it', () => {
  const h = new HostPortInfo();
  h.add('', 'TCP', 80);
  h.add('', 'TCP', 80);
  h.remove('', 'TCP', 80);
  assert.equal(h.checkConflict('', 'TCP', 80), true);
  h.remove('', 'TCP', 80);
  assert.equal(h.checkConflict('', 'TCP', 80), false);
});
