// DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority pods
// (respecting PodDisruptionBudgets where possible) makes room, pick one, nominate the pod to it
// and evict the victims (graceful delete after a DisruptionTarget condition). The evictions run
// in the background; meanwhile PreEnqueue keeps the preemptor out of the active queue.
//
// Messages as upstream: "preemption: 0/3 nodes are available: 3 No preemption victims found for
// incoming pod.", "preemption: not eligible due to preemptionPolicy=Never." ...

import type { Pod, PodDisruptionBudget } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { fitErrorMessage } from '../../framework/fit-error.js';
import type { Framework, Nominator } from '../../framework/framework.js';
import type { PostFilterPlugin, PostFilterResult, PreEnqueuePlugin } from '../../framework/interfaces.js';
import { NodeToStatus } from '../../framework/node-to-status.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Snapshot } from '../../framework/snapshot.js';
import { SUCCESS, Status } from '../../framework/status.js';
import { pickOneNode, selectVictimsOnNode, type Candidate } from './victims.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** The API side effects of preempting (kept apart so tests can record them). */
export interface PreemptionExecutor {
  /** Marks the victim with a DisruptionTarget condition, deletes it gracefully and records a Preempted event. */
  preemptVictim(preemptor: PodInfo, victim: PodInfo, nodeName: string): Promise<void>;
  /** Clears status.nominatedNodeName of a pod that no longer fits where it was nominated. */
  clearNominatedNodeName(pod: PodInfo): Promise<void>;
}

export interface PreemptionHandle {
  snapshot: Snapshot;
  /** The profile's framework (to run filters on modified copies of a node). */
  framework(): Framework;
  nominator: Nominator;
  /** The newest version of a pod from the informer cache. */
  currentPod(key: string): Pod | undefined;
  /** PodDisruptionBudgets, when the API serves them. */
  pdbs(): readonly PodDisruptionBudget[];
  executor: PreemptionExecutor;
  /** Moves a waiting pod back to the active queue (after a failed or finished preemption). */
  activate(pod: PodInfo): void;
  now(): number;
  random(): number;
}

export interface DefaultPreemptionOptions {
  /** Percentage of nodes to dry-run as candidates. Default 10. */
  minCandidateNodesPercentage?: number;
  /** At least this many candidate nodes. Default 100. */
  minCandidateNodesAbsolute?: number;
}

/** Terminating because the scheduler preempted it. */
function terminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

export class DefaultPreemption implements PostFilterPlugin, PreEnqueuePlugin {
  readonly name = NAME;
  private readonly pct: number;
  private readonly abs: number;
  /** Pods whose victims are still being evicted. */
  private readonly preempting = new Set<string>();

  constructor(private readonly h: PreemptionHandle, opts: DefaultPreemptionOptions = {}) {
    this.pct = opts.minCandidateNodesPercentage ?? 10;
    this.abs = opts.minCandidateNodesAbsolute ?? 100;
  }

  preEnqueue(pod: Pod): Status {
    const uid = pod.metadata.uid ?? '';
    if (uid && this.preempting.has(uid)) return new Status('UnschedulableAndUnresolvable', ['waiting for the preemption for this pod to be finished'], NAME);
    return SUCCESS;
  }

  postFilter(state: CycleState, pod: PodInfo, m: NodeToStatus): PostFilterResult {
    const r = this.preempt(state, pod, m);
    const msg = r.status.message();
    return msg ? { ...r, status: new Status(r.status.code, [`preemption: ${msg}`], NAME) } : r;
  }

  /** PodEligibleToPreemptOthers. */
  private eligible(pod: Pod, m: NodeToStatus): string | undefined {
    if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      if (m.get(nominated).code === 'UnschedulableAndUnresolvable') return undefined;
      const ni = this.h.snapshot.get(nominated);
      if (ni) {
        const prio = pod.spec?.priority ?? 0;
        for (const p of ni.pods) {
          if (p.priority < prio && terminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
        }
      }
    }
    return undefined;
  }

  private numCandidates(n: number): number {
    let c = Math.trunc((n * this.pct) / 100);
    if (c < this.abs) c = this.abs;
    return Math.min(c, n);
  }

  private preempt(state: CycleState, podInfo: PodInfo, m: NodeToStatus): PostFilterResult {
    const latest = this.h.currentPod(podInfo.key) ?? podInfo.pod;
    const notEligible = this.eligible({ ...latest, spec: { ...latest.spec, priority: podInfo.priority } }, m);
    if (notEligible) return { status: new Status('Unschedulable', [notEligible]) };

    const all = this.h.snapshot.list();
    if (all.length === 0) return { status: new Status('Error', ['no nodes available']) };
    const potential = m.nodesForStatusCode(all, 'Unschedulable');
    const statuses = new NodeToStatus();
    const candidates: Candidate[] = [];
    if (potential.length > 0) {
      const pdbs = this.h.pdbs();
      const offset = Math.floor(this.h.random() * potential.length);
      const want = this.numCandidates(potential.length);
      const fw = this.h.framework();
      const now = this.h.now();
      let nonViolating = 0;
      for (let i = 0; i < potential.length; i++) {
        const ni = potential[(offset + i) % potential.length]!;
        const r = selectVictimsOnNode(fw, state.clone(), podInfo, ni.clone(), pdbs, now);
        if (r.status.isSuccess()) {
          candidates.push({ nodeName: ni.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
          if (r.numPDBViolations === 0) nonViolating++;
          if (nonViolating > 0 && candidates.length >= want) break;
          continue;
        }
        if (r.status.code === 'Error') return { status: r.status };
        statuses.set(ni.name, r.status);
      }
    }
    if (candidates.length === 0) {
      statuses.setAbsentNodesStatus(new Status('UnschedulableAndUnresolvable', [NOT_HELPFUL]));
      const message = fitErrorMessage(all.length, { nodeToStatus: statuses, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' });
      return { status: new Status('Unschedulable', [message]), nominatedNodeName: '' };
    }
    // Non-violating candidates first, as upstream's lists.
    const ordered = [...candidates.filter((c) => c.numPDBViolations === 0), ...candidates.filter((c) => c.numPDBViolations > 0)];
    const best = pickOneNode(ordered, this.h.now());
    if (!best) return { status: new Status('Unschedulable', ['no candidate node for preemption']) };
    this.evict(podInfo, best);
    return { status: SUCCESS, nominatedNodeName: best.nodeName };
  }

  /** prepareCandidateAsync: evict the victims and clear lower-priority nominations, in the background. */
  private evict(pod: PodInfo, c: Candidate): void {
    const victims = c.victims.filter((v) => !v.terminating);
    const lower = this.h.nominator.nominatedPodsForNode(c.nodeName).filter((p) => p.priority < pod.priority);
    if (victims.length === 0 && lower.length === 0) return;
    const uid = pod.uid;
    this.preempting.add(uid);
    void (async () => {
      let failed = false;
      await Promise.all(lower.map((p) => this.h.executor.clearNominatedNodeName(p).catch(() => { failed = true; })));
      await Promise.all(victims.map((v) => this.h.executor.preemptVictim(pod, v, c.nodeName).catch(() => { failed = true; })));
      this.preempting.delete(uid);
      // Retry now when something failed, or when the victims are already gone (their delete
      // events may have come while the pod was held back).
      const still = this.h.snapshot.nodeInfos.get(c.nodeName)?.pods ?? [];
      const gone = victims.every((v) => !still.some((p) => p.key === v.key));
      if (failed || gone) this.h.activate(pod);
    })();
  }
}
