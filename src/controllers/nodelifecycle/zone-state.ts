// Zone disruption states (upstream ComputeZoneState): a zone whose nodes are all unready is in
// full disruption; one with more than two unready nodes making up at least the unhealthy
// threshold is in partial disruption; otherwise it is normal.

import type { Condition, Node } from '../runtime/types.js';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';
/** Nodes with this label are left out of disruption checks. */
export const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';

/** Upstream nodetopology.GetZoneKey: "<region>:\x00:<zone>", or "" without either label. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[REGION_LABEL] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels[ZONE_LABEL] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (!region && !zone) return '';
  return `${region}:\x00:${zone}`;
}

export function computeZoneState(readyConditions: readonly (Condition | undefined)[], unhealthyThreshold: number): { unhealthy: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) if (c?.status === 'True') ready++; else notReady++;
  if (ready === 0 && notReady > 0) return { unhealthy: notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return { unhealthy: notReady, state: 'PartialDisruption' };
  return { unhealthy: notReady, state: 'Normal' };
}
