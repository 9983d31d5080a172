// Container, EphemeralContainer and what they are made of (ports, env, resources, mounts).

import { bool, f, i32, listAtomic, listMap, listSet, map, quantity, str, struct } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { inline } from './inline.js';
import { keyedList } from './keyedList.js';
import { CORE, core } from './names.js';
import { embeddedLocalName } from './shared.js';

/** The fields Container and EphemeralContainer share (EphemeralContainerCommon upstream). */
function containerFields(ephemeral: boolean): Record<string, OpenAPISchema> {
  const notForEphemeral = (what: string, desc: string) => (ephemeral ? `${what} are not allowed for ephemeral containers.` : desc);
  return {
    args: f(4, listAtomic(str()), "Arguments to the entrypoint; the image's CMD is used when unset, and $(VAR_NAME) references are expanded."),
    command: f(3, listAtomic(str()), "Entrypoint array, not run in a shell; the image's ENTRYPOINT is used when unset."),
    env: f(7, listMap(core('EnvVar'), 'name'), 'Environment variables to set in the container.'),
    envFrom: f(19, listAtomic(core('EnvFromSource')), 'Sources (ConfigMaps, Secrets) whose keys become environment variables.'),
    image: f(2, str(), 'Container image name.'),
    imagePullPolicy: f(14, str(), 'When to pull the image: Always, Never or IfNotPresent.'),
    lifecycle: f(12, core('Lifecycle'), notForEphemeral('Lifecycle hooks', 'Actions the kubelet takes in response to container lifecycle events.')),
    livenessProbe: f(10, core('Probe'), notForEphemeral('Probes', 'Periodic probe of liveness; the container is restarted when it fails.')),
    name: f(1, str(), 'Name of the container, a DNS_LABEL unique within the pod.', { 'x-kite-proto-keep-zero': true }),
    ports: f(6, listMap(core('ContainerPort'), ['containerPort', 'protocol']),
      notForEphemeral('Ports', 'Ports the container exposes; informational, listing a port does not open it.')),
    readinessProbe: f(11, core('Probe'), notForEphemeral('Probes', 'Periodic probe of readiness; the pod leaves service endpoints while it fails.')),
    resizePolicy: f(23, listAtomic(core('ContainerResizePolicy')), 'How each resource is resized in place.'),
    resources: f(8, core('ResourceRequirements'), notForEphemeral('Resources', 'Compute resources the container requests and may use at most.')),
    restartPolicy: f(24, str(), 'Restart behaviour of this container, overriding the pod restartPolicy; Always on an init container makes it a sidecar.', { 'x-kite-proto-keep-zero': true }),
    restartPolicyRules: f(25, listAtomic(core('ContainerRestartRule')), 'Rules, checked in order, that decide whether the container restarts on exit.'),
    securityContext: f(15, core('SecurityContext'), 'Security options the container runs with, overriding the pod securityContext.'),
    startupProbe: f(22, core('Probe'), notForEphemeral('Probes', 'Probe that must succeed before the other probes run; failure restarts the container.')),
    stdin: f(16, bool(), 'Whether the container allocates a buffer for stdin.'),
    stdinOnce: f(17, bool(), 'Whether stdin closes after the first attach session ends.'),
    terminationMessagePath: f(13, str(), 'File the termination message is read from; defaults to /dev/termination-log.'),
    terminationMessagePolicy: f(20, str(), 'How the termination message is filled: File or FallbackToLogsOnError.'),
    tty: f(18, bool(), 'Whether the container allocates a TTY (requires stdin).'),
    volumeDevices: f(21, listMap(core('VolumeDevice'), 'devicePath'), 'Block devices the container uses.'),
    volumeMounts: f(9, listMap(core('VolumeMount'), 'mountPath'), "Pod volumes to mount into the container's filesystem."),
    workingDir: f(5, str(), "Working directory; the runtime's default is used when unset."),
  };
}

struct(`${CORE}.Container`, 'A single application container that runs within a pod.', containerFields(false), { required: ['name'] });

struct(`${CORE}.EphemeralContainer`,
  'A temporary container added to a running pod, through the ephemeralcontainers subresource, for debugging.', {
    ...inline(1, containerFields(true)),
    targetContainerName: f(2, str(), 'Name of the pod container whose namespaces (IPC, PID, ...) this container joins.'),
  }, { required: ['name'] });

struct(`${CORE}.ContainerPort`, 'A network port of a single container.', {
  containerPort: f(3, i32(), "Port number on the pod's IP address (1-65535).", { 'x-kite-proto-keep-zero': true }),
  hostIP: f(5, str(), 'Host IP to bind the host port to.'),
  hostPort: f(2, i32(), 'Port number to expose on the host (1-65535); most containers do not need it.'),
  name: f(1, str(), 'IANA_SVC_NAME of the port, unique within the pod, that services can refer to.'),
  protocol: f(4, str(), 'Protocol of the port: TCP, UDP or SCTP; defaults to TCP.', { default: 'TCP' }),
}, { required: ['containerPort'] });

struct(`${CORE}.EnvVar`, 'An environment variable of a container.', {
  name: f(1, str(), 'Name of the variable; printable ASCII except "=".', { 'x-kite-proto-keep-zero': true }),
  value: f(2, str(), 'Value of the variable, with $(VAR_NAME) references expanded; defaults to "".'),
  valueFrom: f(3, core('EnvVarSource'), 'Source of the value; may not be used together with value.'),
}, { required: ['name'] });

struct(`${CORE}.EnvVarSource`, 'Where the value of an environment variable comes from.', {
  configMapKeyRef: f(3, core('ConfigMapKeySelector'), 'Selects a key of a ConfigMap.'),
  fieldRef: f(1, core('ObjectFieldSelector'), 'Selects a pod field such as metadata.name, spec.nodeName or status.podIP.'),
  fileKeyRef: f(5, core('FileKeySelector'), 'Selects a key of an env file in a volume (EnvFiles feature).'),
  resourceFieldRef: f(2, core('ResourceFieldSelector'), 'Selects a limit or request of the container.'),
  secretKeyRef: f(4, core('SecretKeySelector'), "Selects a key of a Secret in the pod's namespace."),
});

struct(`${CORE}.EnvFromSource`, 'A ConfigMap or Secret whose keys all become environment variables.', {
  configMapRef: f(2, core('ConfigMapEnvSource'), 'The ConfigMap to read.'),
  prefix: f(1, str(), 'Text prepended to the name of each variable.'),
  secretRef: f(3, core('SecretEnvSource'), 'The Secret to read.'),
});

struct(`${CORE}.ConfigMapEnvSource`, 'A ConfigMap whose data keys become environment variables.', {
  ...embeddedLocalName('Name of the ConfigMap in the same namespace.'),
  optional: f(2, bool(), 'Whether the ConfigMap may be missing.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.SecretEnvSource`, 'A Secret whose data keys become environment variables.', {
  ...embeddedLocalName('Name of the Secret in the same namespace.'),
  optional: f(2, bool(), 'Whether the Secret may be missing.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.ResourceRequirements`, 'Compute resource requests and limits.', {
  claims: f(3, keyedList(core('ResourceClaim'), 'name'), 'Names of pod resourceClaims this container uses (DynamicResourceAllocation).'),
  limits: f(1, map(quantity()), 'Maximum amount of each resource allowed.'),
  requests: f(2, map(quantity()), 'Minimum amount of each resource required; defaults to limits when omitted.'),
});

struct(`${CORE}.ResourceClaim`, 'One entry of pod.spec.resourceClaims made available to a container.', {
  name: f(1, str(), 'Name of an entry in pod.spec.resourceClaims.', { 'x-kite-proto-keep-zero': true }),
  request: f(2, str(), 'Name of one request in the claim; empty means the whole claim.'),
}, { required: ['name'] });

struct(`${CORE}.VolumeMount`, 'Mounts a pod volume into a container.', {
  mountPath: f(3, str(), 'Path in the container where the volume is mounted; may not contain ":".', { 'x-kite-proto-keep-zero': true }),
  mountPropagation: f(5, str(), 'How mounts propagate between host and container: None, HostToContainer or Bidirectional.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Name of the pod volume to mount.', { 'x-kite-proto-keep-zero': true }),
  readOnly: f(2, bool(), 'Mount read-only when true.'),
  recursiveReadOnly: f(7, str(), 'Whether a read-only mount is read-only recursively: Disabled, IfPossible or Enabled.', { 'x-kite-proto-keep-zero': true }),
  subPath: f(4, str(), "Path within the volume to mount instead of its root."),
  subPathExpr: f(6, str(), 'Like subPath, with $(VAR_NAME) references expanded from the container environment.'),
}, { required: ['name', 'mountPath'] });

struct(`${CORE}.VolumeDevice`, 'Maps a raw block volume to a device path in the container.', {
  devicePath: f(2, str(), 'Path in the container the device is mapped to.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Name of a persistentVolumeClaim volume of the pod.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name', 'devicePath'] });

struct(`${CORE}.ContainerResizePolicy`, 'How one resource of a container is resized in place.', {
  resourceName: f(1, str(), 'Resource the policy applies to: cpu or memory.', { 'x-kite-proto-keep-zero': true }),
  restartPolicy: f(2, str(), 'What happens on resize: NotRequired or RestartContainer.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['resourceName', 'restartPolicy'] });

struct(`${CORE}.ContainerRestartRule`, 'A rule deciding whether a container that exited is restarted.', {
  action: f(1, str(), 'Action taken when the rule matches; only Restart is allowed.'),
  exitCodes: f(2, core('ContainerRestartRuleOnExitCodes'), 'Exit codes the rule matches.'),
}, { required: ['action'] });

struct(`${CORE}.ContainerRestartRuleOnExitCodes`, 'Matches a container exit by its exit code.', {
  operator: f(1, str(), 'In or NotIn: how the exit code relates to values.'),
  values: f(2, listSet(i32()), 'Exit codes to compare with (at most 255).'),
}, { required: ['operator'] });

