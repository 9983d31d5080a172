// core/v1 Node: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
// CONTAINER-RUNTIME. Status is Ready / NotReady / Unknown, plus `,SchedulingDisabled` when cordoned.

import type { KubeObject } from '../types.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, list, rec, str, stringMap } from './fields.js';
import { byCodePoint } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(stringMap(node.metadata.labels))) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(byCodePoint);
}

export function nodeStatus(node: KubeObject): string {
  const status: string[] = [];
  // Only the Ready condition is shown; the last one of that type wins, as in upstream's map.
  const ready = list(at(node, 'status', 'conditions')).filter((c) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (at(node, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: KubeObject, type: string): string {
  const found = list(at(node, 'status', 'addresses')).find((a) => a.type === type);
  return found ? str(found.address) : '<none>';
}

function printNode(node: KubeObject, now: number): TableCell[] {
  const info = rec(at(node, 'status', 'nodeInfo'));
  return [
    str(node.metadata.name),
    nodeStatus(node),
    nodeRoles(node).join(',') || '<none>',
    translateTimestampSince(node.metadata.creationTimestamp, now),
    str(info.kubeletVersion),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    str(info.osImage) || '<unknown>',
    str(info.kernelVersion) || '<unknown>',
    str(info.containerRuntimeVersion) || '<unknown>',
  ];
}

export const nodePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    ageColumn(),
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { priority: 1 }),
  ],
  row: printNode,
};
