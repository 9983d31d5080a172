// NodePorts: the host ports a pod asks for must be free on the node (0.0.0.0 clashes with any IP).

import type { Pod } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { HostPortInfo } from '../../framework/host-port-info.js';
import type { ClusterEventWithHint, EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { hostPortsOf, type HostPort, type PodInfo } from '../../framework/pod-info.js';
import { SKIP, SUCCESS, Status } from '../../framework/status.js';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const REJECTED = new Status('Unschedulable', [ERR_REASON], NAME);

/** fitsPorts: none of `want` clashes with the ports in use. */
export function fitsPorts(want: readonly HostPort[], used: HostPortInfo): boolean {
  for (const p of want) if (used.checkConflict(p.ip, p.protocol, p.port)) return false;
  return true;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  preFilter(_state: CycleState, pod: PodInfo): Status {
    return pod.hostPorts.length === 0 ? SKIP : SUCCESS;
  }

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    return fitsPorts(pod.hostPorts, nodeInfo.usedPorts) ? SUCCESS : REJECTED;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        resource: 'AssignedPod', actions: ['Delete'],
        hint: (pod, ev) => {
          const gone = ev.oldObj as Pod | undefined;
          if (!gone?.spec?.nodeName) return 'Skip';
          const freed = hostPortsOf(gone);
          const want = pod.hostPorts;
          return freed.some((f) => want.some((w) => w.port === f.port && w.protocol === f.protocol)) ? 'Queue' : 'Skip';
        },
      },
      { resource: 'Node', actions: ['Add'] },
    ];
  }
}
