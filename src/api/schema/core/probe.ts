// Probes and lifecycle hooks: the actions the kubelet runs against a container.

import { f, i32, i64, intOrString, listAtomic, str, struct } from '../dsl.js';
import { inline } from './inline.js';
import { CORE, core } from './names.js';

struct(`${CORE}.Probe`, 'A health check run against a container to decide whether it is alive or ready.', {
  ...inline(1, {
    exec: f(1, core('ExecAction'), 'Runs a command in the container.'),
    grpc: f(4, core('GRPCAction'), 'Sends a gRPC health check request.'),
    httpGet: f(2, core('HTTPGetAction'), 'Sends an HTTP GET request.'),
    tcpSocket: f(3, core('TCPSocketAction'), 'Opens a TCP connection.'),
  }),
  failureThreshold: f(6, i32(), 'Consecutive failures after which the probe counts as failed; defaults to 3.'),
  initialDelaySeconds: f(2, i32(), 'Seconds after the container starts before the probe first runs.'),
  periodSeconds: f(4, i32(), 'How often, in seconds, the probe runs; defaults to 10.'),
  successThreshold: f(5, i32(), 'Consecutive successes after a failure for the probe to count as passing; defaults to 1.'),
  terminationGracePeriodSeconds: f(7, i64(), 'Grace period, in seconds, for the pod to stop after this probe fails; overrides the pod value.', { 'x-kite-proto-keep-zero': true }),
  timeoutSeconds: f(3, i32(), 'Seconds after which the probe times out; defaults to 1.'),
});

struct(`${CORE}.ExecAction`, 'Runs a command inside the container.', {
  command: f(1, listAtomic(str()), 'Command line to run, not in a shell; exit status 0 means healthy.'),
});

struct(`${CORE}.HTTPGetAction`, 'An HTTP GET request against the container.', {
  host: f(3, str(), 'Host to connect to; defaults to the pod IP.'),
  httpHeaders: f(5, listAtomic(core('HTTPHeader')), 'Custom request headers.'),
  path: f(1, str(), 'Path to request.'),
  port: f(2, intOrString(), 'Number or IANA_SVC_NAME of the container port to connect to.', { 'x-kite-proto-keep-zero': true }),
  scheme: f(4, str(), 'HTTP or HTTPS; defaults to HTTP.'),
}, { required: ['port'] });

struct(`${CORE}.HTTPHeader`, 'A custom header sent by an HTTP probe.', {
  name: f(1, str(), 'Header name; case variants are treated as the same header.', { 'x-kite-proto-keep-zero': true }),
  value: f(2, str(), 'Header value.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['name', 'value'] });

struct(`${CORE}.TCPSocketAction`, 'Opens a TCP socket to the container.', {
  host: f(2, str(), 'Host to connect to; defaults to the pod IP.'),
  port: f(1, intOrString(), 'Number or IANA_SVC_NAME of the container port to connect to.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['port'] });

struct(`${CORE}.GRPCAction`, 'A gRPC health check request.', {
  port: f(1, i32(), 'Port number of the gRPC service (1-65535).', { 'x-kite-proto-keep-zero': true }),
  service: f(2, str(), 'Service name placed in the gRPC HealthCheckRequest.', { default: '', 'x-kite-proto-keep-zero': true }),
}, { required: ['port'] });

struct(`${CORE}.Lifecycle`, 'Actions the kubelet takes on container lifecycle events.', {
  postStart: f(1, core('LifecycleHandler'), 'Runs right after the container is created; on failure the container is restarted.'),
  preStop: f(2, core('LifecycleHandler'), 'Runs before the container is terminated by an API request or management event.'),
  stopSignal: f(3, str(), 'Signal sent to stop the container; needs spec.os.name to be set.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${CORE}.LifecycleHandler`, 'One action taken in a lifecycle hook.', {
  exec: f(1, core('ExecAction'), 'Runs a command in the container.'),
  httpGet: f(2, core('HTTPGetAction'), 'Sends an HTTP GET request.'),
  sleep: f(4, core('SleepAction'), 'Sleeps for a while.'),
  tcpSocket: f(3, core('TCPSocketAction'), 'Deprecated and not supported; kept for compatibility.'),
});

struct(`${CORE}.SleepAction`, 'Sleeps for a number of seconds.', {
  seconds: f(1, i64(), 'Number of seconds to sleep.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['seconds'] });
