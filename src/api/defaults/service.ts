// Service defaults (SetDefaults_Service) and the clusterIP/clusterIPs normalisation plus IP-family
// initialisation the Service registry performs before validation (single-stack IPv4 cluster).

import { ensureObj, isEmptyString, isObj, isUnset, objects, setIfEmpty, type JsonObject } from './json.js';

function externallyAccessible(spec: JsonObject): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

export function defaultService(svc: JsonObject): void {
  const spec = ensureObj(svc, 'spec');
  setIfEmpty(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = isObj(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : undefined;
    const clientIP = cfg && isObj(cfg.clientIP) ? cfg.clientIP : undefined;
    if (!clientIP || isUnset(clientIP.timeoutSeconds)) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  setIfEmpty(spec, 'type', 'ClusterIP');
  for (const p of objects(spec.ports)) {
    setIfEmpty(p, 'protocol', 'TCP');
    if (isUnset(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) setIfEmpty(spec, 'externalTrafficPolicy', 'Cluster');
  if (isUnset(spec.internalTrafficPolicy) && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (isUnset(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
    const lb = isObj(svc.status) && isObj(svc.status.loadBalancer) ? svc.status.loadBalancer : undefined;
    for (const ing of objects(lb?.ingress)) if (typeof ing.ip === 'string' && ing.ip !== '' && isUnset(ing.ipMode)) ing.ipMode = 'VIP';
  }
}

/** Creation: a client that set only clusterIP gets clusterIPs; families follow the cluster (IPv4). */
export function prepareServiceForCreate(svc: JsonObject): void {
  const spec = ensureObj(svc, 'spec');
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
  if (spec.type === 'ExternalName') return;
  if (isUnset(spec.ipFamilyPolicy)) {
    const headless = spec.clusterIP === 'None';
    const selectorless = !isObj(spec.selector) || Object.keys(spec.selector).length === 0;
    spec.ipFamilyPolicy = headless && selectorless ? 'PreferDualStack' : 'SingleStack';
  }
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) {
    const first = Array.isArray(spec.clusterIPs) ? spec.clusterIPs[0] : undefined;
    spec.ipFamilies = [typeof first === 'string' && first.includes(':') ? 'IPv6' : 'IPv4'];
  }
}

const sameIPs = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** Update: reconcile clusterIP and clusterIPs the way the Service strategy does for older clients. */
export function prepareServiceForUpdate(svc: JsonObject, old: JsonObject): void {
  const spec = ensureObj(svc, 'spec');
  const oldSpec = isObj(old.spec) ? old.spec : {};
  const oldIPs = Array.isArray(oldSpec.clusterIPs) ? oldSpec.clusterIPs : [];
  const newIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (oldIPs.length > 0 && newIPs.length === 0 && oldSpec.clusterIP === spec.clusterIP) spec.clusterIPs = [...oldIPs];
  if (oldSpec.clusterIP !== spec.clusterIP) {
    if (typeof oldSpec.clusterIP === 'string' && oldSpec.clusterIP !== '' && isEmptyString(spec.clusterIP)) {
      if (sameIPs(oldSpec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (sameIPs(oldSpec.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}
