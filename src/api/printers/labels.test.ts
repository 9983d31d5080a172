import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabels, formatLabelSelector, selectorString } from './labels.js';

describe('labels', () => {
  test('formatLabels sorts keys and prints <none> when empty', () => {
    assert.equal(formatLabels({ tier: 'fe', app: 'web' }), 'app=web,tier=fe');
    assert.equal(formatLabels({}), '<none>');
    assert.equal(formatLabels(undefined), '<none>');
  });

  const selectors: [string, unknown, string | undefined, string][] = [
    ['nil selects nothing', undefined, '', '<none>'],
    ['empty selects everything', {}, '', '<none>'],
    ['match labels sorted by key', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2', 'a=1,b=2'],
    [
      'expressions with sorted values',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'zone', operator: 'Exists' }, { key: 'beta', operator: 'DoesNotExist' }] },
      '!beta,env in (dev,prod),zone',
      '!beta,env in (dev,prod),zone',
    ],
    ['unknown operator is invalid', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, undefined, '<error>'],
    ['In without values is invalid', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, undefined, '<error>'],
    ['an invalid label value is invalid', { matchLabels: { app: 'not valid!' } }, undefined, '<error>'],
    ['a non-object is invalid', 'app=web', undefined, '<error>'],
  ];
  for (const [name, sel, str, formatted] of selectors) {
    test(`selectorString ${name}`, () => {
      assert.equal(selectorString(sel), str);
      assert.equal(formatLabelSelector(sel), formatted);
    });
  }
});
