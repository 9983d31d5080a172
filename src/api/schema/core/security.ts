// Pod- and container-level security settings.

import { bool, f, i64, listAtomic, str, struct } from '../dsl.js';
import { CORE, core } from './names.js';

const profileUnion = { ext: { 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] } };

struct(`${CORE}.SecurityContext`, 'Security settings of one container; they override the matching pod-level settings.', {
  allowPrivilegeEscalation: f(7, bool(), 'Whether a process may gain more privileges than its parent (no_new_privs).', { 'x-kite-proto-keep-zero': true }),
  appArmorProfile: f(12, core('AppArmorProfile'), "AppArmor profile of the container, overriding the pod's."),
  capabilities: f(1, core('Capabilities'), 'POSIX capabilities to add or drop.'),
  privileged: f(2, bool(), 'Run the container privileged, close to root on the host.', { 'x-kite-proto-keep-zero': true }),
  procMount: f(9, str(), 'Kind of /proc mount: Default or Unmasked.', { 'x-kite-proto-keep-zero': true }),
  readOnlyRootFilesystem: f(6, bool(), 'Mount the root filesystem read-only.', { 'x-kite-proto-keep-zero': true }),
  runAsGroup: f(8, i64(), 'GID the entrypoint runs as.', { 'x-kite-proto-keep-zero': true }),
  runAsNonRoot: f(5, bool(), 'Require the container to run as a non-root user; the kubelet refuses UID 0.', { 'x-kite-proto-keep-zero': true }),
  runAsUser: f(4, i64(), 'UID the entrypoint runs as; defaults to the image user.', { 'x-kite-proto-keep-zero': true }),
  seLinuxOptions: f(3, core('SELinuxOptions'), 'SELinux context of the container.'),
  seccompProfile: f(11, core('SeccompProfile'), "Seccomp profile of the container, overriding the pod's."),
  windowsOptions: f(10, core('WindowsSecurityContextOptions'), 'Windows-specific settings.'),
});

struct(`${CORE}.PodSecurityContext`, 'Pod-level security settings and defaults for its containers.', {
  appArmorProfile: f(11, core('AppArmorProfile'), 'AppArmor profile of the containers in the pod.'),
  fsGroup: f(5, i64(), 'Supplemental group that owns supported volumes and applies to all containers.', { 'x-kite-proto-keep-zero': true }),
  fsGroupChangePolicy: f(9, str(), 'When volume ownership is changed to fsGroup: OnRootMismatch or Always.', { 'x-kite-proto-keep-zero': true }),
  runAsGroup: f(6, i64(), 'GID the container entrypoints run as.', { 'x-kite-proto-keep-zero': true }),
  runAsNonRoot: f(3, bool(), 'Require containers to run as a non-root user.', { 'x-kite-proto-keep-zero': true }),
  runAsUser: f(2, i64(), 'UID the container entrypoints run as.', { 'x-kite-proto-keep-zero': true }),
  seLinuxChangePolicy: f(13, str(), 'How the SELinux label is applied to volumes: MountOption or Recursive.', { 'x-kite-proto-keep-zero': true }),
  seLinuxOptions: f(1, core('SELinuxOptions'), 'SELinux context applied to all containers.'),
  seccompProfile: f(10, core('SeccompProfile'), 'Seccomp profile of the containers in the pod.'),
  supplementalGroups: f(4, listAtomic(i64()), "Groups added to each container's first process."),
  supplementalGroupsPolicy: f(12, str(), 'How supplemental groups are computed: Merge or Strict.', { 'x-kite-proto-keep-zero': true }),
  sysctls: f(7, listAtomic(core('Sysctl')), 'Namespaced sysctls set for the pod.'),
  windowsOptions: f(8, core('WindowsSecurityContextOptions'), 'Windows-specific settings of all containers.'),
});

struct(`${CORE}.Capabilities`, 'POSIX capabilities added to or removed from a container.', {
  add: f(1, listAtomic(str()), 'Capabilities to add.'),
  drop: f(2, listAtomic(str()), 'Capabilities to remove.'),
});

struct(`${CORE}.SELinuxOptions`, 'SELinux labels applied to a container.', {
  level: f(4, str(), 'SELinux level label.'),
  role: f(2, str(), 'SELinux role label.'),
  type: f(3, str(), 'SELinux type label.'),
  user: f(1, str(), 'SELinux user label.'),
});

struct(`${CORE}.SeccompProfile`, 'Seccomp profile of a pod or container.', {
  localhostProfile: f(2, str(), 'Path of a profile on the node, relative to the kubelet seccomp directory; only for type Localhost.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Kind of profile: Localhost, RuntimeDefault or Unconfined.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type'], ...profileUnion });

struct(`${CORE}.AppArmorProfile`, 'AppArmor profile of a pod or container.', {
  localhostProfile: f(2, str(), 'Name of a profile loaded on the node; only for type Localhost.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Kind of profile: Localhost, RuntimeDefault or Unconfined.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type'], ...profileUnion });

struct(`${CORE}.WindowsSecurityContextOptions`, 'Windows-specific security options.', {
  gmsaCredentialSpec: f(2, str(), 'Contents of the GMSA credential spec, filled in by the GMSA webhook.', { 'x-kite-proto-keep-zero': true }),
  gmsaCredentialSpecName: f(1, str(), 'Name of the GMSA credential spec to use.', { 'x-kite-proto-keep-zero': true }),
  hostProcess: f(4, bool(), "Run as a 'Host Process' container (requires hostNetwork).", { 'x-kite-proto-keep-zero': true }),
  runAsUserName: f(3, str(), 'Windows user name the entrypoint runs as.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.Sysctl`, 'A kernel parameter to set.', {
  name: f(1, str(), 'Name of the sysctl.', { 'x-kite-proto-keep-zero': true }),
  value: f(2, str(), 'Value to set.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name', 'value'] });
