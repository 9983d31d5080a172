// Deprecated in-tree and network volume sources, for pods and for PersistentVolumes. Pairs that
// differ only in how they name their secret (LocalObjectReference in a pod, SecretReference in a
// PersistentVolume) are built by one function.

import { bool, f, i32, listAtomic, map, str, struct } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { CORE, core } from './names.js';

type Props = Record<string, OpenAPISchema>;
const fsType = (n: number) => f(n, str(), 'Filesystem type to mount, such as ext4, xfs or ntfs; ext4 when unspecified.');
const readOnly = (n: number) => f(n, bool(), 'Force the mounts to be read-only.');

struct(`${CORE}.AWSElasticBlockStoreVolumeSource`, 'An AWS EBS disk mounted into a pod.', {
  fsType: fsType(2),
  partition: f(3, i32(), 'Partition to mount; the whole volume when omitted.'),
  readOnly: readOnly(4),
  volumeID: f(1, str(), 'Unique ID of the EBS volume.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['volumeID'] });

struct(`${CORE}.AzureDiskVolumeSource`, 'An Azure data disk mounted into a pod.', {
  cachingMode: f(3, str(), 'Host caching mode: None, ReadOnly or ReadWrite.', { 'x-kite-proto-keep-zero': true }),
  diskName: f(1, str(), 'Name of the data disk in blob storage.', { 'x-kite-proto-keep-zero': true }),
  diskURI: f(2, str(), 'URI of the data disk in blob storage.', { 'x-kite-proto-keep-zero': true }),
  fsType: { ...fsType(4), 'x-kite-proto-keep-zero': true },
  kind: f(6, str(), 'Disk kind: Shared, Dedicated or Managed; defaults to Shared.', { 'x-kite-proto-keep-zero': true }),
  readOnly: { ...readOnly(5), 'x-kite-proto-keep-zero': true },
}, { required: ['diskName', 'diskURI'] });

const azureFile = (extra: Props): Props => ({
  readOnly: readOnly(3),
  secretName: f(1, str(), 'Secret holding the storage account name and key.', { 'x-kite-proto-keep-zero': true }),
  shareName: f(2, str(), 'Name of the Azure file share.', { 'x-kite-proto-keep-zero': true }),
  ...extra,
});
struct(`${CORE}.AzureFileVolumeSource`, 'An Azure File share mounted into a pod.', azureFile({}), { required: ['secretName', 'shareName'] });
struct(`${CORE}.AzureFilePersistentVolumeSource`, 'An Azure File share backing a PersistentVolume.', azureFile({
  secretNamespace: f(4, str(), 'Namespace of the secret; defaults to the pod namespace.', { 'x-kite-proto-keep-zero': true }),
}), { required: ['secretName', 'shareName'] });

struct(`${CORE}.CSIPersistentVolumeSource`, 'Storage managed by an external CSI driver, backing a PersistentVolume.', {
  controllerExpandSecretRef: f(9, core('SecretReference'), 'Secret passed to the ControllerExpandVolume call.'),
  controllerPublishSecretRef: f(6, core('SecretReference'), 'Secret passed to the ControllerPublishVolume and ControllerUnpublishVolume calls.'),
  driver: f(1, str(), 'Name of the CSI driver.', { 'x-kite-proto-keep-zero': true }),
  fsType: f(4, str(), 'Filesystem type to mount.'),
  nodeExpandSecretRef: f(10, core('SecretReference'), 'Secret passed to the NodeExpandVolume call.'),
  nodePublishSecretRef: f(8, core('SecretReference'), 'Secret passed to the NodePublishVolume and NodeUnpublishVolume calls.'),
  nodeStageSecretRef: f(7, core('SecretReference'), 'Secret passed to the NodeStageVolume and NodeUnstageVolume calls.'),
  readOnly: f(3, bool(), 'Value passed to ControllerPublishVolumeRequest; defaults to false.'),
  volumeAttributes: f(5, map(str()), 'Attributes of the volume to publish.'),
  volumeHandle: f(2, str(), 'Unique volume name returned by the driver CreateVolume call.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['driver', 'volumeHandle'] });

const cephfs = (secret: string): Props => ({
  monitors: f(1, listAtomic(str()), 'Ceph monitors to connect to.'),
  path: f(2, str(), 'Root of the mount within the Ceph tree; defaults to /.'),
  readOnly: readOnly(6),
  secretFile: f(4, str(), 'Path of the key ring for user; defaults to /etc/ceph/user.secret.'),
  secretRef: f(5, core(secret), 'Secret holding the authentication key for user.'),
  user: f(3, str(), 'Rados user name; defaults to admin.'),
});
struct(`${CORE}.CephFSVolumeSource`, 'A CephFS mount that lasts the lifetime of a pod.', cephfs('LocalObjectReference'), { required: ['monitors'] });
struct(`${CORE}.CephFSPersistentVolumeSource`, 'A CephFS mount backing a PersistentVolume.', cephfs('SecretReference'), { required: ['monitors'] });

const cinder = (secret: string): Props => ({
  fsType: fsType(2),
  readOnly: readOnly(3),
  secretRef: f(4, core(secret), 'Secret with the parameters used to connect to OpenStack.'),
  volumeID: f(1, str(), 'ID of the Cinder volume.', { 'x-kite-proto-keep-zero': true }),
});
struct(`${CORE}.CinderVolumeSource`, 'An OpenStack Cinder volume mounted into a pod.', cinder('LocalObjectReference'), { required: ['volumeID'] });
struct(`${CORE}.CinderPersistentVolumeSource`, 'An OpenStack Cinder volume backing a PersistentVolume.', cinder('SecretReference'), { required: ['volumeID'] });

struct(`${CORE}.FCVolumeSource`, 'A Fibre Channel disk.', {
  fsType: fsType(3),
  lun: f(2, i32(), 'Target LUN number.', { 'x-kite-proto-keep-zero': true }),
  readOnly: readOnly(4),
  targetWWNs: f(1, listAtomic(str()), 'Target world wide names.'),
  wwids: f(5, listAtomic(str()), 'Volume world wide identifiers; set either these or targetWWNs with lun.'),
});

const flex = (secret: string): Props => ({
  driver: f(1, str(), 'Name of the driver.', { 'x-kite-proto-keep-zero': true }),
  fsType: f(2, str(), 'Filesystem type to mount; the default depends on the driver script.'),
  options: f(5, map(str()), 'Extra command options.'),
  readOnly: readOnly(4),
  secretRef: f(3, core(secret), 'Secret passed to the plugin scripts.'),
});
struct(`${CORE}.FlexVolumeSource`, 'A volume provided by an exec-based plugin.', flex('LocalObjectReference'), { required: ['driver'] });
struct(`${CORE}.FlexPersistentVolumeSource`, 'A PersistentVolume provided by an exec-based plugin.', flex('SecretReference'), { required: ['driver'] });

struct(`${CORE}.FlockerVolumeSource`, 'A Flocker dataset; set exactly one of datasetName and datasetUUID.', {
  datasetName: f(1, str(), 'Name of the dataset (deprecated).'),
  datasetUUID: f(2, str(), 'UUID of the dataset.'),
});

struct(`${CORE}.GCEPersistentDiskVolumeSource`, 'A GCE persistent disk.', {
  fsType: fsType(2),
  partition: f(3, i32(), 'Partition to mount; the whole volume when omitted.'),
  pdName: f(1, str(), 'Name of the persistent disk in GCE.', { 'x-kite-proto-keep-zero': true }),
  readOnly: readOnly(4),
}, { required: ['pdName'] });

struct(`${CORE}.GitRepoVolumeSource`, 'A directory populated by cloning a git repository (deprecated).', {
  directory: f(3, str(), 'Target directory; "." makes the volume the repository itself.'),
  repository: f(1, str(), 'Repository URL.', { 'x-kite-proto-keep-zero': true }),
  revision: f(2, str(), 'Commit hash to check out.'),
}, { required: ['repository'] });

const glusterfs = (extra: Props): Props => ({
  endpoints: f(1, str(), 'Name of the Endpoints object that describes the Glusterfs topology.', { 'x-kite-proto-keep-zero': true }),
  path: f(2, str(), 'Glusterfs volume path.', { 'x-kite-proto-keep-zero': true }),
  readOnly: readOnly(3),
  ...extra,
});
struct(`${CORE}.GlusterfsVolumeSource`, 'A Glusterfs mount that lasts the lifetime of a pod.', glusterfs({}), { required: ['endpoints', 'path'] });
struct(`${CORE}.GlusterfsPersistentVolumeSource`, 'A Glusterfs mount backing a PersistentVolume.', glusterfs({
  endpointsNamespace: f(4, str(), 'Namespace of the endpoints; defaults to the namespace of the bound claim.', { 'x-kite-proto-keep-zero': true }),
}), { required: ['endpoints', 'path'] });

const iscsi = (secret: string): Props => ({
  chapAuthDiscovery: f(8, bool(), 'Use iSCSI discovery CHAP authentication.'),
  chapAuthSession: f(11, bool(), 'Use iSCSI session CHAP authentication.'),
  fsType: fsType(5),
  initiatorName: f(12, str(), 'Custom iSCSI initiator name.', { 'x-kite-proto-keep-zero': true }),
  iqn: f(2, str(), 'Target iSCSI qualified name.', { 'x-kite-proto-keep-zero': true }),
  iscsiInterface: f(4, str(), "iSCSI interface name; defaults to 'default' (tcp).", { default: 'default' }),
  lun: f(3, i32(), 'Target LUN number.', { 'x-kite-proto-keep-zero': true }),
  portals: f(7, listAtomic(str()), 'Further target portals (IP or ip:port).'),
  readOnly: readOnly(6),
  secretRef: f(10, core(secret), 'CHAP secret for target and initiator authentication.'),
  targetPortal: f(1, str(), 'Target portal: an IP or ip:port.', { 'x-kite-proto-keep-zero': true }),
});
struct(`${CORE}.ISCSIVolumeSource`, 'An iSCSI disk mounted into a pod.', iscsi('LocalObjectReference'), { required: ['targetPortal', 'iqn', 'lun'] });
struct(`${CORE}.ISCSIPersistentVolumeSource`, 'An iSCSI disk backing a PersistentVolume.', iscsi('SecretReference'), { required: ['targetPortal', 'iqn', 'lun'] });

struct(`${CORE}.LocalVolumeSource`, 'Directly attached storage (directory or block device) of a node.', {
  fsType: f(2, str(), 'Filesystem type to mount when path is a block device; auto-selected when unspecified.', { 'x-kite-proto-keep-zero': true }),
  path: f(1, str(), 'Full path of the volume on the node.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['path'] });

struct(`${CORE}.PhotonPersistentDiskVolumeSource`, 'A Photon Controller persistent disk.', {
  fsType: fsType(2),
  pdID: f(1, str(), 'ID of the persistent disk.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['pdID'] });

struct(`${CORE}.PortworxVolumeSource`, 'A Portworx volume.', {
  fsType: fsType(2),
  readOnly: readOnly(3),
  volumeID: f(1, str(), 'ID of the Portworx volume.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['volumeID'] });

struct(`${CORE}.QuobyteVolumeSource`, 'A Quobyte mount that lasts the lifetime of a pod.', {
  group: f(5, str(), 'Group that volume access maps to.'),
  readOnly: readOnly(3),
  registry: f(1, str(), 'Quobyte registry services as host:port pairs, comma separated.', { 'x-kite-proto-keep-zero': true }),
  tenant: f(6, str(), 'Tenant owning the volume in the backend.'),
  user: f(4, str(), 'User that volume access maps to; defaults to the service account user.'),
  volume: f(2, str(), 'Name of an existing Quobyte volume.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['registry', 'volume'] });

const rbd = (secret: string): Props => ({
  fsType: fsType(3),
  image: f(2, str(), 'Rados image name.', { 'x-kite-proto-keep-zero': true }),
  keyring: f(6, str(), 'Path of the key ring for user; defaults to /etc/ceph/keyring.', { default: '/etc/ceph/keyring' }),
  monitors: f(1, listAtomic(str()), 'Ceph monitors to connect to.'),
  pool: f(4, str(), 'Rados pool name; defaults to rbd.', { default: 'rbd' }),
  readOnly: readOnly(8),
  secretRef: f(7, core(secret), 'Secret holding the authentication key for user; overrides keyring.'),
  user: f(5, str(), 'Rados user name; defaults to admin.', { default: 'admin' }),
});
struct(`${CORE}.RBDVolumeSource`, 'A Ceph RBD image mounted for the lifetime of a pod.', rbd('LocalObjectReference'), { required: ['monitors', 'image'] });
struct(`${CORE}.RBDPersistentVolumeSource`, 'A Ceph RBD image backing a PersistentVolume.', rbd('SecretReference'), { required: ['monitors', 'image'] });

const scaleIO = (secret: string): Props => ({
  fsType: f(9, str(), 'Filesystem type to mount; defaults to xfs.', { default: 'xfs' }),
  gateway: f(1, str(), 'Host address of the ScaleIO API gateway.', { 'x-kite-proto-keep-zero': true }),
  protectionDomain: f(5, str(), 'ScaleIO protection domain of the storage.'),
  readOnly: readOnly(10),
  secretRef: f(3, core(secret), 'Secret with the ScaleIO user credentials.'),
  sslEnabled: f(4, bool(), 'Use SSL to talk to the gateway.'),
  storageMode: f(7, str(), 'ThickProvisioned or ThinProvisioned; defaults to ThinProvisioned.', { default: 'ThinProvisioned' }),
  storagePool: f(6, str(), 'ScaleIO storage pool of the protection domain.'),
  system: f(2, str(), 'Name of the storage system.', { 'x-kite-proto-keep-zero': true }),
  volumeName: f(8, str(), 'Name of an existing ScaleIO volume.'),
});
struct(`${CORE}.ScaleIOVolumeSource`, 'A ScaleIO volume mounted into a pod.', scaleIO('LocalObjectReference'), { required: ['gateway', 'system', 'secretRef'] });
struct(`${CORE}.ScaleIOPersistentVolumeSource`, 'A ScaleIO volume backing a PersistentVolume.', scaleIO('SecretReference'), { required: ['gateway', 'system', 'secretRef'] });

const storageOS = (secret: string): Props => ({
  fsType: fsType(3),
  readOnly: readOnly(4),
  secretRef: f(5, core(secret), 'Secret with the StorageOS API credentials.'),
  volumeName: f(1, str(), 'Name of the StorageOS volume, unique within its namespace.'),
  volumeNamespace: f(2, str(), 'StorageOS namespace of the volume; defaults to the pod namespace.'),
});
struct(`${CORE}.StorageOSVolumeSource`, 'A StorageOS volume mounted into a pod.', storageOS('LocalObjectReference'));
struct(`${CORE}.StorageOSPersistentVolumeSource`, 'A StorageOS volume backing a PersistentVolume.', storageOS('ObjectReference'));

struct(`${CORE}.VsphereVirtualDiskVolumeSource`, 'A vSphere virtual disk.', {
  fsType: fsType(2),
  storagePolicyID: f(4, str(), 'ID of the storage policy (SPBM) profile.'),
  storagePolicyName: f(3, str(), 'Name of the storage policy (SPBM) profile.'),
  volumePath: f(1, str(), 'Path of the vmdk that identifies the volume.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['volumePath'] });
