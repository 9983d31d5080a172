// TaintToleration: Filter rejects nodes with a NoSchedule/NoExecute taint the pod does not
// tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints.

import type { Node, Pod, Toleration } from '../../api-types.js';
import { StateKey, type CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type ClusterEventWithHint, type EnqueueExtensions, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { defaultNormalizeScore } from '../../framework/normalize-score.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, Status } from '../../framework/status.js';
import { countIntolerablePreferNoSchedule, findUntoleratedTaint, isDoNotScheduleTaint } from './tolerations.js';

export const NAME = 'TaintToleration';

/** `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

const PRE_SCORE = new StateKey<Toleration[]>(`PreScore${NAME}`);

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    if (nodeInfo.taints.length === 0) return SUCCESS;
    const taint = findUntoleratedTaint(nodeInfo.taints, pod.pod.spec?.tolerations, isDoNotScheduleTaint);
    if (!taint) return SUCCESS;
    return new Status('UnschedulableAndUnresolvable', [untoleratedTaintReason(taint.key, taint.value)], NAME);
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PRE_SCORE, tolerations);
    return SUCCESS;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    if (nodeInfo.taints.length === 0) return 0;
    return countIntolerablePreferNoSchedule(nodeInfo.taints, state.read(PRE_SCORE) ?? []);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      { resource: 'Node', actions: ['Add', 'UpdateNodeTaint'], hint: (pod, ev) => nodeToleratedHint(pod.pod, ev.newObj as Node | undefined) },
    ];
  }
}

function nodeToleratedHint(pod: Pod, node: Node | undefined): 'Queue' | 'Skip' {
  if (!node) return 'Skip';
  const taint = findUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations, isDoNotScheduleTaint);
  return taint ? 'Skip' : 'Queue';
}
