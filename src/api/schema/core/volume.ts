// Pod volumes: Volume with every volume source, and the common, non-legacy sources.
// The deprecated in-tree sources are in legacyVolume.ts.

import { bool, f, i32, i64, listAtomic, map, quantity, str, struct } from '../dsl.js';
import { inline } from './inline.js';
import { CORE, core, meta } from './names.js';
import { embeddedLocalName } from './shared.js';

struct(`${CORE}.Volume`, 'A named volume of a pod that its containers may mount.', {
  name: f(1, str(), 'Name of the volume, a DNS_LABEL unique within the pod.', { 'x-kite-proto-keep-zero': true }),
  // VolumeSource is embedded inline at field 2.
  ...inline(2, {
    awsElasticBlockStore: f(4, core('AWSElasticBlockStoreVolumeSource'), 'Deprecated: an AWS EBS disk; handled by the ebs.csi.aws.com CSI driver.'),
    azureDisk: f(22, core('AzureDiskVolumeSource'), 'Deprecated: an Azure data disk; handled by the disk.csi.azure.com CSI driver.'),
    azureFile: f(18, core('AzureFileVolumeSource'), 'Deprecated: an Azure File share; handled by the file.csi.azure.com CSI driver.'),
    cephfs: f(14, core('CephFSVolumeSource'), 'Deprecated: a CephFS mount; no longer supported in-tree.'),
    cinder: f(13, core('CinderVolumeSource'), 'Deprecated: an OpenStack Cinder volume; handled by the cinder.csi.openstack.org CSI driver.'),
    configMap: f(19, core('ConfigMapVolumeSource'), 'A ConfigMap whose keys become files.'),
    csi: f(28, core('CSIVolumeSource'), 'An ephemeral volume provided by a CSI driver.'),
    downwardAPI: f(16, core('DownwardAPIVolumeSource'), 'Pod fields and container resources exposed as files.'),
    emptyDir: f(2, core('EmptyDirVolumeSource'), "A temporary directory that lives as long as the pod."),
    ephemeral: f(29, core('EphemeralVolumeSource'), 'A volume provisioned through a PersistentVolumeClaim that lives as long as the pod.'),
    fc: f(17, core('FCVolumeSource'), 'A Fibre Channel disk attached to the host.'),
    flexVolume: f(12, core('FlexVolumeSource'), 'Deprecated: a volume provided by an exec-based plugin.'),
    flocker: f(15, core('FlockerVolumeSource'), 'Deprecated: a Flocker dataset; no longer supported in-tree.'),
    gcePersistentDisk: f(3, core('GCEPersistentDiskVolumeSource'), 'Deprecated: a GCE persistent disk; handled by the pd.csi.storage.gke.io CSI driver.'),
    gitRepo: f(5, core('GitRepoVolumeSource'), 'Deprecated: a git repository cloned into the volume.'),
    glusterfs: f(9, core('GlusterfsVolumeSource'), 'Deprecated: a Glusterfs mount; no longer supported in-tree.'),
    hostPath: f(1, core('HostPathVolumeSource'), 'A file or directory of the host machine.'),
    image: f(30, core('ImageVolumeSource'), 'An OCI image or artifact pulled and mounted read-only.'),
    iscsi: f(8, core('ISCSIVolumeSource'), 'An iSCSI disk attached to the host.'),
    nfs: f(7, core('NFSVolumeSource'), 'An NFS export mounted for the lifetime of the pod.'),
    persistentVolumeClaim: f(10, core('PersistentVolumeClaimVolumeSource'), 'A PersistentVolumeClaim in the same namespace.'),
    photonPersistentDisk: f(23, core('PhotonPersistentDiskVolumeSource'), 'Deprecated: a Photon Controller disk; no longer supported in-tree.'),
    portworxVolume: f(24, core('PortworxVolumeSource'), 'Deprecated: a Portworx volume; handled by the pxd.portworx.com CSI driver.'),
    projected: f(26, core('ProjectedVolumeSource'), 'Secrets, ConfigMaps, downward API and tokens projected into one directory.'),
    quobyte: f(21, core('QuobyteVolumeSource'), 'Deprecated: a Quobyte mount; no longer supported in-tree.'),
    rbd: f(11, core('RBDVolumeSource'), 'Deprecated: a Ceph RBD image; no longer supported in-tree.'),
    scaleIO: f(25, core('ScaleIOVolumeSource'), 'Deprecated: a ScaleIO volume; no longer supported in-tree.'),
    secret: f(6, core('SecretVolumeSource'), 'A Secret whose keys become files.'),
    storageos: f(27, core('StorageOSVolumeSource'), 'Deprecated: a StorageOS volume; no longer supported in-tree.'),
    vsphereVolume: f(20, core('VsphereVirtualDiskVolumeSource'), 'Deprecated: a vSphere disk; handled by the csi.vsphere.vmware.com CSI driver.'),
  }),
}, { required: ['name'] });

struct(`${CORE}.HostPathVolumeSource`, 'A file or directory of the host mapped into the pod.', {
  path: f(1, str(), 'Path on the host; symlinks are followed.', { 'x-kite-proto-keep-zero': true }),
  type: f(2, str(), 'What must exist at the path, for example Directory, DirectoryOrCreate, File or Socket; defaults to "".', { 'x-kite-proto-keep-zero': true }),
}, { required: ['path'] });

struct(`${CORE}.EmptyDirVolumeSource`, 'An empty directory that lives as long as the pod.', {
  medium: f(1, str(), 'Storage medium backing the directory: "" for the node default or Memory.'),
  sizeLimit: f(2, quantity(), 'Total local storage the directory may use.'),
});

struct(`${CORE}.SecretVolumeSource`, 'A Secret presented as files.', {
  defaultMode: f(3, i32(), 'Permission bits of created files (0000-0777); defaults to 0644.', { 'x-kite-proto-keep-zero': true }),
  items: f(2, listAtomic(core('KeyToPath')), 'Keys to project and their paths; all keys when unset.'),
  optional: f(4, bool(), 'Whether the Secret or its keys may be missing.', { 'x-kite-proto-keep-zero': true }),
  secretName: f(1, str(), "Name of the Secret in the pod's namespace."),
});

struct(`${CORE}.ConfigMapVolumeSource`, 'A ConfigMap presented as files.', {
  defaultMode: f(3, i32(), 'Permission bits of created files (0000-0777); defaults to 0644.', { 'x-kite-proto-keep-zero': true }),
  items: f(2, listAtomic(core('KeyToPath')), 'Keys to project and their paths; all keys when unset.'),
  ...embeddedLocalName('Name of the ConfigMap in the same namespace.'),
  optional: f(4, bool(), 'Whether the ConfigMap or its keys may be missing.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.PersistentVolumeClaimVolumeSource`, "A reference to a PersistentVolumeClaim in the pod's namespace.", {
  claimName: f(1, str(), 'Name of the PersistentVolumeClaim.', { 'x-kite-proto-keep-zero': true }),
  readOnly: f(2, bool(), 'Force the mounts to be read-only.'),
}, { required: ['claimName'] });

struct(`${CORE}.ProjectedVolumeSource`, 'Several sources projected into one directory.', {
  defaultMode: f(2, i32(), 'Permission bits of created files (0000-0777).', { 'x-kite-proto-keep-zero': true }),
  sources: f(1, listAtomic(core('VolumeProjection')), 'The projections, one source each.'),
});

struct(`${CORE}.VolumeProjection`, 'One source of a projected volume; exactly one field is set.', {
  clusterTrustBundle: f(5, core('ClusterTrustBundleProjection'), 'Trust anchors from ClusterTrustBundle objects.'),
  configMap: f(3, core('ConfigMapProjection'), 'Keys of a ConfigMap.'),
  downwardAPI: f(2, core('DownwardAPIProjection'), 'Pod fields and container resources.'),
  podCertificate: f(6, core('PodCertificateProjection'), 'A private key and certificate chain issued for the pod.'),
  secret: f(1, core('SecretProjection'), 'Keys of a Secret.'),
  serviceAccountToken: f(4, core('ServiceAccountTokenProjection'), 'A token of the pod service account.'),
});

struct(`${CORE}.SecretProjection`, 'A Secret projected into a projected volume.', {
  items: f(2, listAtomic(core('KeyToPath')), 'Keys to project and their paths; all keys when unset.'),
  ...embeddedLocalName('Name of the Secret in the same namespace.'),
  optional: f(4, bool(), 'Whether the Secret or its keys may be missing.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.ConfigMapProjection`, 'A ConfigMap projected into a projected volume.', {
  items: f(2, listAtomic(core('KeyToPath')), 'Keys to project and their paths; all keys when unset.'),
  ...embeddedLocalName('Name of the ConfigMap in the same namespace.'),
  optional: f(4, bool(), 'Whether the ConfigMap or its keys may be missing.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.DownwardAPIProjection`, 'Downward API files in a projected volume.', {
  items: f(1, listAtomic(core('DownwardAPIVolumeFile')), 'Files to create.'),
});

struct(`${CORE}.ServiceAccountTokenProjection`, 'A service account token written into a projected volume.', {
  audience: f(1, str(), 'Intended audience of the token; defaults to the API server.'),
  expirationSeconds: f(2, i64(), 'Requested validity of the token in seconds; defaults to one hour, at least ten minutes.', { 'x-kite-proto-keep-zero': true }),
  path: f(3, str(), 'Path of the token file relative to the mount point.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['path'] });

struct(`${CORE}.ClusterTrustBundleProjection`, 'ClusterTrustBundle contents written into a projected volume.', {
  labelSelector: f(3, meta('LabelSelector'), 'Selects bundles of signerName by label; unset matches nothing.'),
  name: f(1, str(), 'Select one bundle by name.', { 'x-kite-proto-keep-zero': true }),
  optional: f(5, bool(), 'Do not block pod startup when the bundles are missing.', { 'x-kite-proto-keep-zero': true }),
  path: f(4, str(), 'Path of the file relative to the volume root.', { 'x-kite-proto-keep-zero': true }),
  signerName: f(2, str(), 'Select all bundles of this signer.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['path'] });

struct(`${CORE}.PodCertificateProjection`, 'A private key and X.509 certificate chain written into a projected volume.', {
  certificateChainPath: f(6, str(), 'Path the certificate chain is written to.'),
  credentialBundlePath: f(4, str(), 'Path of a single file holding the key followed by the certificate chain.'),
  keyPath: f(5, str(), 'Path the private key is written to.'),
  keyType: f(2, str(), 'Key type to generate: RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.'),
  maxExpirationSeconds: f(3, i32(), 'Longest certificate lifetime allowed; defaults to 86400.', { 'x-kite-proto-keep-zero': true }),
  signerName: f(1, str(), 'Signer the certificate requests are addressed to.'),
}, { required: ['signerName', 'keyType'] });

struct(`${CORE}.DownwardAPIVolumeSource`, 'Pod fields and container resources presented as files.', {
  defaultMode: f(2, i32(), 'Permission bits of created files (0000-0777); defaults to 0644.', { 'x-kite-proto-keep-zero': true }),
  items: f(1, listAtomic(core('DownwardAPIVolumeFile')), 'Files to create.'),
});

struct(`${CORE}.DownwardAPIVolumeFile`, 'One file of a downward API volume.', {
  fieldRef: f(2, core('ObjectFieldSelector'), 'Pod field to write: annotations, labels, name, namespace or uid.'),
  mode: f(4, i32(), 'Permission bits of the file (0000-0777).', { 'x-kite-proto-keep-zero': true }),
  path: f(1, str(), 'Relative path of the file; may not contain or start with "..".', { 'x-kite-proto-keep-zero': true }),
  resourceFieldRef: f(3, core('ResourceFieldSelector'), 'Container limit or request to write.'),
}, { required: ['path'] });

struct(`${CORE}.NFSVolumeSource`, 'An NFS export mounted for the lifetime of a pod.', {
  path: f(2, str(), 'Path exported by the NFS server.', { 'x-kite-proto-keep-zero': true }),
  readOnly: f(3, bool(), 'Mount the export read-only.'),
  server: f(1, str(), 'Host name or IP address of the NFS server.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['server', 'path'] });

struct(`${CORE}.CSIVolumeSource`, 'An ephemeral volume provided by a CSI driver.', {
  driver: f(1, str(), 'Name of the CSI driver.', { 'x-kite-proto-keep-zero': true }),
  fsType: f(3, str(), 'Filesystem type to mount; the driver chooses when empty.', { 'x-kite-proto-keep-zero': true }),
  nodePublishSecretRef: f(5, core('LocalObjectReference'), 'Secret passed to the NodePublishVolume and NodeUnpublishVolume calls.'),
  readOnly: f(2, bool(), 'Mount read-only.', { 'x-kite-proto-keep-zero': true }),
  volumeAttributes: f(4, map(str()), 'Driver-specific attributes.'),
}, { required: ['driver'] });

struct(`${CORE}.EphemeralVolumeSource`, 'A volume backed by a PersistentVolumeClaim created and deleted with the pod.', {
  volumeClaimTemplate: f(1, core('PersistentVolumeClaimTemplate'), 'Template of the claim, named <pod name>-<volume name>.'),
});

struct(`${CORE}.ImageVolumeSource`, 'An OCI image or artifact mounted as a read-only volume.', {
  pullPolicy: f(2, str(), 'When to pull the reference: Always, Never or IfNotPresent.'),
  reference: f(1, str(), 'Image or artifact reference, as in containers[*].image.'),
});
