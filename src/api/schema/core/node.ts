// Node: spec (taints, pod CIDRs), status (capacity, conditions, addresses, system info).

import { bool, f, i32, i64, listAtomic, listMap, listSet, map, quantity, str, struct, time } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';

kind('Node', 'A worker machine of the cluster.', {
  ...objectHeader(),
  spec: f(2, core('NodeSpec'), 'Desired behaviour of the node.'),
  status: f(3, core('NodeStatus'), 'Most recently observed status of the node, populated by the system.'),
});
kindList('Node', 'A list of Nodes.', 'The nodes.');

struct(`${CORE}.NodeSpec`, 'The attributes a node is created with.', {
  configSource: f(6, core('NodeConfigSource'), 'Deprecated: source of dynamic kubelet configuration, a removed feature.'),
  externalID: f(2, str(), 'Deprecated: not set by all kubelets.'),
  podCIDR: f(1, str(), 'Pod IP range assigned to the node.'),
  podCIDRs: f(7, listSet(str(), { strategy: 'merge' }), 'Pod IP ranges of the node, at most one per IP family; the first matches podCIDR.'),
  providerID: f(3, str(), 'ID of the node at its cloud provider, as <ProviderName>://<ProviderSpecificNodeID>.'),
  taints: f(5, listAtomic(core('Taint')), 'Taints of the node.'),
  unschedulable: f(4, bool(), 'Keep new pods from being scheduled on the node.'),
});

struct(`${CORE}.NodeStatus`, 'Current status of a node.', {
  addresses: f(5, listMap(core('NodeAddress'), 'type'), 'Addresses the node is reachable at; replace the list as a whole, its merge key is not unique.'),
  allocatable: f(2, map(quantity()), 'Resources available for scheduling; defaults to capacity.'),
  capacity: f(1, map(quantity()), 'Total resources of the node.'),
  conditions: f(4, listMap(core('NodeCondition'), 'type'), 'Current conditions of the node, such as Ready.'),
  config: f(11, core('NodeConfigStatus'), 'Status of the dynamic kubelet configuration.'),
  daemonEndpoints: f(6, core('NodeDaemonEndpoints'), 'Ports of the daemons running on the node.'),
  features: f(13, core('NodeFeatures'), 'Features implemented by the CRI implementation.'),
  images: f(8, listAtomic(core('ContainerImage')), 'Container images present on the node.'),
  nodeInfo: f(7, core('NodeSystemInfo'), 'IDs and versions that identify the node.'),
  phase: f(3, str(), 'Deprecated and never set: lifecycle phase of the node.'),
  runtimeHandlers: f(12, listAtomic(core('NodeRuntimeHandler')), 'Runtime handlers available on the node.'),
  volumesAttached: f(10, listAtomic(core('AttachedVolume')), 'Volumes attached to the node.'),
  volumesInUse: f(9, listAtomic(str()), 'Attachable volumes mounted by the node.'),
});

struct(`${CORE}.Taint`, 'A taint that repels pods which do not tolerate it.', {
  effect: f(3, str(), 'Effect on pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.', { 'x-kite-proto-keep-zero': true }),
  key: f(1, str(), 'Taint key.', { 'x-kite-proto-keep-zero': true }),
  timeAdded: f(4, time(), 'When the taint was added (NoExecute taints only).'),
  value: f(2, str(), 'Taint value.'),
}, { required: ['key', 'effect'] });

struct(`${CORE}.NodeCondition`, 'A condition of a node.', {
  lastHeartbeatTime: f(3, time(), 'When the condition was last updated.'),
  lastTransitionTime: f(4, time(), 'When the condition last changed status.'),
  message: f(6, str(), 'Human-readable details of the last transition.'),
  reason: f(5, str(), 'Brief reason of the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition, such as Ready or MemoryPressure.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });

struct(`${CORE}.NodeAddress`, 'An address of a node.', {
  address: f(2, str(), 'The address.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'address'] });

struct(`${CORE}.NodeDaemonEndpoints`, 'Ports opened by daemons running on a node.', {
  kubeletEndpoint: f(1, core('DaemonEndpoint'), 'Endpoint the kubelet listens on.'),
});

struct(`${CORE}.DaemonEndpoint`, 'One daemon endpoint.', {
  Port: f(1, i32(), 'Port number of the endpoint.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['Port'] });

struct(`${CORE}.NodeSystemInfo`, 'IDs and versions that identify a node.', {
  architecture: f(10, str(), 'CPU architecture reported by the node.', { 'x-kite-proto-keep-zero': true }),
  bootID: f(3, str(), 'Boot ID reported by the node.', { 'x-kite-proto-keep-zero': true }),
  containerRuntimeVersion: f(6, str(), 'Container runtime and version, such as containerd://1.7.2.', { 'x-kite-proto-keep-zero': true }),
  kernelVersion: f(4, str(), "Kernel version from 'uname -r'.", { 'x-kite-proto-keep-zero': true }),
  kubeProxyVersion: f(8, str(), 'Deprecated: kube-proxy version reported by the node.', { 'x-kite-proto-keep-zero': true }),
  kubeletVersion: f(7, str(), 'Kubelet version reported by the node.', { 'x-kite-proto-keep-zero': true }),
  machineID: f(1, str(), 'Machine ID reported by the node, preferred for identifying it.', { 'x-kite-proto-keep-zero': true }),
  operatingSystem: f(9, str(), 'Operating system reported by the node.', { 'x-kite-proto-keep-zero': true }),
  osImage: f(5, str(), 'OS image from /etc/os-release.', { 'x-kite-proto-keep-zero': true }),
  swap: f(11, core('NodeSwapStatus'), 'Swap memory of the node.'),
  systemUUID: f(2, str(), 'System UUID reported by the node.', { 'x-kite-proto-keep-zero': true }),
}, {
  required: ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion',
    'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'],
});

struct(`${CORE}.NodeSwapStatus`, 'Swap memory of a node.', {
  capacity: f(1, i64(), 'Total swap memory in bytes.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.ContainerImage`, 'A container image present on a node.', {
  names: f(1, listAtomic(str()), 'Names the image is known by.'),
  sizeBytes: f(2, i64(), 'Size of the image in bytes.'),
});

struct(`${CORE}.AttachedVolume`, 'A volume attached to a node.', {
  devicePath: f(2, str(), 'Device path where the volume is available.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Name of the attached volume.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name', 'devicePath'] });

struct(`${CORE}.NodeConfigSource`, 'Deprecated: a source of node configuration.', {
  configMap: f(2, core('ConfigMapNodeConfigSource'), 'ConfigMap holding the configuration.'),
});

struct(`${CORE}.ConfigMapNodeConfigSource`, 'Deprecated: a ConfigMap used as a node configuration source.', {
  kubeletConfigKey: f(5, str(), 'Key of the ConfigMap holding the KubeletConfiguration.', { 'x-kite-proto-keep-zero': true }),
  name: f(2, str(), 'Name of the ConfigMap.', { 'x-kite-proto-keep-zero': true }),
  namespace: f(1, str(), 'Namespace of the ConfigMap.', { 'x-kite-proto-keep-zero': true }),
  resourceVersion: f(4, str(), 'resourceVersion of the ConfigMap; only in status.'),
  uid: f(3, str(), 'UID of the ConfigMap; only in status.'),
}, { required: ['namespace', 'name', 'kubeletConfigKey'] });

struct(`${CORE}.NodeConfigStatus`, 'Deprecated: status of the configuration assigned by spec.configSource.', {
  active: f(2, core('NodeConfigSource'), 'Configuration the node actually uses.'),
  assigned: f(1, core('NodeConfigSource'), 'Configuration the node will try to use.'),
  error: f(4, str(), 'Problem reconciling spec.configSource with the active configuration.'),
  lastKnownGood: f(3, core('NodeConfigSource'), 'Configuration the node falls back to on errors.'),
});

struct(`${CORE}.NodeRuntimeHandler`, 'A runtime handler available on a node.', {
  features: f(2, core('NodeRuntimeHandlerFeatures'), 'Features the handler supports.'),
  name: f(1, str(), 'Name of the handler; empty for the default one.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.NodeRuntimeHandlerFeatures`, 'Features a runtime handler supports.', {
  recursiveReadOnlyMounts: f(1, bool(), 'Whether recursive read-only mounts are supported.', { 'x-kite-proto-keep-zero': true }),
  userNamespaces: f(2, bool(), 'Whether user namespaces, including for volumes, are supported.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.NodeFeatures`, 'Features implemented by the CRI implementation of a node.', {
  supplementalGroupsPolicy: f(1, bool(), 'Whether SupplementalGroupsPolicy and ContainerUser are supported.', { 'x-kite-proto-keep-zero': true }),
});
