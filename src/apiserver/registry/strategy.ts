// Per-kind rules the generic registry applies around every write: what a create resets, what an
// update through the main resource or through /status may change, whether the generation moves,
// and which fields a field selector can use. Upstream: pkg/registry/<group>/<kind>/strategy.go.

import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';

export interface Strategy {
  /** metadata.generation is maintained (starts at 1, +1 on every spec change). */
  tracksGeneration: boolean;
  /** Create resets .status (the status subresource owns it). */
  resetStatusOnCreate: boolean;
  /** Fields a field selector may name, besides metadata.name and metadata.namespace. */
  selectableFields: Record<string, (obj: KubeObject) => string | undefined>;
  /** Deleted objects are returned (pods) rather than a Status. */
  returnDeletedObject: boolean;
  /**
   * Kinds with their own field label conversion upstream: whether metadata.namespace is selectable
   * and the message for an unsupported label. Undefined: the default conversion (metadata.name and
   * metadata.namespace, `"x" is not a known field selector: ...`).
   */
  fieldLabels?: { namespace: boolean; unsupported: (label: string) => string };
}

type Getter = (obj: KubeObject) => string | undefined;
const at = (...path: string[]): Getter => (obj) => {
  let v: unknown = obj;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  if (v === undefined || v === null) return '';
  return String(v);
};

const POD_FIELDS: Record<string, Getter> = {
  'spec.nodeName': at('spec', 'nodeName'),
  'spec.restartPolicy': at('spec', 'restartPolicy'),
  'spec.schedulerName': at('spec', 'schedulerName'),
  'spec.serviceAccountName': at('spec', 'serviceAccountName'),
  'spec.hostNetwork': (o) => String(Boolean((o.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork)),
  'status.phase': at('status', 'phase'),
  'status.podIP': at('status', 'podIP'),
  'status.nominatedNodeName': at('status', 'nominatedNodeName'),
};

const EVENT_FIELDS: Record<string, Getter> = {
  'involvedObject.kind': at('involvedObject', 'kind'),
  'involvedObject.namespace': at('involvedObject', 'namespace'),
  'involvedObject.name': at('involvedObject', 'name'),
  'involvedObject.uid': at('involvedObject', 'uid'),
  'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
  reason: at('reason'),
  reportingComponent: at('reportingComponent'),
  source: at('source', 'component'),
  type: at('type'),
};

const SERVICE_FIELDS: Record<string, Getter> = {
  'spec.clusterIP': at('spec', 'clusterIP'),
  'spec.type': at('spec', 'type'),
};

const EVENTS_V1_FIELDS: Record<string, Getter> = {
  'regarding.kind': at('regarding', 'kind'),
  'regarding.namespace': at('regarding', 'namespace'),
  'regarding.name': at('regarding', 'name'),
  'regarding.uid': at('regarding', 'uid'),
  'regarding.apiVersion': at('regarding', 'apiVersion'),
  'regarding.resourceVersion': at('regarding', 'resourceVersion'),
  'regarding.fieldPath': at('regarding', 'fieldPath'),
  reason: at('reason'),
  reportingController: at('reportingController'),
  type: at('type'),
};

export function strategyFor(r: ResourceInfo): Strategy {
  const workload = r.group === 'apps' || r.group === 'batch' || r.group === 'policy';
  const s: Strategy = {
    tracksGeneration: workload || r.kind === 'Pod',
    resetStatusOnCreate: r.hasStatus && r.kind !== 'Node' && r.kind !== 'Namespace',
    selectableFields: {},
    returnDeletedObject: r.kind === 'Pod',
  };
  const notSupported = { namespace: true, unsupported: (label: string) => `field label not supported: ${label}` };
  if (r.group === '' && r.kind === 'Pod') { s.selectableFields = POD_FIELDS; s.fieldLabels = notSupported; }
  else if (r.group === '' && r.kind === 'Event') { s.selectableFields = EVENT_FIELDS; s.fieldLabels = notSupported; }
  else if (r.group === 'events.k8s.io') s.selectableFields = EVENTS_V1_FIELDS;
  else if (r.group === '' && r.kind === 'Secret') { s.selectableFields = { type: at('type') }; s.fieldLabels = notSupported; }
  else if (r.group === '' && r.kind === 'Service') { s.selectableFields = SERVICE_FIELDS; s.fieldLabels = notSupported; }
  else if (r.group === '' && r.kind === 'Node') {
    s.selectableFields = { 'spec.unschedulable': (o) => String(Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable)) };
    s.fieldLabels = { ...notSupported, namespace: false };
  } else if (r.group === '' && r.kind === 'Namespace') {
    s.selectableFields = { 'status.phase': at('status', 'phase') };
    s.fieldLabels = { ...notSupported, namespace: false };
  } else if (r.kind === 'ReplicaSet') s.selectableFields = { 'status.replicas': at('status', 'replicas') };
  else if (r.group === 'batch' && (r.kind === 'Job' || r.kind === 'CronJob')) {
    s.selectableFields = { 'status.successful': at('status', 'succeeded') };
    s.fieldLabels = { namespace: true, unsupported: (label) => `field label ${JSON.stringify(label)} not supported for ${JSON.stringify(r.kind)}` };
  }
  return s;
}

/** The field set a field selector is matched against. */
export function selectableFieldSet(s: Strategy, obj: KubeObject, namespaced: boolean): Record<string, string> {
  const out: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '', 'metadata.namespace': namespaced ? obj.metadata.namespace ?? '' : '' };
  for (const [k, get] of Object.entries(s.selectableFields)) out[k] = get(obj) ?? '';
  return out;
}

/** Everything but metadata and status: a change here bumps metadata.generation. */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}
