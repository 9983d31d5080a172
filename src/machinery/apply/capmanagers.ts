// Keeps at most `max` managedFields entries from updates (managedfields' capManagersManager): the
// oldest are merged, per apiVersion, into an "ancient-changes" entry.

import { compareStrings } from './gofmt.js';
import { managerIdentity, type Managed } from './managed.js';

export const DEFAULT_MAX_UPDATE_MANAGERS = 10;

function seconds(t: string | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

export function capUpdateManagers(managed: Managed, max = DEFAULT_MAX_UPDATE_MANAGERS): Managed {
  const updaters = [...managed].filter(([, e]) => e.operation === 'Update').map(([id]) => id);
  if (updaters.length <= max) return managed;
  const out: Managed = new Map(managed);
  updaters.sort((a, b) => {
    const sa = seconds(managed.get(a)?.time);
    const sb = seconds(managed.get(b)?.time);
    return sa !== sb ? (sa < sb ? -1 : 1) : compareStrings(a, b);
  });
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i];
    const e = out.get(id);
    if (!e) continue;
    const bucket = managerIdentity('ancient-changes', 'Update', e.apiVersion);
    const first = firstOfVersion.get(e.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(e.apiVersion, id);
      continue;
    }
    if (!out.has(bucket)) {
      const f = out.get(first);
      out.delete(first);
      if (f) out.set(bucket, { ...f, manager: 'ancient-changes', operation: 'Update', subresource: undefined });
    }
    const b = out.get(bucket);
    out.set(bucket, {
      manager: 'ancient-changes', operation: 'Update', apiVersion: e.apiVersion,
      set: b ? e.set.union(b.set) : e.set, time: e.time,
    });
    if (id !== bucket) out.delete(id);
    length--;
  }
  return out;
}
