import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc3339Micro } from '../../machinery/clock.js';
import { eventPrinter, eventsV1EventPrinter } from './event.js';
import { ago, MINUTE, NOW, obj, SECOND } from './testing.js';

describe('event printer', () => {
  test('event printer prints a core/v1 event row in upstream column order', () => {
    const ev = obj('v1', 'Event', 'web.17f2a', 5 * MINUTE, {
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{app}' },
      reason: 'Pulled', message: 'Successfully pulled image "nginx"\n', type: 'Normal', count: 3,
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(5 * MINUTE + 3 * SECOND), lastTimestamp: ago(12 * SECOND),
    });
    assert.deepEqual(eventPrinter.row(ev, NOW), [
      '12s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Successfully pulled image "nginx"', '5m3s', 3, 'web.17f2a',
    ]);
  });

  test('event printer falls back to eventTime, reporting controller and count 1', () => {
    const ev = obj('v1', 'Event', 'sched.1', MINUTE, {
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Scheduled', message: 'Successfully assigned default/web to node-1', type: 'Normal',
      eventTime: rfc3339Micro(NOW - 40 * SECOND), reportingComponent: 'default-scheduler', reportingInstance: '',
      source: {},
    });
    assert.deepEqual(eventPrinter.row(ev, NOW), [
      '40s', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler', 'Successfully assigned default/web to node-1', '40s', 1, 'sched.1',
    ]);
  });

  test('event printer uses the series for last seen and count', () => {
    const ev = obj('v1', 'Event', 'bo.1', 10 * MINUTE, {
      involvedObject: { kind: 'Node' }, reason: 'BackOff', message: 'Back-off', type: 'Warning',
      eventTime: rfc3339Micro(NOW - 10 * MINUTE), series: { count: 7, lastObservedTime: rfc3339Micro(NOW - 30 * SECOND) },
    });
    assert.deepEqual(eventPrinter.row(ev, NOW), ['30s', 'Warning', 'BackOff', 'node', '', '', 'Back-off', '10m', 7, 'bo.1']);
  });

  test('event printer prints events.k8s.io/v1 events from their own field names', () => {
    const ev = obj('events.k8s.io/v1', 'Event', 'web.17f2b', MINUTE, {
      regarding: { kind: 'Deployment', name: 'web', namespace: 'default' },
      reason: 'ScalingReplicaSet', note: 'Scaled up replica set web-6d4b to 3', type: 'Normal',
      reportingController: 'deployment-controller', reportingInstance: 'kite-1', action: 'Scale',
      eventTime: rfc3339Micro(NOW - 2 * MINUTE),
      deprecatedSource: { component: 'deployment-controller' },
      deprecatedFirstTimestamp: ago(3 * MINUTE), deprecatedLastTimestamp: ago(MINUTE), deprecatedCount: 2,
    });
    assert.deepEqual(eventsV1EventPrinter.row(ev, NOW), [
      '60s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller, kite-1', 'Scaled up replica set web-6d4b to 3', '3m', 2, 'web.17f2b',
    ]);
  });

  test('event printer columns are LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME', () => {
    for (const p of [eventPrinter, eventsV1EventPrinter]) {
      assert.deepEqual(p.columns.map((c) => `${c.name}:${c.format}:${c.priority}`), [
        'Last Seen::0', 'Type::0', 'Reason::0', 'Object::0', 'Subobject::1', 'Source::1', 'Message::0',
        'First Seen::1', 'Count::1', 'Name:name:1',
      ]);
    }
  });
});
