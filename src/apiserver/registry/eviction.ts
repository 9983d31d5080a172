// pods/eviction: a delete that respects PodDisruptionBudgets (what `kubectl drain` uses).
// Upstream: pkg/registry/core/pod/storage/eviction.go.

import type { KubeObject } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { StatusError, badRequest, methodNotAllowed, successStatus, tooManyRequests } from '../../machinery/errors.js';
import { labelSelectorFromMeta } from '../../machinery/index.js';
import type { Clock } from '../../machinery/clock.js';
import { rfc3339 } from '../../machinery/clock.js';
import type { SubresourceHandler } from './subresources.js';
import type { GenericRegistry } from './generic.js';
import { decodeBody } from '../rest.js';
import { BODY_TYPES } from '../negotiation.js';
import { sendJson } from '../respond.js';

function isReady(pod: KubeObject): boolean {
  const conds = ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions) ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function evictionHandler(pdbs: () => GenericRegistry | undefined, clock: Clock): SubresourceHandler {
  return async (req, res, info, podReg) => {
    if (info.verb !== 'create') throw methodNotAllowed(req.method, 'pods/eviction');
    const { obj } = decodeBody(req, { allowed: BODY_TYPES, fieldValidation: 'Ignore' });
    if (!isPlainObject(obj)) throw badRequest('the request body must be an Eviction');
    const meta = (obj.metadata ?? {}) as { name?: string };
    if (meta.name && meta.name !== info.name) throw badRequest(`name in URL does not match name in Eviction object`);
    const deleteOptions = (isPlainObject(obj.deleteOptions) ? obj.deleteOptions : {}) as { gracePeriodSeconds?: number; dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string } };
    const dryRun = req.query.has('dryRun') || (deleteOptions.dryRun ?? []).includes('All');
    const pod = (await podReg.get(info.namespace, info.name)).obj;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const pdbReg = pdbs();
    // Terminal or already-deleting pods, and pods no budget covers, are deleted at once.
    if (pdbReg && phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp) {
      const matching = (await pdbReg.list(info.namespace, {})).entries.map((e) => e.obj).filter((pdb) => {
        const sel = (pdb.spec as { selector?: Parameters<typeof labelSelectorFromMeta>[0] } | undefined)?.selector;
        if (!sel) return false;
        const s = labelSelectorFromMeta(sel);
        return !s.isEmpty() && s.matches(pod.metadata.labels ?? {});
      });
      if (matching.length > 1) {
        throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
      }
      const pdb = matching[0];
      if (pdb && isReady(pod)) {
        await pdbReg.mutate(info.namespace, pdb.metadata.name!, (cur) => {
          const st = (cur.status ?? {}) as { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number; observedGeneration?: number; disruptedPods?: Record<string, string> };
          if ((st.observedGeneration ?? 0) < (cur.metadata.generation ?? 0) || (st.disruptionsAllowed ?? 0) <= 0) {
            const err = tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", 0);
            err.details!.causes = [{ reason: 'DisruptionBudget', message: `The disruption budget ${cur.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently` }];
            throw err;
          }
          st.disruptionsAllowed = (st.disruptionsAllowed ?? 0) - 1;
          st.disruptedPods = { ...(st.disruptedPods ?? {}), [info.name]: rfc3339(clock.now()) };
          cur.status = st;
          return cur;
        }, { subresource: 'status', fieldManager: 'kube-apiserver', dryRun });
      }
    }
    await podReg.delete(info.namespace, info.name, { gracePeriodSeconds: deleteOptions.gracePeriodSeconds, preconditions: deleteOptions.preconditions, dryRun, user: req.user });
    sendJson(res, 201, successStatus());
  };
}
