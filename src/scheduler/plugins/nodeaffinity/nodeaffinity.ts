// NodeAffinity: Filter keeps nodes matching spec.nodeSelector and the required node affinity
// (PreFilter narrows to the nodes named by `metadata.name In` field terms); Score sums the weights
// of the preferred terms a node matches.

import type { Node, Pod } from '../../api-types.js';
import { StateKey, type CycleState } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE, type ClusterEventWithHint, type EnqueueExtensions, type FilterPlugin, type PreFilterPlugin, type PreFilterResult,
  type PreScorePlugin, type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { defaultNormalizeScore } from '../../framework/normalize-score.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SKIP, SUCCESS, Status } from '../../framework/status.js';
import { PreferredNodeAffinity, RequiredNodeAffinity } from './node-selector.js';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const REJECTED = new Status('UnschedulableAndUnresolvable', [ERR_REASON_POD], NAME);
const PRE_FILTER = new StateKey<RequiredNodeAffinity>(`PreFilter${NAME}`);
const PRE_SCORE = new StateKey<PreferredNodeAffinity>(`PreScore${NAME}`);

/**
 * Nodes a pod's required terms name through `metadata.name In`: undefined when some term does
 * not restrict names (terms are ORed, so every node stays eligible); empty when they conflict.
 */
export function nodeNamesFromAffinity(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = names ? new Set([...names, ...termNames]) : termNames;
  }
  return names;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;

  preFilter(state: CycleState, pod: PodInfo): Status | PreFilterResult {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !spec?.nodeSelector) return SKIP;
    state.write(PRE_FILTER, new RequiredNodeAffinity(pod.pod));
    if (!required) return SUCCESS;
    const names = nodeNamesFromAffinity(pod.pod);
    if (names === undefined) return SUCCESS;
    if (names.size === 0) return new Status('UnschedulableAndUnresolvable', [ERR_REASON_CONFLICT], NAME);
    return { nodeNames: names };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const req = state.read(PRE_FILTER) ?? new RequiredNodeAffinity(pod.pod);
    return req.matches(nodeInfo.labels, nodeInfo.name) ? SUCCESS : REJECTED;
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    const pref = new PreferredNodeAffinity(pod.pod);
    if (pref.isEmpty) return SKIP;
    state.write(PRE_SCORE, pref);
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const pref = state.read(PRE_SCORE) ?? new PreferredNodeAffinity(pod.pod);
    return pref.score(nodeInfo.labels, nodeInfo.name);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [{
      resource: 'Node', actions: ['Add', 'UpdateNodeLabel'],
      hint: (pod, ev) => {
        const node = ev.newObj as Node | undefined;
        if (!node) return 'Skip';
        return new RequiredNodeAffinity(pod.pod).matches(node.metadata.labels ?? {}, node.metadata.name ?? '') ? 'Queue' : 'Skip';
      },
    }];
  }
}
