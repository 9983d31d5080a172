// The status a budget should have (upstream updatePdbStatus, failSafe and the component-helpers
// UpdateDisruptionAllowedCondition / ConditionsAreUpToDate). Each function returns the status to
// write, or undefined when the stored one is already right, so nothing is written needlessly.

import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from './types.js';
import { setStatusCondition } from './set-status-condition.js';

export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const SUFFICIENT_PODS_REASON = 'SufficientPods';
export const INSUFFICIENT_PODS_REASON = 'InsufficientPods';
export const SYNC_FAILED_REASON = 'SyncFailed';

export interface BudgetCounts {
  currentHealthy: number;
  desiredHealthy: number;
  expectedCount: number;
  disruptedPods: Readonly<Record<string, string>>;
}

/**
 * currentHealthy - desiredHealthy, never negative; 0 while the budget expects no pods, so that a
 * budget whose first pods appear before this controller counted them is safe.
 */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedCount: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}

function sameMap(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.hasOwn(b, k) && b[k] === a?.[k]);
}

/** ConditionsAreUpToDate: DisruptionAllowed agrees with disruptionsAllowed at the current generation. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const cond = pdb.status?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION);
  if (!cond) return false;
  if ((pdb.status?.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === SUFFICIENT_PODS_REASON;
  return cond.status === 'False' && cond.reason === INSUFFICIENT_PODS_REASON;
}

/** The status for these counts, or undefined when `pdb.status` already says exactly that. */
export function nextPdbStatus(pdb: PodDisruptionBudget, counts: BudgetCounts, now: number): PodDisruptionBudgetStatus | undefined {
  const allowed = disruptionsAllowed(counts.currentHealthy, counts.desiredHealthy, counts.expectedCount);
  const st = pdb.status ?? {};
  const generation = pdb.metadata.generation ?? 0;
  if ((st.currentHealthy ?? 0) === counts.currentHealthy
    && (st.desiredHealthy ?? 0) === counts.desiredHealthy
    && (st.expectedPods ?? 0) === counts.expectedCount
    && (st.disruptionsAllowed ?? 0) === allowed
    && sameMap(st.disruptedPods, counts.disruptedPods)
    && (st.observedGeneration ?? 0) === generation
    && conditionsAreUpToDate(pdb)) {
    return undefined;
  }
  const next: PodDisruptionBudgetStatus = {};
  if (generation) next.observedGeneration = generation;
  if (Object.keys(counts.disruptedPods).length) next.disruptedPods = { ...counts.disruptedPods };
  next.disruptionsAllowed = allowed;
  next.currentHealthy = counts.currentHealthy;
  next.desiredHealthy = counts.desiredHealthy;
  next.expectedPods = counts.expectedCount;
  next.conditions = setStatusCondition(st.conditions, {
    type: DISRUPTION_ALLOWED_CONDITION,
    status: allowed > 0 ? 'True' : 'False',
    reason: allowed > 0 ? SUFFICIENT_PODS_REASON : INSUFFICIENT_PODS_REASON,
    message: '',
    observedGeneration: generation || undefined,
  }, now);
  return next;
}

/**
 * failSafe: when the status could not be computed, at least allow no disruptions and say why in a
 * SyncFailed condition. Undefined when the stored status already says so.
 */
export function failSafeStatus(pdb: PodDisruptionBudget, message: string, now: number): PodDisruptionBudgetStatus | undefined {
  const st = pdb.status ?? {};
  const next: PodDisruptionBudgetStatus = {
    ...structuredClone(st),
    disruptionsAllowed: 0,
    currentHealthy: st.currentHealthy ?? 0,
    desiredHealthy: st.desiredHealthy ?? 0,
    expectedPods: st.expectedPods ?? 0,
  };
  next.conditions = setStatusCondition(st.conditions, {
    type: DISRUPTION_ALLOWED_CONDITION,
    status: 'False',
    reason: SYNC_FAILED_REASON,
    message,
    observedGeneration: st.observedGeneration || undefined,
  }, now);
  return sameStatus(st, next) ? undefined : next;
}

function sameStatus(a: PodDisruptionBudgetStatus, b: PodDisruptionBudgetStatus): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
    }
    return x;
  });
}
