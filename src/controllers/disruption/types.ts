// The policy/v1 and apps/v1 shapes the disruption controller reads and writes. Plain JSON, every
// field optional: the controller copes with objects that were never defaulted.

import type { KubeObject } from '../../api/types.js';
import type { MetaLabelSelector } from '../../machinery/labels.js';
import type { IntOrString } from '../runtime/types.js';

/** metav1.Condition (the PDB's conditions use the newer shape, with observedGeneration). */
export interface MetaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface PodDisruptionBudgetSpec {
  minAvailable?: IntOrString | null;
  maxUnavailable?: IntOrString | null;
  selector?: MetaLabelSelector | null;
  unhealthyPodEvictionPolicy?: string;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  /** Pod name -> RFC 3339 time the eviction handler let the pod go. */
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: MetaCondition[];
}

export interface PodDisruptionBudget extends KubeObject {
  spec?: PodDisruptionBudgetSpec;
  status?: PodDisruptionBudgetStatus;
}

export interface StatefulSet extends KubeObject {
  spec?: { replicas?: number; selector?: MetaLabelSelector; [field: string]: unknown };
}

/** autoscaling/v1 Scale, as served by `<resource>/scale`. */
export interface Scale extends KubeObject {
  spec?: { replicas?: number };
}
