// apps/v1 DaemonSet: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE
// | CONTAINERS IMAGES SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, selectorColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { translateTimestampSince } from './duration.js';
import { at, int, str } from './fields.js';
import { formatLabels, formatLabelSelector } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

function printDaemonSet(ds: KubeObject, now: number): TableCell[] {
  const podSpec = at(ds, 'spec', 'template', 'spec');
  const { names, images } = layoutContainerCells(podSpec);
  return [
    str(ds.metadata.name),
    int(at(ds, 'status', 'desiredNumberScheduled')),
    int(at(ds, 'status', 'currentNumberScheduled')),
    int(at(ds, 'status', 'numberReady')),
    int(at(ds, 'status', 'updatedNumberScheduled')),
    int(at(ds, 'status', 'numberAvailable')),
    formatLabels(at(podSpec, 'nodeSelector')),
    translateTimestampSince(ds.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(at(ds, 'spec', 'selector')),
  ];
}

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', { type: 'integer' }),
    column('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', { type: 'integer' }),
    column('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', { type: 'integer' }),
    column('Up-to-date', 'The total number of nodes that are running updated daemon pod', { type: 'integer' }),
    column('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', { type: 'integer' }),
    column('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('A label query over pods that are managed by the daemon set.'),
  ],
  row: printDaemonSet,
};
