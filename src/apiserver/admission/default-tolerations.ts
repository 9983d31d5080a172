// DefaultTolerationSeconds admission: every pod tolerates node.kubernetes.io/not-ready and
// node.kubernetes.io/unreachable (NoExecute) for 300 s unless it says otherwise, so the node
// lifecycle controller evicts pods from a dead node after five minutes, as upstream.

import type { AdmissionPlugin } from '../registry/generic.js';

interface Toleration { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

export function defaultTolerationSeconds(seconds = 300): AdmissionPlugin {
  return {
    name: 'DefaultTolerationSeconds',
    admit(op, obj, _old, ctx) {
      if (op !== 'CREATE' || ctx.resource.kind !== 'Pod' || ctx.resource.group !== '' || ctx.subresource) return;
      const spec = (obj.spec ??= {}) as { tolerations?: Toleration[] };
      const tols = spec.tolerations ?? [];
      const covers = (key: string) => tols.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === key && (t.effect === 'NoExecute' || !t.effect)));
      for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
        if (!covers(key)) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
      }
      spec.tolerations = tols;
    },
  };
}
