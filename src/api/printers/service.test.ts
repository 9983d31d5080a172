import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { servicePrinter } from './service.js';
import { DAY, NOW, obj } from './testing.js';

const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
  obj('v1', 'Service', name, 2 * DAY, { spec, status });

describe('service printer', () => {
  const cases: { name: string; svc: ReturnType<typeof svc>; want: unknown[] }[] = [
    {
      name: 'ClusterIP with several ports',
      svc: svc('web', {
        type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { app: 'web', tier: 'fe' },
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }],
      }),
      want: ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,53/UDP', '2d', 'app=web,tier=fe'],
    },
    {
      name: 'NodePort prints port:nodePort/protocol',
      svc: svc('np', { type: 'NodePort', clusterIPs: ['10.96.0.11'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'np' } }),
      want: ['np', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP', '2d', 'app=np'],
    },
    {
      name: 'ClusterIP with external IPs and a defaulted protocol',
      svc: svc('ext', { type: 'ClusterIP', clusterIP: '10.96.0.12', externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 443 }] }),
      want: ['ext', 'ClusterIP', '10.96.0.12', '1.2.3.4,5.6.7.8', '443/TCP', '2d', '<none>'],
    },
    {
      name: 'LoadBalancer still pending',
      svc: svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.0.13', ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }),
      want: ['lb', 'LoadBalancer', '10.96.0.13', '<pending>', '80:31000/TCP', '2d', '<none>'],
    },
    {
      name: 'LoadBalancer with ingress addresses (sorted, unclipped) and external IPs',
      svc: svc(
        'lb2',
        { type: 'LoadBalancer', clusterIP: '10.96.0.14', externalIPs: ['9.9.9.9'], ports: [{ port: 80, nodePort: 31001, protocol: 'TCP' }] },
        { loadBalancer: { ingress: [{ ip: '203.0.113.20' }, { hostname: 'a-very-long-name.elb.example.com' }, { ip: '203.0.113.10' }] } },
      ),
      want: ['lb2', 'LoadBalancer', '10.96.0.14', '203.0.113.10,203.0.113.20,a-very-long-name.elb.example.com,9.9.9.9', '80:31001/TCP', '2d', '<none>'],
    },
    {
      name: 'ExternalName has no cluster IP and no ports',
      svc: svc('db', { type: 'ExternalName', externalName: 'db.example.com' }),
      want: ['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '2d', '<none>'],
    },
    {
      name: 'headless service',
      svc: svc('h', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }], selector: { app: 'pg' } }),
      want: ['h', 'ClusterIP', 'None', '<none>', '5432/TCP', '2d', 'app=pg'],
    },
  ];
  for (const c of cases) test(`service printer ${c.name}`, () => assert.deepEqual(servicePrinter.row(c.svc, NOW), c.want));

  test('service printer columns are NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR', () => {
    assert.deepEqual(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`), [
      'Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1',
    ]);
  });
});
