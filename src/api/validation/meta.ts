// ObjectMeta validation: k8s.io/apimachinery/pkg/api/validation/objectmeta.go plus the core
// additions (kube finalizer names), with upstream wording.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, bool, byteLen, isObj, num, obj, optNum, sortedKeys, str, type JsonObject } from './json.js';
import { child, index } from './path.js';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js';

/** ValidateNameFunc: messages for a name; `prefix` when it is a generateName prefix. */
export type NameFn = (name: string, prefix: boolean) => string[];

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** maskTrailingDash: upstream replaces the last two characters of a dash-terminated prefix by "a". */
function maskTrailingDash(name: string): string {
  return name.endsWith('-') ? `${name.slice(0, Math.max(0, name.length - 2))}a` : name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const validateNamespaceName: NameFn = nameIsDNSLabel;

export function validateNonnegative(value: number, path: string): FieldError[] {
  return value < 0 ? [fieldErr.invalid(path, value, IS_NEGATIVE)] : [];
}

export function validateImmutable(newVal: unknown, oldVal: unknown, path: string, equal: (a: unknown, b: unknown) => boolean): FieldError[] {
  return equal(newVal, oldVal) ? [] : [fieldErr.invalid(path, newVal ?? null, FIELD_IMMUTABLE)];
}

/** ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
}

/** ValidateLabels: errors are reported at the map's path, not the key's. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj(labels);
  for (const k of sortedKeys(m)) {
    errs.push(...validateLabelName(k, path));
    const v = str(m[k]);
    for (const msg of isValidLabelValue(v)) errs.push(fieldErr.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj(annotations);
  let total = 0;
  for (const k of sortedKeys(m)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fieldErr.invalid(path, k, msg));
    total += byteLen(k) + byteLen(str(m[k]));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** field.TooLong with the 1.34 wording. */
export function tooLong(path: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field: path, detail: `must have at most ${max} bytes` };
}

function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return undefined;
}

export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const r of arr(refs)) {
    const ref = obj(r);
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const gv = parseGroupVersion(apiVersion) ?? { group: '', version: '' };
    if (gv.version.length === 0) errs.push(fieldErr.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (kind.length === 0) errs.push(fieldErr.invalid(child(path, 'kind'), kind, 'must not be empty'));
    if (str(ref.name).length === 0) errs.push(fieldErr.invalid(child(path, 'name'), str(ref.name), 'must not be empty'));
    if (str(ref.uid).length === 0) errs.push(fieldErr.invalid(child(path, 'uid'), str(ref.uid), 'must not be empty'));
    if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
      errs.push(fieldErr.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (bool(ref.controller)) {
      const cur = `${kind}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(fieldErr.invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateFinalizers (apimachinery): qualified names, reported at the list's path. */
export function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let orphan = false;
  let foreground = false;
  for (const f of arr(finalizers)) {
    const s = str(f);
    for (const m of isQualifiedName(s)) errs.push(fieldErr.invalid(path, s, m));
    if (s === 'orphan') orphan = true;
    if (s === 'foregroundDeletion') foreground = true;
  }
  if (orphan && foreground) errs.push(fieldErr.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

/** validateKubeFinalizerName: an unqualified finalizer must be one of the standard names. */
export function validateKubeFinalizerName(value: string, path: string): FieldError[] {
  if (value.split('/').length === 1 && !STANDARD_FINALIZERS.has(value)) {
    return [fieldErr.invalid(path, value, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return !(c < 0x20 || (c >= 0x7f && c < 0xa0));
}

export function validateFieldManager(manager: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (manager.length > 128) errs.push(tooLong(path, 128));
  let i = 0;
  for (const ch of manager) {
    if (!isPrintable(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      errs.push(fieldErr.invalid(path, manager, `invalid character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (at position ${i})`));
    }
    i += byteLen(ch);
  }
  return errs;
}

export function validateManagedFields(entries: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(entries).forEach((e, i) => {
    const m = obj(e);
    const p = index(path, i);
    const op = str(m.operation);
    if (op !== 'Apply' && op !== 'Update') errs.push(fieldErr.invalid(child(p, 'operation'), op, 'must be `Apply` or `Update`'));
    const ft = str(m.fieldsType);
    if (ft.length > 0 && ft !== 'FieldsV1') errs.push(fieldErr.invalid(child(p, 'fieldsType'), ft, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(str(m.manager), child(p, 'manager')));
    if (str(m.subresource).length > 256) errs.push(tooLong(child(p, 'subresource'), 256));
  });
  return errs;
}

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameFn: NameFn;
  /** Core kinds also require unqualified finalizers to be standard ones (default true). */
  kubeFinalizers?: boolean;
}

/** ValidateObjectMeta for a create. `path` is normally `metadata`. */
export function validateObjectMeta(meta: unknown, opts: ObjectMetaOptions, path = 'metadata'): FieldError[] {
  const m = obj(meta);
  const errs: FieldError[] = [];
  const name = str(m.name);
  const generateName = str(m.generateName);
  if (generateName.length !== 0) {
    for (const msg of opts.nameFn(generateName, true)) errs.push(fieldErr.invalid(child(path, 'generateName'), generateName, msg));
  }
  if (name.length === 0) {
    if (generateName.length === 0) errs.push(fieldErr.required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of opts.nameFn(name, false)) errs.push(fieldErr.invalid(child(path, 'name'), name, msg));
  }
  errs.push(...validateMetaCommon(m, opts, path));
  return errs;
}

function validateMetaCommon(m: JsonObject, opts: ObjectMetaOptions, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(m.namespace);
  if (opts.namespaced) {
    if (ns.length === 0) errs.push(fieldErr.required(child(path, 'namespace')));
    else for (const msg of validateNamespaceName(ns, false)) errs.push(fieldErr.invalid(child(path, 'namespace'), ns, msg));
  } else if (ns.length !== 0) {
    errs.push(fieldErr.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(num(m.generation), child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  errs.push(...validateManagedFields(m.managedFields, child(path, 'managedFields')));
  if (opts.kubeFinalizers !== false) {
    arr(m.finalizers).forEach((f, i) => errs.push(...validateKubeFinalizerName(str(f), index(child(path, 'finalizers'), i))));
  }
  return errs;
}

function timeEqual(a: unknown, b: unknown): boolean {
  if (!a && !b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a === b : Math.floor(ta / 1000) === Math.floor(tb / 1000);
}

const same = (a: unknown, b: unknown): boolean => (a ?? '') === (b ?? '');

/** Go's %#v of a []string. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** ValidateObjectMetaUpdate. */
export function validateObjectMetaUpdate(newMeta: unknown, oldMeta: unknown, path = 'metadata', opts: { kubeFinalizers?: boolean } = {}): FieldError[] {
  const n = obj(newMeta);
  const o = obj(oldMeta);
  const errs: FieldError[] = [];
  if (isObj(o) && o.deletionTimestamp) {
    const old = new Set(arr(o.finalizers).map(str));
    const extra = [...new Set(arr(n.finalizers).map(str))].filter((f) => !old.has(f)).sort();
    if (extra.length) {
      errs.push(fieldErr.forbidden(child(path, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`));
    }
  }
  if (str(n.resourceVersion).length === 0) {
    errs.push(fieldErr.invalid(child(path, 'resourceVersion'), str(n.resourceVersion), 'must be specified for an update'));
  }
  if (num(n.generation) < num(o.generation)) {
    errs.push(fieldErr.invalid(child(path, 'generation'), num(n.generation), 'must not be decremented'));
  }
  errs.push(...validateImmutable(str(n.name), str(o.name), child(path, 'name'), same));
  errs.push(...validateImmutable(str(n.namespace), str(o.namespace), child(path, 'namespace'), same));
  errs.push(...validateImmutable(str(n.uid), str(o.uid), child(path, 'uid'), same));
  errs.push(...validateImmutable(n.creationTimestamp, o.creationTimestamp, child(path, 'creationTimestamp'), timeEqual));
  errs.push(...validateImmutable(n.deletionTimestamp, o.deletionTimestamp, child(path, 'deletionTimestamp'), timeEqual));
  errs.push(...validateImmutable(optNum(n.deletionGracePeriodSeconds), optNum(o.deletionGracePeriodSeconds), child(path, 'deletionGracePeriodSeconds'), (a, b) => a === b));
  errs.push(...validateLabels(n.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, child(path, 'finalizers')));
  errs.push(...validateManagedFields(n.managedFields, child(path, 'managedFields')));
  if (opts.kubeFinalizers !== false) {
    arr(n.finalizers).forEach((f, i) => errs.push(...validateKubeFinalizerName(str(f), index(child(path, 'finalizers'), i))));
  }
  return errs;
}
