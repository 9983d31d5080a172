// Defaults for the remaining core/v1 kinds: Namespace, Secret, Node, Endpoints, plus the v1
// conversion normalisations whose effect is visible in stored objects.

import { ensureObj, isObj, objects, setIfEmpty, type JsonObject } from './json.js';

export function defaultNamespace(ns: JsonObject): void {
  const meta = ensureObj(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name.length > 0) ensureObj(meta, 'labels')['kubernetes.io/metadata.name'] = meta.name;
  setIfEmpty(ensureObj(ns, 'status'), 'phase', 'Active');
}

/** Namespace strategy PrepareForCreate: status Active and the `kubernetes` finalizer. */
export function prepareNamespaceForCreate(ns: JsonObject): void {
  ns.status = { phase: 'Active' };
  const spec = ensureObj(ns, 'spec');
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
}

/** Secrets default to Opaque; stringData merges into data (base64) as the v1 conversion does. */
export function defaultSecret(secret: JsonObject): void {
  setIfEmpty(secret, 'type', 'Opaque');
  if (isObj(secret.stringData)) {
    const data = ensureObj(secret, 'data');
    for (const [k, v] of Object.entries(secret.stringData)) if (typeof v === 'string') data[k] = Buffer.from(v, 'utf8').toString('base64');
    delete secret.stringData;
  }
}

export function defaultNode(node: JsonObject): void {
  const spec = isObj(node.spec) ? node.spec : undefined;
  if (spec) {
    const cidrs = Array.isArray(spec.podCIDRs) ? spec.podCIDRs : [];
    if (cidrs.length === 0 && typeof spec.podCIDR === 'string' && spec.podCIDR !== '') spec.podCIDRs = [spec.podCIDR];
    else if (cidrs.length > 0 && typeof cidrs[0] === 'string') spec.podCIDR = cidrs[0];
  }
  const status = isObj(node.status) ? node.status : undefined;
  if (status && !isObj(status.allocatable) && isObj(status.capacity)) status.allocatable = { ...status.capacity };
}

export function defaultEndpoints(ep: JsonObject): void {
  for (const ss of objects(ep.subsets)) for (const p of objects(ss.ports)) setIfEmpty(p, 'protocol', 'TCP');
}
