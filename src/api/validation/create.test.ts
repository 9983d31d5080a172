import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString, invalid } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
import { validateCreate } from './index.js';
import {
  configMap, cronJob, daemonSet, deployment, job, make, namespace, node, pod, replicaSet, secret, service, statefulSet,
} from './fixtures.js';

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const C = 'spec.template.spec.containers[0]';

const cases: { name: string; obj: () => KubeObject; want: string[] }[] = [
  // valid objects of every kind
  { name: 'a pod is valid', obj: () => pod(), want: [] },
  { name: 'a deployment is valid', obj: () => deployment(), want: [] },
  { name: 'a replicaset is valid', obj: () => replicaSet(), want: [] },
  { name: 'a statefulset is valid', obj: () => statefulSet(), want: [] },
  { name: 'a daemonset is valid', obj: () => daemonSet(), want: [] },
  { name: 'a job with a generated selector is valid', obj: () => job(), want: [] },
  { name: 'a cronjob is valid', obj: () => cronJob(), want: [] },
  { name: 'a service is valid', obj: () => service(), want: [] },
  { name: 'a secret is valid', obj: () => secret(), want: [] },
  { name: 'a configmap is valid', obj: () => configMap(), want: [] },
  { name: 'a namespace is valid', obj: () => namespace(), want: [] },
  { name: 'a node is valid', obj: () => node(), want: [] },

  // metadata
  { name: 'deployment replicas -1', obj: () => deployment((d) => { d.spec.replicas = -1; }), want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'deployment bad name', obj: () => deployment((d) => { d.metadata.name = 'Bad_Name'; }), want: [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`] },
  { name: 'name or generateName is required', obj: () => pod((p) => { delete p.metadata.name; }), want: ['metadata.name: Required value: name or generateName is required'] },
  { name: 'generateName alone is accepted', obj: () => pod((p) => { delete p.metadata.name; p.metadata.generateName = 'web-'; }), want: [] },
  { name: 'namespace is required for namespaced kinds', obj: () => pod((p) => { delete p.metadata.namespace; }), want: ['metadata.namespace: Required value'] },
  { name: 'namespace is forbidden on cluster-scoped kinds', obj: () => node((n) => { n.metadata.namespace = 'default'; }), want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'label keys are qualified names', obj: () => pod((p) => { p.metadata.labels = { 'bad key': 'v' }; }), want: ["metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"] },
  { name: 'label values are at most 63 characters', obj: () => pod((p) => { p.metadata.labels = { a: 'x'.repeat(64) }; }), want: [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`] },
  { name: 'annotations are at most 256 KiB', obj: () => pod((p) => { p.metadata.annotations = { a: 'x'.repeat(256 * 1024) }; }), want: ['metadata.annotations: Too long: must have at most 262144 bytes'] },
  { name: 'unqualified finalizers must be standard', obj: () => pod((p) => { p.metadata.finalizers = ['custom']; }), want: ['metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'] },

  // selectors and templates
  { name: 'deployment selector mismatch', obj: () => deployment((d) => { d.spec.template.metadata.labels = { app: 'other' }; }), want: ['spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`'] },
  { name: 'deployment empty selector', obj: () => deployment((d) => { d.spec.selector = {}; }), want: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'] },
  { name: 'deployment selector is required', obj: () => deployment((d) => { delete d.spec.selector; }), want: ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'selector operators are checked', obj: () => deployment((d) => { d.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Maybe' }] }; }), want: ['spec.selector.matchExpressions[0].operator: Invalid value: "Maybe": not a valid selector operator', 'spec.selector: Invalid value: {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Maybe"}]}: invalid label selector'] },
  { name: 'In needs values', obj: () => replicaSet((d) => { d.spec.selector.matchExpressions = [{ key: 'app', operator: 'In', values: [] }]; }), want: ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'", 'spec.selector: Invalid value: {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"app","operator":"In","values":[]}]}: invalid label selector'] },
  { name: 'deployment strategy with both limits zero', obj: () => deployment((d) => { d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; }), want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'] },
  { name: 'deployment maxSurge must be int or percent', obj: () => deployment((d) => { d.spec.strategy = { rollingUpdate: { maxSurge: 'lots' } }; }), want: ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"] },
  { name: 'deployment template restartPolicy must be Always', obj: () => deployment((d) => { d.spec.template.spec.restartPolicy = 'Never'; }), want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
  { name: 'progressDeadlineSeconds must exceed minReadySeconds', obj: () => deployment((d) => { d.spec.minReadySeconds = 900; }), want: ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'] },

  // containers
  { name: 'duplicate container name', obj: () => deployment((d) => { d.spec.template.spec.containers.push({ name: 'web', image: 'nginx' }); }), want: ['spec.template.spec.containers[1].name: Duplicate value: "web"'] },
  { name: 'containers are required', obj: () => pod((p) => { p.spec.containers = []; }), want: ['spec.containers: Required value'] },
  { name: 'container names are DNS labels', obj: () => pod((p) => { p.spec.containers[0].name = 'Web'; }), want: [`spec.containers[0].name: Invalid value: "Web": ${LABEL}`] },
  { name: 'missing image', obj: () => deployment((d) => { delete d.spec.template.spec.containers[0].image; }), want: [`${C}.image: Required value`] },
  { name: 'invalid container port', obj: () => deployment((d) => { d.spec.template.spec.containers[0].ports = [{ containerPort: 80 }, { containerPort: 70000 }]; }), want: [`${C}.ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`] },
  { name: 'bad protocol', obj: () => deployment((d) => { d.spec.template.spec.containers[0].ports = [{ containerPort: 80, protocol: 'FOO' }]; }), want: [`${C}.ports[0].protocol: Unsupported value: "FOO": supported values: "SCTP", "TCP", "UDP"`] },
  { name: 'duplicate port names', obj: () => pod((p) => { p.spec.containers[0].ports = [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }]; }), want: ['spec.containers[0].ports[1].name: Duplicate value: "http"'] },
  { name: 'bad quantity', obj: () => deployment((d) => { d.spec.template.spec.containers[0].resources = { limits: { memory: 'lots' } }; }), want: [`${C}.resources.limits[memory]: Invalid value: "lots": ${QUANTITY}`] },
  { name: 'requests above limits', obj: () => deployment((d) => { d.spec.template.spec.containers[0].resources = { limits: { cpu: '1000m' }, requests: { cpu: '2' } }; }), want: [`${C}.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`] },
  { name: 'negative quantities', obj: () => pod((p) => { p.spec.containers[0].resources = { requests: { cpu: '-1' } }; }), want: ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0'] },
  { name: 'unknown unprefixed resource names (pod limits default the requests)', obj: () => pod((p) => { p.spec.containers[0].resources = { limits: { gpu: '1' } }; }), want: ['spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified', 'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers', 'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified', 'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers'] },
  { name: 'env var names may not contain =', obj: () => pod((p) => { p.spec.containers[0].env = [{ name: 'A=B', value: '1' }]; }), want: ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"] },
  { name: 'env valueFrom needs a source', obj: () => pod((p) => { p.spec.containers[0].env = [{ name: 'A', valueFrom: {} }]; }), want: ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'] },
  { name: 'fieldRef paths are checked', obj: () => pod((p) => { p.spec.containers[0].env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.foo' } } }]; }), want: ['spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo'] },
  { name: 'probes need a handler', obj: () => pod((p) => { p.spec.containers[0].readinessProbe = {}; }), want: ['spec.containers[0].readinessProbe: Required value: must specify a handler type'] },
  { name: 'probes take one handler', obj: () => pod((p) => { p.spec.containers[0].livenessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 80 } }; }), want: ['spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'] },
  { name: 'liveness successThreshold must be 1', obj: () => pod((p) => { p.spec.containers[0].livenessProbe = { tcpSocket: { port: 'http' }, successThreshold: 2 }; }), want: ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'] },
  { name: 'imagePullPolicy enum', obj: () => pod((p) => { p.spec.containers[0].imagePullPolicy = 'Sometimes'; }), want: ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'] },

  // pod spec
  { name: 'restartPolicy enum', obj: () => pod((p) => { p.spec.restartPolicy = 'Sometimes'; }), want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'] },
  { name: 'dnsPolicy enum', obj: () => pod((p) => { p.spec.dnsPolicy = 'Cluster'; }), want: ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'] },
  { name: 'volume mounts must name a volume', obj: () => pod((p) => { p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; }), want: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'] },
  { name: 'volume names are unique', obj: () => pod((p) => { p.spec.volumes = [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }]; }), want: ['spec.volumes[1].name: Duplicate value: "v"'] },
  { name: 'volumes take one source', obj: () => pod((p) => { p.spec.volumes = [{ name: 'v', emptyDir: {}, configMap: { name: 'c' } }]; }), want: ['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'] },
  { name: 'secret volumes need a name', obj: () => pod((p) => { p.spec.volumes = [{ name: 'v', secret: {} }]; }), want: ['spec.volumes[0].secret.secretName: Required value'] },
  { name: 'negative terminationGracePeriodSeconds is accepted (upstream only warns)', obj: () => pod((p) => { p.spec.terminationGracePeriodSeconds = -1; }), want: [] },
  { name: 'activeDeadlineSeconds must be positive', obj: () => pod((p) => { p.spec.activeDeadlineSeconds = 0; }), want: ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'] },
  { name: 'toleration operators', obj: () => pod((p) => { p.spec.tolerations = [{ key: 'k', operator: 'Like', effect: 'NoSchedule' }]; }), want: ['spec.tolerations[0].operator: Unsupported value: "Like": supported values: "Equal", "Exists"'] },
  { name: 'toleration effects', obj: () => pod((p) => { p.spec.tolerations = [{ operator: 'Exists', effect: 'Evict' }]; }), want: ['spec.tolerations[0].effect: Unsupported value: "Evict": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'] },
  { name: 'nodeSelector labels', obj: () => pod((p) => { p.spec.nodeSelector = { disk: 'fast ssd' }; }), want: ["spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
  { name: 'node affinity needs terms', obj: () => pod((p) => { p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; }), want: ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'] },
  { name: 'node affinity accepts Gt with one value', obj: () => pod((p) => { p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['4'] }] }] } } }; }), want: [] },
  { name: 'node affinity Lt needs a single value', obj: () => pod((p) => { p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpus', operator: 'Lt', values: ['4', '8'] }] }] } } }; }), want: ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"] },
  { name: 'pod affinity label selectors refuse Gt', obj: () => pod((p) => { p.spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] } }] } }; }), want: ['spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'] },
  { name: 'pod affinity needs a topologyKey', obj: () => pod((p) => { p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } }; }), want: ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty', "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty", "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"] },
  { name: 'topology spread maxSkew and whenUnsatisfiable', obj: () => pod((p) => { p.spec.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }]; }), want: ['spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero', 'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"'] },
  { name: 'ephemeral containers cannot be set on create', obj: () => pod((p) => { p.spec.ephemeralContainers = [{ name: 'dbg', image: 'busybox' }]; }), want: ['spec.ephemeralContainers: Forbidden: cannot be set on create'] },

  // batch
  { name: 'job restartPolicy Always', obj: () => job((j) => { j.spec.template.spec.restartPolicy = 'Always'; }), want: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'] },
  { name: 'job restartPolicy unset defaults to Always and is refused', obj: () => job((j) => { delete j.spec.template.spec.restartPolicy; }), want: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'] },
  { name: 'job counts are non-negative', obj: () => job((j) => { j.spec.parallelism = -1; j.spec.backoffLimit = -2; }), want: ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0', 'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0'] },
  { name: 'job needs a uid for a generated selector', obj: () => job((j) => { j.metadata.uid = undefined; j.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'x' } }; j.spec.template.metadata = { labels: { 'batch.kubernetes.io/controller-uid': 'x' } }; }), want: ['metadata.uid: Required value', "spec.template.metadata.labels[controller-uid]: Required value: must be ''", "spec.template.metadata.labels[job-name]: Required value: must be 'pi'", "spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: {\"batch.kubernetes.io/controller-uid\":\"x\"}: must be ''", "spec.template.metadata.labels[batch.kubernetes.io/job-name]: Required value: must be 'pi'", 'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"x"}}: `selector` not auto-generated'] },
  { name: 'bad cron schedule', obj: () => cronJob((c) => { c.spec.schedule = 'every minute'; }), want: ['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'] },
  { name: 'cron schedule ranges', obj: () => cronJob((c) => { c.spec.schedule = '61 * * * *'; }), want: ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'] },
  { name: 'cron TZ in schedule is refused', obj: () => cronJob((c) => { c.spec.schedule = 'TZ=UTC */5 * * * *'; }), want: ['spec.schedule: Invalid value: "TZ=UTC */5 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'] },
  { name: 'cron time zones are IANA names', obj: () => cronJob((c) => { c.spec.timeZone = 'Mars/Olympus'; }), want: ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'] },
  { name: 'cron concurrencyPolicy enum', obj: () => cronJob((c) => { c.spec.concurrencyPolicy = 'Sometimes'; }), want: ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'] },
  { name: 'cronjob names are at most 52 characters', obj: () => cronJob((c) => { c.metadata.name = 'c'.repeat(53); }), want: [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`] },

  // apps
  { name: 'statefulset names are DNS labels', obj: () => statefulSet((s) => { s.metadata.name = 'db.v1'; }), want: ['metadata.name: Invalid value: "db.v1": must not contain dots'] },
  { name: 'statefulset podManagementPolicy', obj: () => statefulSet((s) => { s.spec.podManagementPolicy = 'Random'; }), want: ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"] },
  { name: 'daemonset updateStrategy limits', obj: () => daemonSet((d) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }; }), want: ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'] },
  { name: 'controllerrevision needs data', obj: () => make({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r', namespace: 'default' }, revision: -1 }), want: ['data: Required value: data is mandatory', 'revision: Invalid value: -1: must be greater than or equal to 0'] },

  // services and endpoints
  { name: 'service names are DNS-1035 labels', obj: () => service((s) => { s.metadata.name = '1web'; }), want: [`metadata.name: Invalid value: "1web": ${DNS1035}`] },
  { name: 'service ports are required', obj: () => service((s) => { s.spec.ports = []; }), want: ['spec.ports: Required value'] },
  { name: 'service port names are required with several ports', obj: () => service((s) => { s.spec.ports = [{ port: 80 }, { port: 443 }]; }), want: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'] },
  { name: 'service ports are in range', obj: () => service((s) => { s.spec.ports[0].port = 0; s.spec.ports[0].targetPort = 8080; }), want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'service type enum', obj: () => service((s) => { s.spec.type = 'Internal'; }), want: ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
  { name: 'ClusterIP services take no nodePort', obj: () => service((s) => { s.spec.ports[0].nodePort = 30080; }), want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"] },
  { name: 'headless services need no ports', obj: () => service((s) => { s.spec.ports = []; s.spec.clusterIP = 'None'; }), want: [] },
  { name: 'ExternalName services need a name', obj: () => service((s) => { s.spec.type = 'ExternalName'; s.spec.ports = []; }), want: ['spec.externalName: Required value'] },
  { name: 'endpoints addresses are IPs', obj: () => make({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.0.0.300' }, { ip: '127.0.0.1' }], ports: [{ port: 80 }] }] }), want: ['subsets[0].addresses[0].ip: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', 'subsets[0].addresses[0].ip: Invalid value: "10.0.0.300": must be a valid IP address', 'subsets[0].addresses[1].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] },

  // config data
  { name: 'secret keys are config keys', obj: () => secret((s) => { s.data = { 'bad key': 'YQ==' }; }), want: ["data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"] },
  { name: 'tls secrets need both keys', obj: () => secret((s) => { s.type = 'kubernetes.io/tls'; s.data = { 'tls.crt': 'YQ==' }; }), want: ['data[tls.key]: Required value'] },
  { name: 'dockerconfigjson secrets hold JSON', obj: () => secret((s) => { s.type = 'kubernetes.io/dockerconfigjson'; s.data = { '.dockerconfigjson': Buffer.from('xyz').toString('base64') }; }), want: ["data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'x' looking for beginning of value"] },
  { name: 'secrets are at most 1 MiB', obj: () => secret((s) => { s.data = { big: Buffer.alloc(1024 * 1024 + 1).toString('base64') }; }), want: ['data: Too long: must have at most 1048576 bytes'] },
  { name: 'configmap keys may not repeat in binaryData', obj: () => configMap((c) => { c.binaryData = { 'app.conf': 'YQ==' }; }), want: ['data[app.conf]: Invalid value: "app.conf": duplicate of key present in binaryData'] },

  // cluster-scoped and the rest
  { name: 'namespace names are DNS labels', obj: () => namespace((n) => { n.metadata.name = 'team.a'; }), want: ['metadata.name: Invalid value: "team.a": must not contain dots'] },
  { name: 'node taint effects', obj: () => node((n) => { n.spec.taints = [{ key: 'k', effect: 'Sometimes' }]; }), want: ['metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'] },
  { name: 'node podCIDRs are CIDRs', obj: () => node((n) => { n.spec.podCIDR = '10.244.0.0'; }), want: ['spec.podCIDRs[0]: Invalid value: "10.244.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
  { name: 'quota resources', obj: () => make({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '1.5', widgets: '1' } } }), want: ['spec.hard[pods]: Invalid value: "1500m": must be an integer', 'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified', 'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota'] },
  { name: 'lease durations are positive', obj: () => make({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } }), want: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'] },
  { name: 'event namespaces match the involved object', obj: () => make({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } }), want: ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'] },
  { name: 'events.k8s.io events need reporting fields', obj: () => make({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, eventTime: '2024-01-01T00:00:00.000000Z', regarding: { kind: 'Pod', name: 'p', namespace: 'default' }, type: 'Normal' }), want: ['reportingController: Required value', "reportingController: Invalid value: \"\": name part must be non-empty", "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", 'reportingInstance: Required value', 'action: Required value', 'reason: Required value'] },
  { name: 'bindings need a target name', obj: () => make({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', namespace: 'default' }, target: { kind: 'Pod' } }), want: ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"', 'target.name: Required value'] },
];

describe('validateCreate', () => {
  for (const c of cases) {
    test(`validateCreate ${c.name}`, () => assert.deepEqual(validateCreate(c.obj()).map(fieldErrorString), c.want));
  }

  test('validateCreate errors render as a 422 Status as kubectl shows it', () => {
    const errs = validateCreate(deployment((d) => { d.spec.replicas = -1; }));
    const err = invalid('apps', 'Deployment', 'web', errs);
    assert.equal(err.message, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.equal(err.code, 422);
  });

  test('validateCreate passes kinds it does not know', () => {
    assert.deepEqual(validateCreate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: {} }), []);
  });
});
