// NodeName: a pod that names its node (spec.nodeName) fits only that node.

import type { Node, Pod } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { ClusterEventWithHint, EnqueueExtensions, FilterPlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, Status } from '../../framework/status.js';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

const REJECTED = new Status('UnschedulableAndUnresolvable', [ERR_REASON], NAME);

export function fitsNodeName(pod: Pod, nodeName: string): boolean {
  const want = pod.spec?.nodeName;
  return !want || want === nodeName;
}

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    return fitsNodeName(pod.pod, nodeInfo.name) ? SUCCESS : REJECTED;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [{ resource: 'Node', actions: ['Add'], hint: (pod, ev) => (fitsNodeName(pod.pod, (ev.newObj as Node | undefined)?.metadata.name ?? '') ? 'Queue' : 'Skip') }];
  }
}
