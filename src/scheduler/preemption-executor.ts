// Preemption's API side effects: mark a victim with a DisruptionTarget condition, delete it
// gracefully and record a Preempted event; clear a nomination that no longer fits.

import type { Client, EventRecorder } from '../client/index.js';
import { rfc3339, type Clock } from '../machinery/clock.js';
import type { Pod } from './api-types.js';
import type { PreemptionExecutor } from './plugins/defaultpreemption/defaultpreemption.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };

export interface ApiPreemptionExecutorOptions {
  client: Client;
  recorder: EventRecorder;
  /** Named in the DisruptionTarget message (`<scheduler>: preempting to accommodate ...`). */
  schedulerName: string;
  clock: Clock;
}

export function apiPreemptionExecutor(o: ApiPreemptionExecutorOptions): PreemptionExecutor {
  const pods = (ns: string) => o.client.resource<Pod>(PODS, ns);
  return {
    async preemptVictim(preemptor, victim, nodeName) {
      const cond = {
        type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler',
        message: `${o.schedulerName}: preempting to accommodate a higher priority pod`,
        lastTransitionTime: rfc3339(o.clock.now()),
      };
      try {
        await pods(victim.namespace).patch(victim.name, { status: { conditions: [cond] } }, 'strategic', { subresource: 'status' });
        await pods(victim.namespace).delete(victim.name);
      } catch (e) {
        if ((e as { code?: number }).code === 404) return;
        throw e;
      }
      o.recorder.event(victim.pod, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${nodeName}`);
    },
    async clearNominatedNodeName(pod) {
      await pods(pod.namespace).patch(pod.name, { status: { nominatedNodeName: null } }, 'strategic', { subresource: 'status' });
    },
  };
}
