// metadata.managedFields in memory and on the wire, as k8s.io/apimachinery's managedfields
// package: entries are keyed by a manager identifier built from manager, operation, subresource
// and (for updates only) apiVersion; they are written back sorted (operation, time, manager,
// apiVersion, subresource) with fieldsType FieldsV1.

import type { ManagedFieldsEntry } from '../../api/types.js';
import { compareStrings, goJSONString } from './gofmt.js';
import { FieldSet } from './fieldset.js';
import { fromFieldsV1, toFieldsV1 } from './fieldsv1.js';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Manager identifier -> entry. */
export type Managed = Map<string, ManagerEntry>;

/** BuildManagerIdentifier: the JSON of the entry's identifying fields (no apiVersion for appliers). */
export function managerIdentity(manager: string, operation: Operation, apiVersion: string, subresource?: string): string {
  let s = `{"manager":${goJSONString(manager)},"operation":${goJSONString(operation)}`;
  if (operation === 'Update' && apiVersion) s += `,"apiVersion":${goJSONString(apiVersion)}`;
  if (subresource) s += `,"subresource":${goJSONString(subresource)}`;
  return `${s}}`;
}

export function identityOf(e: ManagerEntry): string {
  return managerIdentity(e.manager, e.operation, e.apiVersion, e.subresource);
}

/** Decodes managedFields; throws on an invalid entry (upstream's wording). */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  const managed: Managed = new Map();
  (entries ?? []).forEach((e, i) => {
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new Error('apiVersion must not be empty');
    const fieldsType = e.fieldsType as string | undefined;
    if (!fieldsType) throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    let set: FieldSet;
    try {
      set = fromFieldsV1(e.fieldsV1 ?? {});
    } catch (err) {
      throw new Error(`error decoding versioned set: error decoding set: ${(err as Error).message}`, { cause: err });
    }
    const entry: ManagerEntry = { manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, set };
    if (e.subresource) entry.subresource = e.subresource;
    if (e.time) entry.time = e.time;
    managed.set(identityOf(entry), entry);
  });
  return managed;
}

/** Decodes, or returns an empty set of managers when the entries are invalid. */
export function decodeOrEmpty(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  try {
    return decodeManagedFields(entries);
  } catch {
    return new Map();
  }
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** The managedFields list for `managed` (undefined when there are no managers), sorted as upstream. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.size === 0) return undefined;
  const entries = [...managed.values()].sort((p, q) => {
    if (p.operation !== q.operation) return compareStrings(p.operation, q.operation);
    const ps = seconds(p.time);
    const qs = seconds(q.time);
    if (ps !== qs) return ps < qs ? -1 : 1;
    if (p.manager !== q.manager) return compareStrings(p.manager, q.manager);
    if (p.apiVersion !== q.apiVersion) return compareStrings(p.apiVersion, q.apiVersion);
    return compareStrings(p.subresource ?? '', q.subresource ?? '');
  });
  return entries.map((e) => {
    const out: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = toFieldsV1(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

/** A copy of the managers (sets are shared; they are never mutated in place). */
export function cloneManaged(m: Managed): Managed {
  return new Map([...m].map(([k, e]) => [k, { ...e }]));
}
