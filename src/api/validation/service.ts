// Services (core validation.go: ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, str, type JsonObject } from './json.js';
import { child, index, key } from './path.js';
import { nameIsDNS1035Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { cidrFamily, CIDR_ERROR, ipFamily, ipKind, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP } from './names.js';
import { validatePortNumOrName, validateProtocol } from './container.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const LB_SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

export function isHeadlessService(spec: JsonObject): boolean {
  const ips = arr(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function externallyAccessible(spec: JsonObject): boolean {
  const t = str(spec.type);
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && arr(spec.externalIPs).length > 0);
}

function needsHealthCheck(spec: JsonObject): boolean {
  return str(spec.type) === 'LoadBalancer' && str(spec.externalTrafficPolicy) === 'Local';
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(ip: string, path: string): FieldError[] {
  if (ipFamily(ip) === 0) return [fieldErr.invalid(path, ip, 'must be a valid IP address')];
  const k = ipKind(ip);
  const errs: FieldError[] = [];
  if (k.unspecified) errs.push(fieldErr.invalid(path, ip, `may not be unspecified (${ip})`));
  if (k.loopback) errs.push(fieldErr.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (k.linkLocalUnicast) errs.push(fieldErr.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (k.linkLocalMulticast) errs.push(fieldErr.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function validateServicePort(sp: JsonObject, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && name.length === 0) errs.push(fieldErr.required(child(path, 'name')));
  else if (name.length !== 0) {
    errs.push(...isDNS1123Label(name).map((m) => fieldErr.invalid(child(path, 'name'), name, m)));
    if (names.has(name)) errs.push(fieldErr.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = num(sp.port);
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) errs.push(fieldErr.invalid(child(path, 'port'), port, 'must be between 1 and 65535, inclusive'));
  errs.push(...validateProtocol(str(sp.protocol), child(path, 'protocol')));
  errs.push(...validatePortNumOrName(sp.targetPort, child(path, 'targetPort')));
  const nodePort = num(sp.nodePort);
  if (nodePort < 0 || nodePort > 65535) errs.push(fieldErr.invalid(child(path, 'nodePort'), nodePort, 'must be between 0 and 65535, inclusive'));
  if (isSet(sp.appProtocol)) {
    const ap = str(sp.appProtocol);
    errs.push(...isQualifiedName(ap).map((m) => fieldErr.invalid(child(path, 'appProtocol'), ap, m)));
  }
  return errs;
}

function validateClusterIPsRelatedFields(spec: JsonObject): FieldError[] {
  if (str(spec.type) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  const ipsPath = 'spec.clusterIPs';
  if (clusterIP.length !== 0) {
    if (clusterIPs.length === 0) errs.push(fieldErr.required(ipsPath));
    else if (clusterIPs[0] !== clusterIP) errs.push(fieldErr.invalid(ipsPath, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(fieldErr.invalid(ipsPath, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr(spec.ipFamilies).map(str).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(fieldErr.notSupported(index('spec.ipFamilies', i), f, IP_FAMILIES));
    if (seen.has(f)) errs.push(fieldErr.duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  if (isSet(spec.ipFamilyPolicy) && !IP_FAMILY_POLICIES.includes(str(spec.ipFamilyPolicy))) {
    errs.push(fieldErr.notSupported('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), IP_FAMILY_POLICIES));
  }
  let invalid = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalid = true;
        errs.push(fieldErr.invalid(ipsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const m = isValidIP(ip);
    if (m.length) invalid = true;
    errs.push(...m.map((msg) => fieldErr.invalid(index(ipsPath, i), ip, msg)));
  });
  if (clusterIPs.length > 2) errs.push(fieldErr.invalid(ipsPath, clusterIPs, 'may only hold up to 2 values'));
  if (invalid) return errs;
  if (clusterIPs.length > 1 && ipFamily(clusterIPs[0]) === ipFamily(clusterIPs[1])) {
    errs.push(fieldErr.invalid(ipsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  const families = arr(spec.ipFamilies).map(str);
  if (!isHeadlessService(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && ipFamily(ip) === 6) errs.push(fieldErr.invalid(index(ipsPath, i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && ipFamily(ip) !== 6) errs.push(fieldErr.invalid(index(ipsPath, i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateLoadBalancerClass(spec: JsonObject, oldSpec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = str(spec.type) === 'LoadBalancer';
  if (oldSpec && str(oldSpec.type) === 'LoadBalancer' && isLB && (oldSpec.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push(fieldErr.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (isSet(spec.loadBalancerClass)) {
    const c = str(spec.loadBalancerClass);
    if (isLB) errs.push(...isQualifiedName(c).map((m) => fieldErr.invalid('spec.loadBalancerClass', c, m)));
    else errs.push(fieldErr.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** ValidateService (create and the common part of update). */
export function validateService(svc: JsonObject): FieldError[] {
  const meta = obj(svc.metadata);
  const spec = obj(svc.spec);
  const errs = validateObjectMeta(meta, { namespaced: true, nameFn: nameIsDNS1035Label });
  const ann = obj(meta.annotations);
  if (isSet(ann[TOPOLOGY_MODE_ANNOTATION]) && isSet(ann[TOPOLOGY_HINTS_ANNOTATION]) && ann[TOPOLOGY_MODE_ANNOTATION] !== ann[TOPOLOGY_HINTS_ANNOTATION]) {
    errs.push(fieldErr.invalid(key('metadata.annotations', TOPOLOGY_MODE_ANNOTATION), str(ann[TOPOLOGY_MODE_ANNOTATION]), `must match annotations[${TOPOLOGY_HINTS_ANNOTATION}] when both are specified`));
  }
  const type = str(spec.type);
  const ports = arr(spec.ports).map(obj);
  const headless = isHeadlessService(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldErr.required('spec.ports'));
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (arr(spec.clusterIPs).length > 0) errs.push(fieldErr.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) errs.push(fieldErr.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (isSet(spec.ipFamilyPolicy)) errs.push(fieldErr.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname.length > 0) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldErr.invalid('spec.externalName', cname, m)));
    else errs.push(fieldErr.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (isSet(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (affinity.length === 0) errs.push(fieldErr.required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(fieldErr.notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') {
    const cfgPath = 'spec.sessionAffinityConfig';
    const cfg = spec.sessionAffinityConfig;
    const clientIP = obj(cfg).clientIP;
    if (!isSet(cfg)) errs.push(fieldErr.required(cfgPath, 'when session affinity type is ClientIP'));
    else if (!isSet(clientIP)) errs.push(fieldErr.required(child(cfgPath, 'clientIP'), 'when session affinity type is ClientIP'));
    else if (!isSet(obj(clientIP).timeoutSeconds)) errs.push(fieldErr.required(child(cfgPath, 'clientIP', 'timeoutSeconds'), 'when session affinity type is ClientIP'));
    else {
      const t = num(obj(clientIP).timeoutSeconds);
      if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.push(fieldErr.invalid(child(cfgPath, 'clientIP', 'timeoutSeconds'), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
      }
    }
  } else if (affinity === 'None' && isSet(spec.sessionAffinityConfig)) {
    errs.push(fieldErr.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(spec));
  arr(spec.externalIPs).map(str).forEach((ip, i) => {
    const p = index('spec.externalIPs', i);
    const m = isValidIP(ip);
    if (m.length) errs.push(...m.map((msg) => fieldErr.invalid(p, ip, msg)));
    else errs.push(...validateNonSpecialIP(ip, p));
  });
  if (type.length === 0) errs.push(fieldErr.required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErr.notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(fieldErr.forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (np === 0) return;
    const k = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(fieldErr.duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port)}`;
    if (portKeys.has(k)) errs.push(fieldErr.duplicate(index('spec.ports', i), { protocol: str(p.protocol), port: num(p.port) }));
    portKeys.add(k);
  });
  const ranges = arr(spec.loadBalancerSourceRanges).map(str);
  if (ranges.length > 0) {
    const fp = 'spec.LoadBalancerSourceRanges';
    if (type !== 'LoadBalancer') errs.push(fieldErr.forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      const v = r.trim();
      if (cidrFamily(v) === 0) errs.push(fieldErr.invalid(index(fp, i), v, CIDR_ERROR));
    });
  } else if (isSet(ann[LB_SOURCE_RANGES_ANNOTATION])) {
    const fp = key('metadata.annotations', LB_SOURCE_RANGES_ANNOTATION);
    if (type !== 'LoadBalancer') errs.push(fieldErr.forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    const val = str(ann[LB_SOURCE_RANGES_ANNOTATION]).trim();
    if (val !== '') {
      for (const r of val.split(',')) {
        const v = r.trim();
        if (cidrFamily(v) === 0) errs.push(fieldErr.invalid(fp, v, CIDR_ERROR));
      }
    }
  }
  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(fieldErr.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && !isSet(spec.allocateLoadBalancerNodePorts)) errs.push(fieldErr.required('allocateLoadBalancerNodePorts'));
  errs.push(...validateLoadBalancerClass(spec, undefined));
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(fieldErr.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') {
    errs.push(fieldErr.required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(etp)) {
    errs.push(fieldErr.notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  }
  const hcnp = num(spec.healthCheckNodePort);
  if (!needsHealthCheck(spec)) {
    if (hcnp !== 0) errs.push(fieldErr.invalid('spec.healthCheckNodePort', hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hcnp === 0) {
    errs.push(fieldErr.required('spec.healthCheckNodePort'));
  } else if (hcnp < 1 || hcnp > 65535) {
    errs.push(fieldErr.invalid('spec.healthCheckNodePort', hcnp, 'must be between 1 and 65535, inclusive'));
  }
  if (!isSet(spec.internalTrafficPolicy)) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(fieldErr.required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(str(spec.internalTrafficPolicy))) {
    errs.push(fieldErr.notSupported('spec.internalTrafficPolicy', str(spec.internalTrafficPolicy), TRAFFIC_POLICIES));
  }
  if (isSet(spec.trafficDistribution) && !TRAFFIC_DISTRIBUTIONS.includes(str(spec.trafficDistribution))) {
    errs.push(fieldErr.notSupported('spec.trafficDistribution', str(spec.trafficDistribution), TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}

function validateUpgradeDowngradeClusterIPs(oldSpec: JsonObject, spec: JsonObject): FieldError[] {
  if (str(spec.type) === 'ExternalName' || str(oldSpec.type) === 'ExternalName') return [];
  if (isHeadlessService(oldSpec) && isHeadlessService(spec)) return [];
  const errs: FieldError[] = [];
  const oldIPs = arr(oldSpec.clusterIPs).map(str);
  const newIPs = arr(spec.clusterIPs).map(str);
  const p = 'spec.clusterIPs';
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(fieldErr.invalid(index(p, i), newIPs, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(fieldErr.invalid(index(p, 0), newIPs, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) errs.push(fieldErr.invalid(index(p, 0), newIPs, 'may not change once set'));
    if (newIPs.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(fieldErr.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(fieldErr.invalid(index(p, 0), newIPs, 'may not change once set'));
  }
  return errs;
}

function validateUpgradeDowngradeIPFamilies(oldSpec: JsonObject, spec: JsonObject): FieldError[] {
  if (str(spec.type) === 'ExternalName' || str(oldSpec.type) === 'ExternalName') return [];
  if (isHeadlessService(oldSpec) !== isHeadlessService(spec) || isHeadlessService(spec)) return [];
  const errs: FieldError[] = [];
  const oldF = arr(oldSpec.ipFamilies).map(str);
  const newF = arr(spec.ipFamilies).map(str);
  const p = 'spec.ipFamilies[0]';
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(fieldErr.invalid(p, newF, 'may not change once set'));
    });
  } else if (oldF.length > newF.length) {
    if (arr(spec.clusterIPs).length === 0) errs.push(fieldErr.invalid(p, newF, 'primary ipFamily can not be unset'));
    if (newF.length > 0 && newF[0] !== oldF[0]) errs.push(fieldErr.invalid(p, arr(spec.clusterIPs), 'may not change once set'));
    if (newF.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(fieldErr.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(fieldErr.invalid(p, arr(spec.clusterIPs), 'may not change once set'));
  }
  return errs;
}

export function validateServiceUpdate(svc: JsonObject, old: JsonObject): FieldError[] {
  const spec = obj(svc.spec);
  const oldSpec = obj(old.spec);
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  errs.push(...validateUpgradeDowngradeClusterIPs(oldSpec, spec));
  errs.push(...validateUpgradeDowngradeIPFamilies(oldSpec, spec));
  errs.push(...validateLoadBalancerClass(spec, oldSpec).filter((e) => e.detail === 'may not change once set'));
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) !== num(oldSpec.healthCheckNodePort)) {
    errs.push(fieldErr.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}

export function validateServiceStatusUpdate(svc: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = obj(svc.spec);
  const ingress = arr(obj(obj(svc.status).loadBalancer).ingress);
  const ip = 'status.loadBalancer.ingress';
  if (str(spec.type) !== 'LoadBalancer' && ingress.length !== 0) {
    errs.push(fieldErr.forbidden(ip, "may only be used when `spec.type` is 'LoadBalancer'"));
    return errs;
  }
  ingress.forEach((g, i) => {
    const ing = obj(g);
    const p = index(ip, i);
    const addr = str(ing.ip);
    if (addr.length > 0) errs.push(...isValidIP(addr).map((m) => fieldErr.invalid(child(p, 'ip'), addr, m)));
    if (!isSet(ing.ipMode)) {
      if (addr.length > 0) errs.push(fieldErr.required(child(p, 'ipMode'), 'must be specified when `ip` is set'));
    } else if (addr.length === 0) {
      errs.push(fieldErr.forbidden(child(p, 'ipMode'), 'may not be specified when `ip` is not set'));
    } else if (!['Proxy', 'VIP'].includes(str(ing.ipMode))) {
      errs.push(fieldErr.notSupported(child(p, 'ipMode'), str(ing.ipMode), ['Proxy', 'VIP']));
    }
    const hostname = str(ing.hostname);
    if (hostname.length > 0) {
      errs.push(...isDNS1123Subdomain(hostname).map((m) => fieldErr.invalid(child(p, 'hostname'), hostname, m)));
      if (ipFamily(hostname) !== 0) errs.push(fieldErr.invalid(child(p, 'hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
