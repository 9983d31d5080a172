// NodeResourcesFit filter: does the node have room for the pod's requests (cpu, memory,
// ephemeral-storage, extended resources) and one more pod? Reports every shortage.

import type { Node, Pod } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { ClusterEventWithHint, EnqueueExtensions, FilterPlugin, ScorePlugin } from '../../framework/interfaces.js';
import { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { isExtendedResourceName, type Resource } from '../../framework/resource.js';
import { SUCCESS, Status } from '../../framework/status.js';
import { LeastAllocated } from './least-allocated.js';

export const NAME = 'NodeResourcesFit';

export interface InsufficientResource {
  resourceName: string;
  /** `Insufficient cpu`, `Too many pods` ... */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the node's whole allocatable: preemption cannot help. */
  unresolvable: boolean;
}

export interface FitOptions {
  /** Extended resources not checked. */
  ignoredResources?: ReadonlySet<string>;
  /** Extended resource groups (the part before '/') not checked. */
  ignoredResourceGroups?: ReadonlySet<string>;
}

/** fitsRequest: every resource the node lacks for a pod requesting `req`. */
export function fitsRequest(req: Resource, nodeInfo: NodeInfo, opts: FitOptions = {}): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  const podCount = nodeInfo.pods.length;
  if (podCount + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: podCount, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU, unresolvable: req.milliCPU > alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory, unresolvable: req.memory > alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', requested: req.ephemeralStorage,
      used: used.ephemeralStorage, capacity: alloc.ephemeralStorage, unresolvable: req.ephemeralStorage > alloc.ephemeralStorage,
    });
  }
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q === 0) continue;
      if (isExtendedResourceName(name) && (opts.ignoredResources?.has(name) || opts.ignoredResourceGroups?.has(name.split('/')[0]!))) continue;
      const have = alloc.scalar?.get(name) ?? 0;
      const inUse = used.scalar?.get(name) ?? 0;
      if (q > have - inUse) {
        out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: inUse, capacity: have, unresolvable: q > have });
      }
    }
  }
  return out;
}

/** Does a pod requesting `requests` fit on `node` when it is empty? (whether a node event may help) */
export function fitsEmptyNode(requests: Resource, node: Node): boolean {
  return fitsRequest(requests, new NodeInfo(node.metadata.name ?? '', node)).length === 0;
}

export class Fit extends LeastAllocated implements FilterPlugin, ScorePlugin, EnqueueExtensions {
  override readonly name = NAME;

  constructor(private readonly opts: FitOptions = {}) {
    super();
  }

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const insufficient = fitsRequest(pod.requests, nodeInfo, this.opts);
    if (insufficient.length === 0) return SUCCESS;
    const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return new Status(code, insufficient.map((r) => r.reason), NAME);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        resource: 'AssignedPod', actions: ['Delete', 'UpdatePodScaleDown'],
        hint: (_pod, ev) => ((ev.oldObj as Pod | undefined)?.spec?.nodeName ? 'Queue' : 'Skip'),
      },
      {
        resource: 'Node', actions: ['Add', 'UpdateNodeAllocatable'],
        hint: (pod, ev) => (ev.newObj && fitsEmptyNode(pod.requests, ev.newObj as Node) ? 'Queue' : 'Skip'),
      },
    ];
  }
}
