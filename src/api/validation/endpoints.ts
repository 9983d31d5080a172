// Endpoints (core validation.go: ValidateEndpoints).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, str, type JsonObject } from './json.js';
import { child, index } from './path.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isQualifiedName, isValidIP } from './names.js';
import { validateProtocol } from './container.js';
import { validateNonSpecialIP } from './service.js';

function validateAddress(a: JsonObject, path: string): FieldError[] {
  const ip = str(a.ip);
  const errs = isValidIP(ip).map((m) => fieldErr.invalid(child(path, 'ip'), ip, m));
  const hostname = str(a.hostname);
  if (hostname.length > 0) errs.push(...isDNS1123Label(hostname).map((m) => fieldErr.invalid(child(path, 'hostname'), hostname, m)));
  if (isSet(a.nodeName)) {
    const nn = str(a.nodeName);
    errs.push(...nameIsDNSSubdomain(nn, false).map((m) => fieldErr.invalid(child(path, 'nodeName'), nn, m)));
  }
  errs.push(...validateNonSpecialIP(ip, child(path, 'ip')));
  return errs;
}

function validatePort(p: JsonObject, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && name.length === 0) errs.push(fieldErr.required(child(path, 'name')));
  else if (name.length !== 0) errs.push(...isDNS1123Label(name).map((m) => fieldErr.invalid(child(path, 'name'), name, m)));
  const port = num(p.port);
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) errs.push(fieldErr.invalid(child(path, 'port'), port, 'must be between 1 and 65535, inclusive'));
  errs.push(...validateProtocol(str(p.protocol), child(path, 'protocol')));
  if (isSet(p.appProtocol)) {
    const ap = str(p.appProtocol);
    errs.push(...isQualifiedName(ap).map((m) => fieldErr.invalid(child(path, 'appProtocol'), ap, m)));
  }
  return errs;
}

export function validateEndpoints(ep: JsonObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  arr(ep.subsets).forEach((s, i) => {
    const ss = obj(s);
    const p = index('subsets', i);
    const addresses = arr(ss.addresses);
    const notReady = arr(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) errs.push(fieldErr.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(obj(a), index(child(p, 'addresses'), j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(obj(a), index(child(p, 'notReadyAddresses'), j))));
    const ports = arr(ss.ports);
    ports.forEach((pt, j) => errs.push(...validatePort(obj(pt), ports.length > 1, index(child(p, 'ports'), j))));
  });
  return errs;
}

export function validateEndpointsUpdate(ep: JsonObject, old: JsonObject): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}
