// The 409 an apply gets when it would change fields another manager owns, worded as upstream's
// managedfields NewConflictError:
//   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
//   Apply failed with 2 conflicts: conflicts with "a":\n- .x\nconflicts with "b" using v1:\n- .y

import { StatusError } from '../errors.js';
import { compareStrings, goQuote } from './gofmt.js';
import type { ManagerEntry } from './managed.js';
import { pathString, type FieldPath } from './path.js';

export interface Conflict {
  /** Manager identifier (see managerIdentity). */
  identity: string;
  entry: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>;
  path: FieldPath;
}

/** printManager: `"name"`, with ` with subresource "s"` and, for updaters, ` using apps/v1`. */
export function printManager(e: Conflict['entry']): string {
  let s = goQuote(e.manager);
  if (e.subresource) s += ` with subresource ${goQuote(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, Conflict[]>();
  for (const c of conflicts) byManager.set(c.identity, [...(byManager.get(c.identity) ?? []), c]);
  const lines: string[] = [];
  for (const id of [...byManager.keys()].sort(compareStrings)) {
    const list = byManager.get(id) ?? [];
    lines.push(`conflicts with ${printManager(list[0].entry)}:`);
    for (const c of list) lines.push(`- ${pathString(c.path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** 409 Conflict with one FieldManagerConflict cause per conflicting field. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: pathString(c.path),
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}
