// PodStatus and the container statuses under it.

import { arr, bool, f, i32, i64, listAtomic, listMap, map, quantity, str, struct, time } from '../dsl.js';
import { keyedList } from './keyedList.js';
import { CORE, core } from './names.js';

struct(`${CORE}.PodStatus`, 'Observed status of a pod; it may trail the actual state of the system.', {
  conditions: f(2, listMap(core('PodCondition'), 'type'), 'Current service state of the pod.'),
  containerStatuses: f(8, listAtomic(core('ContainerStatus')), 'Statuses of the app containers, at most one per container.'),
  ephemeralContainerStatuses: f(13, listAtomic(core('ContainerStatus')), 'Statuses of the ephemeral containers that have run.'),
  extendedResourceClaimStatus: f(18, core('PodExtendedResourceClaimStatus'), 'The ResourceClaim generated for extended resources backed by DRA.'),
  hostIP: f(5, str(), 'IP address of the node the pod is assigned to; empty before the pod starts.'),
  hostIPs: f(16, arr(core('HostIP'), {
    'x-kubernetes-list-type': 'atomic', 'x-kubernetes-patch-merge-key': 'ip', 'x-kubernetes-patch-strategy': 'merge',
  }), 'IP addresses of the node; the first matches hostIP.'),
  initContainerStatuses: f(10, listAtomic(core('ContainerStatus')), 'Statuses of the init containers, at most one per container.'),
  message: f(3, str(), 'Human-readable details of why the pod is in this condition.'),
  nominatedNodeName: f(11, str(), 'Node this pod preempted other pods on and may be scheduled to.'),
  observedGeneration: f(17, i64(), 'metadata.generation this status was computed from.'),
  phase: f(1, str(), 'Summary of the pod lifecycle: Pending, Running, Succeeded, Failed or Unknown.'),
  podIP: f(6, str(), 'IP address of the pod, routable at least within the cluster.'),
  podIPs: f(12, listMap(core('PodIP'), 'ip'), 'IP addresses of the pod, at most one per family; the first matches podIP.'),
  qosClass: f(9, str(), 'Quality of service class: Guaranteed, Burstable or BestEffort.'),
  reason: f(4, str(), "Brief CamelCase reason for the pod's state, such as Evicted."),
  resize: f(14, str(), 'Deprecated: status of a pending resource resize; see the PodResize* conditions.'),
  resourceClaimStatuses: f(15, listMap(core('PodResourceClaimStatus'), 'name', { strategy: 'merge,retainKeys' }), 'Names of the ResourceClaims generated for the pod.'),
  startTime: f(7, time(), 'When the kubelet acknowledged the pod, before pulling images.'),
});

struct(`${CORE}.PodCondition`, 'A condition of a pod.', {
  lastProbeTime: f(3, time(), 'When the condition was last probed.'),
  lastTransitionTime: f(4, time(), 'When the condition last changed status.'),
  message: f(6, str(), 'Human-readable details of the last transition.'),
  observedGeneration: f(7, i64(), 'metadata.generation the condition was set from.'),
  reason: f(5, str(), 'Unique, one-word, CamelCase reason for the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition, such as Ready or PodScheduled.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });

struct(`${CORE}.PodIP`, 'An IP address of a pod.', {
  ip: f(1, str(), 'The IP address.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['ip'] });

struct(`${CORE}.HostIP`, 'An IP address of the node of a pod.', {
  ip: f(1, str(), 'The IP address.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['ip'] });

struct(`${CORE}.ContainerStatus`, 'Current status of one container.', {
  allocatedResources: f(10, map(quantity()), 'Resources the node allocated to the container.'),
  allocatedResourcesStatus: f(14, listMap(core('ResourceStatus'), 'name'), 'Health of the resources allocated to the container.'),
  containerID: f(8, str(), "ID of the container as '<runtime>://<id>'."),
  image: f(6, str(), 'Image the container runs, possibly as resolved by the runtime.', { 'x-kite-proto-keep-zero': true }),
  imageID: f(7, str(), 'ID of the image the container runs.', { 'x-kite-proto-keep-zero': true }),
  lastState: f(3, core('ContainerState'), 'Last termination state of the container.'),
  name: f(1, str(), 'Name of the container.', { 'x-kite-proto-keep-zero': true }),
  ready: f(4, bool(), 'Whether the container currently passes its readiness check.', { 'x-kite-proto-keep-zero': true }),
  resources: f(11, core('ResourceRequirements'), 'Requests and limits actually applied to the running container.'),
  restartCount: f(5, i32(), 'Number of times the container has been restarted.', { 'x-kite-proto-keep-zero': true }),
  started: f(9, bool(), 'Whether the container has run its postStart hook and passed its startup probe.', { 'x-kite-proto-keep-zero': true }),
  state: f(2, core('ContainerState'), 'Current state of the container.'),
  stopSignal: f(15, str(), 'Effective stop signal of the container.', { 'x-kite-proto-keep-zero': true }),
  user: f(13, core('ContainerUser'), 'User identity of the first process of the container.'),
  volumeMounts: f(12, listMap(core('VolumeMountStatus'), 'mountPath'), 'Status of the volume mounts.'),
}, { required: ['name', 'ready', 'restartCount', 'image', 'imageID'] });

struct(`${CORE}.ContainerState`, 'State of a container; at most one member is set, waiting being the default.', {
  running: f(2, core('ContainerStateRunning'), 'Details of a running container.'),
  terminated: f(3, core('ContainerStateTerminated'), 'Details of a terminated container.'),
  waiting: f(1, core('ContainerStateWaiting'), 'Details of a waiting container.'),
});

struct(`${CORE}.ContainerStateRunning`, 'A running container.', {
  startedAt: f(1, time(), 'When the container was last (re)started.'),
});

struct(`${CORE}.ContainerStateTerminated`, 'A terminated container.', {
  containerID: f(7, str(), "ID of the container as '<runtime>://<id>'."),
  exitCode: f(1, i32(), 'Exit status of the last termination.', { 'x-kite-proto-keep-zero': true }),
  finishedAt: f(6, time(), 'When the container last terminated.'),
  message: f(4, str(), 'Message about the last termination.'),
  reason: f(3, str(), 'Brief reason of the last termination.'),
  signal: f(2, i32(), 'Signal of the last termination.'),
  startedAt: f(5, time(), 'When the previous run of the container started.'),
}, { required: ['exitCode'] });

struct(`${CORE}.ContainerStateWaiting`, 'A container that is not running yet.', {
  message: f(2, str(), 'Why the container is not running yet.'),
  reason: f(1, str(), 'Brief reason the container is not running yet.'),
});

struct(`${CORE}.ContainerUser`, 'User identity of the first process of a container.', {
  linux: f(1, core('LinuxContainerUser'), 'Identity on Linux.'),
});

struct(`${CORE}.LinuxContainerUser`, 'User identity of a Linux container process.', {
  gid: f(2, i64(), 'Primary GID.', { 'x-kite-proto-keep-zero': true }),
  supplementalGroups: f(3, listAtomic(i64()), 'Supplemental groups.'),
  uid: f(1, i64(), 'Primary UID.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['uid', 'gid'] });

struct(`${CORE}.VolumeMountStatus`, 'Status of one volume mount.', {
  mountPath: f(2, str(), 'Mount path of the original VolumeMount.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Name of the original VolumeMount.', { 'x-kite-proto-keep-zero': true }),
  readOnly: f(3, bool(), 'Whether the mount is read-only.'),
  recursiveReadOnly: f(4, str(), 'Disabled or Enabled, as resolved from the original VolumeMount.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name', 'mountPath'] });

struct(`${CORE}.ResourceStatus`, 'Status of one resource allocated to a pod.', {
  name: f(1, str(), 'Name of the resource, or claim:<claim>/<request> for DRA resources.', { 'x-kite-proto-keep-zero': true }),
  resources: f(2, keyedList(core('ResourceHealth'), 'resourceID'), 'Health of each allocated resource.'),
}, { required: ['name'] });

struct(`${CORE}.ResourceHealth`, 'Health of one allocated resource.', {
  health: f(2, str(), 'Healthy, Unhealthy or Unknown.'),
  resourceID: f(1, str(), 'Unique identifier of the resource.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['resourceID'] });

struct(`${CORE}.PodResourceClaimStatus`, 'The ResourceClaim generated for one entry of pod.spec.resourceClaims.', {
  name: f(1, str(), 'Name of the entry in pod.spec.resourceClaims.', { 'x-kite-proto-keep-zero': true }),
  resourceClaimName: f(2, str(), 'Name of the generated ResourceClaim; unset when none was needed.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name'] });

struct(`${CORE}.PodExtendedResourceClaimStatus`, 'The ResourceClaim generated for extended resources backed by DRA.', {
  requestMappings: f(1, listAtomic(core('ContainerExtendedResourceRequest')), 'Which request of the claim serves each container resource.'),
  resourceClaimName: f(2, str(), 'Name of the generated ResourceClaim.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['requestMappings', 'resourceClaimName'] });

struct(`${CORE}.ContainerExtendedResourceRequest`, 'Maps a container extended resource to a request of the generated claim.', {
  containerName: f(1, str(), 'Name of the container.', { 'x-kite-proto-keep-zero': true }),
  requestName: f(3, str(), 'Name of the request in the generated ResourceClaim.', { 'x-kite-proto-keep-zero': true }),
  resourceName: f(2, str(), 'Name of the extended resource.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['containerName', 'resourceName', 'requestName'] });
