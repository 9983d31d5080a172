// PersistentVolume and PersistentVolumeClaim.

import { f, listAtomic, listMap, map, quantity, str, struct, time } from '../dsl.js';
import { inline } from './inline.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core, meta } from './names.js';

kind('PersistentVolume', 'A piece of storage provisioned by an administrator or a provisioner, analogous to a node.', {
  ...objectHeader(),
  spec: f(2, core('PersistentVolumeSpec'), 'Specification of the volume.'),
  status: f(3, core('PersistentVolumeStatus'), 'Current status of the volume, populated by the system.'),
});
kindList('PersistentVolume', 'A list of PersistentVolumes.', 'The persistent volumes.');

struct(`${CORE}.PersistentVolumeSpec`, 'Specification of a persistent volume.', {
  accessModes: f(3, listAtomic(str()), 'Ways the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
  capacity: f(1, map(quantity()), 'Resources and capacity of the volume.'),
  claimRef: f(4, core('ObjectReference'), 'The claim bound to this volume, when bound.', { 'x-kubernetes-map-type': 'granular' }),
  mountOptions: f(7, listAtomic(str()), 'Mount options, not validated.'),
  nodeAffinity: f(9, core('VolumeNodeAffinity'), 'Nodes the volume can be accessed from.'),
  persistentVolumeReclaimPolicy: f(5, str(), 'What happens when the claim is released: Retain, Delete or Recycle.'),
  storageClassName: f(6, str(), 'StorageClass the volume belongs to; empty means none.'),
  volumeAttributesClassName: f(10, str(), 'VolumeAttributesClass the volume belongs to.', { 'x-kite-proto-keep-zero': true }),
  volumeMode: f(8, str(), 'Filesystem or Block; Filesystem when unset.', { 'x-kite-proto-keep-zero': true }),
  // PersistentVolumeSource is embedded inline at field 2.
  ...inline(2, {
    awsElasticBlockStore: f(2, core('AWSElasticBlockStoreVolumeSource'), 'Deprecated: an AWS EBS disk.'),
    azureDisk: f(16, core('AzureDiskVolumeSource'), 'Deprecated: an Azure data disk.'),
    azureFile: f(13, core('AzureFilePersistentVolumeSource'), 'Deprecated: an Azure File share.'),
    cephfs: f(9, core('CephFSPersistentVolumeSource'), 'Deprecated: a CephFS mount.'),
    cinder: f(8, core('CinderPersistentVolumeSource'), 'Deprecated: an OpenStack Cinder volume.'),
    csi: f(22, core('CSIPersistentVolumeSource'), 'Storage handled by an external CSI driver.'),
    fc: f(10, core('FCVolumeSource'), 'A Fibre Channel disk.'),
    flexVolume: f(12, core('FlexPersistentVolumeSource'), 'Deprecated: a volume provided by an exec-based plugin.'),
    flocker: f(11, core('FlockerVolumeSource'), 'Deprecated: a Flocker dataset.'),
    gcePersistentDisk: f(1, core('GCEPersistentDiskVolumeSource'), 'Deprecated: a GCE persistent disk.'),
    glusterfs: f(4, core('GlusterfsPersistentVolumeSource'), 'Deprecated: a Glusterfs volume.'),
    hostPath: f(3, core('HostPathVolumeSource'), 'A directory on the host; for single-node testing only.'),
    iscsi: f(7, core('ISCSIPersistentVolumeSource'), 'An iSCSI disk.'),
    local: f(20, core('LocalVolumeSource'), 'Directly attached storage with node affinity.'),
    nfs: f(5, core('NFSVolumeSource'), 'An NFS export.'),
    photonPersistentDisk: f(17, core('PhotonPersistentDiskVolumeSource'), 'Deprecated: a Photon Controller disk.'),
    portworxVolume: f(18, core('PortworxVolumeSource'), 'Deprecated: a Portworx volume.'),
    quobyte: f(15, core('QuobyteVolumeSource'), 'Deprecated: a Quobyte mount.'),
    rbd: f(6, core('RBDPersistentVolumeSource'), 'Deprecated: a Ceph RBD image.'),
    scaleIO: f(19, core('ScaleIOPersistentVolumeSource'), 'Deprecated: a ScaleIO volume.'),
    storageos: f(21, core('StorageOSPersistentVolumeSource'), 'Deprecated: a StorageOS volume.'),
    vsphereVolume: f(14, core('VsphereVirtualDiskVolumeSource'), 'Deprecated: a vSphere disk.'),
  }),
});

struct(`${CORE}.PersistentVolumeStatus`, 'Current status of a persistent volume.', {
  lastPhaseTransitionTime: f(4, time(), 'When the phase last changed.'),
  message: f(2, str(), 'Human-readable reason for the current state.'),
  phase: f(1, str(), 'Pending, Available, Bound, Released or Failed.'),
  reason: f(3, str(), 'Brief CamelCase reason for a failure.'),
});

struct(`${CORE}.VolumeNodeAffinity`, 'Nodes a volume can be accessed from.', {
  required: f(1, core('NodeSelector'), 'Hard node constraints that must be met.'),
});

kind('PersistentVolumeClaim', "A user's request for, and claim to, a persistent volume.", {
  ...objectHeader(),
  spec: f(2, core('PersistentVolumeClaimSpec'), 'Characteristics of the requested volume.'),
  status: f(3, core('PersistentVolumeClaimStatus'), 'Current status of the claim.'),
});
kindList('PersistentVolumeClaim', 'A list of PersistentVolumeClaims.', 'The claims.');

struct(`${CORE}.PersistentVolumeClaimSpec`, 'The requested characteristics of a volume.', {
  accessModes: f(1, listAtomic(str()), 'Access modes the volume should have.'),
  dataSource: f(7, core('TypedLocalObjectReference'), 'A VolumeSnapshot or PersistentVolumeClaim to populate the new volume from.'),
  dataSourceRef: f(8, core('TypedObjectReference'), 'Any object (volume populator) to populate the new volume from.'),
  resources: f(2, core('VolumeResourceRequirements'), 'Minimum resources the volume should have.'),
  selector: f(4, meta('LabelSelector'), 'Label query over volumes to consider for binding.'),
  storageClassName: f(5, str(), 'StorageClass the claim requires.', { 'x-kite-proto-keep-zero': true }),
  volumeAttributesClassName: f(9, str(), 'VolumeAttributesClass the volume should use; may change after creation.', { 'x-kite-proto-keep-zero': true }),
  volumeMode: f(6, str(), 'Filesystem or Block; Filesystem when unset.', { 'x-kite-proto-keep-zero': true }),
  volumeName: f(3, str(), 'Name of the PersistentVolume bound to this claim.'),
});

struct(`${CORE}.PersistentVolumeClaimStatus`, 'Current status of a persistent volume claim.', {
  accessModes: f(2, listAtomic(str()), 'Access modes of the bound volume.'),
  allocatedResourceStatuses: f(7, map(str(), { 'x-kubernetes-map-type': 'granular' }), 'Progress of a resize, by resource name.'),
  allocatedResources: f(5, map(quantity()), 'Resources allocated to the claim, possibly more than its capacity during a resize.'),
  capacity: f(3, map(quantity()), 'Actual resources of the bound volume.'),
  conditions: f(4, listMap(core('PersistentVolumeClaimCondition'), 'type'), 'Current conditions, such as Resizing.'),
  currentVolumeAttributesClassName: f(8, str(), 'VolumeAttributesClass currently applied.', { 'x-kite-proto-keep-zero': true }),
  modifyVolumeStatus: f(9, core('ModifyVolumeStatus'), 'Status of an ongoing ControllerModifyVolume operation.'),
  phase: f(1, str(), 'Pending, Bound or Lost.'),
});

struct(`${CORE}.PersistentVolumeClaimCondition`, 'A condition of a persistent volume claim.', {
  lastProbeTime: f(3, time(), 'When the condition was last probed.'),
  lastTransitionTime: f(4, time(), 'When the condition last changed status.'),
  message: f(6, str(), 'Human-readable details of the last transition.'),
  reason: f(5, str(), 'Machine-readable reason of the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });

struct(`${CORE}.ModifyVolumeStatus`, 'Status of a ControllerModifyVolume operation.', {
  status: f(2, str(), 'Pending, InProgress or Infeasible.', { 'x-kite-proto-keep-zero': true }),
  targetVolumeAttributesClassName: f(1, str(), 'VolumeAttributesClass being reconciled.'),
}, { required: ['status'] });

struct(`${CORE}.PersistentVolumeClaimTemplate`, 'Template of a claim created for an ephemeral volume.', {
  metadata: f(1, meta('ObjectMeta'), 'Labels and annotations copied into the claim.'),
  spec: f(2, core('PersistentVolumeClaimSpec'), 'Specification copied unchanged into the claim.'),
}, { required: ['spec'] });

struct(`${CORE}.VolumeResourceRequirements`, 'Storage resource requirements of a volume.', {
  limits: f(1, map(quantity()), 'Maximum amount of each resource allowed.'),
  requests: f(2, map(quantity()), 'Minimum amount of each resource required.'),
});
