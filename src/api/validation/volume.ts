// Pod volumes (core validation.go: ValidateVolumes, validateVolumeSource and the source checks).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, optNum, str, type JsonObject } from './json.js';
import { child, index } from './path.js';
import { nameIsDNSSubdomain } from './meta.js';
import { isDNS1123Label } from './names.js';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector, validatePullPolicy, VOLUME_FIELD_PATHS, type VolumeMap } from './container.js';
import { validateLocalDescendingPath, validateLocalNonReservedPath, validatePathNoBacksteps } from './paths.js';
import { quantityOf } from './quantities.js';
import { validateLabelSelector } from './selector.js';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(mode: unknown, path: string): FieldError[] {
  const m = optNum(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [fieldErr.invalid(path, m, FILE_MODE_ERROR)] : [];
}

function validateKeyToPath(kp: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(kp.key).length === 0) errs.push(fieldErr.required(child(path, 'key')));
  if (str(kp.path).length === 0) errs.push(fieldErr.required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), child(path, 'path')));
  errs.push(...validateMode(kp.mode, child(path, 'mode')));
  return errs;
}

function validateItems(items: unknown, path: string): FieldError[] {
  return arr(items).flatMap((kp, i) => validateKeyToPath(obj(kp), index(path, i)));
}

function validateDownwardAPIFile(file: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(file.path).length === 0) errs.push(fieldErr.required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), child(path, 'path')));
  if (isSet(file.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, child(path, 'fieldRef')));
    if (isSet(file.resourceFieldRef)) errs.push(fieldErr.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (isSet(file.resourceFieldRef)) {
    errs.push(...validateContainerResourceFieldSelector(file.resourceFieldRef, child(path, 'resourceFieldRef'), true));
  } else {
    errs.push(fieldErr.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(path, 'mode')));
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateProjected(src: JsonObject, path: string): FieldError[] {
  const errs = validateMode(src.defaultMode, child(path, 'defaultMode'));
  const allPaths = new Set<string>();
  const note = (p: string, shown: unknown): void => {
    if (p.length === 0) return;
    if (allPaths.has(p)) errs.push(fieldErr.invalid(path, shown, 'conflicting duplicate paths'));
    else allPaths.add(p);
  };
  arr(src.sources).forEach((s, i) => {
    const source = obj(s);
    const sp = index(child(path, 'sources'), i);
    let n = 0;
    for (const kind of ['secret', 'configMap']) {
      if (!isSet(source[kind])) continue;
      n++;
      const ref = obj(source[kind]);
      const pp = child(sp, kind);
      if (str(ref.name).length === 0) errs.push(fieldErr.required(child(pp, 'name')));
      arr(ref.items).forEach((kp, j) => {
        errs.push(...validateKeyToPath(obj(kp), index(child(pp, 'items'), j)));
        note(str(obj(kp).path), str(ref.name));
      });
    }
    if (isSet(source.downwardAPI)) {
      n++;
      for (const f of arr(obj(source.downwardAPI).items)) {
        errs.push(...validateDownwardAPIFile(obj(f), child(sp, 'downwardAPI')));
        note(str(obj(f).path), str(obj(f).path));
      }
    }
    if (isSet(source.serviceAccountToken)) {
      n++;
      const t = obj(source.serviceAccountToken);
      const pp = child(sp, 'serviceAccountToken');
      const exp = num(t.expirationSeconds);
      if (exp < 600) errs.push(fieldErr.invalid(child(pp, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fieldErr.invalid(child(pp, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (str(t.path) === '') errs.push(fieldErr.required(child(path, 'path')));
      else errs.push(...validateLocalNonReservedPath(str(t.path), child(path, 'path')));
    }
    if (isSet(source.clusterTrustBundle)) {
      n++;
      const c = obj(source.clusterTrustBundle);
      const pp = child(sp, 'clusterTrustBundle');
      const usingName = isSet(c.name);
      const usingSigner = isSet(c.signerName);
      if (usingName && usingSigner) errs.push(fieldErr.invalid(pp, c, 'only one of name and signerName may be used'));
      else if (usingName) {
        if (str(c.name) === '') errs.push(fieldErr.required(child(pp, 'name'), 'must be a valid object name'));
        if (isSet(c.labelSelector)) errs.push(fieldErr.invalid(child(pp, 'labelSelector'), c.labelSelector, 'labelSelector must be unset if name is specified'));
      } else if (usingSigner) {
        if (str(c.signerName) === '') errs.push(fieldErr.required(child(pp, 'signerName'), 'must be a valid signer name'));
        errs.push(...validateLabelSelector(c.labelSelector, {}, child(pp, 'labelSelector')));
      } else {
        errs.push(fieldErr.required(pp, 'either name or signerName must be specified'));
      }
      if (str(c.path) === '') errs.push(fieldErr.required(child(pp, 'path')));
      errs.push(...validateLocalNonReservedPath(str(c.path), child(pp, 'path')));
      note(str(c.path), str(c.path));
    }
    if (n > 1) errs.push(fieldErr.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

type SourceCheck = (src: JsonObject, path: string, ctx: { isPod: boolean; podName: string; volName: string }) => FieldError[];

const required = (...fields: string[]): SourceCheck => (src, path) =>
  fields.filter((f) => str(src[f]).length === 0 && arr(src[f]).length === 0).map((f) => fieldErr.required(child(path, f)));

/** Sources in upstream's order, with the path segment its errors use (including its historical typos). */
const SOURCES: { field: string; errPath: string; check: SourceCheck }[] = [
  { field: 'emptyDir', errPath: 'emptyDir', check: (src, path) => {
    const q = isSet(src.sizeLimit) ? quantityOf(src.sizeLimit) : undefined;
    return q && q.sign() < 0 ? [fieldErr.forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
  } },
  { field: 'hostPath', errPath: 'hostPath', check: (src, path) => {
    const p = str(src.path);
    if (p.length === 0) return [fieldErr.required(child(path, 'path'))];
    const errs = validatePathNoBacksteps(p, child(path, 'path'));
    if (isSet(src.type) && !HOST_PATH_TYPES.includes(str(src.type))) errs.push(fieldErr.notSupported(child(path, 'type'), str(src.type), HOST_PATH_TYPES));
    return errs;
  } },
  { field: 'gitRepo', errPath: 'gitRepo', check: (src, path) => [
    ...required('repository')(src, path, { isPod: false, podName: '', volName: '' }),
    ...validateLocalDescendingPath(str(src.directory), child(path, 'directory')),
  ] },
  { field: 'gcePersistentDisk', errPath: 'gcePersistentDisk', check: required('pdName') },
  { field: 'awsElasticBlockStore', errPath: 'awsElasticBlockStore', check: required('volumeID') },
  { field: 'secret', errPath: 'secret', check: (src, path) => [
    ...(str(src.secretName).length === 0 ? [fieldErr.required(child(path, 'secretName'))] : []),
    ...validateMode(src.defaultMode, child(path, 'defaultMode')),
    ...validateItems(src.items, child(path, 'items')),
  ] },
  { field: 'nfs', errPath: 'nfs', check: (src, path) => {
    const errs = required('server', 'path')(src, path, { isPod: false, podName: '', volName: '' });
    if (!str(src.path).startsWith('/')) errs.push(fieldErr.invalid(child(path, 'path'), str(src.path), 'must be an absolute path'));
    return errs;
  } },
  { field: 'iscsi', errPath: 'iscsi', check: required('targetPortal', 'iqn') },
  { field: 'glusterfs', errPath: 'glusterfs', check: required('endpoints', 'path') },
  { field: 'flocker', errPath: 'flocker', check: (src, path) =>
    str(src.datasetName) === '' && str(src.datasetUUID) === '' ? [fieldErr.required(path, 'one of datasetName and datasetUUID is required')] : [] },
  { field: 'persistentVolumeClaim', errPath: 'persistentVolumeClaim', check: required('claimName') },
  { field: 'rbd', errPath: 'rbd', check: required('monitors', 'image') },
  { field: 'cinder', errPath: 'cinder', check: required('volumeID') },
  { field: 'cephfs', errPath: 'cephFS', check: required('monitors') },
  { field: 'quobyte', errPath: 'quobyte', check: required('registry', 'volume') },
  { field: 'downwardAPI', errPath: 'downwarAPI', check: (src, path) => [
    ...validateMode(src.defaultMode, child(path, 'defaultMode')),
    ...arr(src.items).flatMap((f) => validateDownwardAPIFile(obj(f), path)),
  ] },
  { field: 'fc', errPath: 'fc', check: (src, path) =>
    arr(src.targetWWNs).length === 0 && arr(src.wwids).length === 0 ? [fieldErr.required(child(path, 'targetWWNs'), 'must specify either targetWWNs or wwids, but not both')] : [] },
  { field: 'flexVolume', errPath: 'flexVolume', check: required('driver') },
  { field: 'configMap', errPath: 'configMap', check: (src, path) => [
    ...(str(src.name).length === 0 ? [fieldErr.required(child(path, 'name'))] : []),
    ...validateMode(src.defaultMode, child(path, 'defaultMode')),
    ...validateItems(src.items, child(path, 'items')),
  ] },
  { field: 'azureFile', errPath: 'azureFile', check: required('secretName', 'shareName') },
  { field: 'vsphereVolume', errPath: 'vsphereVolume', check: required('volumePath') },
  { field: 'photonPersistentDisk', errPath: 'photonPersistentDisk', check: required('pdID') },
  { field: 'portworxVolume', errPath: 'portworxVolume', check: required('volumeID') },
  { field: 'azureDisk', errPath: 'azureDisk', check: (src, path) => [
    ...(str(src.diskName) === '' ? [fieldErr.required(child(path, 'diskName'))] : []),
    ...(str(src.diskURI) === '' ? [fieldErr.required(child(path, 'diskURI'))] : []),
  ] },
  { field: 'storageos', errPath: 'storageos', check: required('volumeName') },
  { field: 'projected', errPath: 'projected', check: validateProjected },
  { field: 'scaleIO', errPath: 'scaleIO', check: required('gateway', 'system') },
  { field: 'csi', errPath: 'csi', check: (src, path) => {
    const driver = str(src.driver);
    if (driver.length === 0) return [fieldErr.required(child(path, 'driver'))];
    return validateCSIDriverName(driver, child(path, 'driver'));
  } },
  { field: 'ephemeral', errPath: 'ephemeral', check: (src, path, ctx) => {
    if (!isSet(src.volumeClaimTemplate)) return [fieldErr.required(child(path, 'volumeClaimTemplate'))];
    const errs: FieldError[] = [];
    if (ctx.podName !== '' && ctx.volName !== '') {
      const pvc = `${ctx.podName}-${ctx.volName}`;
      for (const m of nameIsDNSSubdomain(pvc, false)) errs.push(fieldErr.invalid(child(path, 'name'), ctx.volName, `PVC name "${pvc}": ${m}`));
    }
    return errs;
  } },
  { field: 'image', errPath: 'image', check: (src, path, ctx) => [
    ...(ctx.isPod && str(src.reference).length === 0 ? [fieldErr.required(child(path, 'reference'))] : []),
    ...validatePullPolicy(str(src.pullPolicy), child(path, 'pullPolicy')),
  ] },
];

export const VOLUME_SOURCE_FIELDS = SOURCES.map((s) => s.field);

function validateCSIDriverName(driver: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (driver.length > 63) errs.push({ type: 'FieldValueTooLong', field: path, detail: 'must have at most 63 bytes' });
  const lower = driver.toLowerCase();
  for (const m of nameIsDNSSubdomain(lower, false)) errs.push(fieldErr.invalid(path, driver, m));
  return errs;
}

function validateVolumeSource(vol: JsonObject, path: string, ctx: { isPod: boolean; podName: string; volName: string }): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const s of SOURCES) {
    if (!isSet(vol[s.field])) continue;
    if (n > 0) {
      errs.push(fieldErr.forbidden(child(path, s.errPath), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...s.check(obj(vol[s.field]), child(path, s.field === 'gcePersistentDisk' ? 'persistentDisk' : s.field), ctx));
  }
  if (n === 0) errs.push(fieldErr.required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the volumes that passed, by name, plus the errors. */
export function validateVolumes(volumes: unknown, podName: string, isPod: boolean, path: string): { volumes: VolumeMap; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const vols: VolumeMap = new Map();
  const createdPVCs = new Set<string>();
  if (podName !== '') for (const v of arr(volumes)) if (isSet(obj(v).ephemeral)) createdPVCs.add(`${podName}-${str(obj(v).name)}`);
  arr(volumes).forEach((v, i) => {
    const vol = obj(v);
    const p = index(path, i);
    const name = str(vol.name);
    const el = validateVolumeSource(vol, p, { isPod, podName, volName: name });
    if (name.length === 0) el.push(fieldErr.required(child(p, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => fieldErr.invalid(child(p, 'name'), name, m)));
    if (names.has(name)) el.push(fieldErr.duplicate(child(p, 'name'), name));
    if (el.length === 0) {
      names.add(name);
      vols.set(name, vol);
    } else {
      errs.push(...el);
    }
    const claim = str(obj(vol.persistentVolumeClaim).claimName);
    if (isSet(vol.persistentVolumeClaim) && createdPVCs.has(claim)) {
      errs.push(fieldErr.invalid(child(p, 'persistentVolumeClaim', 'claimName'), claim, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: vols, errs };
}

