import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  LabelSelector, parseLabelSelector, selectorFromSet, validatedSelectorFromSet, labelSelectorFromMeta,
  labelSelectorFromMetaOrEverything, newRequirement, formatLabelSelector, labelsToString, requirementString,
} from './labels.js';
import { isStatusError } from './errors.js';

function badRequestWith(message: string) {
  return (e: unknown): boolean => {
    assert.ok(isStatusError(e), `not a StatusError: ${String(e)}`);
    assert.equal(e.code, 400);
    assert.equal(e.reason, 'BadRequest');
    assert.equal(e.message, message);
    return true;
  };
}

describe('label selector parse', () => {
  // input -> canonical string (upstream restring: spaces dropped, requirements sorted by key)
  const good: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['', ''], ['x!=a,y=b', 'x!=a,y=b'], ['x=', 'x='], ['x= ', 'x='], ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='], ['!x', '!x'], ['x>1', 'x>1'], ['x>1,z<5', 'x>1,z<5'], ['x==a', 'x==a'],
    ['x=a,a=x', 'a=x,x=a'], ['\rx', 'x'], ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'], ['x notin\n (abc)', 'x notin (abc)'], ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (def,abc)', 'x in (abc,def)'], ['x in (abc,)', 'x in (,abc)'], ['x in ()', 'x in ()'], ['x in (,)', 'x in ()'],
    ['x in (b,a,b)', 'x in (a,b)'], ['x notin (abc,def),bar,z in (),w', 'bar,w,x notin (abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'], ['notin=in', 'notin=in'], ['x in (in,notin)', 'x in (in,notin)'], ['x=in', 'x=in'],
    ['app.kubernetes.io/name=nginx', 'app.kubernetes.io/name=nginx'],
  ];
  for (const [input, out] of good) {
    test(`label selector parse ${JSON.stringify(input)} restrings as ${JSON.stringify(out)}`, () => {
      assert.equal(parseLabelSelector(input).toString(), out);
    });
  }

  const bad: [string, string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>1.5', `unable to parse requirement: values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>-1', `unable to parse requirement: values[0][x]: Invalid value: "-1": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    ['app:monolith', `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`],
    ['app.kubernetes_io/name=x', `unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
    ['a/b/c=d', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['x=a/b', `unable to parse requirement: values[0][x]: Invalid value: "a/b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['x,', "found '', expected: identifier after ','"],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['(x)', "found '(', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!x', "unable to parse requirement: found '!', expected: identifier"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['=>x', "found '=', expected: !, identifier, or 'end of string'"],
  ];
  for (const [input, message] of bad) {
    test(`label selector parse rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseLabelSelector(input), badRequestWith(message));
    });
  }

  test('label selector parse is deterministic whatever the order', () => {
    assert.equal(parseLabelSelector('x=a,a=x').toString(), parseLabelSelector('a=x,x=a').toString());
  });
});

describe('label selector matches', () => {
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true], ['', undefined, true], ['x=y', { x: 'y' }, true], ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true], ['notin=in', { notin: 'in' }, true], ['x', { x: 'z' }, true], ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true], ['x<1', { x: '0' }, true], ['x=z', {}, false], ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false], ['x!=y,z!=w', { x: 'z', z: 'w' }, false], ['x', { y: 'z' }, false], ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false], ['x<1', { x: '2' }, false], ['x>1', {}, false], ['x>1', { x: 'v2' }, false],
    ['x>9223372036854775806', { x: '9223372036854775807' }, true], ['x<0', { x: '-5' }, true],
    ['x!=y', {}, true], ['x notin (a)', {}, true], ['x notin (a)', { x: 'a' }, false], ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', {}, false], ['x in ()', { x: '' }, true], ['x in ()', { x: 'a' }, false], ['x=', { x: '' }, true],
    ['x=', {}, false], ['x==y', { x: 'y' }, true], ['constructor', {}, false], ['!toString', {}, true],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false], ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ];
  for (const [sel, labels, want] of cases) {
    test(`label selector matches ${JSON.stringify(sel)} against ${JSON.stringify(labels)} is ${want}`, () => {
      assert.equal(parseLabelSelector(sel).matches(labels), want);
    });
  }
});

describe('label selector helpers', () => {
  test('label selector helpers everything and nothing', () => {
    assert.ok(LabelSelector.everything().matches({ x: 'y' }));
    assert.ok(LabelSelector.everything().isEmpty());
    assert.ok(!LabelSelector.nothing().matches({}));
    assert.ok(!LabelSelector.nothing().isEmpty());
    assert.ok(LabelSelector.nothing().matchesNothing);
    assert.equal(LabelSelector.nothing().toString(), '');
    assert.ok(parseLabelSelector('').isEmpty());
    assert.ok(!parseLabelSelector('a').isEmpty());
  });

  const exact: [string, string, string | undefined][] = [
    ['app=web', 'app', 'web'], ['app==web', 'app', 'web'], ['app in (web)', 'app', 'web'], ['app in (a,b)', 'app', undefined],
    ['app!=web', 'app', undefined], ['app', 'app', undefined], ['tier=x', 'app', undefined], ['a=b,app=web', 'app', 'web'],
  ];
  for (const [sel, key, want] of exact) {
    test(`label selector helpers exactMatchValue(${key}) of ${JSON.stringify(sel)}`, () => {
      assert.equal(parseLabelSelector(sel).exactMatchValue(key), want);
    });
  }

  test('label selector helpers selectorFromSet matches exactly and sorts', () => {
    const s = selectorFromSet({ b: '2', a: '1' });
    assert.equal(s.toString(), 'a=1,b=2');
    assert.ok(s.matches({ a: '1', b: '2', c: '3' }));
    assert.ok(!s.matches({ a: '1' }));
    assert.ok(selectorFromSet({}).isEmpty());
    assert.ok(selectorFromSet(undefined).isEmpty());
    assert.equal(selectorFromSet({ a: 'bad value' }).toString(), 'a=bad value');
    assert.throws(() => validatedSelectorFromSet({ a: 'bad value' }), (e: unknown) => isStatusError(e) && e.code === 400);
  });

  test('label selector helpers add keeps requirements sorted', () => {
    const s = parseLabelSelector('b=1').add(newRequirement('a', 'exists'));
    assert.equal(s.toString(), 'a,b=1');
    assert.ok(LabelSelector.nothing().add(newRequirement('a', 'exists')).matchesNothing);
  });

  test('label selector helpers requirementString forms', () => {
    assert.equal(requirementString({ key: 'x', operator: 'in', values: ['b', 'a'] }), 'x in (a,b)');
    assert.equal(requirementString({ key: 'x', operator: '!', values: [] }), '!x');
    assert.equal(requirementString({ key: 'x', operator: 'gt', values: ['2'] }), 'x>2');
    assert.equal(requirementString({ key: 'x', operator: 'lt', values: ['8'] }), 'x<8');
  });

  const ctor: [string, Parameters<typeof newRequirement>[1], string[], string | null][] = [
    ['x', 'in', [], `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`],
    ['x', 'in', ['foo'], null], ['x', 'notin', ['foo'], null], ['x', 'exists', [], null], ['x', '!', [], null],
    ['1foo', 'in', ['bar'], null], ['1234', 'in', ['bar'], null], ['y', 'gt', ['1'], null], ['z', 'lt', ['6'], null],
    ['foo', 'gt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x', 'exists', ['a'], `values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist`],
    ['x', '=', ['a', 'b'], `values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value`],
    ['x', 'gt', ['1', '2'], `values: Invalid value: []string{"1", "2"}: for 'Gt', 'Lt' operators, exactly one value is required`],
    ['a'.repeat(254), 'exists', [], `key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 characters`],
    ['', 'exists', [], `key: Invalid value: "": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`],
  ];
  for (const [key, op, vals, err] of ctor) {
    test(`label selector helpers newRequirement(${key.slice(0, 10)}, ${op}, ${JSON.stringify(vals)})`, () => {
      if (err === null) assert.equal(newRequirement(key, op, vals).key, key);
      else assert.throws(() => newRequirement(key, op, vals), badRequestWith(err));
    });
  }
});

describe('label selector from meta', () => {
  test('label selector from meta: null matches nothing, empty matches everything', () => {
    assert.ok(labelSelectorFromMeta(null).matchesNothing);
    assert.ok(labelSelectorFromMeta(undefined).matchesNothing);
    assert.ok(labelSelectorFromMeta({}).isEmpty());
    assert.ok(labelSelectorFromMeta({ matchLabels: {}, matchExpressions: [] }).matches({ any: 'thing' }));
    assert.ok(labelSelectorFromMetaOrEverything(null).isEmpty());
  });

  test('label selector from meta combines matchLabels and matchExpressions', () => {
    const s = labelSelectorFromMeta({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['fe', 'be'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'track', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    });
    assert.equal(s.toString(), 'app=web,env notin (prod),!legacy,tier in (be,fe),track');
    assert.ok(s.matches({ app: 'web', tier: 'fe', track: '1' }));
    assert.ok(!s.matches({ app: 'web', tier: 'fe', track: '1', env: 'prod' }));
    assert.ok(!s.matches({ app: 'web', tier: 'fe', track: '1', legacy: 'y' }));
    assert.ok(!s.matches({ app: 'web', tier: 'mid', track: '1' }));
    assert.equal(s.exactMatchValue('app'), 'web');
  });

  const errs: [Parameters<typeof labelSelectorFromMeta>[0], string][] = [
    [{ matchExpressions: [{ key: 'name', operator: 'Seriously' }] }, '"Seriously" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'name', operator: 'In', values: [] }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'name', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'bad key!': 'v' } }, `key: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`],
  ];
  for (const [sel, message] of errs) {
    test(`label selector from meta rejects ${JSON.stringify(sel)}`, () => {
      assert.throws(() => labelSelectorFromMeta(sel), badRequestWith(message));
    });
  }

  test('label selector from meta formats as kubectl shows it', () => {
    assert.equal(formatLabelSelector({}), '<none>');
    assert.equal(formatLabelSelector({ matchLabels: { a: 'b' } }), 'a=b');
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Nope' }] }), '<error>');
    assert.equal(labelsToString({ b: '2', a: '1' }), 'a=1,b=2');
  });
});
