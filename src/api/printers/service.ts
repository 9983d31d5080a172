// core/v1 Service: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, nameColumn, selectorColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, int, list, rec, str, strings, type Fields } from './fields.js';
import { byCodePoint, formatLabels } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

/** Load-balancer ingress IPs (or hostnames), sorted and unique; the server prints wide, so unclipped. */
function loadBalancerAddresses(status: Fields): string {
  const out = new Set<string>();
  for (const ing of list(at(status, 'loadBalancer', 'ingress'))) {
    if (str(ing.ip) !== '') out.add(str(ing.ip));
    else if (str(ing.hostname) !== '') out.add(str(ing.hostname));
  }
  return [...out].sort(byCodePoint).join(',');
}

function externalIP(type: string, spec: Fields, status: Fields): string {
  const externalIPs = strings(spec.externalIPs);
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(status);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** `80/TCP,443:30443/TCP` */
export function makePortString(ports: unknown): string {
  return list(ports)
    .map((p) => {
      const protocol = str(p.protocol) || 'TCP';
      const nodePort = int(p.nodePort);
      return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

function printService(svc: KubeObject, now: number): TableCell[] {
  const spec = rec(svc.spec);
  const status = rec(svc.status);
  const type = str(spec.type) || 'ClusterIP';
  // v1 clusterIP is authoritative over clusterIPs[0], as in upstream's conversion.
  const clusterIP = str(spec.clusterIP) || strings(spec.clusterIPs)[0] || '<none>';
  return [
    str(svc.metadata.name),
    type,
    clusterIP,
    externalIP(type, spec, status),
    makePortString(spec.ports) || '<none>',
    translateTimestampSince(svc.metadata.creationTimestamp, now),
    formatLabels(spec.selector),
  ];
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Type', 'type determines how the Service is exposed.'),
    column('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    ageColumn(),
    selectorColumn('Route service traffic to pods with label keys and values matching this selector.'),
  ],
  row: printService,
};
