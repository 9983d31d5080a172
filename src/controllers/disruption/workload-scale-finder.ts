// Resolves a pod's controller reference to the workload that sets its scale (upstream finders():
// a ReplicaSet's Deployment, a ReplicaSet without one, a StatefulSet, then any resource with a
// scale subresource). Caches are tried first; only the last resort reads from the API server.

import type { OwnerReference } from '../../api/types.js';
import { RESOURCES, findByKind, type ResourceInfo } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { isNotFound } from '../runtime/api-errors.js';
import { controllerRefOf } from '../runtime/owner-refs.js';
import type { Deployment, ReplicaSet } from '../runtime/types.js';
import type { ControllerScale, ControllerScaleFinder } from './expected-pods.js';
import type { Scale, StatefulSet } from './types.js';

export interface WorkloadScaleFinderOptions {
  replicaSets: Informer<ReplicaSet>;
  deployments: Informer<Deployment>;
  statefulSets: Informer<StatefulSet>;
  /** For the scale subresource of any other controller kind. */
  client: Client;
}

/** schema.ParseGroupVersion: "" -> core, "v1" -> core/v1, "g/v" -> g/v; more slashes are an error. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  throw new Error(`unexpected GroupVersion string: ${apiVersion}`);
}

/** verifyGroupKind: the reference names `kind` in one of `groups`. */
function refersTo(ref: OwnerReference, kind: string, groups: readonly string[]): boolean {
  const { group } = parseGroupVersion(ref.apiVersion);
  return ref.kind === kind && groups.includes(group);
}

const APPS = ['apps', 'extensions'];

export function workloadScaleFinder(options: WorkloadScaleFinderOptions): ControllerScaleFinder {
  const { replicaSets, deployments, statefulSets, client } = options;

  const replicaSetOf = (ref: OwnerReference, namespace: string): ReplicaSet | undefined => {
    if (!refersTo(ref, 'ReplicaSet', APPS)) return undefined;
    const rs = replicaSets.getByName(ref.name, namespace);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  };

  const deploymentOf = (ref: OwnerReference, namespace: string): ControllerScale | undefined => {
    const rs = replicaSetOf(ref, namespace);
    const owner = rs && controllerRefOf(rs);
    if (!owner || !refersTo(owner, 'Deployment', APPS)) return undefined;
    const d = deployments.getByName(owner.name, namespace);
    if (!d || d.metadata.uid !== owner.uid) return undefined;
    return { uid: owner.uid, scale: d.spec?.replicas ?? 1 };
  };

  const bareReplicaSetOf = (ref: OwnerReference, namespace: string): ControllerScale | undefined => {
    const rs = replicaSetOf(ref, namespace);
    if (!rs) return undefined;
    // A ReplicaSet a Deployment controls is counted through the Deployment (or not at all).
    if (controllerRefOf(rs)?.kind === 'Deployment') return undefined;
    return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
  };

  const statefulSetOf = (ref: OwnerReference, namespace: string): ControllerScale | undefined => {
    if (!refersTo(ref, 'StatefulSet', ['apps'])) return undefined;
    const ss = statefulSets.getByName(ref.name, namespace);
    if (!ss || ss.metadata.uid !== ref.uid) return undefined;
    return { uid: ref.uid, scale: ss.spec?.replicas ?? 1 };
  };

  const scaleOf = async (ref: OwnerReference, namespace: string): Promise<ControllerScale | undefined> => {
    const gv = parseGroupVersion(ref.apiVersion);
    const info: ResourceInfo | undefined = findByKind(ref.apiVersion, ref.kind)
      ?? RESOURCES.find((r) => r.group === gv.group && r.kind === ref.kind);
    if (!info) throw new Error(`no matches for kind ${JSON.stringify(ref.kind)} in version ${JSON.stringify(ref.apiVersion)}`);
    if (!info.subresources.some((s) => s.name === 'scale')) {
      throw new Error(`${info.group ? `${info.resource}.${info.group}` : info.resource} does not implement the scale subresource`);
    }
    let scale: Scale;
    try {
      scale = await client.resource(info, namespace).subresource(ref.name, 'scale', namespace).get<Scale>();
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    if (scale.metadata?.uid !== ref.uid) return undefined;
    return { uid: ref.uid, scale: scale.spec?.replicas ?? 0 };
  };

  return async (ref, namespace) => deploymentOf(ref, namespace)
    ?? bareReplicaSetOf(ref, namespace)
    ?? statefulSetOf(ref, namespace)
    ?? scaleOf(ref, namespace);
}
