// Scores for spreading load (resource_allocation.go): LeastAllocated favours nodes with the most
// free cpu and memory after placing the pod (counting request-less containers at 100m/200Mi);
// BalancedAllocation favours nodes whose cpu and memory use stay in proportion.

import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SKIP, SUCCESS, type Status } from '../../framework/status.js';

/** ((capacity - requested) * 100) / capacity, 0 when over capacity (integer division). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Weighted mean of leastRequestedScore over resources with non-zero allocatable. */
export function leastAllocatedScore(requested: readonly number[], allocatable: readonly number[], weights: readonly number[]): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    score += leastRequestedScore(requested[i]!, allocatable[i]!) * weights[i]!;
    weightSum += weights[i]!;
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

/** (1 - standard deviation of the requested/allocatable fractions) * 100. */
export function balancedAllocationScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i]! / allocatable[i]!);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const WEIGHTS = [1, 1];

/** Score half of NodeResourcesFit (LeastAllocated strategy over cpu and memory, weight 1 each). */
export class LeastAllocated implements ScorePlugin {
  readonly name: string = 'NodeResourcesLeastAllocated';
  private readonly req = [0, 0];
  private readonly alloc = [0, 0];

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    this.alloc[0] = nodeInfo.allocatable.milliCPU;
    this.alloc[1] = nodeInfo.allocatable.memory;
    this.req[0] = nodeInfo.nonZeroRequested.milliCPU + pod.nonZero.milliCPU;
    this.req[1] = nodeInfo.nonZeroRequested.memory + pod.nonZero.memory;
    return leastAllocatedScore(this.req, this.alloc, WEIGHTS);
  }
}

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

/** NodeResourcesBalancedAllocation (cpu and memory, actual requests; best-effort pods skip it). */
export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = BALANCED_ALLOCATION;
  private readonly req = [0, 0];
  private readonly alloc = [0, 0];

  preScore(_state: CycleState, pod: PodInfo): Status {
    return pod.requests.milliCPU === 0 && pod.requests.memory === 0 ? SKIP : SUCCESS;
  }

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    this.alloc[0] = nodeInfo.allocatable.milliCPU;
    this.alloc[1] = nodeInfo.allocatable.memory;
    this.req[0] = nodeInfo.requested.milliCPU + pod.requests.milliCPU;
    this.req[1] = nodeInfo.requested.memory + pod.requests.memory;
    return balancedAllocationScore(this.req, this.alloc);
  }
}
