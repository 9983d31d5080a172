// helper.DefaultSelector: the label selector of the pod's "peers" for default topology spreading:
// the selectors of the services selecting it, plus its controlling ReplicaSet's or StatefulSet's.

import { labelSelectorFromMeta, selectorFromSet, type LabelSelector } from '../machinery/labels.js';
import type { Pod, SelectorOwner, Service } from './api-types.js';

export interface SelectorSources {
  servicesIn(namespace: string): readonly Service[];
  replicaSet(namespace: string, name: string): SelectorOwner | undefined;
  statefulSet(namespace: string, name: string): SelectorOwner | undefined;
}

export function defaultSelector(pod: Pod, src: SelectorSources): LabelSelector {
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  const merged: Record<string, string> = {};
  for (const svc of src.servicesIn(ns)) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (!Object.keys(sel).every((k) => labels[k] === sel[k])) continue;
    Object.assign(merged, sel);
  }
  let selector = selectorFromSet(merged);
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (!owner) return selector;
  let ctl: SelectorOwner | undefined;
  if (owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') ctl = src.replicaSet(ns, owner.name);
  else if (owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') ctl = src.statefulSet(ns, owner.name);
  if (!ctl) return selector;
  try {
    const other = labelSelectorFromMeta(ctl.spec?.selector);
    if (!other.matchesNothing) selector = selector.add(...other.requirements);
  } catch { /* an invalid selector adds nothing */ }
  return selector;
}
