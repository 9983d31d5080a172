// batch/v1 CronJob: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR.

import type { KubeObject } from '../types.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, selectorColumn } from './columns.js';
import { layoutContainerCells } from './containers.js';
import { translateTimestampSince } from './duration.js';
import { at, list, optStr, str } from './fields.js';
import { formatLabelSelector } from './labels.js';
import type { KindPrinter, TableCell } from './types.js';

/** Go's printBoolPtr: True / False / <unset>. */
function boolPtr(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

function printCronJob(cj: KubeObject, now: number): TableCell[] {
  const lastSchedule = at(cj, 'status', 'lastScheduleTime');
  const jobSpec = at(cj, 'spec', 'jobTemplate', 'spec');
  const { names, images } = layoutContainerCells(at(jobSpec, 'template', 'spec'));
  return [
    str(cj.metadata.name),
    str(at(cj, 'spec', 'schedule')),
    optStr(at(cj, 'spec', 'timeZone')) ?? '<none>',
    boolPtr(at(cj, 'spec', 'suspend')),
    list(at(cj, 'status', 'active')).length,
    typeof lastSchedule === 'string' ? translateTimestampSince(lastSchedule, now) : '<none>',
    translateTimestampSince(cj.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(at(jobSpec, 'selector')),
  ];
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    column('Timezone', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    column('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.', { type: 'boolean' }),
    column('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
    column('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    selectorColumn('A label query over pods that should match the pod count.'),
  ],
  row: printCronJob,
};
