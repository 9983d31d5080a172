// NodeUnschedulable: rejects nodes with spec.unschedulable unless the pod tolerates the
// node.kubernetes.io/unschedulable:NoSchedule taint.

import { TAINT_NODE_UNSCHEDULABLE, type Node, type Pod } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { ClusterEventWithHint, EnqueueExtensions, FilterPlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, Status } from '../../framework/status.js';
import { tolerationsTolerateTaint } from '../tainttoleration/tolerations.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const REJECTED = new Status('UnschedulableAndUnresolvable', [ERR_REASON_UNSCHEDULABLE], NAME);
const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

/** Can `pod` go on a node whose spec.unschedulable is `unschedulable`? */
export function fitsUnschedulable(pod: Pod, unschedulable: boolean): boolean {
  return !unschedulable || tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT);
}

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    return fitsUnschedulable(pod.pod, nodeInfo.unschedulable) ? SUCCESS : REJECTED;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [{
      resource: 'Node', actions: ['Add', 'UpdateNodeTaint'],
      hint: (pod, ev) => (ev.newObj && fitsUnschedulable(pod.pod, !!(ev.newObj as Node).spec?.unschedulable) ? 'Queue' : 'Skip'),
    }];
  }
}
