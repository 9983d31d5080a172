// core/v1 Event (events.k8s.io/v1 is defined elsewhere).

import { f, i32, microTime, str, struct, time } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';

kind('Event', 'A report of something that happened in the cluster; best-effort and short-lived.', {
  ...objectHeader(),
  action: f(12, str(), 'Action taken, or that failed, about the object.'),
  count: f(8, i32(), 'Number of times the event occurred.'),
  eventTime: f(10, microTime(), 'When the event was first observed.'),
  firstTimestamp: f(6, time(), 'When the event was first recorded.'),
  involvedObject: f(2, core('ObjectReference'), 'The object the event is about.'),
  lastTimestamp: f(7, time(), 'When the event was most recently recorded.'),
  message: f(4, str(), 'Human-readable description of the event.'),
  reason: f(3, str(), 'Short, machine-readable reason for the transition.'),
  related: f(13, core('ObjectReference'), 'A secondary object of the action.'),
  reportingComponent: f(14, str(), 'Controller that emitted the event, such as kubernetes.io/kubelet.', { 'x-kite-proto-keep-zero': true }),
  reportingInstance: f(15, str(), 'Instance of the controller, such as kubelet-xyzf.', { 'x-kite-proto-keep-zero': true }),
  series: f(11, core('EventSeries'), 'The series the event belongs to; unset for a singleton event.'),
  source: f(5, core('EventSource'), 'The component reporting the event.'),
  type: f(9, str(), 'Normal or Warning.'),
}, { required: ['metadata', 'involvedObject'] });
kindList('Event', 'A list of Events.', 'The events.');

struct(`${CORE}.EventSeries`, 'A series of events that keeps happening.', {
  count: f(1, i32(), 'Number of occurrences up to the last heartbeat.'),
  lastObservedTime: f(2, microTime(), 'When the last occurrence was observed.'),
});

struct(`${CORE}.EventSource`, 'The component an event comes from.', {
  component: f(1, str(), 'Component that generated the event.'),
  host: f(2, str(), 'Node the event was generated on.'),
});
