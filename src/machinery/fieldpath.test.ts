import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  getPath, hasPath, getPathString, parseFieldPath, escapeJsonPointer, unescapeJsonPointer, parseJsonPointer, formatJsonPointer, formatFieldPath,
} from './fieldpath.js';

const pod = {
  metadata: { name: 'p', labels: { 'app.kubernetes.io/name': 'web' }, empty: null },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }], replicas: 3, paused: false },
};

describe('fieldpath get', () => {
  const cases: [string, unknown][] = [
    ['spec.nodeName', 'n1'], ['metadata.name', 'p'], ['spec.containers[0].image', 'nginx'], ['spec.containers.0.name', 'c'],
    ["metadata.labels['app.kubernetes.io/name']", 'web'], ['metadata.labels["app.kubernetes.io/name"]', 'web'],
    ['spec.missing', undefined], ['spec.containers[1].image', undefined], ['spec.nodeName.x', undefined], ['metadata.empty', null],
    ['spec.replicas', 3], ['', pod], ['constructor', undefined], ['spec.containers.length', undefined],
  ];
  for (const [path, want] of cases) {
    test(`fieldpath get ${JSON.stringify(path)}`, () => {
      assert.deepEqual(getPath(pod, path), want);
    });
  }

  test('fieldpath get hasPath and getPathString', () => {
    assert.ok(hasPath(pod, 'metadata.empty'));
    assert.ok(!hasPath(pod, 'metadata.nope'));
    assert.ok(hasPath(pod, 'spec.containers[0]'));
    assert.ok(!hasPath(pod, 'spec.containers[3]'));
    assert.equal(getPathString(pod, 'spec.replicas'), '3');
    assert.equal(getPathString(pod, 'spec.paused'), 'false');
    assert.equal(getPathString(pod, 'spec.missing'), '');
    assert.equal(getPathString(pod, 'spec.containers'), '');
  });

  test('fieldpath get parse and format', () => {
    assert.deepEqual(parseFieldPath('a.b[2].c'), ['a', 'b', 2, 'c']);
    assert.deepEqual(parseFieldPath("a['x.y]z']"), ['a', 'x.y]z']);
    assert.throws(() => parseFieldPath('a[x'));
    assert.throws(() => parseFieldPath('a[x]'));
    assert.equal(formatFieldPath(['spec', 'containers', 0, 'image']), 'spec.containers[0].image');
  });
});

describe('fieldpath json pointer', () => {
  const tokens: [string, string][] = [['a/b', 'a~1b'], ['m~n', 'm~0n'], ['~/', '~0~1'], ['plain', 'plain'], ['', ''], ['~1', '~01']];
  for (const [raw, esc] of tokens) {
    test(`fieldpath json pointer escapes ${JSON.stringify(raw)}`, () => {
      assert.equal(escapeJsonPointer(raw), esc);
      assert.equal(unescapeJsonPointer(esc), raw);
    });
  }

  test('fieldpath json pointer parse and format', () => {
    assert.deepEqual(parseJsonPointer(''), []);
    assert.deepEqual(parseJsonPointer('/'), ['']);
    assert.deepEqual(parseJsonPointer('/a~1b/0/m~0n'), ['a/b', '0', 'm~n']);
    assert.throws(() => parseJsonPointer('a/b'));
    assert.throws(() => parseJsonPointer('/a~2'));
    assert.equal(formatJsonPointer(['metadata', 'labels', 'app.kubernetes.io/name']), '/metadata/labels/app.kubernetes.io~1name');
  });
});
