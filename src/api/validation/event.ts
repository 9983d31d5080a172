// Events, core/v1 and events.k8s.io/v1 (core validation/events.go). events.k8s.io objects are read
// through their core field names (regarding -> involvedObject, note -> message, ...), as upstream
// validates the internal type; paths therefore use the core names.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { isSet, num, obj, semanticEqual, str, type JsonObject } from './json.js';
import { nameIsDNSSubdomain, validateImmutable, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isQualifiedName } from './names.js';

/** The internal view of an event: events.k8s.io/v1 field names mapped onto core ones. */
export function internalEvent(ev: JsonObject): JsonObject {
  if (!ev.apiVersion || ev.apiVersion === 'v1') return { ...ev, reportingController: ev.reportingComponent };
  return {
    ...ev,
    involvedObject: ev.regarding,
    message: ev.note,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
  };
}

const isZeroTime = (t: unknown): boolean => !isSet(t) || t === '' || t === '0001-01-01T00:00:00Z';

function legacyValidateEvent(ev: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(obj(ev.metadata).namespace);
  const involvedNs = str(obj(ev.involvedObject).namespace);
  const mismatch = (): FieldError => fieldErr.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (isZeroTime(ev.eventTime)) {
    if (involvedNs.length === 0) {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== involvedNs) {
      errs.push(mismatch());
    }
  } else {
    if (involvedNs.length === 0 && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
    const controller = str(ev.reportingController);
    if (controller.length === 0) errs.push(fieldErr.required('reportingController'));
    for (const m of isQualifiedName(controller)) errs.push(fieldErr.invalid('reportingController', controller, m));
    const instance = str(ev.reportingInstance);
    if (instance.length === 0) errs.push(fieldErr.required('reportingInstance'));
    if (instance.length > 128) errs.push(fieldErr.invalid('reportingInstance', '', 'can have at most 128 characters'));
    const action = str(ev.action);
    if (action.length === 0) errs.push(fieldErr.required('action'));
    if (action.length > 128) errs.push(fieldErr.invalid('action', '', 'can have at most 128 characters'));
    const reason = str(ev.reason);
    if (reason.length === 0) errs.push(fieldErr.required('reason'));
    if (reason.length > 128) errs.push(fieldErr.invalid('reason', '', 'can have at most 128 characters'));
    if (str(ev.message).length > 1024) errs.push(fieldErr.invalid('message', '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(fieldErr.invalid('namespace', ns, m));
  return errs;
}

function validateV1EventSeries(ev: JsonObject): FieldError[] {
  if (!isSet(ev.series)) return [];
  const s = obj(ev.series);
  const errs: FieldError[] = [];
  if (num(s.count) < 2) errs.push(fieldErr.invalid('series.count', '', 'should be at least 2'));
  if (isZeroTime(s.lastObservedTime)) errs.push(fieldErr.required('series.lastObservedTime'));
  return errs;
}

const isCoreRequest = (ev: JsonObject): boolean => !ev.apiVersion || ev.apiVersion === 'v1';

export function validateEventCreate(raw: JsonObject): FieldError[] {
  const ev = internalEvent(raw);
  const errs = legacyValidateEvent(ev);
  if (isCoreRequest(raw)) return errs;
  errs.push(...validateObjectMeta(ev.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }));
  errs.push(...validateV1EventSeries(ev));
  if (isZeroTime(ev.eventTime)) errs.push(fieldErr.required('eventTime'));
  const type = str(ev.type);
  if (type !== 'Normal' && type !== 'Warning') errs.push(fieldErr.invalid('type', '', `has invalid value: ${type}`));
  if (!isZeroTime(ev.firstTimestamp)) errs.push(fieldErr.invalid('firstTimestamp', '', 'needs to be unset'));
  if (!isZeroTime(ev.lastTimestamp)) errs.push(fieldErr.invalid('lastTimestamp', '', 'needs to be unset'));
  if (num(ev.count) !== 0) errs.push(fieldErr.invalid('count', '', 'needs to be unset'));
  const src = obj(ev.source);
  if (str(src.component) !== '' || str(src.host) !== '') errs.push(fieldErr.invalid('source', '', 'needs to be unset'));
  return errs;
}

export function validateEventUpdate(raw: JsonObject, rawOld: JsonObject): FieldError[] {
  const ev = internalEvent(raw);
  const old = internalEvent(rawOld);
  const errs = legacyValidateEvent(ev);
  if (isCoreRequest(raw)) return errs;
  errs.push(...validateObjectMetaUpdate(ev.metadata, old.metadata));
  if (!semanticEqual(ev.series, old.series)) errs.push(...validateV1EventSeries(ev));
  for (const f of ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'reason', 'type',
    'eventTime', 'action', 'related', 'reportingController', 'reportingInstance']) {
    errs.push(...validateImmutable(ev[f], old[f], f, semanticEqual));
  }
  return errs;
}
