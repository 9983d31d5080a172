// The status conditions the namespace controller maintains while it empties a namespace
// (upstream pkg/controller/namespace/deletion/status_condition_utils.go): each type is either a
// failure, or its "ok" variant with status False.

import { rfc3339 } from '../../machinery/clock.js';
import type { Condition } from '../runtime/types.js';

export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

export type NamespaceConditionType = (typeof CONDITION_TYPES)[number];

const OK: Record<NamespaceConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers have been removed' },
};

export interface DeletionTotals {
  /** Remaining objects per resource, keyed `<resource>.<group>` (`pods.` for core). */
  remaining: Map<string, number>;
  /** Remaining objects per finalizer. */
  finalizers: Map<string, number>;
  /** Errors of the delete calls. */
  errors: string[];
}

/** The failure conditions for these totals (types that are fine are absent). */
export function failureConditions(t: DeletionTotals, now: number): Condition[] {
  const at = rfc3339(now);
  const out: Condition[] = [];
  if (t.errors.length) {
    const agg = t.errors.length === 1 ? t.errors[0] : `[${t.errors.join(', ')}]`;
    out.push({ type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: at, reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${t.errors.length} remaining: ${agg}` });
  }
  const remaining = [...t.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (remaining.length) {
    out.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: at, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` });
  }
  const fins = [...t.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (fins.length) {
    out.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: at, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${fins.join(', ')}` });
  }
  return out;
}

/**
 * The namespace's conditions with every controller-maintained type set to its failure or ok
 * variant; `changed` is false when only timestamps would differ.
 */
export function updateConditions(current: readonly Condition[], failures: readonly Condition[], now: number): { conditions: Condition[]; changed: boolean } {
  const conditions = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of CONDITION_TYPES) {
    const next = failures.find((c) => c.type === type) ?? { type, status: 'False' as const, lastTransitionTime: rfc3339(now), reason: OK[type].reason, message: OK[type].message };
    const i = conditions.findIndex((c) => c.type === type);
    const old = i >= 0 ? conditions[i] : undefined;
    if (old && old.status === next.status && old.reason === next.reason && old.message === next.message) continue;
    changed = true;
    if (i >= 0) conditions[i] = next; else conditions.push(next);
  }
  return { conditions, changed };
}
