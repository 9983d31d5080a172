// Subresources: status, scale, pods/binding, namespaces/finalize. (Streaming ones, such as logs,
// are served by the node agent's endpoints in later components.)

import type { ApiRequest, ResponseSink } from '../../client/transport.js';
import type { KubeObject } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { badRequest, conflict, invalid, methodNotAllowed, notFoundPath, OPTIMISTIC_LOCK_MESSAGE, StatusError, successStatus, unsupportedMediaType } from '../../machinery/errors.js';
import { applyMergePatch, applyJsonPatch } from '../../machinery/index.js';
import type { RequestInfo } from '../request-info.js';
import type { GenericRegistry } from './generic.js';
import type { RestHandler } from '../rest.js';
import { decodeBody } from '../rest.js';
import { BODY_TYPES, mediaTypeOf } from '../negotiation.js';
import { sendJson } from '../respond.js';
import { scaleOf, applyScale } from './scale.js';
import { typedDecode } from '../typed-decode.js';

const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale';
import { rfc3339, type Clock } from '../../machinery/clock.js';

export type SubresourceHandler = (req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry, rest: RestHandler) => Promise<void>;

export class Subresources {
  private extra = new Map<string, SubresourceHandler>();

  constructor(private clock: Clock) {}

  /** Registers a handler for `<resource>/<subresource>` (e.g. 'pods/eviction', 'pods/log'). */
  register(path: string, h: SubresourceHandler): void {
    this.extra.set(path, h);
  }

  async handle(req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry, rest: RestHandler): Promise<void> {
    const sub = info.subresource;
    const known = reg.info.subresources.find((s) => s.name === sub);
    if (!known) throw notFoundPath();
    const custom = this.extra.get(`${info.resource}/${sub}`);
    if (custom) return custom(req, res, info, reg, rest);
    switch (sub) {
      case 'status': return this.status(req, res, info, reg, rest);
      case 'scale': return this.scale(req, res, info, reg, rest);
      case 'binding': return this.binding(req, res, info, reg);
      case 'finalize': return this.finalize(req, res, info, reg, rest);
      default: throw notFoundPath();
    }
  }

  private async status(req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry, rest: RestHandler): Promise<void> {
    switch (info.verb) {
      case 'get': {
        const e = await reg.get(info.namespace, info.name, req.query.get('resourceVersion') ?? undefined);
        rest.sendObject(req, res, 200, e.obj, e.json);
        return;
      }
      case 'update': return rest.update(req, res, reg, info, 'status');
      case 'patch': return rest.patch(req, res, reg, info, 'status');
      default: throw methodNotAllowed(req.method, `${info.resource}/status`);
    }
  }

  private async finalize(req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry, rest: RestHandler): Promise<void> {
    if (info.verb !== 'update') throw methodNotAllowed(req.method, 'namespaces/finalize');
    const { obj } = decodeBody(req, { allowed: BODY_TYPES, fieldValidation: 'Ignore' });
    if (!isPlainObject(obj)) throw badRequest('the request body must be a Namespace');
    const finalizers = ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers) ?? [];
    const updated = await reg.mutate(info.namespace || info.name, info.name, (cur) => {
      const spec = (isPlainObject(cur.spec) ? cur.spec : {}) as { finalizers?: string[] };
      spec.finalizers = [...finalizers];
      if (!finalizers.length) delete spec.finalizers;
      cur.spec = spec;
      return cur;
    }, { fieldManager: rest.fieldManager(req), user: req.user });
    await reg.finishNamespaceIfReady(updated);
    rest.sendObject(req, res, 200, updated);
  }

  private async scale(req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry, rest: RestHandler): Promise<void> {
    const ns = info.namespace;
    const name = info.name;
    if (info.verb === 'get') {
      const e = await reg.get(ns, name, req.query.get('resourceVersion') ?? undefined);
      sendJson(res, 200, scaleOf(e.obj));
      return;
    }
    let computeReplicas: (cur: KubeObject) => { replicas: number | undefined; rv?: string };
    if (info.verb === 'update') {
      const { obj } = decodeBody(req, { allowed: BODY_TYPES, fieldValidation: 'Ignore', schemaName: SCALE_SCHEMA, typed: { kind: 'Scale', apiVersion: 'autoscaling/v1' } });
      if (!isPlainObject(obj)) throw badRequest('the request body must be a Scale object');
      computeReplicas = () => ({ replicas: applyScale(obj), rv: isPlainObject(obj) && isPlainObject(obj.metadata) ? (obj.metadata.resourceVersion as string | undefined) : undefined });
    } else if (info.verb === 'patch') {
      const mt = mediaTypeOf(req.headers['content-type']);
      const allowed = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml'];
      if (!allowed.includes(mt)) throw unsupportedMediaType(mt, allowed);
      const { obj: patch } = decodeBody(req, { allowed, fieldValidation: 'Ignore' });
      computeReplicas = (cur) => {
        const scale = scaleOf(cur);
        const next = mt === 'application/json-patch+json' ? applyJsonPatch(scale, patch) : applyMergePatch(scale, mt === 'application/apply-patch+yaml' && isPlainObject(patch) ? { spec: patch.spec } : patch);
        const typeError = isPlainObject(next) ? typedDecode(next, SCALE_SCHEMA, 'Scale', { prune: true }).typeError : 'the patched Scale is not an object';
        if (typeError) {
          const badValue = JSON.stringify(next);
          throw new StatusError(422, 'Invalid', ` "" is invalid: patch: Invalid value: ${JSON.stringify(badValue)}: ${typeError}`, { causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(badValue)}: ${typeError}`, field: 'patch' }] });
        }
        return { replicas: applyScale(next) };
      };
    } else throw methodNotAllowed(req.method, `${info.resource}/scale`);

    const updated = await reg.mutate(ns, name, (cur, curRev) => {
      const { replicas, rv } = computeReplicas(cur);
      if (rv && rv !== String(curRev)) throw conflict({ group: 'autoscaling', resource: `${info.resource}` }, name, OPTIMISTIC_LOCK_MESSAGE);
      if (replicas === undefined) return null;
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw invalid('autoscaling', 'Scale', name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas, detail: 'must be greater than or equal to 0' }]);
      }
      const spec = (isPlainObject(cur.spec) ? cur.spec : {}) as { replicas?: number };
      if (spec.replicas === replicas) return null;
      spec.replicas = replicas;
      cur.spec = spec;
      return cur;
    }, { fieldManager: rest.fieldManager(req), subresource: 'scale', dryRun: req.query.has('dryRun'), user: req.user });
    sendJson(res, 200, scaleOf(updated));
  }

  /** pods/binding: the scheduler assigns a pod to a node. */
  private async binding(req: ApiRequest, res: ResponseSink, info: RequestInfo, reg: GenericRegistry): Promise<void> {
    if (info.verb !== 'create') throw methodNotAllowed(req.method, 'pods/binding');
    const { obj } = decodeBody(req, { allowed: BODY_TYPES, fieldValidation: 'Ignore' });
    await bindPod(reg, info.namespace, info.name, obj, this.clock);
    sendJson(res, 201, successStatus());
  }
}

export async function bindPod(reg: GenericRegistry, namespace: string, podName: string, binding: unknown, clock: Clock): Promise<void> {
  if (!isPlainObject(binding)) throw badRequest('the request body must be a Binding');
  const target = binding.target as { kind?: string; name?: string } | undefined;
  const meta = (binding.metadata ?? {}) as { name?: string };
  if (meta.name && meta.name !== podName) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${podName})`);
  if (!target?.name) throw invalid('', 'Binding', podName, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  if (target.kind && target.kind !== 'Node') throw invalid('', 'Binding', podName, [{ type: 'FieldValueNotSupported', field: 'target.kind', badValue: target.kind, detail: 'supported values: "Node"' }]);
  await reg.mutate(namespace, podName, (pod) => {
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is being deleted, cannot be assigned to a host`, { name: podName, kind: 'pods/binding' });
    if (spec.nodeName) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${spec.nodeName}"`, { name: podName, kind: 'pods/binding' });
    spec.nodeName = target.name;
    const status = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string; lastProbeTime?: null }[] };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(clock.now()) });
    status.conditions = conds;
    pod.status = status;
    return pod;
  }, { subresource: 'binding', fieldManager: 'kube-scheduler' });
}
