// Secrets and ConfigMaps (core validation.go: ValidateSecret, ValidateConfigMap and their updates).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { deepEqual, obj, sortedKeys, str, type JsonObject } from './json.js';
import { key } from './path.js';
import { nameIsDNSSubdomain, tooLong, validateImmutable, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isConfigMapKey } from './names.js';

/** MaxSecretSize: 1 MiB for a Secret's data or a ConfigMap's data plus binaryData. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

function base64Bytes(v: unknown): Buffer {
  return Buffer.from(str(v), 'base64');
}

/** A Go-flavoured message for JSON that does not decode into a map. */
function jsonMapError(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'unexpected end of JSON input';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const first = trimmed[0];
    return '{["tfn0123456789-'.includes(first) ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
  if (parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))) return undefined;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

export function validateSecret(secret: JsonObject): FieldError[] {
  const meta = obj(secret.metadata);
  const errs = validateObjectMeta(meta, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const data = obj(secret.data);
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('data', k), k, m));
    total += base64Bytes(data[k]).length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(data, k);
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      if (str(obj(meta.annotations)[SA_NAME_ANNOTATION]).length === 0) errs.push(fieldErr.required(key('metadata.annotations', SA_NAME_ANNOTATION)));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = str(secret.type) === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(k)) {
        errs.push(fieldErr.required(key('data', k)));
        break;
      }
      const problem = jsonMapError(base64Bytes(data[k]));
      if (problem) errs.push(fieldErr.invalid(key('data', k), '<secret contents redacted>', problem));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(fieldErr.required(key('data', 'username')));
        errs.push(fieldErr.required(key('data', 'password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (base64Bytes(data['ssh-privatekey']).length === 0) errs.push(fieldErr.required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldErr.required(key('data', 'tls.crt')));
      if (!has('tls.key')) errs.push(fieldErr.required(key('data', 'tls.key')));
      break;
    default:
  }
  return errs;
}

const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

export function validateSecretUpdate(secret: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  errs.push(...validateImmutable(str(secret.type), str(old.type), 'type', (a, b) => a === b));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(fieldErr.forbidden('immutable', IMMUTABLE_WHEN_SET));
    if (!deepEqual(obj(secret.data), obj(old.data))) errs.push(fieldErr.forbidden('data', IMMUTABLE_WHEN_SET));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

export function validateConfigMap(cm: JsonObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('data', k), k, m));
    if (Object.prototype.hasOwnProperty.call(binary, k)) errs.push(fieldErr.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(str(data[k]), 'utf8');
  }
  for (const k of sortedKeys(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('binaryData', k), k, m));
    total += base64Bytes(binary[k]).length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(cm: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(fieldErr.forbidden('immutable', IMMUTABLE_WHEN_SET));
    if (!deepEqual(obj(cm.data), obj(old.data))) errs.push(fieldErr.forbidden('data', IMMUTABLE_WHEN_SET));
    if (!deepEqual(obj(cm.binaryData), obj(old.binaryData))) errs.push(fieldErr.forbidden('binaryData', IMMUTABLE_WHEN_SET));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}
