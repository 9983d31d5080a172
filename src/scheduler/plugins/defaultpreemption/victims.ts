// Choosing preemption victims (default_preemption.go, preemption.go): on one node, remove every
// lower-priority pod, check the preemptor fits, then reprieve pods from the most important down
// (PDB-violating ones first) while it still fits. Across nodes, pick the candidate with the fewest
// PDB violations, then the lowest highest victim priority, the lowest priority sum, the fewest
// victims and the latest start.

import { labelSelectorFromMeta } from '../../../machinery/labels.js';
import type { Pod, PodDisruptionBudget } from '../../api-types.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Framework } from '../../framework/framework.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, Status } from '../../framework/status.js';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Candidate {
  nodeName: string;
  /** Most important first. */
  victims: PodInfo[];
  numPDBViolations: number;
}

/** status.startTime, else creation time, in ms (MAX when unknown, i.e. "now"). */
export function podStartTime(pod: Pod, now: number): number {
  const t = pod.status?.startTime ?? undefined;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? now : ms;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
export function moreImportant(a: PodInfo, b: PodInfo, now: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTime(a.pod, now) < podStartTime(b.pod, now);
}

/** Splits pods (order kept) into those whose eviction would exceed a PDB's budget and the rest. */
export function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => {
    try { return labelSelectorFromMeta(p.spec?.selector); } catch { return undefined; }
  });
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    let violated = false;
    const labels = pi.pod.metadata.labels;
    if (labels && Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== pi.namespace) return;
        const sel = selectors[i];
        if (!sel || sel.isEmpty() || sel.matchesNothing || !sel.matches(labels)) return;
        if (pdb.status?.disruptedPods && Object.prototype.hasOwnProperty.call(pdb.status.disruptedPods, pi.name)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

export interface VictimsResult {
  status: Status;
  victims: PodInfo[];
  numPDBViolations: number;
}

/**
 * SelectVictimsOnNode. `nodeInfo` and `state` must be copies: pods are removed from and added back
 * to them.
 */
export function selectVictimsOnNode(
  fw: Framework, state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[], now: number,
): VictimsResult {
  const potential = nodeInfo.pods.filter((p) => p.priority < pod.priority);
  for (const p of potential) {
    nodeInfo.removePod(p.key);
    const s = fw.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
    if (!s.isSuccess()) return { status: s, victims: [], numPDBViolations: 0 };
  }
  if (potential.length === 0) return { status: new Status('UnschedulableAndUnresolvable', [NO_VICTIMS]), victims: [], numPDBViolations: 0 };
  const fits = fw.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (!fits.isSuccess()) return { status: fits, victims: [], numPDBViolations: 0 };

  potential.sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0));
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  let numViolating = 0;
  const reprieve = (p: PodInfo): boolean | Status => {
    nodeInfo.addPod(p);
    const s = fw.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
    if (!s.isSuccess()) return s;
    if (fw.runFilterPluginsWithNominatedPods(state, pod, nodeInfo).isSuccess()) return true;
    nodeInfo.removePod(p.key);
    const r = fw.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
    if (!r.isSuccess()) return r;
    victims.push(p);
    return false;
  };
  for (const p of violating) {
    const r = reprieve(p);
    if (r instanceof Status) return { status: r, victims: [], numPDBViolations: 0 };
    if (!r) numViolating++;
  }
  for (const p of nonViolating) {
    const r = reprieve(p);
    if (r instanceof Status) return { status: r, victims: [], numPDBViolations: 0 };
  }
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0));
  if (victims.length === 0) {
    return { status: new Status('Error', [`expected at least one victim pod on node "${nodeInfo.name}"`]), victims: [], numPDBViolations: 0 };
  }
  return { status: SUCCESS, victims, numPDBViolations: numViolating };
}

/** The earliest start time among the highest-priority victims. */
function earliestStartOfTopVictims(victims: readonly PodInfo[], now: number): number {
  if (victims.length === 0) return -Infinity;
  const top = Math.max(...victims.map((v) => v.priority));
  let earliest = Infinity;
  for (const v of victims) if (v.priority === top) earliest = Math.min(earliest, podStartTime(v.pod, now));
  return earliest;
}

/** pickOneNodeForPreemption over the candidates (ties: the first). */
export function pickOneNode(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const scoreFns: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -(c.victims[0]?.priority ?? 0),
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims, now),
  ];
  let pool = [...candidates];
  for (const f of scoreFns) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of pool) {
      const s = f(c);
      if (s > best) { best = s; selected = [c]; } else if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    pool = selected;
  }
  return pool[0];
}
