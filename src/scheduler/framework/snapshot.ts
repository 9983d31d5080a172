// What plugins read during a scheduling cycle (the scheduler's snapshot of its cache): nodes in
// zone-interleaved order, the nodes holding pods with affinity terms, a label index over the pods
// on nodes, the (anti-)affinity terms of those pods, and namespace labels.
//
// Scheduling cycles run synchronously (nothing else runs between a cycle's PreFilter and its
// assume), so the snapshot shares its NodeInfos with the cache instead of copying them; the cache
// keeps it current incrementally and the node ordering is rebuilt only when the set of nodes or
// their zones change.

import type { Labels } from '../../machinery/labels.js';
import { LABEL_REGION, LABEL_ZONE, type Node } from '../api-types.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { PodIndex } from './pod-index.js';
import { TermRegistry } from './term-registry.js';

/** utilnode.GetZoneKey: region and zone; '' when the node has neither. */
export function zoneKey(node: Node | undefined): string {
  const l = node?.metadata.labels ?? {};
  const region = l[LABEL_REGION] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l[LABEL_ZONE] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\0:${zone}`;
}

export class Snapshot {
  /** Every NodeInfo, including ones for pods on nodes not (yet) known. Owned by the cache. */
  readonly nodeInfos = new Map<string, NodeInfo>();
  readonly pods = new PodIndex();
  /** Required anti-affinity terms of pods on nodes. */
  readonly requiredAntiAffinity = new TermRegistry();
  /** Required affinity terms of pods on nodes (scored with hardPodAffinityWeight). */
  readonly requiredAffinity = new TermRegistry();
  readonly preferredAffinity = new TermRegistry();
  readonly preferredAntiAffinity = new TermRegistry();
  readonly namespaceLabels = new Map<string, Labels>();

  private ordered: NodeInfo[] = [];
  private withAffinity: NodeInfo[] = [];
  private withRequiredAntiAffinity: NodeInfo[] = [];
  private nodesDirty = true;
  private affinityDirty = true;
  /** zone key → node names, in the order nodes arrived. */
  private readonly zones = new Map<string, string[]>();
  private readonly zoneOfNode = new Map<string, string>();

  /** Nodes (with a Node object), interleaved across zones as upstream's node tree lists them. */
  list(): readonly NodeInfo[] {
    if (this.nodesDirty) this.rebuild();
    return this.ordered;
  }

  get numNodes(): number { return this.list().length; }

  get(name: string): NodeInfo | undefined {
    const ni = this.nodeInfos.get(name);
    return ni?.node ? ni : undefined;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    if (this.affinityDirty || this.nodesDirty) this.rebuildAffinity();
    return this.withAffinity;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    if (this.affinityDirty || this.nodesDirty) this.rebuildAffinity();
    return this.withRequiredAntiAffinity;
  }

  nsLabels(namespace: string): Labels | undefined {
    return this.namespaceLabels.get(namespace);
  }

  // ---- kept current by the cache ----

  /** A node was added, removed or changed zone. */
  nodeAdded(node: Node): void {
    const name = node.metadata.name ?? '';
    const zone = zoneKey(node);
    const prev = this.zoneOfNode.get(name);
    if (prev === zone) { this.nodesDirty = true; return; }
    if (prev !== undefined) this.removeFromZone(name, prev);
    this.zoneOfNode.set(name, zone);
    let z = this.zones.get(zone);
    if (!z) { z = []; this.zones.set(zone, z); }
    z.push(name);
    this.nodesDirty = true;
  }

  nodeRemoved(name: string): void {
    const prev = this.zoneOfNode.get(name);
    if (prev !== undefined) this.removeFromZone(name, prev);
    this.zoneOfNode.delete(name);
    this.nodesDirty = true;
  }

  private removeFromZone(name: string, zone: string): void {
    const z = this.zones.get(zone);
    if (!z) return;
    const i = z.indexOf(name);
    if (i >= 0) z.splice(i, 1);
    if (z.length === 0) this.zones.delete(zone);
  }

  podAdded(pi: PodInfo, ni: NodeInfo): void {
    this.pods.add(pi);
    this.registerTerms(pi, true);
    if (pi.hasAffinity && ni.podsWithAffinity.length === 1) this.affinityDirty = true;
    if (pi.hasRequiredAntiAffinity && ni.podsWithRequiredAntiAffinity.length === 1) this.affinityDirty = true;
  }

  podRemoved(pi: PodInfo, ni: NodeInfo): void {
    this.pods.remove(pi);
    this.registerTerms(pi, false);
    if (pi.hasAffinity && ni.podsWithAffinity.length === 0) this.affinityDirty = true;
    if (pi.hasRequiredAntiAffinity && ni.podsWithRequiredAntiAffinity.length === 0) this.affinityDirty = true;
  }

  private registerTerms(pi: PodInfo, add: boolean): void {
    if (!pi.hasAffinity) return;
    const op = (r: TermRegistry, term: Parameters<TermRegistry['add']>[1], w = 0): void => {
      if (add) r.add(pi, term, w); else r.remove(pi, term, w);
    };
    for (const t of pi.requiredAntiAffinityTerms) op(this.requiredAntiAffinity, t);
    for (const t of pi.requiredAffinityTerms) op(this.requiredAffinity, t);
    for (const t of pi.preferredAffinityTerms) op(this.preferredAffinity, t.term, t.weight);
    for (const t of pi.preferredAntiAffinityTerms) op(this.preferredAntiAffinity, t.term, t.weight);
  }

  private rebuild(): void {
    const lists = [...this.zones.values()];
    const out: NodeInfo[] = [];
    const longest = lists.reduce((m, l) => Math.max(m, l.length), 0);
    for (let i = 0; i < longest; i++) {
      for (const l of lists) {
        const name = l[i];
        if (name === undefined) continue;
        const ni = this.nodeInfos.get(name);
        if (ni?.node) out.push(ni);
      }
    }
    this.ordered = out;
    this.nodesDirty = false;
    this.affinityDirty = true;
  }

  private rebuildAffinity(): void {
    const all = this.list();
    this.withAffinity = all.filter((n) => n.podsWithAffinity.length > 0);
    this.withRequiredAntiAffinity = all.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    this.affinityDirty = false;
  }
}
