// Builders for Deployment and ReplicaSet objects in unit tests.

import type { Deployment, IntOrString, ReplicaSet } from '../runtime/types.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION } from './annotations.js';

export const T0 = Date.UTC(2026, 0, 1);
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface DeploymentFixture {
  replicas?: number;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  recreate?: boolean;
  image?: string;
  generation?: number;
  status?: Deployment['status'];
  annotations?: Record<string, string>;
  progressDeadlineSeconds?: number;
}

export function deployment(o: DeploymentFixture = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: o.generation ?? 1, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1' }] } },
      strategy: o.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

export interface ReplicaSetFixture {
  name: string;
  replicas: number;
  available?: number;
  ready?: number;
  actual?: number;
  createdAt?: number;
  image?: string;
  revision?: number;
  desired?: number;
  max?: number;
}

export function replicaSet(o: ReplicaSetFixture): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (o.revision !== undefined) annotations[REVISION_ANNOTATION] = String(o.revision);
  if (o.desired !== undefined) annotations[DESIRED_REPLICAS_ANNOTATION] = String(o.desired);
  if (o.max !== undefined) annotations[MAX_REPLICAS_ANNOTATION] = String(o.max);
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: o.name, namespace: 'ns', uid: `uid-${o.name}`, creationTimestamp: iso(o.createdAt ?? T0), annotations },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': o.name } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': o.name } }, spec: { containers: [{ name: 'c', image: o.image ?? `img-${o.name}` }] } },
    },
    status: { replicas: o.actual ?? o.replicas, readyReplicas: o.ready ?? o.available ?? 0, availableReplicas: o.available ?? 0 },
  };
}
