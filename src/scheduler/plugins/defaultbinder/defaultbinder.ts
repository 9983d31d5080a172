// DefaultBinder: binds through the pods/binding subresource
// (POST /api/v1/namespaces/<ns>/pods/<name>/binding).

import type { Client } from '../../../client/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { BindPlugin } from '../../framework/interfaces.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, errorStatus, type Status } from '../../framework/status.js';

export const NAME = 'DefaultBinder';

/** The v1 Binding object for a pod and node. */
export function bindingFor(pod: PodInfo, nodeName: string): Record<string, unknown> {
  const metadata: Record<string, string> = { namespace: pod.namespace, name: pod.name };
  if (pod.uid) metadata['uid'] = pod.uid;
  return { apiVersion: 'v1', kind: 'Binding', metadata, target: { kind: 'Node', name: nodeName } };
}

export class DefaultBinder implements BindPlugin {
  readonly name = NAME;

  constructor(private readonly client: Client) {}

  async bind(_state: CycleState, pod: PodInfo, nodeName: string): Promise<Status> {
    try {
      await this.client.request({
        method: 'POST',
        path: `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/binding`,
        body: bindingFor(pod, nodeName),
      });
      return SUCCESS;
    } catch (e) {
      return errorStatus(e).withPlugin(NAME);
    }
  }
}
