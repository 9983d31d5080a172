// The default profile, in upstream's plugin order (default_plugins.go) with its score weights:
// SchedulingGates, PrioritySort (the queue), NodeUnschedulable, NodeName, TaintToleration (3),
// NodeAffinity (2), NodePorts, NodeResourcesFit (1), PodTopologySpread (2), InterPodAffinity (2),
// DefaultPreemption, NodeResourcesBalancedAllocation (1), DefaultBinder.

import type { Client } from '../../client/index.js';
import type { LabelSelector } from '../../machinery/labels.js';
import type { Pod } from '../api-types.js';
import type { Plugin } from '../framework/interfaces.js';
import { DefaultBinder } from './defaultbinder/defaultbinder.js';
import { DefaultPreemption, type PreemptionHandle } from './defaultpreemption/defaultpreemption.js';
import { InterPodAffinity } from './interpodaffinity/interpodaffinity.js';
import { NodeAffinity } from './nodeaffinity/nodeaffinity.js';
import { NodeName } from './nodename/nodename.js';
import { NodePorts } from './nodeports/nodeports.js';
import { Fit } from './noderesources/fit.js';
import { BalancedAllocation } from './noderesources/least-allocated.js';
import { NodeUnschedulable } from './nodeunschedulable/nodeunschedulable.js';
import { PodTopologySpread } from './podtopologyspread/podtopologyspread.js';
import { SchedulingGates } from './schedulinggates/schedulinggates.js';
import { TaintToleration } from './tainttoleration/tainttoleration.js';

export interface PluginHandle extends PreemptionHandle {
  client: Client;
  /** Selector for default topology spreading (services, ReplicaSet, StatefulSet of the pod). */
  defaultSelector(pod: Pod): LabelSelector | undefined;
}

export interface DefaultProfileOptions {
  /** Run the DefaultPreemption PostFilter. Default true. */
  preemption?: boolean;
}

export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
};

export function defaultPlugins(h: PluginHandle, opts: DefaultProfileOptions = {}): Plugin[] {
  const plugins: Plugin[] = [
    new SchedulingGates(),
    new NodeUnschedulable(),
    new NodeName(),
    new TaintToleration(),
    new NodeAffinity(),
    new NodePorts(),
    new Fit(),
    new PodTopologySpread(h.snapshot, { defaultSelector: (pod) => h.defaultSelector(pod) }),
    new InterPodAffinity(h.snapshot),
  ];
  if (opts.preemption ?? true) plugins.push(new DefaultPreemption(h));
  plugins.push(new BalancedAllocation(), new DefaultBinder(h.client));
  return plugins;
}
