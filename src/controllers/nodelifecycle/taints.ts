// Taints the node lifecycle controller manages, and toleration matching (upstream
// nodelifecycle/node_lifecycle_controller.go templates, pkg/util/taints, and
// core/v1 Toleration.ToleratesTaint / GetMatchingTolerations).

import type { Condition, Node, Taint, TaintEffect, Toleration } from '../runtime/types.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' };
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };

/** Node condition (type, status) -> NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

export function nodeCondition(node: Node, type: string): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** Same key and effect (upstream Taint.MatchTaint). */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => matchTaint(x, t));
}

/** The NoSchedule taints a node's conditions (and spec.unschedulable) call for. */
export function noScheduleTaintsFor(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The node's NoSchedule taints this controller manages. */
export function managedNoScheduleTaints(node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
}

/** Taints in `want` but not in `have`, and in `have` but not in `want` (by key and effect). */
export function taintSetDiff(want: readonly Taint[], have: readonly Taint[]): { toAdd: Taint[]; toRemove: Taint[] } {
  return {
    toAdd: want.filter((t) => !taintExists(have, t)),
    toRemove: have.filter((t) => !taintExists(want, t)),
  };
}

/**
 * The node's taints with `toRemove` gone and `toAdd` added (stamped `timeAdded`), or undefined
 * when nothing would change (upstream SwapNodeControllerTaint).
 */
export function swapTaints(current: readonly Taint[] | undefined, toAdd: readonly Taint[], toRemove: readonly Taint[], timeAdded: string): Taint[] | undefined {
  const cur = [...(current ?? [])];
  let next = cur.filter((t) => !toRemove.some((r) => matchTaint(r, t)));
  let changed = next.length !== cur.length;
  for (const t of toAdd) {
    const i = next.findIndex((x) => matchTaint(x, t));
    const stamped: Taint = { key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect, timeAdded };
    if (i >= 0) {
      if ((next[i]?.value ?? '') === (t.value ?? '')) continue;
      next = [...next.slice(0, i), stamped, ...next.slice(i + 1)];
    } else {
      next.push(stamped);
    }
    changed = true;
  }
  return changed ? next : undefined;
}

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether every taint is tolerated, and the tolerations that did it (upstream GetMatchingTolerations). */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/**
 * How long the pod may stay (ms): 0 at once, -1 forever (upstream getMinTolerationTime): the
 * smallest tolerationSeconds of the used tolerations; none set means forever.
 */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (!used.length) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === ('NoExecute' satisfies TaintEffect));
}
