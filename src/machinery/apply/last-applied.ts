// Client-side apply meets server-side apply (managedfields' lastAppliedManager/Updater): when
// kubectl (field manager "kubectl") applies server-side over an object last applied client-side,
// conflicts on fields whose values still match the last-applied annotation are forced, and the
// annotation is kept in step with the applied configuration.

import { isPlainObject } from '../../api/types.js';
import { compareValuesTyped } from './compare.js';
import type { FieldSet } from './fieldset.js';
import { goJSON } from './gofmt.js';
import { toFieldSet } from './tofieldset.js';
import type { Schema, TypeInfo } from './typeinfo.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

function annotations(obj: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(obj) || !isPlainObject(obj.metadata)) return undefined;
  const a = obj.metadata.annotations;
  return isPlainObject(a) ? a : undefined;
}

export function hasLastApplied(obj: unknown): boolean {
  const v = annotations(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0;
}

/** The annotation value for an applied configuration: its JSON (keys sorted) without the annotation. */
export function buildLastApplied(config: unknown): string {
  const copy = JSON.parse(JSON.stringify(config)) as unknown;
  const a = annotations(copy);
  if (a) delete a[LAST_APPLIED_ANNOTATION];
  return `${goJSON(copy)}\n`;
}

/**
 * Fields of the live object's last-applied configuration whose values the live object still has:
 * conflicts on those are allowed. Undefined when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(types: TypeInfo, schema: Schema, live: unknown, apiVersion: string): FieldSet | undefined {
  const text = annotations(live)?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isPlainObject(last) || last.apiVersion !== apiVersion) return undefined;
  const set = toFieldSet(types, last, schema);
  const c = compareValuesTyped(types, last, live, schema);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}
