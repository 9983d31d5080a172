import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusErrorFromResponse } from './status-error.js';

const cases: { name: string; code: number; body: string; want: { code: number; reason: string; message: RegExp; details?: unknown } }[] = [
  {
    name: 'decodes a Status body',
    code: 422,
    body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422, message: 'Pod "x" is invalid: spec: Required value', details: { name: 'x', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', field: 'spec' }] } }),
    want: { code: 422, reason: 'Invalid', message: /^Pod "x" is invalid/, details: { name: 'x', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', field: 'spec' }] } },
  },
  { name: 'fills a missing reason from the code', code: 404, body: '{"kind":"Status","code":404,"message":"gone"}', want: { code: 404, reason: 'NotFound', message: /^gone$/ } },
  { name: 'explains a non-JSON 404', code: 404, body: '404 page not found', want: { code: 404, reason: 'NotFound', message: /could not find the requested resource/ } },
  { name: 'quotes a non-JSON 500 body', code: 500, body: 'panic: oops', want: { code: 500, reason: 'InternalError', message: /an error on the server \("panic: oops"\)/ } },
  { name: 'handles an empty 401', code: 401, body: '', want: { code: 401, reason: 'Unauthorized', message: /provide credentials/ } },
  { name: 'treats non-Status JSON as unstructured', code: 409, body: '{"foo":1}', want: { code: 409, reason: 'Conflict', message: /conflict/ } },
];

for (const c of cases) {
  test(`statusErrorFromResponse ${c.name}`, () => {
    const e = statusErrorFromResponse(c.code, Buffer.from(c.body));
    assert.equal(e.name, 'StatusError');
    assert.equal(e.code, c.want.code);
    assert.equal(e.reason, c.want.reason);
    assert.match(e.message, c.want.message);
    if (c.want.details) assert.deepEqual(e.details, c.want.details);
  });
}
