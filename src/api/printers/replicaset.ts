// apps/v1 ReplicaSet: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, selectorColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { translateTimestampSince } from './duration.js';
import { at, int, optInt, str } from './fields.js';
import { formatLabelSelector } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

function printReplicaSet(rs: KubeObject, now: number): TableCell[] {
  const { names, images } = layoutContainerCells(at(rs, 'spec', 'template', 'spec'));
  return [
    str(rs.metadata.name),
    optInt(at(rs, 'spec', 'replicas')) ?? 1,
    int(at(rs, 'status', 'replicas')),
    int(at(rs, 'status', 'readyReplicas')),
    translateTimestampSince(rs.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(at(rs, 'spec', 'selector')),
  ];
}

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Desired', 'Replicas is the number of desired pods.', { type: 'integer' }),
    column('Current', 'Replicas is the most recently observed number of non-terminating pods.', { type: 'integer' }),
    column('Ready', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.', { type: 'integer' }),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('Selector is a label query over pods that should match the replica count.'),
  ],
  row: printReplicaSet,
};
