// The parts of core/v1 (and scheduling/policy) objects the scheduler reads. Objects are plain JSON
// as served by the API server; these types describe them loosely (every field optional) so that
// code reading them handles absent fields.

import type { KubeObject } from '../api/types.js';
import type { MetaLabelSelector } from '../machinery/labels.js';

export type ResourceList = Readonly<Record<string, string | number>>;

export interface ResourceRequirements {
  requests?: ResourceList | null;
  limits?: ResourceList | null;
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface Container {
  name?: string;
  image?: string;
  resources?: ResourceRequirements | null;
  ports?: readonly ContainerPort[] | null;
  /** Init containers only: 'Always' makes it a sidecar. */
  restartPolicy?: string;
}

export interface Toleration {
  key?: string;
  /** 'Exists' | 'Equal' (default). */
  operator?: string;
  value?: string;
  /** '' (all effects) | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'. */
  effect?: string;
  tolerationSeconds?: number | null;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  operator: string;
  values?: readonly string[] | null;
}

export interface NodeSelectorTerm {
  matchExpressions?: readonly NodeSelectorRequirement[] | null;
  matchFields?: readonly NodeSelectorRequirement[] | null;
}

export interface NodeSelector {
  nodeSelectorTerms?: readonly NodeSelectorTerm[] | null;
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[] | null;
}

export interface PodAffinityTerm {
  labelSelector?: MetaLabelSelector | null;
  namespaces?: readonly string[] | null;
  topologyKey: string;
  namespaceSelector?: MetaLabelSelector | null;
  matchLabelKeys?: readonly string[] | null;
  mismatchLabelKeys?: readonly string[] | null;
}

export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[] | null;
}

export interface Affinity {
  nodeAffinity?: NodeAffinity | null;
  podAffinity?: PodAffinity | null;
  podAntiAffinity?: PodAffinity | null;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** 'DoNotSchedule' | 'ScheduleAnyway'. */
  whenUnsatisfiable: string;
  labelSelector?: MetaLabelSelector | null;
  minDomains?: number | null;
  /** 'Honor' (default) | 'Ignore'. */
  nodeAffinityPolicy?: string | null;
  /** 'Honor' | 'Ignore' (default). */
  nodeTaintsPolicy?: string | null;
  matchLabelKeys?: readonly string[] | null;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Readonly<Record<string, string>> | null;
  affinity?: Affinity | null;
  tolerations?: readonly Toleration[] | null;
  containers?: readonly Container[] | null;
  initContainers?: readonly Container[] | null;
  overhead?: ResourceList | null;
  /** Pod-level resources (PodLevelResources). */
  resources?: ResourceRequirements | null;
  schedulerName?: string;
  priority?: number | null;
  priorityClassName?: string;
  /** 'PreemptLowerPriority' (default) | 'Never'. */
  preemptionPolicy?: string | null;
  topologySpreadConstraints?: readonly TopologySpreadConstraint[] | null;
  schedulingGates?: readonly { name: string }[] | null;
  hostNetwork?: boolean;
  terminationGracePeriodSeconds?: number | null;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

export interface PodStatus {
  phase?: string;
  conditions?: readonly PodCondition[] | null;
  nominatedNodeName?: string;
  startTime?: string;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface NodeSpec {
  unschedulable?: boolean;
  taints?: readonly Taint[] | null;
}

export interface NodeStatus {
  allocatable?: ResourceList | null;
  capacity?: ResourceList | null;
  conditions?: readonly { type: string; status: string }[] | null;
}

export interface Node extends KubeObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}

/** scheduling.k8s.io/v1 PriorityClass. */
export interface PriorityClass extends KubeObject {
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** policy/v1 PodDisruptionBudget (the fields preemption reads). */
export interface PodDisruptionBudget extends KubeObject {
  spec?: { selector?: MetaLabelSelector | null };
  status?: { disruptionsAllowed?: number; disruptedPods?: Readonly<Record<string, string>> | null };
}

/** core/v1 Service (the selector default spreading reads). */
export interface Service extends KubeObject {
  spec?: { selector?: Readonly<Record<string, string>> | null };
}

/** apps/v1 ReplicaSet or StatefulSet (the selector default spreading reads). */
export interface SelectorOwner extends KubeObject {
  spec?: { selector?: MetaLabelSelector | null };
}

export interface Namespace extends KubeObject {}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
