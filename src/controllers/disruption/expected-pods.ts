// How many pods a budget expects and how many of them must stay healthy (upstream
// getExpectedPodCount / getExpectedScale). An integer minAvailable counts the selected pods; a
// percentage minAvailable or any maxUnavailable is taken of the summed scale of the pods'
// controllers, percentages rounded up.

import type { OwnerReference } from '../../api/types.js';
import { controllerRefOf } from '../runtime/owner-refs.js';
import type { Pod } from '../runtime/types.js';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';
import type { PodDisruptionBudgetSpec } from './types.js';

/** A controller found for a pod, and its desired replicas. */
export interface ControllerScale {
  uid: string;
  scale: number;
}

/**
 * Finds the controller a pod's controller reference points at. Undefined when no known
 * controller matches; throws when the reference cannot be resolved at all.
 */
export type ControllerScaleFinder = (ref: OwnerReference, namespace: string) => Promise<ControllerScale | undefined>;

export interface ExpectedPods {
  expectedCount: number;
  desiredHealthy: number;
  /** Names of selected pods without a controller (ignored for scale-based budgets). */
  unmanagedPods: string[];
}

/** True when the budget needs the pods' controllers' scale (percentage minAvailable, or maxUnavailable). */
export function needsControllerScale(spec: PodDisruptionBudgetSpec | undefined): boolean {
  if (spec?.maxUnavailable !== undefined && spec.maxUnavailable !== null) return true;
  return typeof spec?.minAvailable === 'string';
}

/** Throws (with upstream's message) when a controller cannot be found or a value is malformed. */
export async function expectedPodCount(spec: PodDisruptionBudgetSpec | undefined, pods: readonly Pod[], findController: ControllerScaleFinder): Promise<ExpectedPods> {
  const maxUnavailable = spec?.maxUnavailable;
  const minAvailable = spec?.minAvailable;
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = await expectedScale(pods, findController);
    const unavailable = scaledValueFromIntOrPercent(maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - unavailable), unmanagedPods };
  }
  if (typeof minAvailable === 'number') {
    return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  }
  if (typeof minAvailable === 'string') {
    const { expectedCount, unmanagedPods } = await expectedScale(pods, findController);
    return { expectedCount, desiredHealthy: scaledValueFromIntOrPercent(minAvailable, expectedCount, true), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** The sum of the scales of the distinct controllers of `pods`; pods without one are listed apart. */
async function expectedScale(pods: readonly Pod[], findController: ControllerScaleFinder): Promise<{ expectedCount: number; unmanagedPods: string[] }> {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = await findController(ref, pod.metadata.namespace ?? '');
    if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name ?? '')}`);
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const n of scales.values()) expectedCount += n;
  return { expectedCount, unmanagedPods };
}
