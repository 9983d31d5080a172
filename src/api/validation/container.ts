// Container validation (core validation.go: validateContainerCommon, validateContainers,
// validateInitContainers, probes, env, ports, volume mounts, security context).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, optNum, str, type JsonObject } from './json.js';
import { child, index } from './path.js';
import { nameIsDNSSubdomain, validateNonnegative } from './meta.js';
import {
  isConfigMapKey, isDNS1123Label, isHTTPHeaderName, isQualifiedName as isQualifiedNameErrs, isRelaxedEnvVarName, isValidGroupID, isValidPortName, isValidPortNum, isValidUserID,
} from './names.js';
import { validateContainerResourceName, validateResourceRequirements } from './resources.js';
import { quantityOf } from './quantities.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.js';

/** The volumes that validated, by name, with their sources (ValidateVolumes' result). */
export type VolumeMap = Map<string, JsonObject>;

export interface ContainerContext {
  volumes: VolumeMap;
  podClaimNames: Set<string>;
  gracePeriod: number | undefined;
  podRestartPolicy: string;
  hostUsers: boolean;
}

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateProtocol(protocol: string, path: string): FieldError[] {
  if (protocol.length === 0) return [fieldErr.required(path)];
  if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol)) return [fieldErr.notSupported(path, protocol, SUPPORTED_PORT_PROTOCOLS)];
  return [];
}

export function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p, i) => {
    const port = obj(p);
    const idx = index(path, i);
    const name = str(port.name);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(fieldErr.invalid(child(idx, 'name'), name, m));
      else if (names.has(name)) errs.push(fieldErr.duplicate(child(idx, 'name'), name));
      else names.add(name);
    }
    const cp = num(port.containerPort);
    if (cp === 0) errs.push(fieldErr.required(child(idx, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(fieldErr.invalid(child(idx, 'containerPort'), cp, m));
    const hp = num(port.hostPort);
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(fieldErr.invalid(child(idx, 'hostPort'), hp, m));
    errs.push(...validateProtocol(str(port.protocol), child(idx, 'protocol')));
  });
  return errs;
}

/** ValidatePortNumOrName for an IntOrString (a JSON number or string). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErr.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldErr.invalid(path, port, m));
  return isValidPortNum(0).map((m) => fieldErr.invalid(path, 0, m));
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const HUGEPAGES_FIELD_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const DOWNWARD_LABELS = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs']);

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']`. */
function splitSubscripted(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

/** podshelper.ConvertDownwardAPIFieldLabel: the internal field path, or an error message. */
function convertDownwardAPIFieldLabel(version: string, label: string): { path: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscripted(label);
  if (sub) {
    if (sub.path === 'metadata.annotations' || sub.path === 'metadata.labels') return { path: label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (DOWNWARD_LABELS.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

export function validateObjectFieldSelector(fs: unknown, expressions: readonly string[], path: string): FieldError[] {
  const f = obj(fs);
  const apiVersion = str(f.apiVersion);
  const fieldPath = str(f.fieldPath);
  if (apiVersion.length === 0) return [fieldErr.required(child(path, 'apiVersion'))];
  if (fieldPath.length === 0) return [fieldErr.required(child(path, 'fieldPath'))];
  const conv = convertDownwardAPIFieldLabel(apiVersion, fieldPath);
  if ('error' in conv) return [fieldErr.invalid(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: ${conv.error}`)];
  const sub = splitSubscripted(conv.path);
  if (sub) {
    if (sub.path === 'metadata.annotations') return validateQualifiedNameAt(sub.subscript.toLowerCase(), path);
    if (sub.path === 'metadata.labels') return validateQualifiedNameAt(sub.subscript, path);
    return [fieldErr.invalid(path, sub.path, 'does not support subscript')];
  }
  if (!expressions.includes(conv.path)) return [fieldErr.notSupported(child(path, 'fieldPath'), conv.path, [...expressions].sort())];
  return [];
}

function validateQualifiedNameAt(value: string, path: string): FieldError[] {
  return isQualifiedNameErrs(value).map((m) => fieldErr.invalid(path, value, m));
}


const CPU_DIVISORS = new Set(['1m', '1']);
const MEMORY_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);

function validateContainerResourceDivisor(resource: string, divisor: unknown, path: string): FieldError[] {
  if (!isSet(divisor)) return [];
  const q = quantityOf(divisor);
  if (!q || q.isZero()) return [];
  const d = q.toString();
  const p = child(path, 'divisor');
  if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !CPU_DIVISORS.has(d)) {
    return [fieldErr.invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
  }
  if ((resource === 'limits.memory' || resource === 'requests.memory') && !MEMORY_DIVISORS.has(d)) {
    return [fieldErr.invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource")];
  }
  if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !MEMORY_DIVISORS.has(d)) {
    return [fieldErr.invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource")];
  }
  if (HUGEPAGES_FIELD_PREFIXES.some((pre) => resource.startsWith(pre)) && !MEMORY_DIVISORS.has(d)) {
    return [fieldErr.invalid(p, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource")];
  }
  return [];
}

export function validateContainerResourceFieldSelector(fs: unknown, path: string, volume: boolean): FieldError[] {
  const f = obj(fs);
  const errs: FieldError[] = [];
  const resource = str(f.resource);
  if (volume && str(f.containerName).length === 0) errs.push(fieldErr.required(child(path, 'containerName')));
  else if (resource.length === 0) errs.push(fieldErr.required(child(path, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGES_FIELD_PREFIXES.some((p) => resource.startsWith(p))) {
    errs.push(fieldErr.notSupported(child(path, 'resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errs.push(...validateContainerResourceDivisor(resource, f.divisor, path));
  return errs;
}

function validateKeySelector(sel: unknown, path: string): FieldError[] {
  const s = obj(sel);
  const errs = nameIsDNSSubdomain(str(s.name), false).map((m) => fieldErr.invalid(child(path, 'name'), str(s.name), m));
  const k = str(s.key);
  if (k.length === 0) errs.push(fieldErr.required(child(path, 'key')));
  else for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(child(path, 'key'), k, m));
  return errs;
}

function validateEnvVarValueFrom(ev: JsonObject, path: string): FieldError[] {
  if (!isSet(ev.valueFrom)) return [];
  const vf = obj(ev.valueFrom);
  const errs: FieldError[] = [];
  let sources = 0;
  if (isSet(vf.fieldRef)) {
    sources++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_FIELD_PATHS, child(path, 'fieldRef')));
  }
  if (isSet(vf.resourceFieldRef)) {
    sources++;
    errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, child(path, 'resourceFieldRef'), false));
  }
  if (isSet(vf.configMapKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, child(path, 'configMapKeyRef')));
  }
  if (isSet(vf.secretKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(vf.secretKeyRef, child(path, 'secretKeyRef')));
  }
  if (sources === 0) errs.push(fieldErr.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (str(ev.value).length !== 0) errs.push(fieldErr.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(fieldErr.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

export function validateEnv(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(vars).forEach((v, i) => {
    const ev = obj(v);
    const idx = index(path, i);
    const name = str(ev.name);
    if (name.length === 0) errs.push(fieldErr.required(child(idx, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fieldErr.invalid(child(idx, 'name'), name, m));
    errs.push(...validateEnvVarValueFrom(ev, child(idx, 'valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(vars).forEach((v, i) => {
    const ev = obj(v);
    const idx = index(path, i);
    const prefix = str(ev.prefix);
    if (prefix.length > 0) for (const m of isRelaxedEnvVarName(prefix)) errs.push(fieldErr.invalid(child(idx, 'prefix'), prefix, m));
    let sources = 0;
    for (const src of ['configMapRef', 'secretRef']) {
      if (!isSet(ev[src])) continue;
      sources++;
      const name = str(obj(ev[src]).name);
      const np = child(idx, src, 'name');
      if (name.length === 0) errs.push(fieldErr.required(np));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(fieldErr.invalid(np, name, m));
    }
    if (sources === 0) errs.push(fieldErr.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fieldErr.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

export function validateVolumeMounts(mounts: unknown, devices: unknown, ctr: JsonObject, volumes: VolumeMap, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devMap = new Map(arr(devices).map((d) => [str(obj(d).name), str(obj(d).devicePath)] as const));
  const devPaths = new Set(devMap.values());
  arr(mounts).forEach((m, i) => {
    const mnt = obj(m);
    const idx = index(path, i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (name.length === 0) errs.push(fieldErr.required(child(idx, 'name')));
    if (!volumes.has(name)) errs.push(fieldErr.notFound(child(idx, 'name'), name));
    if (mountPath.length === 0) errs.push(fieldErr.required(child(idx, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(fieldErr.invalid(child(idx, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devMap.has(name)) errs.push(fieldErr.invalid(child(idx, 'name'), name, 'must not already exist in volumeDevices'));
    if (devPaths.has(mountPath)) errs.push(fieldErr.invalid(child(idx, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(mnt.subPath);
    const subPathExpr = str(mnt.subPathExpr);
    if (isSet(volumes.get(name)?.image)) {
      if (subPath.length) errs.push(fieldErr.invalid(child(idx, 'subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr.length) errs.push(fieldErr.invalid(child(idx, 'subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    if (subPath.length > 0) errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) errs.push(fieldErr.invalid(child(idx, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
    if (isSet(mnt.mountPropagation)) {
      const mp = str(mnt.mountPropagation);
      const pp = child(path, 'mountPropagation');
      if (!MOUNT_PROPAGATIONS.includes(mp)) errs.push(fieldErr.notSupported(pp, mp, MOUNT_PROPAGATIONS));
      const privileged = obj(ctr.securityContext).privileged === true;
      if (mp === 'Bidirectional' && !privileged) errs.push(fieldErr.forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    if (isSet(mnt.recursiveReadOnly)) {
      const rro = str(mnt.recursiveReadOnly);
      const rp = child(path, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mnt.readOnly !== true) errs.push(fieldErr.forbidden(rp, 'may only be specified when readOnly is true'));
        if (isSet(mnt.mountPropagation) && str(mnt.mountPropagation) !== 'None') errs.push(fieldErr.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else if (rro !== 'Disabled') {
        errs.push(fieldErr.notSupported(rp, rro, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

export function validateVolumeDevices(devices: unknown, mounts: unknown, volumes: VolumeMap, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const devicePaths = new Set<string>();
  const deviceNames = new Set<string>();
  const mountMap = new Map(arr(mounts).map((m) => [str(obj(m).name), str(obj(m).mountPath)] as const));
  const mountPaths = new Set(mountMap.values());
  arr(devices).forEach((d, i) => {
    const dev = obj(d);
    const idx = index(path, i);
    const name = str(dev.name);
    const devPath = str(dev.devicePath);
    const src = volumes.get(name);
    const isPVC = !!src && (isSet(src.persistentVolumeClaim) || isSet(src.ephemeral));
    if (name.length === 0) errs.push(fieldErr.required(child(idx, 'name')));
    if (deviceNames.has(name)) errs.push(fieldErr.invalid(child(idx, 'name'), name, 'must be unique'));
    if (src && !isPVC) errs.push(fieldErr.invalid(child(idx, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!src) errs.push(fieldErr.notFound(child(idx, 'name'), name));
    if (devPath.length === 0) errs.push(fieldErr.required(child(idx, 'devicePath')));
    if (devicePaths.has(devPath)) errs.push(fieldErr.invalid(child(idx, 'devicePath'), devPath, 'must be unique'));
    if (devPath.length > 0 && validatePathNoBacksteps(devPath, '').length > 0) errs.push(fieldErr.invalid(child(idx, 'devicePath'), devPath, "can not contain backsteps ('..')"));
    else devicePaths.add(devPath);
    if (mountMap.has(name)) errs.push(fieldErr.invalid(child(idx, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devPath)) errs.push(fieldErr.invalid(child(idx, 'devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (name.length > 0) deviceNames.add(name);
  });
  return errs;
}

// ---- probes and lifecycle handlers ----

function validateHandler(handler: JsonObject, kinds: readonly string[], gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of kinds) {
    if (!isSet(handler[kind])) continue;
    if (n > 0) {
      errs.push(fieldErr.forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const h = obj(handler[kind]);
    const p = child(path, kind);
    switch (kind) {
      case 'exec':
        if (arr(h.command).length === 0) errs.push(fieldErr.required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (str(h.path).length === 0) errs.push(fieldErr.required(child(p, 'path')));
        errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
        const scheme = str(h.scheme);
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldErr.notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const hdr of arr(h.httpHeaders)) {
          const hn = str(obj(hdr).name);
          for (const m of isHTTPHeaderName(hn)) errs.push(fieldErr.invalid(child(p, 'httpHeaders'), hn, m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(h.port), child(p, 'port')));
        break;
      case 'sleep': {
        const secs = num(h.seconds);
        if (gracePeriod !== undefined && (secs < 0 || secs > gracePeriod)) {
          errs.push(fieldErr.invalid(p, secs, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
      }
    }
  }
  if (n === 0) errs.push(fieldErr.required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(probe: JsonObject, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs = validateHandler(probe, PROBE_HANDLERS, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[f]), child(path, f)));
  }
  const tgps = optNum(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(fieldErr.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

function validateProbes(ctr: JsonObject, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(ctr.livenessProbe)) {
    const p = obj(ctr.livenessProbe);
    errs.push(...validateProbe(p, gracePeriod, child(path, 'livenessProbe')));
    if (num(p.successThreshold) !== 1) errs.push(fieldErr.invalid(child(path, 'livenessProbe', 'successThreshold'), num(p.successThreshold), 'must be 1'));
  }
  if (isSet(ctr.readinessProbe)) {
    const p = obj(ctr.readinessProbe);
    errs.push(...validateProbe(p, gracePeriod, child(path, 'readinessProbe')));
    if (isSet(p.terminationGracePeriodSeconds)) {
      errs.push(fieldErr.invalid(child(path, 'readinessProbe', 'terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
    }
  }
  if (isSet(ctr.startupProbe)) {
    const p = obj(ctr.startupProbe);
    errs.push(...validateProbe(p, gracePeriod, child(path, 'startupProbe')));
    if (num(p.successThreshold) !== 1) errs.push(fieldErr.invalid(child(path, 'startupProbe', 'successThreshold'), num(p.successThreshold), 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lc: unknown, gracePeriod: number | undefined, path: string): FieldError[] {
  const l = obj(lc);
  const errs: FieldError[] = [];
  if (isSet(l.postStart)) errs.push(...validateHandler(obj(l.postStart), LIFECYCLE_HANDLERS, gracePeriod, child(path, 'postStart')));
  if (isSet(l.preStop)) errs.push(...validateHandler(obj(l.preStop), LIFECYCLE_HANDLERS, gracePeriod, child(path, 'preStop')));
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export function validatePullPolicy(policy: string, path: string): FieldError[] {
  if (PULL_POLICIES.includes(policy)) return [];
  if (policy === '') return [fieldErr.required(path)];
  return [fieldErr.notSupported(path, policy, PULL_POLICIES)];
}

function validateResizePolicy(list: unknown, podRestartPolicy: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(list).forEach((p, i) => {
    const rp = obj(p);
    const rn = str(rp.resourceName);
    const pol = str(rp.restartPolicy);
    if (seen.has(rn)) errs.push(fieldErr.duplicate(index(path, i), rn));
    seen.add(rn);
    if (rn === '') errs.push(fieldErr.required(path));
    else if (rn !== 'cpu' && rn !== 'memory') errs.push(fieldErr.notSupported(path, rn, ['cpu', 'memory']));
    if (pol === '') errs.push(fieldErr.required(path));
    else if (pol !== 'NotRequired' && pol !== 'RestartContainer') errs.push(fieldErr.notSupported(path, pol, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && pol !== 'NotRequired') errs.push(fieldErr.invalid(path, pol, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

export function validateSeccompProfile(sp: unknown, path: string): FieldError[] {
  if (!isSet(sp)) return [];
  const p = obj(sp);
  const errs: FieldError[] = [];
  const type = str(p.type);
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (type === '') errs.push(fieldErr.required(child(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(type)) errs.push(fieldErr.notSupported(child(path, 'type'), type, types));
  if (type === 'Localhost') {
    if (!isSet(p.localhostProfile)) errs.push(fieldErr.required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(str(p.localhostProfile), child(path, 'localhostProfile')));
  } else if (isSet(p.localhostProfile)) {
    errs.push(fieldErr.invalid(child(path, 'localhostProfile'), p, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

export function validateAppArmorProfile(ap: unknown, path: string): FieldError[] {
  if (!isSet(ap)) return [];
  const p = obj(ap);
  const type = str(p.type);
  const lp = child(path, 'localhostProfile');
  switch (type) {
    case 'Localhost': {
      if (!isSet(p.localhostProfile)) return [fieldErr.required(lp, 'must be set when AppArmor type is Localhost')];
      const v = str(p.localhostProfile);
      const errs: FieldError[] = [];
      if (v.trim() !== v) errs.push(fieldErr.invalid(lp, v, 'must not be padded with whitespace'));
      else if (v === '') errs.push(fieldErr.required(lp, 'must be set when AppArmor type is Localhost'));
      if (v.length > 4095) errs.push({ type: 'FieldValueTooLong', field: lp, detail: 'must have at most 4095 bytes' });
      return errs;
    }
    case 'RuntimeDefault': case 'Unconfined':
      return isSet(p.localhostProfile) ? [fieldErr.invalid(lp, p.localhostProfile, 'can only be set when AppArmor type is Localhost')] : [];
    case '':
      return [fieldErr.required(child(path, 'type'), 'type is required when appArmorProfile is set')];
    default:
      return [fieldErr.notSupported(child(path, 'type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
}

export function validateSecurityContext(scv: unknown, hostUsers: boolean, path: string): FieldError[] {
  if (!isSet(scv)) return [];
  const sc = obj(scv);
  const errs: FieldError[] = [];
  const runAsUser = optNum(sc.runAsUser);
  if (runAsUser !== undefined) for (const m of isValidUserID(runAsUser)) errs.push(fieldErr.invalid(child(path, 'runAsUser'), runAsUser, m));
  const runAsGroup = optNum(sc.runAsGroup);
  if (runAsGroup !== undefined) for (const m of isValidGroupID(runAsGroup)) errs.push(fieldErr.invalid(child(path, 'runAsGroup'), runAsGroup, m));
  if (isSet(sc.procMount)) {
    const pm = str(sc.procMount);
    if (pm !== 'Default' && pm !== 'Unmasked') errs.push(fieldErr.notSupported(child(path, 'procMount'), pm, ['Default', 'Unmasked']));
    if (hostUsers && pm === 'Unmasked') errs.push(fieldErr.invalid(child(path, 'procMount'), pm, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(fieldErr.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of arr(obj(sc.capabilities).add)) {
      if (str(cap) === 'CAP_SYS_ADMIN') errs.push(fieldErr.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(path, 'appArmorProfile')));
  return errs;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: checks shared by regular, init and ephemeral containers. */
export function validateContainerCommon(ctr: JsonObject, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (name.length === 0) errs.push(fieldErr.required(child(path, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(fieldErr.invalid(child(path, 'name'), name, m));
  if (str(ctr.image).length === 0) errs.push(fieldErr.required(child(path, 'image')));
  const tmp = str(ctr.terminationMessagePolicy);
  if (tmp === '') errs.push(fieldErr.required(child(path, 'terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) errs.push(fieldErr.notSupported(child(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(ctr.ports, child(path, 'ports')));
  errs.push(...validateEnv(ctr.env, child(path, 'env')));
  errs.push(...validateEnvFrom(ctr.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, ctr.volumeDevices, ctr, ctx.volumes, child(path, 'volumeMounts')));
  errs.push(...validateVolumeDevices(ctr.volumeDevices, ctr.volumeMounts, ctx.volumes, child(path, 'volumeDevices')));
  errs.push(...validatePullPolicy(str(ctr.imagePullPolicy), child(path, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(ctr.resources, validateContainerResourceName, ctx.podClaimNames, child(path, 'resources')));
  errs.push(...validateResizePolicy(ctr.resizePolicy, ctx.podRestartPolicy, child(path, 'resizePolicy')));
  errs.push(...validateSecurityContext(ctr.securityContext, ctx.hostUsers, child(path, 'securityContext')));
  return errs;
}

/** AccumulateUniqueHostPorts over a set of containers. */
function checkHostPortConflicts(containers: JsonObject[], indices: number[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    arr(ctr.ports).forEach((p, pi) => {
      const port = obj(p);
      const hp = num(port.hostPort);
      if (hp === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      const fp = child(index(child(index(path, indices[ci]), 'ports'), pi), 'hostPort');
      if (seen.has(k)) errs.push(fieldErr.duplicate(fp, k));
      else seen.add(k);
    });
  });
  return errs;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const list = arr(containers).map(obj);
  if (list.length === 0) return [fieldErr.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
    else names.add(name);
    if (isSet(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, ctx.gracePeriod, child(p, 'lifecycle')));
    errs.push(...validateProbes(ctr, ctx.gracePeriod, p));
    if (isSet(ctr.restartPolicy)) errs.push(fieldErr.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, list.map((_, i) => i), path));
  return errs;
}

export function validateInitContainers(containers: unknown, regular: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => str(obj(c).name)));
  arr(containers).map(obj).forEach((ctr, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    let restartAlways = false;
    if (isSet(ctr.restartPolicy)) {
      const rp = str(ctr.restartPolicy);
      if (rp !== 'Always') errs.push(fieldErr.notSupported(child(p, 'restartPolicy'), rp, ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(ctr.name);
    if (names.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts([ctr], [i], path));
    if (restartAlways) {
      if (isSet(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, ctx.gracePeriod, child(p, 'lifecycle')));
      errs.push(...validateProbes(ctr, ctx.gracePeriod, p));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (isSet(ctr[f])) errs.push(fieldErr.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** validateContainerOnlyForPod: a pod's image may not carry surrounding whitespace. */
export function validateContainersOnlyForPod(containers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(containers).forEach((c, i) => {
    const image = str(obj(c).image);
    if (image.length !== image.trim().length) errs.push(fieldErr.invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

