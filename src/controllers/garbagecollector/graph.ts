// The owner graph of the garbage collector (upstream garbagecollector/graph.go and
// graph_builder.go): one node per object uid, with its owner references and its dependents.
// Owners referenced before they are observed get "virtual" nodes, which the collector checks
// against the API server. Feeding an informer event into the graph returns the uids the collector
// should look at: attemptToDelete (dependents whose owner went away, owners waiting for their
// dependents) and attemptToOrphan (owners deleted with the orphan finalizer).

import type { KubeObject, OwnerReference } from '../../api/types.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** Where an object lives: enough to GET it. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

export interface GraphNode {
  identity: ObjectIdentity;
  owners: OwnerReference[];
  /** uids of the objects naming this one as an owner. */
  dependents: Set<string>;
  /** False for a virtual node: referenced as an owner but not (yet) seen by an informer. */
  observed: boolean;
  /** deletionTimestamp is set. */
  beingDeleted: boolean;
  /** Being deleted in the foreground: waits for its blocking dependents to go. */
  deletingDependents: boolean;
}

export interface GraphActions {
  attemptToDelete: string[];
  attemptToOrphan: string[];
}

const none = (): GraphActions => ({ attemptToDelete: [], attemptToOrphan: [] });

function identityOf(obj: KubeObject): ObjectIdentity {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', uid: obj.metadata.uid ?? '' };
}

const hasFinalizer = (obj: KubeObject | undefined, f: string): boolean => !!obj?.metadata.finalizers?.includes(f);
const deletingWith = (obj: KubeObject | undefined, f: string): boolean => !!obj?.metadata.deletionTimestamp && hasFinalizer(obj, f);

/** The object has just started waiting on `finalizer` (it has it and a deletionTimestamp; before it did not). */
function startsWaiting(old: KubeObject | undefined, cur: KubeObject, finalizer: string): boolean {
  return deletingWith(cur, finalizer) && !deletingWith(old, finalizer);
}

export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined { return this.nodes.get(uid); }

  get size(): number { return this.nodes.size; }

  /** The dependents of `uid` whose reference to it blocks its foreground deletion. */
  blockingDependents(uid: string): GraphNode[] {
    const n = this.nodes.get(uid);
    if (!n) return [];
    const out: GraphNode[] = [];
    for (const d of n.dependents) {
      const dep = this.nodes.get(d);
      if (dep?.owners.some((r) => r.uid === uid && r.blockOwnerDeletion === true)) out.push(dep);
    }
    return out;
  }

  dependentsOf(uid: string): GraphNode[] {
    const n = this.nodes.get(uid);
    return n ? [...n.dependents].map((d) => this.nodes.get(d)).filter((x): x is GraphNode => !!x) : [];
  }

  /** An object was added or updated (`old` is the previous state for updates). */
  observe(obj: KubeObject, old?: KubeObject): GraphActions {
    const uid = obj.metadata.uid;
    if (!uid) return none();
    const actions = none();
    const owners = [...(obj.metadata.ownerReferences ?? [])];
    let node = this.nodes.get(uid);
    if (node && !node.observed) {
      node.identity = identityOf(obj);
      node.observed = true;
    }
    if (!node) {
      node = {
        identity: identityOf(obj),
        owners,
        dependents: new Set(),
        observed: true,
        beingDeleted: !!obj.metadata.deletionTimestamp,
        deletingDependents: deletingWith(obj, FOREGROUND_FINALIZER),
      };
      this.nodes.set(uid, node);
      this.addDependentToOwners(node, owners, actions);
    } else {
      const { added, removed, changed } = referenceDiffs(node.owners, owners);
      if (added.length || removed.length || changed.length) {
        // A blocking reference went away: an owner waiting for it may be done.
        for (const r of [...removed.filter((x) => x.blockOwnerDeletion), ...changed.filter((c) => c.old.blockOwnerDeletion && !c.cur.blockOwnerDeletion).map((c) => c.old)]) {
          const owner = this.nodes.get(r.uid);
          if (owner?.deletingDependents) actions.attemptToDelete.push(owner.identity.uid);
        }
        node.owners = owners;
        this.addDependentToOwners(node, added, actions);
        for (const r of removed) this.nodes.get(r.uid)?.dependents.delete(uid);
      }
      node.identity = identityOf(obj);
      if (obj.metadata.deletionTimestamp) node.beingDeleted = true;
    }
    // Transitions.
    if (startsWaiting(old, obj, ORPHAN_FINALIZER)) {
      actions.attemptToOrphan.push(uid);
    } else if (startsWaiting(old, obj, FOREGROUND_FINALIZER)) {
      node.deletingDependents = true;
      for (const d of node.dependents) actions.attemptToDelete.push(d);
      actions.attemptToDelete.push(uid);
    }
    return actions;
  }

  /** An object was deleted: its dependents lose an owner; owners waiting on it may be done. */
  remove(obj: KubeObject): GraphActions {
    const uid = obj.metadata.uid;
    const node = uid ? this.nodes.get(uid) : undefined;
    if (!node) return none();
    return this.removeNode(node);
  }

  /**
   * The collector found that `uid` does not exist (a 404 or another uid under that name). Only a
   * virtual node is dropped: an observed one waits for its informer's delete event.
   */
  virtualDelete(uid: string): GraphActions {
    const node = this.nodes.get(uid);
    if (!node || node.observed) return none();
    return this.removeNode(node);
  }

  private removeNode(node: GraphNode): GraphActions {
    const actions = none();
    const uid = node.identity.uid;
    this.nodes.delete(uid);
    for (const r of node.owners) this.nodes.get(r.uid)?.dependents.delete(uid);
    for (const d of node.dependents) actions.attemptToDelete.push(d);
    for (const r of node.owners) {
      const owner = this.nodes.get(r.uid);
      if (owner?.deletingDependents) actions.attemptToDelete.push(owner.identity.uid);
    }
    return actions;
  }

  private addDependentToOwners(node: GraphNode, refs: OwnerReference[], actions: GraphActions): void {
    for (const r of refs) {
      let owner = this.nodes.get(r.uid);
      if (!owner) {
        // Not seen (yet): a virtual node the collector will verify.
        owner = {
          identity: { apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: node.identity.namespace, uid: r.uid },
          owners: [],
          dependents: new Set(),
          observed: false,
          beingDeleted: false,
          deletingDependents: false,
        };
        this.nodes.set(r.uid, owner);
        actions.attemptToDelete.push(r.uid);
      }
      owner.dependents.add(node.identity.uid);
    }
  }
}

/** Owner references added, removed, or changed (same uid, other fields), by uid. */
export function referenceDiffs(old: readonly OwnerReference[], cur: readonly OwnerReference[]): {
  added: OwnerReference[]; removed: OwnerReference[]; changed: { old: OwnerReference; cur: OwnerReference }[];
} {
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const curByUid = new Map(cur.map((r) => [r.uid, r]));
  const added = cur.filter((r) => !oldByUid.has(r.uid));
  const removed = old.filter((r) => !curByUid.has(r.uid));
  const changed: { old: OwnerReference; cur: OwnerReference }[] = [];
  for (const r of cur) {
    const o = oldByUid.get(r.uid);
    if (o && JSON.stringify(o) !== JSON.stringify(r)) changed.push({ old: o, cur: r });
  }
  return { added, removed, changed };
}
