import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsPrinter } from './endpoints.js';
import { MINUTE, NOW, obj } from './testing.js';

const ep = (subsets: unknown) => obj('v1', 'Endpoints', 'web', 5 * MINUTE, subsets === undefined ? {} : { subsets });
const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('endpoints printer', () => {
  const cases: [string, unknown, string][] = [
    ['no subsets', undefined, '<none>'],
    ['one address and port', [{ addresses: addrs('10.244.0.5'), ports: [{ port: 8080 }] }], '10.244.0.5:8080'],
    [
      'more than three addresses',
      [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'), ports: [{ port: 80 }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    ],
    [
      'addresses times ports across subsets',
      [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }, { addresses: addrs('10.0.0.9'), ports: [{ port: 80 }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...',
    ],
    ['headless without ports', [{ addresses: addrs('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['IPv6 is bracketed', [{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }], '[fd00::1]:80'],
    ['only not-ready addresses', [{ notReadyAddresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }], ''],
  ];
  for (const [name, subsets, want] of cases) {
    test(`endpoints printer ${name}`, () => assert.deepEqual(endpointsPrinter.row(ep(subsets), NOW), ['web', want, '5m']));
  }
});
