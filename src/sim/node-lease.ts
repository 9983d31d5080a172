// The kube-node-lease Lease a kubelet renews as its cheap heartbeat (pkg/kubelet/nodelease and
// component-helpers/apimachinery/lease): holder = the node's name, owned by the Node.

import { rfc3339Micro } from '../machinery/clock.js';
import type { NodeLease } from './types.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeLeaseSpec {
  nodeName: string;
  /** The Node's UID, for the owner reference; omitted while unknown. */
  nodeUid?: string;
  durationSeconds: number;
  now: number;
}

/**
 * `base` renewed at `now` (or a new Lease when there is none): holder, duration and the Node owner
 * reference set, everything else (resourceVersion included, for compare-and-swap) kept.
 */
export function renewedNodeLease(base: NodeLease | undefined, o: NodeLeaseSpec): NodeLease {
  const lease: NodeLease = base
    ? { ...base, metadata: { ...base.metadata }, spec: { ...(base.spec ?? {}) } }
    : { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: o.nodeName, namespace: NODE_LEASE_NAMESPACE }, spec: {} };
  lease.apiVersion ||= 'coordination.k8s.io/v1';
  lease.kind ||= 'Lease';
  const spec = lease.spec ?? {};
  spec.holderIdentity = o.nodeName;
  spec.leaseDurationSeconds = o.durationSeconds;
  spec.renewTime = rfc3339Micro(o.now);
  lease.spec = spec;
  if (o.nodeUid && !(lease.metadata.ownerReferences ?? []).some((r) => r.kind === 'Node' && r.uid === o.nodeUid)) {
    lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: o.nodeName, uid: o.nodeUid }];
  }
  return lease;
}
