// The core of server-side apply, as structured-merge-diff's merge.Updater:
// - update: after any change, other managers lose the fields that changed (conflicts unless
//   forced) and the fields that were removed;
// - apply: merge the configuration, make it the manager's set, prune what the manager applied
//   last time and no longer does (unless someone else owns it), then check conflicts;
// - updateSet: a non-apply write gives its manager every field it added or changed.
// Objects here are plain JSON without metadata.managedFields; nothing passed in is modified.

import { compareValuesTyped, excludeFields, type Comparison } from './compare.js';
import type { Conflict } from './conflict.js';
import { FieldSet } from './fieldset.js';
import { compareStrings } from './gofmt.js';
import type { Managed, ManagerEntry } from './managed.js';
import { mergeValues } from './merge.js';
import { ensureNamedFieldsAreMembers } from './named.js';
import { removeItems } from './remove.js';
import { toFieldSet } from './tofieldset.js';
import type { Schema, TypeInfo } from './typeinfo.js';
import { valuesEqual } from './values.js';

/** Thrown by updateManagers when a change takes fields from other managers without force. */
export class ApplyConflicts extends Error {
  override name = 'ApplyConflicts';
  constructor(readonly conflicts: Conflict[]) {
    super(`${conflicts.length} conflict(s)`);
  }
}

export interface UpdaterContext {
  types: TypeInfo;
  schema: Schema;
  /** Fields no manager owns and no change is counted for (the strategy's reset fields, e.g. status). */
  ignored?: FieldSet;
}

/** Shared by apply and update: strips changed/removed fields from the other managers. */
export function updateManagers(ctx: UpdaterContext, oldObj: unknown, newObj: unknown, managers: Managed, workflow: string, force: boolean): { managers: Managed; compare: Comparison } {
  const compare = excludeFields(compareValuesTyped(ctx.types, oldObj, newObj, ctx.schema), ctx.ignored);
  const changed = compare.modified.union(compare.added);
  const conflicts: Conflict[] = [];
  const conflictSets = new Map<string, FieldSet>();
  for (const [id, e] of managers) {
    if (id === workflow) continue;
    const c = e.set.intersection(changed);
    if (c.isEmpty()) continue;
    conflictSets.set(id, c);
    c.iterate((path) => conflicts.push({ identity: id, entry: e, path }));
  }
  if (!force && conflicts.length > 0) {
    conflicts.sort((a, b) => compareStrings(a.identity, b.identity));
    throw new ApplyConflicts(conflicts);
  }
  const out: Managed = new Map();
  for (const [id, e] of managers) {
    let set = e.set;
    if (id !== workflow) {
      const c = conflictSets.get(id);
      if (c) set = set.difference(c);
      if (!compare.removed.isEmpty()) set = set.difference(compare.removed);
    }
    if (!set.isEmpty()) out.set(id, set === e.set ? e : { ...e, set });
  }
  return { managers: out, compare };
}

/** A non-apply write by `workflow`: it gains everything added or modified, loses what was removed. */
export function updateSet(ctx: UpdaterContext, liveObj: unknown, newObj: unknown, managers: Managed, workflow: string, template: Omit<ManagerEntry, 'set'>): Managed {
  const { managers: out, compare } = updateManagers(ctx, liveObj, newObj, managers, workflow, true);
  const prev = out.get(workflow)?.set ?? new FieldSet();
  let set = prev.union(compare.modified).union(compare.added).difference(compare.removed);
  if (ctx.ignored) set = set.recursiveDifference(ctx.ignored);
  if (set.isEmpty()) out.delete(workflow);
  else out.set(workflow, { ...template, ...out.get(workflow), set });
  return out;
}

export interface StructuredApplyResult {
  /** The merged object, or undefined when applying changed nothing. */
  object: unknown;
  managers: Managed;
}

/** Applies `config` to `liveObj` for the manager `id` (its entry fields from `template`). */
export function structuredApply(ctx: UpdaterContext, liveObj: unknown, config: unknown, managers: Managed, id: string, template: Omit<ManagerEntry, 'set'>, force: boolean): StructuredApplyResult {
  const { types, schema } = ctx;
  let newObject = mergeValues(types, liveObj, config, schema);
  const lastSet = managers.get(id)?.set;
  let set = toFieldSet(types, config, schema);
  if (ctx.ignored) set = set.recursiveDifference(ctx.ignored);
  const withNew: Managed = new Map(managers);
  withNew.set(id, { ...template, time: managers.get(id)?.time ?? template.time, set });
  newObject = prune(ctx, newObject, withNew, lastSet);
  const { managers: out } = updateManagers(ctx, liveObj, newObject, withNew, id, force);
  return { object: valuesEqual(liveObj, newObject) ? undefined : newObject, managers: out };
}

/**
 * Removes the fields the applier set last time and no longer sets, unless another manager (or
 * the new configuration) owns them; emptied structs go with them.
 */
function prune(ctx: UpdaterContext, merged: unknown, managers: Managed, lastSet: FieldSet | undefined): unknown {
  if (!lastSet || lastSet.isEmpty()) return merged;
  const { types, schema } = ctx;
  const ensure = (s: FieldSet): FieldSet => ensureNamedFieldsAreMembers(types, s, schema);
  const remove = (obj: unknown, s: FieldSet): unknown => removeItems(types, obj, s, schema) ?? {};
  const last = ensure(lastSet);
  const mergedSet = ensure(toFieldSet(types, merged, schema));

  // Remove everything last applied, then add back what is still owned by anyone.
  const pruned0 = remove(merged, last);
  let owned = new FieldSet();
  for (const e of managers.values()) owned = owned.union(e.set);
  const pruned0Set = ensure(toFieldSet(types, pruned0, schema));
  const pruned1 = remove(merged, mergedSet.difference(pruned0Set.union(ensure(owned))));

  // Only what the applier owned last time may go: add back unowned fields it never had.
  const pruned1Set = ensure(toFieldSet(types, pruned1, schema));
  return remove(merged, mergedSet.difference(pruned1Set).intersection(last));
}
