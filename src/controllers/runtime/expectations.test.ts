import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock.js';
import { Expectations, EXPECTATIONS_TTL_MS } from './expectations.js';

describe('Expectations', () => {
  test('Expectations satisfied when nothing is recorded', () => {
    assert.equal(new Expectations().satisfied('ns/rs'), true);
  });

  const cases: { name: string; run: (e: Expectations, clock: FakeClock) => void; satisfied: boolean }[] = [
    { name: 'pending creations', run: (e) => e.expectCreations('k', 2), satisfied: false },
    { name: 'all creations observed', run: (e) => { e.expectCreations('k', 2); e.creationObserved('k'); e.creationObserved('k'); }, satisfied: true },
    { name: 'one creation of two observed', run: (e) => { e.expectCreations('k', 2); e.creationObserved('k'); }, satisfied: false },
    { name: 'creations lowered for failures', run: (e) => { e.expectCreations('k', 3); e.creationObserved('k'); e.lower('k', 2, 0); }, satisfied: true },
    { name: 'pending deletions', run: (e) => e.expectDeletions('k', ['ns/a', 'ns/b']), satisfied: false },
    { name: 'deletions observed', run: (e) => { e.expectDeletions('k', ['ns/a', 'ns/b']); e.deletionObserved('k', 'ns/a'); e.deletionObserved('k', 'ns/b'); }, satisfied: true },
    { name: 'the same deletion observed twice counts once', run: (e) => { e.expectDeletions('k', ['ns/a', 'ns/b']); e.deletionObserved('k', 'ns/a'); e.deletionObserved('k', 'ns/a'); }, satisfied: false },
    { name: 'an unexpected deletion does not count', run: (e) => { e.expectDeletions('k', ['ns/a']); e.deletionObserved('k', 'ns/x'); }, satisfied: false },
    { name: 'expired after the TTL', run: (e, c) => { e.expectCreations('k', 1); c.advance(EXPECTATIONS_TTL_MS + 1); }, satisfied: true },
    { name: 'not expired at the TTL', run: (e, c) => { e.expectCreations('k', 1); c.advance(EXPECTATIONS_TTL_MS); }, satisfied: false },
    { name: 'deleted record', run: (e) => { e.expectCreations('k', 1); e.delete('k'); }, satisfied: true },
    { name: 'new expectations replace old ones', run: (e) => { e.expectDeletions('k', ['ns/a']); e.expectCreations('k', 0); }, satisfied: true },
  ];
  for (const c of cases) {
    test(`Expectations ${c.name}: satisfied=${c.satisfied}`, () => {
      const clock = new FakeClock();
      const e = new Expectations({ clock });
      c.run(e, clock);
      assert.equal(e.satisfied('k'), c.satisfied);
    });
  }

  test('Expectations get returns a copy', () => {
    const e = new Expectations();
    e.expectDeletions('k', ['ns/a']);
    const r = e.get('k');
    assert.deepEqual({ add: r?.add, del: r?.del, keys: [...(r?.deleteKeys ?? [])] }, { add: 0, del: 1, keys: ['ns/a'] });
  });
});
