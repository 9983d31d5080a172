// events.k8s.io/v1: Event. Field names and protobuf numbers follow upstream k8s.io/api/events/v1;
// descriptions are ours.

import { f, i32, microTime, ref, str, struct, time } from './dsl.js';
import { defineKind, defineList } from './kinds.js';

const EVENTS = 'io.k8s.api.events.v1';
const objectReference = () => ref('io.k8s.api.core.v1.ObjectReference');

struct(`${EVENTS}.EventSeries`, 'A series of repeated events, updated on heartbeats.', {
  count: f(1, i32(), 'Occurrences in the series up to the last heartbeat.', { 'x-kite-proto-keep-zero': true }),
  lastObservedTime: f(2, microTime(), 'When the last event of the series was seen.'),
}, { required: ['count', 'lastObservedTime'] });

defineKind(`${EVENTS}.Event`, ['events.k8s.io', 'v1', 'Event'], 'A report of something that happened in the cluster; informative and best-effort.', {
  action: f(6, str(), 'What was done, or failed, regarding the object; machine-readable, at most 128 characters.'),
  deprecatedCount: f(15, i32(), 'Compatibility with core/v1 Event count.'),
  deprecatedFirstTimestamp: f(13, time(), 'Compatibility with core/v1 Event firstTimestamp.'),
  deprecatedLastTimestamp: f(14, time(), 'Compatibility with core/v1 Event lastTimestamp.'),
  deprecatedSource: f(12, ref('io.k8s.api.core.v1.EventSource'), 'Compatibility with core/v1 Event source.'),
  eventTime: f(2, microTime(), 'When the event was first observed.'),
  note: f(10, str(), 'Human-readable description of the status of the operation, at most 1kB.'),
  reason: f(7, str(), 'Why the action was taken; human-readable, at most 128 characters.'),
  regarding: f(8, objectReference(), 'The object this event is about.'),
  related: f(9, objectReference(), 'A secondary object involved, e.g. one the action created or deleted.'),
  reportingController: f(4, str(), 'Controller that emitted the event, e.g. "kubernetes.io/kubelet".'),
  reportingInstance: f(5, str(), 'Instance of the controller, e.g. "kubelet-xyzf"; at most 128 characters.'),
  series: f(3, ref(`${EVENTS}.EventSeries`), 'Series data when the event repeats; unset for a singleton.'),
  type: f(11, str(), '"Normal" or "Warning"; new types may be added.'),
}, { required: ['eventTime'] });
defineList(`${EVENTS}.Event`, ['events.k8s.io', 'v1', 'Event'], 'A list of Events.');
