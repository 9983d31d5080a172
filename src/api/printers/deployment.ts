// apps/v1 Deployment: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, selectorColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { translateTimestampSince } from './duration.js';
import { at, int, optInt, str } from './fields.js';
import { selectorString } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

function printDeployment(d: KubeObject, now: number): TableCell[] {
  // spec.replicas defaults to 1.
  const desired = optInt(at(d, 'spec', 'replicas')) ?? 1;
  const ready = int(at(d, 'status', 'readyReplicas'));
  const { names, images } = layoutContainerCells(at(d, 'spec', 'template', 'spec'));
  return [
    str(d.metadata.name),
    `${ready}/${desired}`,
    int(at(d, 'status', 'updatedReplicas')),
    int(at(d, 'status', 'availableReplicas')),
    translateTimestampSince(d.metadata.creationTimestamp, now),
    names,
    images,
    selectorString(at(d, 'spec', 'selector')) ?? '<invalid>',
  ];
}

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Ready', 'Number of the pod with ready state'),
    column('Up-to-date', 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('Label selector for pods.'),
  ],
  row: printDeployment,
};
