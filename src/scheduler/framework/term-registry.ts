// The (anti-)affinity terms of pods on nodes, grouped by equal term and indexed by the label their
// selector requires, so that "which existing pods' terms match this incoming pod?" looks at the
// terms that can match its labels instead of at every pod.

import type { Labels } from '../../machinery/labels.js';
import { labelPair, type AffinityTerm } from './affinity-term.js';
import type { PodInfo } from './pod-info.js';

export interface TermEntry {
  readonly term: AffinityTerm;
  readonly weight: number;
  /** The pods on nodes that carry this term. */
  readonly owners: Set<PodInfo>;
}

export class TermRegistry {
  private readonly entries = new Map<string, TermEntry>();
  private readonly byPair = new Map<string, Set<TermEntry>>();
  private readonly byKey = new Map<string, Set<TermEntry>>();
  private readonly unindexed = new Set<TermEntry>();

  /** Distinct terms held. */
  get size(): number { return this.entries.size; }

  add(owner: PodInfo, term: AffinityTerm, weight = 0): void {
    const id = `${weight}|${term.key}`;
    let e = this.entries.get(id);
    if (!e) {
      e = { term, weight, owners: new Set() };
      this.entries.set(id, e);
      this.index(e, true);
    }
    e.owners.add(owner);
  }

  remove(owner: PodInfo, term: AffinityTerm, weight = 0): void {
    const id = `${weight}|${term.key}`;
    const e = this.entries.get(id);
    if (!e) return;
    e.owners.delete(owner);
    if (e.owners.size === 0) {
      this.entries.delete(id);
      this.index(e, false);
    }
  }

  private index(e: TermEntry, add: boolean): void {
    const ix = e.term.index;
    const put = (m: Map<string, Set<TermEntry>>, k: string): void => {
      let s = m.get(k);
      if (add) {
        if (!s) { s = new Set(); m.set(k, s); }
        s.add(e);
      } else if (s) {
        s.delete(e);
        if (s.size === 0) m.delete(k);
      }
    };
    switch (ix.kind) {
      case 'none': return;
      case 'all': if (add) this.unindexed.add(e); else this.unindexed.delete(e); return;
      case 'key': put(this.byKey, ix.key); return;
      case 'pairs': for (const p of ix.pairs) put(this.byPair, p);
    }
  }

  /** Terms whose selector could match a pod with these labels (still test each term). */
  *candidatesFor(labels: Labels | undefined): Iterable<TermEntry> {
    yield* this.unindexed;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const byPair = this.byPair.get(labelPair(k, labels[k]!));
      if (byPair) yield* byPair;
      const byKey = this.byKey.get(k);
      if (byKey) yield* byKey;
    }
  }
}
