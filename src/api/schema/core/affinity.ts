// Scheduling constraints: node and pod (anti-)affinity, tolerations, topology spread.

import { f, i32, i64, listAtomic, str, struct } from '../dsl.js';
import { CORE, core, meta } from './names.js';
import { ATOMIC_STRUCT } from './shared.js';

struct(`${CORE}.Affinity`, 'A group of affinity scheduling rules.', {
  nodeAffinity: f(1, core('NodeAffinity'), 'Node affinity rules of the pod.'),
  podAffinity: f(2, core('PodAffinity'), 'Rules to co-locate the pod with other pods (same node, zone, ...).'),
  podAntiAffinity: f(3, core('PodAntiAffinity'), 'Rules to keep the pod away from other pods.'),
});

struct(`${CORE}.NodeAffinity`, 'Node affinity scheduling rules.', {
  preferredDuringSchedulingIgnoredDuringExecution: f(2, listAtomic(core('PreferredSchedulingTerm')),
    'Weighted terms the scheduler prefers; the node with the highest sum of matching weights wins.'),
  requiredDuringSchedulingIgnoredDuringExecution: f(1, core('NodeSelector'),
    'Terms a node must match for the pod to be scheduled onto it.'),
});

const podAffinityRules = (verb: string) => ({
  preferredDuringSchedulingIgnoredDuringExecution: f(2, listAtomic(core('WeightedPodAffinityTerm')),
    `Weighted terms the scheduler prefers to ${verb}.`),
  requiredDuringSchedulingIgnoredDuringExecution: f(1, listAtomic(core('PodAffinityTerm')),
    `Terms that must all be satisfied (${verb}) for the pod to be scheduled.`),
});
struct(`${CORE}.PodAffinity`, 'Inter-pod affinity scheduling rules.', podAffinityRules('co-locate with'));
struct(`${CORE}.PodAntiAffinity`, 'Inter-pod anti-affinity scheduling rules.', podAffinityRules('stay apart from'));

struct(`${CORE}.PodAffinityTerm`, 'A set of pods, and the topology domain in which this pod should (not) run with them.', {
  labelSelector: f(1, meta('LabelSelector'), 'Label query over pods; null matches no pods.'),
  matchLabelKeys: f(5, listAtomic(str()), 'Keys of this pod labels whose values are added to labelSelector with "in".'),
  mismatchLabelKeys: f(6, listAtomic(str()), 'Keys of this pod labels whose values are added to labelSelector with "notin".'),
  namespaceSelector: f(4, meta('LabelSelector'), 'Label query over namespaces the term applies to; {} matches all.'),
  namespaces: f(2, listAtomic(str()), "Names of namespaces the term applies to; this pod's namespace when empty."),
  topologyKey: f(3, str(), 'Node label key whose value defines the topology domain; may not be empty.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['topologyKey'] });

struct(`${CORE}.WeightedPodAffinityTerm`, 'A pod affinity term with a weight.', {
  podAffinityTerm: f(2, core('PodAffinityTerm'), 'The pod affinity term.'),
  weight: f(1, i32(), 'Weight of the term, 1-100.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['weight', 'podAffinityTerm'] });

struct(`${CORE}.NodeSelector`, 'The OR of several node selector terms.', {
  nodeSelectorTerms: f(1, listAtomic(core('NodeSelectorTerm')), 'The terms, ORed.'),
}, { required: ['nodeSelectorTerms'], ...ATOMIC_STRUCT });

struct(`${CORE}.NodeSelectorTerm`, 'Node selector requirements that are ANDed; an empty term matches nothing.', {
  matchExpressions: f(1, listAtomic(core('NodeSelectorRequirement')), 'Requirements on node labels.'),
  matchFields: f(2, listAtomic(core('NodeSelectorRequirement')), 'Requirements on node fields.'),
}, ATOMIC_STRUCT);

struct(`${CORE}.NodeSelectorRequirement`, 'A key, an operator and values that a node label or field must satisfy.', {
  key: f(1, str(), 'Label key or field the requirement applies to.', { 'x-kite-proto-keep-zero': true }),
  operator: f(2, str(), 'In, NotIn, Exists, DoesNotExist, Gt or Lt.', { 'x-kite-proto-keep-zero': true }),
  values: f(3, listAtomic(str()), 'Values to compare with; one integer for Gt and Lt, none for Exists and DoesNotExist.'),
}, { required: ['key', 'operator'] });

struct(`${CORE}.PreferredSchedulingTerm`, 'A node selector term with a weight.', {
  preference: f(2, core('NodeSelectorTerm'), 'The node selector term.'),
  weight: f(1, i32(), 'Weight of the term, 1-100.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['weight', 'preference'] });

struct(`${CORE}.Toleration`, 'Lets the pod tolerate taints that match key, value and effect under the operator.', {
  effect: f(4, str(), 'Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.'),
  key: f(1, str(), 'Taint key to match; empty with operator Exists matches every taint.'),
  operator: f(2, str(), 'Exists or Equal; defaults to Equal.'),
  tolerationSeconds: f(5, i64(), 'For NoExecute, how long the pod stays bound after the taint appears; forever when unset.', { 'x-kite-proto-keep-zero': true }),
  value: f(3, str(), 'Taint value to match; empty for operator Exists.'),
});

struct(`${CORE}.TopologySpreadConstraint`, 'How matching pods are spread over a topology.', {
  labelSelector: f(4, meta('LabelSelector'), 'Selects the pods counted in each topology domain.'),
  matchLabelKeys: f(8, listAtomic(str()), 'Keys of this pod labels whose values are ANDed with labelSelector.'),
  maxSkew: f(1, i32(), 'Largest allowed difference of matching pods between domains; at least 1.', { 'x-kite-proto-keep-zero': true }),
  minDomains: f(5, i32(), 'Minimum number of eligible domains; below it the global minimum counts as 0.', { 'x-kite-proto-keep-zero': true }),
  nodeAffinityPolicy: f(6, str(), 'Honor or Ignore the pod node affinity when computing skew; Honor when unset.', { 'x-kite-proto-keep-zero': true }),
  nodeTaintsPolicy: f(7, str(), 'Honor or Ignore node taints when computing skew; Ignore when unset.', { 'x-kite-proto-keep-zero': true }),
  topologyKey: f(2, str(), 'Node label key whose values define the topology domains.', { 'x-kite-proto-keep-zero': true }),
  whenUnsatisfiable: f(3, str(), 'DoNotSchedule or ScheduleAnyway when the constraint cannot be met.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] });

struct(`${CORE}.TopologySelectorTerm`, 'Label requirements that are ANDed; an empty term matches nothing.', {
  matchLabelExpressions: f(1, listAtomic(core('TopologySelectorLabelRequirement')), 'The label requirements.'),
}, ATOMIC_STRUCT);

struct(`${CORE}.TopologySelectorLabelRequirement`, 'A label key and the values one of which must match.', {
  key: f(1, str(), 'Label key the requirement applies to.', { 'x-kite-proto-keep-zero': true }),
  values: f(2, listAtomic(str()), 'Values, ORed.'),
}, { required: ['key', 'values'] });
