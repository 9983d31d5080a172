// Service and Endpoints.

import { bool, f, i32, intOrString, listAtomic, listMap, map, str, struct } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core, meta } from './names.js';
import { ATOMIC_STRUCT } from './shared.js';

kind('Service', 'A named set of ports and a selector of the pods that serve them, reachable through a virtual IP.', {
  ...objectHeader(),
  spec: f(2, core('ServiceSpec'), 'Desired behaviour of the service.'),
  status: f(3, core('ServiceStatus'), 'Most recently observed status of the service, populated by the system.'),
});
kindList('Service', 'A list of Services.', 'The services.');

struct(`${CORE}.ServiceSpec`, 'The attributes a user sets on a service.', {
  allocateLoadBalancerNodePorts: f(20, bool(), 'Whether node ports are allocated for a LoadBalancer service; defaults to true.', { 'x-kite-proto-keep-zero': true }),
  clusterIP: f(3, str(), 'Virtual IP of the service, usually assigned; "None" makes a headless service.'),
  clusterIPs: f(18, listAtomic(str()), 'Virtual IPs of the service, at most one per IP family; the first matches clusterIP.'),
  externalIPs: f(5, listAtomic(str()), 'Node IPs, not managed by Kubernetes, that also accept traffic for the service.'),
  externalName: f(10, str(), 'DNS name the service aliases (CNAME) when type is ExternalName.'),
  externalTrafficPolicy: f(11, str(), 'Cluster or Local: whether external traffic may go to endpoints on other nodes.'),
  healthCheckNodePort: f(12, i32(), 'Node port serving health checks for a LoadBalancer service with externalTrafficPolicy Local.'),
  internalTrafficPolicy: f(22, str(), 'Cluster or Local: whether cluster-internal traffic may go to endpoints on other nodes.', { 'x-kite-proto-keep-zero': true }),
  ipFamilies: f(19, listAtomic(str()), 'IP families (IPv4, IPv6) of the service, at most two.'),
  ipFamilyPolicy: f(17, str(), 'SingleStack, PreferDualStack or RequireDualStack.', { 'x-kite-proto-keep-zero': true }),
  loadBalancerClass: f(21, str(), 'Load balancer implementation of a LoadBalancer service; immutable once set.', { 'x-kite-proto-keep-zero': true }),
  loadBalancerIP: f(8, str(), 'Deprecated: requested IP of the load balancer.'),
  loadBalancerSourceRanges: f(9, listAtomic(str()), 'Client CIDRs the cloud load balancer admits.'),
  ports: f(1, listMap(core('ServicePort'), ['port', 'protocol']), 'Ports exposed by the service.'),
  publishNotReadyAddresses: f(13, bool(), 'Treat all endpoints as ready, whatever their pods report.'),
  selector: f(2, map(str(), { 'x-kubernetes-map-type': 'atomic' }), 'Labels of the pods that receive the traffic; endpoints are managed externally when empty.'),
  sessionAffinity: f(7, str(), 'ClientIP or None; defaults to None.'),
  sessionAffinityConfig: f(14, core('SessionAffinityConfig'), 'Settings of session affinity.'),
  trafficDistribution: f(23, str(), 'Preference for how traffic is distributed to endpoints, such as PreferClose.', { 'x-kite-proto-keep-zero': true }),
  type: f(4, str(), 'ClusterIP, NodePort, LoadBalancer or ExternalName; defaults to ClusterIP.'),
});

struct(`${CORE}.ServicePort`, 'A port of a service.', {
  appProtocol: f(6, str(), 'Application protocol of the port, such as an IANA service name or kubernetes.io/h2c.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Name of the port, a DNS_LABEL unique within the service; optional with a single port.'),
  nodePort: f(5, i32(), 'Port on every node for NodePort and LoadBalancer services; allocated when unset.'),
  port: f(3, i32(), 'Port the service exposes.', { 'x-kite-proto-keep-zero': true }),
  protocol: f(2, str(), 'TCP, UDP or SCTP; defaults to TCP.', { default: 'TCP' }),
  targetPort: f(4, intOrString(), 'Number or name of the port on the pods; defaults to port.'),
}, { required: ['port'] });

struct(`${CORE}.ServiceStatus`, 'Current status of a service.', {
  conditions: f(2, listMap(meta('Condition'), 'type'), 'Current conditions of the service.'),
  loadBalancer: f(1, core('LoadBalancerStatus'), 'Status of the load balancer, if any.'),
});

struct(`${CORE}.LoadBalancerStatus`, 'Status of a load balancer.', {
  ingress: f(1, listAtomic(core('LoadBalancerIngress')), 'Ingress points of the load balancer.'),
});

struct(`${CORE}.LoadBalancerIngress`, 'An ingress point of a load balancer.', {
  hostname: f(2, str(), 'DNS name of a DNS-based ingress point.'),
  ip: f(1, str(), 'IP of an IP-based ingress point.'),
  ipMode: f(3, str(), 'VIP or Proxy: how traffic sent to the IP reaches the nodes.', { 'x-kite-proto-keep-zero': true }),
  ports: f(4, listAtomic(core('PortStatus')), 'Status of each service port.'),
});

struct(`${CORE}.PortStatus`, 'Error condition of a service port.', {
  error: f(3, str(), 'Problem with the port, as a CamelCase name or domain-prefixed name.', { 'x-kite-proto-keep-zero': true }),
  port: f(1, i32(), 'Number of the service port.', { 'x-kite-proto-keep-zero': true }),
  protocol: f(2, str(), 'Protocol of the service port: TCP, UDP or SCTP.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['port', 'protocol'] });

struct(`${CORE}.SessionAffinityConfig`, 'Settings of session affinity.', {
  clientIP: f(1, core('ClientIPConfig'), 'Settings of client-IP based affinity.'),
});

struct(`${CORE}.ClientIPConfig`, 'Settings of client-IP based session affinity.', {
  timeoutSeconds: f(1, i32(), 'Session stickiness in seconds (1-86400); defaults to 10800.', { 'x-kite-proto-keep-zero': true }),
});

kind('Endpoints', 'Deprecated: the endpoints that implement a service; use EndpointSlice.', {
  ...objectHeader(),
  subsets: f(2, listAtomic(core('EndpointSubset')), 'Sets of addresses and ports; their union is all endpoints.'),
});
kindList('Endpoints', 'A list of Endpoints.', 'The endpoints.');

struct(`${CORE}.EndpointSubset`, 'Addresses sharing a set of ports; the endpoints are their Cartesian product.', {
  addresses: f(1, listAtomic(core('EndpointAddress')), 'Ready addresses, safe for clients to use.'),
  notReadyAddresses: f(2, listAtomic(core('EndpointAddress')), 'Addresses that are not ready yet or failed a recent check.'),
  ports: f(3, listAtomic(core('EndpointPort')), 'Ports available on the addresses.'),
});

struct(`${CORE}.EndpointAddress`, 'A single IP address of an endpoint.', {
  hostname: f(3, str(), 'Hostname of the endpoint.'),
  ip: f(1, str(), 'IP of the endpoint; not loopback or link-local.', { 'x-kite-proto-keep-zero': true }),
  nodeName: f(4, str(), 'Node hosting the endpoint.', { 'x-kite-proto-keep-zero': true }),
  targetRef: f(2, core('ObjectReference'), 'Object providing the endpoint.'),
}, { required: ['ip'], ...ATOMIC_STRUCT });

struct(`${CORE}.EndpointPort`, 'A port of an endpoint.', {
  appProtocol: f(4, str(), 'Application protocol of the port.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), "Name of the port; matches the service port's name."),
  port: f(2, i32(), 'Port number of the endpoint.', { 'x-kite-proto-keep-zero': true }),
  protocol: f(3, str(), 'TCP, UDP or SCTP; defaults to TCP.'),
}, { required: ['port'], ...ATOMIC_STRUCT });
