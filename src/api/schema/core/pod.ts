// Pod, PodSpec, pod templates and Binding.

import { bool, f, i32, i64, listAtomic, listMap, map, quantity, str, struct } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core, meta } from './names.js';

kind('Pod', 'A group of containers that run together on one node.', {
  ...objectHeader(),
  spec: f(2, core('PodSpec'), 'Desired behaviour of the pod.'),
  status: f(3, core('PodStatus'), 'Most recently observed status of the pod, populated by the system.'),
});
kindList('Pod', 'A list of Pods.', 'The pods.');

struct(`${CORE}.PodSpec`, 'Description of a pod.', {
  activeDeadlineSeconds: f(5, i64(), 'Seconds the pod may be active on a node, from its start time, before it is failed.', { 'x-kite-proto-keep-zero': true }),
  affinity: f(18, core('Affinity'), 'Scheduling constraints of the pod.'),
  automountServiceAccountToken: f(21, bool(), 'Whether a service account token is mounted automatically.', { 'x-kite-proto-keep-zero': true }),
  containers: f(2, listMap(core('Container'), 'name'), 'Containers of the pod; there must be at least one.'),
  dnsConfig: f(26, core('PodDNSConfig'), 'DNS parameters merged into those generated from dnsPolicy.'),
  dnsPolicy: f(6, str(), 'DNS policy: ClusterFirst, ClusterFirstWithHostNet, Default or None; defaults to ClusterFirst.'),
  enableServiceLinks: f(30, bool(), 'Whether service information is injected as environment variables; defaults to true.', { 'x-kite-proto-keep-zero': true }),
  ephemeralContainers: f(34, listMap(core('EphemeralContainer'), 'name'), 'Ephemeral containers added through the ephemeralcontainers subresource.'),
  hostAliases: f(23, listMap(core('HostAlias'), 'ip'), "Entries added to the pod's hosts file."),
  hostIPC: f(13, bool(), "Use the host's IPC namespace."),
  hostNetwork: f(11, bool(), "Use the host's network namespace."),
  hostPID: f(12, bool(), "Use the host's PID namespace."),
  hostUsers: f(37, bool(), "Use the host's user namespace; false creates a new user namespace for the pod.", { 'x-kite-proto-keep-zero': true }),
  hostname: f(16, str(), 'Hostname of the pod; system-defined when unset.'),
  hostnameOverride: f(41, str(), 'Explicit hostname of the pod, taking precedence over hostname and subdomain.', { 'x-kite-proto-keep-zero': true }),
  imagePullSecrets: f(15, listMap(core('LocalObjectReference'), 'name'), 'Secrets in the same namespace used to pull the images.'),
  initContainers: f(20, listMap(core('Container'), 'name'), 'Containers run in order, to completion, before the app containers start.'),
  nodeName: f(10, str(), 'Node the pod is bound to; the scheduler fills it in.'),
  nodeSelector: f(7, map(str(), { 'x-kubernetes-map-type': 'atomic' }), 'Labels a node must have for the pod to be scheduled on it.'),
  os: f(36, core('PodOS'), 'Operating system of the containers, which restricts some fields.'),
  overhead: f(32, map(quantity()), 'Resource overhead of running the pod with its RuntimeClass, set at admission.'),
  preemptionPolicy: f(31, str(), 'Never or PreemptLowerPriority; defaults to PreemptLowerPriority.', { 'x-kite-proto-keep-zero': true }),
  priority: f(25, i32(), 'Priority value, filled in from priorityClassName at admission.', { 'x-kite-proto-keep-zero': true }),
  priorityClassName: f(24, str(), 'Name of the PriorityClass of the pod.'),
  readinessGates: f(28, listAtomic(core('PodReadinessGate')), 'Extra pod conditions that must be True for the pod to be ready.'),
  resourceClaims: f(39, listMap(core('PodResourceClaim'), 'name', { strategy: 'merge,retainKeys' }), 'ResourceClaims to allocate and reserve before the pod starts.'),
  resources: f(40, core('ResourceRequirements'), 'Total CPU and memory for all containers of the pod (PodLevelResources).'),
  restartPolicy: f(3, str(), 'Restart policy of all containers: Always, OnFailure or Never; defaults to Always.'),
  runtimeClassName: f(29, str(), 'RuntimeClass used to run the pod.', { 'x-kite-proto-keep-zero': true }),
  schedulerName: f(19, str(), 'Scheduler that dispatches the pod; the default scheduler when unset.'),
  schedulingGates: f(38, listMap(core('PodSchedulingGate'), 'name'), 'Gates that keep the pod from being scheduled while present.'),
  securityContext: f(14, core('PodSecurityContext'), 'Pod-level security attributes and container defaults.'),
  serviceAccount: f(9, str(), 'Deprecated alias of serviceAccountName.'),
  serviceAccountName: f(8, str(), 'ServiceAccount the pod runs as.'),
  setHostnameAsFQDN: f(35, bool(), "Set the pod's FQDN as its hostname; defaults to false.", { 'x-kite-proto-keep-zero': true }),
  shareProcessNamespace: f(27, bool(), 'Share one process namespace between all containers of the pod.', { 'x-kite-proto-keep-zero': true }),
  subdomain: f(17, str(), 'Subdomain giving the pod the FQDN <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.'),
  terminationGracePeriodSeconds: f(4, i64(), 'Seconds the pod has to stop gracefully; defaults to 30.', { 'x-kite-proto-keep-zero': true }),
  tolerations: f(22, listAtomic(core('Toleration')), 'Tolerations of the pod.'),
  topologySpreadConstraints: f(33, listMap(core('TopologySpreadConstraint'), ['topologyKey', 'whenUnsatisfiable']),
    'How the pod and its peers spread over topology domains.'),
  volumes: f(1, listMap(core('Volume'), 'name', { strategy: 'merge,retainKeys' }), 'Volumes the containers of the pod can mount.'),
}, { required: ['containers'] });

struct(`${CORE}.HostAlias`, 'An IP and the hostnames written for it into the pod hosts file.', {
  hostnames: f(2, listAtomic(str()), 'Hostnames of the IP address.'),
  ip: f(1, str(), 'IP address of the hosts file entry.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['ip'] });

struct(`${CORE}.PodDNSConfig`, 'DNS parameters of a pod added to those generated from its DNS policy.', {
  nameservers: f(1, listAtomic(str()), 'DNS name server IP addresses.'),
  options: f(3, listAtomic(core('PodDNSConfigOption')), 'DNS resolver options.'),
  searches: f(2, listAtomic(str()), 'DNS search domains.'),
});

struct(`${CORE}.PodDNSConfigOption`, 'A DNS resolver option of a pod.', {
  name: f(1, str(), 'Name of the option.'),
  value: f(2, str(), 'Value of the option.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.PodReadinessGate`, 'A pod condition that must be True for the pod to be ready.', {
  conditionType: f(1, str(), 'Type of the condition in the pod condition list.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['conditionType'] });

struct(`${CORE}.PodOS`, 'Operating system of a pod.', {
  name: f(1, str(), 'Name of the operating system: linux or windows.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name'] });

struct(`${CORE}.PodSchedulingGate`, 'A gate that keeps a pod from being scheduled.', {
  name: f(1, str(), 'Name of the gate, unique within the pod.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name'] });

struct(`${CORE}.PodResourceClaim`, 'A named ResourceClaim of a pod, given directly or through a ResourceClaimTemplate.', {
  name: f(1, str(), 'Name of the claim within the pod, a DNS_LABEL.', { 'x-kite-proto-keep-zero': true }),
  resourceClaimName: f(3, str(), 'Name of an existing ResourceClaim in the same namespace.', { 'x-kite-proto-keep-zero': true }),
  resourceClaimTemplateName: f(4, str(), 'Name of a ResourceClaimTemplate a claim is created from for this pod.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name'] });

struct(`${CORE}.PodTemplateSpec`, 'The metadata and spec of pods created from a template.', {
  metadata: f(1, meta('ObjectMeta'), "Standard object's metadata."),
  spec: f(2, core('PodSpec'), 'Desired behaviour of the pod.'),
});

kind('PodTemplate', 'A template for creating copies of a pod.', {
  ...objectHeader(),
  template: f(2, core('PodTemplateSpec'), 'The pods created from this template.'),
});
kindList('PodTemplate', 'A list of PodTemplates.', 'The pod templates.');

kind('Binding', 'Ties one object to another, such as a pod to a node; use the pods/binding subresource.', {
  ...objectHeader(),
  target: f(2, core('ObjectReference'), 'The object to bind to.'),
}, { required: ['target'] });
