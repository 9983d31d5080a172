// apps/v1 StatefulSet: NAME READY AGE | CONTAINERS IMAGES.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { translateTimestampSince } from './duration.js';
import { at, int, optInt, str } from './fields.js';
import type { KindPrinter, TableCell } from './types.js';

function printStatefulSet(sts: KubeObject, now: number): TableCell[] {
  const desired = optInt(at(sts, 'spec', 'replicas')) ?? 1;
  const ready = int(at(sts, 'status', 'readyReplicas'));
  const { names, images } = layoutContainerCells(at(sts, 'spec', 'template', 'spec'));
  return [
    str(sts.metadata.name),
    `${ready}/${desired}`,
    translateTimestampSince(sts.metadata.creationTimestamp, now),
    names,
    images,
  ];
}

export const statefulSetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Ready', 'Number of the pod with ready state'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
  ],
  row: printStatefulSet,
};
