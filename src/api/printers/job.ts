// batch/v1 Job: NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, selectorColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration.js';
import { at, int, list, optInt, str } from './fields.js';
import { formatLabelSelector } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

/** The first condition of that type decides, as upstream's hasJobCondition. */
function hasJobCondition(job: KubeObject, type: string): boolean {
  const cond = list(at(job, 'status', 'conditions')).find((c) => c.type === type);
  return cond?.status === 'True';
}

export function jobStatus(job: KubeObject): string {
  if (hasJobCondition(job, 'Complete')) return 'Complete';
  if (hasJobCondition(job, 'Failed')) return 'Failed';
  if (typeof job.metadata.deletionTimestamp === 'string' && job.metadata.deletionTimestamp !== '') return 'Terminating';
  if (hasJobCondition(job, 'Suspended')) return 'Suspended';
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: KubeObject): string {
  const succeeded = int(at(job, 'status', 'succeeded'));
  const wanted = optInt(at(job, 'spec', 'completions'));
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = optInt(at(job, 'spec', 'parallelism')) ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Start to completion, or start to now while running; '' before the job started. */
function jobDuration(job: KubeObject, now: number): string {
  const start = parseTimestamp(at(job, 'status', 'startTime'));
  if (start === undefined) return '';
  const end = parseTimestamp(at(job, 'status', 'completionTime'));
  return humanDuration((end ?? now) - start);
}

function printJob(job: KubeObject, now: number): TableCell[] {
  const { names, images } = layoutContainerCells(at(job, 'spec', 'template', 'spec'));
  return [
    str(job.metadata.name),
    jobStatus(job),
    completions(job),
    jobDuration(job, now),
    translateTimestampSince(job.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(at(job, 'spec', 'selector')),
  ];
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Status', 'Status of the job.'),
    column('Completions', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'Time required to complete the job.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('A label query over pods that should match the pod count.'),
  ],
  row: printJob,
};
