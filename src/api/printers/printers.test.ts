import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCES, groupVersion } from '../resources.js';
import { defaultPrinter } from './default.js';
import { PRINTERS, printerFor } from './printers.js';
import { NOW } from './testing.js';

describe('printer registry', () => {
  test('printerFor finds every kind kite serves, Binding aside, and the default otherwise', () => {
    for (const r of RESOURCES) {
      const p = printerFor(groupVersion(r), r.kind);
      if (r.kind === 'Binding') assert.equal(p, defaultPrinter);
      else assert.notEqual(p, defaultPrinter, `${groupVersion(r)}/${r.kind} has no printer`);
    }
    assert.equal(printerFor('example.com/v1', 'Widget'), defaultPrinter);
    assert.equal(printerFor('v2', 'Pod'), defaultPrinter);
  });

  for (const [key, printer] of [...PRINTERS, ['default', defaultPrinter] as const]) {
    test(`printer registry ${key} prints one cell per column, even for a bare object`, () => {
      const [apiVersion, kind] = [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];
      const cells = printer.row({ apiVersion, kind, metadata: { name: 'x' } }, NOW);
      assert.equal(cells.length, printer.columns.length);
      for (const c of cells) assert.ok(['string', 'number', 'boolean'].includes(typeof c), `cell ${String(c)}`);
    });

    test(`printer registry ${key} has exactly one name-format column, unique names and 0/1 priorities`, () => {
      assert.deepEqual(printer.columns.filter((c) => c.format === 'name').map((c) => c.name), ['Name']);
      assert.equal(new Set(printer.columns.map((c) => c.name)).size, printer.columns.length);
      for (const c of printer.columns) {
        assert.ok(c.priority === 0 || c.priority === 1);
        assert.ok(c.description.length > 0, `${c.name} has a description`);
      }
    });
  }
});
