// The pod a workload controller creates from its template (upstream controller_utils.go
// GetPodFromTemplate): template labels, annotations and finalizers, generateName "<owner>-",
// the controller reference, and a copy of the template's spec.

import type { OwnerReference } from '../../api/types.js';
import type { Pod, PodTemplateSpec } from '../runtime/types.js';

/** Upstream getPodsPrefix: "<name>-", or just the name when that would not be a valid prefix. */
export function podNamePrefix(ownerName: string): string {
  const prefix = `${ownerName}-`;
  return /^[a-z0-9]([-a-z0-9.]*)?$/.test(prefix) && prefix.length <= 253 ? prefix : ownerName;
}

export function podFromTemplate(template: PodTemplateSpec, ownerName: string, namespace: string, controllerRef: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podNamePrefix(ownerName),
      namespace,
      ownerReferences: [{ ...controllerRef }],
    },
    spec: structuredClone(template.spec ?? {}),
  };
  if (meta.labels && Object.keys(meta.labels).length) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}
