// coordination.k8s.io/v1: Lease. Field names and protobuf numbers follow upstream
// k8s.io/api/coordination/v1; descriptions are ours.

import { f, i32, microTime, ref, str, struct } from './dsl.js';
import { defineKind, defineList } from './kinds.js';

const COORD = 'io.k8s.api.coordination.v1';

struct(`${COORD}.LeaseSpec`, 'Holder and timing of a Lease.', {
  acquireTime: f(3, microTime(), 'When the current holder acquired the lease.'),
  holderIdentity: f(1, str(), 'Identity of the current holder.', { 'x-kite-proto-keep-zero': true }),
  leaseDurationSeconds: f(2, i32(), 'Seconds candidates wait after the last renewTime before they may take the lease.', { 'x-kite-proto-keep-zero': true }),
  leaseTransitions: f(5, i32(), 'How many times the lease changed holder.', { 'x-kite-proto-keep-zero': true }),
  preferredHolder: f(7, str(), 'Holder the lease should be handed to; needs strategy.', { 'x-kite-proto-keep-zero': true }),
  renewTime: f(4, microTime(), 'When the holder last renewed the lease.'),
  strategy: f(6, str(), 'Strategy for picking the leader in coordinated leader election.', { 'x-kite-proto-keep-zero': true }),
});

defineKind(`${COORD}.Lease`, ['coordination.k8s.io', 'v1', 'Lease'], 'A lease: who holds it, and until when.', {
  spec: f(2, ref(`${COORD}.LeaseSpec`), 'Holder and timing of the lease.'),
});
defineList(`${COORD}.Lease`, ['coordination.k8s.io', 'v1', 'Lease'], 'A list of Leases.');
