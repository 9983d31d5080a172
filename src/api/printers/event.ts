// core/v1 and events.k8s.io/v1 Event (upstream prints both from the same internal type):
// LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME.

import type { KubeObject } from '../types.js';
import { column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, int, rec, str, type Fields } from './fields.js';
import type { KindPrinter, TableCell } from './types.js';

/** The fields the printer reads, named as in core/v1. */
interface EventView {
  name: string;
  type: string;
  reason: string;
  message: string;
  involvedObject: Fields;
  source: Fields;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  series: Fields | undefined;
  count: number;
}

function coreView(ev: KubeObject): EventView {
  return {
    name: str(ev.metadata.name),
    type: str(ev.type),
    reason: str(ev.reason),
    message: str(ev.message),
    involvedObject: rec(ev.involvedObject),
    source: rec(ev.source),
    reportingController: str(ev.reportingComponent),
    reportingInstance: str(ev.reportingInstance),
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    eventTime: ev.eventTime,
    series: ev.series === undefined || ev.series === null ? undefined : rec(ev.series),
    count: int(ev.count),
  };
}

/** events.k8s.io/v1 names: regarding, note, deprecatedSource, deprecatedFirstTimestamp... */
function eventsV1View(ev: KubeObject): EventView {
  return {
    name: str(ev.metadata.name),
    type: str(ev.type),
    reason: str(ev.reason),
    message: str(ev.note),
    involvedObject: rec(ev.regarding),
    source: rec(ev.deprecatedSource),
    reportingController: str(ev.reportingController),
    reportingInstance: str(ev.reportingInstance),
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    eventTime: ev.eventTime,
    series: ev.series === undefined || ev.series === null ? undefined : rec(ev.series),
    count: int(ev.deprecatedCount),
  };
}

const isSet = (ts: unknown): boolean => typeof ts === 'string' && ts !== '';

/** `kubelet, node-1`: component (or reporting controller), then host (or reporting instance) when set. */
function formatSource(ev: EventView): string {
  const component = str(ev.source.component) || ev.reportingController;
  const instance = str(ev.source.host) || ev.reportingInstance;
  return instance === '' ? component : `${component}, ${instance}`;
}

function printEventView(ev: EventView, now: number): TableCell[] {
  const firstSeen = isSet(ev.firstTimestamp)
    ? translateTimestampSince(ev.firstTimestamp, now)
    : translateTimestampSince(ev.eventTime, now);
  let lastSeen = isSet(ev.lastTimestamp) ? translateTimestampSince(ev.lastTimestamp, now) : firstSeen;
  let count = ev.count;
  if (ev.series) {
    lastSeen = translateTimestampSince(at(ev.series, 'lastObservedTime'), now);
    count = int(ev.series.count);
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  const kind = str(ev.involvedObject.kind).toLowerCase();
  const name = str(ev.involvedObject.name);
  const target = name === '' ? kind : `${kind}/${name}`;
  return [
    lastSeen,
    ev.type,
    ev.reason,
    target,
    str(ev.involvedObject.fieldPath),
    formatSource(ev),
    ev.message.trim(),
    firstSeen,
    count,
    ev.name,
  ];
}

const eventColumns = () => [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'The object that this event is about.'),
  column('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', { priority: 1 }),
  column('Source', 'The component reporting this event.', { priority: 1 }),
  column('Message', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'The time at which the event was first recorded.', { priority: 1 }),
  column('Count', 'The number of times this event has occurred.', { priority: 1 }),
  nameColumn(1),
];

export const eventPrinter: KindPrinter = {
  columns: eventColumns(),
  row: (ev, now) => printEventView(coreView(ev), now),
};

export const eventsV1EventPrinter: KindPrinter = {
  columns: eventColumns(),
  row: (ev, now) => printEventView(eventsV1View(ev), now),
};
