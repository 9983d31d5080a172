// Why a pod fits no node, rendered exactly as upstream's FitError.Error():
//   "0/<n> nodes are available: <PreFilter msg>." or
//   "0/<n> nodes are available: <count> <reason>, <count> <reason>." (sorted as strings)
// followed by " <PostFilter msg>" when a PostFilter plugin (preemption) said something.

import type { NodeToStatus } from './node-to-status.js';

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod (used to decide which cluster events may help). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** Go's sort.Strings: byte-wise order. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    d.nodeToStatus.forEachExplicit((_, st) => {
      for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    });
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) {
      for (const r of d.nodeToStatus.absentNodesStatus().reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort(compareBytes);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** A pod fits no node: an expected outcome, returned as a value. */
export class FitError {
  constructor(readonly numAllNodes: number, readonly diagnosis: Diagnosis) {}

  message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

/** errNoNodesAvailable. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
