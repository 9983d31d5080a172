// Job and CronJob rows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronJobPrinter } from './cronjob.js';
import { jobPrinter } from './job.js';
import { ago, DAY, HOUR, MINUTE, NOW, obj, SECOND } from './testing.js';

const podTemplate = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
const job = (name: string, fields: Record<string, unknown>) => obj('batch/v1', 'Job', name, HOUR, fields);

describe('job printer', () => {
  const cases: { name: string; job: ReturnType<typeof job>; want: unknown[] }[] = [
    {
      name: 'Complete with the time it took',
      job: job('pi', {
        spec: { completions: 1, parallelism: 1, selector, template: podTemplate },
        status: {
          startTime: ago(HOUR), completionTime: ago(HOUR - 32 * SECOND), succeeded: 1,
          conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }],
        },
      }),
      want: ['pi', 'Complete', '1/1', '32s', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'Running measures up to now',
      job: job('run', {
        spec: { completions: 5, parallelism: 2, selector, template: podTemplate },
        status: { startTime: ago(5 * MINUTE + 3 * SECOND), succeeded: 2, active: 2 },
      }),
      want: ['run', 'Running', '2/5', '5m3s', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'work queue job with parallelism and no start yet',
      job: job('queue', { spec: { parallelism: 3, selector, template: podTemplate } }),
      want: ['queue', 'Running', '0/1 of 3', '', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'Failed',
      job: job('f', {
        spec: { completions: 1, selector, template: podTemplate },
        status: { startTime: ago(10 * MINUTE), conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] },
      }),
      want: ['f', 'Failed', '0/1', '10m', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'Terminating',
      job: job('t', { metadata: { deletionTimestamp: ago(0) }, spec: { completions: 1, selector, template: podTemplate } }),
      want: ['t', 'Terminating', '0/1', '', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
    {
      name: 'Suspended',
      job: job('s', { spec: { completions: 1, suspend: true, selector, template: podTemplate }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }),
      want: ['s', 'Suspended', '0/1', '', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'],
    },
  ];
  for (const c of cases) test(`job printer ${c.name}`, () => assert.deepEqual(jobPrinter.row(c.job, NOW), c.want));

  test('job printer columns are NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR', () => {
    assert.deepEqual(jobPrinter.columns.map((c) => `${c.name}:${c.priority}`), [
      'Name:0', 'Status:0', 'Completions:0', 'Duration:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });
});

describe('cronjob printer', () => {
  test('cronjob printer prints schedule, timezone, suspend, active and last schedule', () => {
    const cj = obj('batch/v1', 'CronJob', 'hello', 2 * DAY, {
      spec: {
        schedule: '*/5 * * * *', suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.36' }] } } } },
      },
      status: { active: [{ kind: 'Job', name: 'hello-1' }], lastScheduleTime: ago(3 * MINUTE) },
    });
    assert.deepEqual(cronJobPrinter.row(cj, NOW), ['hello', '*/5 * * * *', '<none>', 'False', 1, '3m', '2d', 'hello', 'busybox:1.36', '<none>']);
  });

  test('cronjob printer prints a time zone, suspension and no schedule yet', () => {
    const cj = obj('batch/v1', 'CronJob', 'nightly', 12 * SECOND, {
      spec: {
        schedule: '0 3 * * *', timeZone: 'Europe/Paris', suspend: true,
        jobTemplate: { spec: { selector: { matchLabels: { job: 'nightly' } }, template: { spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] } } } },
      },
    });
    assert.deepEqual(cronJobPrinter.row(cj, NOW), ['nightly', '0 3 * * *', 'Europe/Paris', 'True', 0, '<none>', '12s', 'a,b', 'a,b', 'job=nightly']);
  });

  test('cronjob printer prints <unset> for a missing suspend', () => {
    const cj = obj('batch/v1', 'CronJob', 'x', DAY, { spec: { schedule: '@hourly', jobTemplate: {} } });
    assert.equal(cronJobPrinter.row(cj, NOW)[3], '<unset>');
  });

  test('cronjob printer columns are NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR', () => {
    assert.deepEqual(cronJobPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`), [
      'Name:string:0', 'Schedule:string:0', 'Timezone:string:0', 'Suspend:boolean:0', 'Active:integer:0',
      'Last Schedule:string:0', 'Age:string:0', 'Containers:string:1', 'Images:string:1', 'Selector:string:1',
    ]);
  });
});
