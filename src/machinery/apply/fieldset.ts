// A set of field paths stored as a trie, as structured-merge-diff's fieldpath.Set: at each level,
// `members` are the path elements that belong to the set and `children` hold the sets below path
// elements that have members further down (appearing as a child does not imply membership).

import { comparePathElements, serializePathElement, type FieldPath, type PathElement } from './path.js';

interface ChildNode { readonly pe: PathElement; readonly set: FieldSet }

export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, ChildNode>();

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path; its parents are NOT made members. The empty path (the whole object) is ignored. */
  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) s = s.descend(path[i]);
    s.addMember(path[path.length - 1]);
  }

  addMember(pe: PathElement): void {
    const k = serializePathElement(pe);
    if (!this.members.has(k)) this.members.set(k, pe);
  }

  /** The child set below `pe`, created if needed. */
  descend(pe: PathElement): FieldSet {
    const k = serializePathElement(pe);
    let n = this.children.get(k);
    if (!n) {
      n = { pe, set: new FieldSet() };
      this.children.set(k, n);
    }
    return n.set;
  }

  /** Places `set` below `pe`, merged with whatever is there already (the set is not copied). */
  attach(pe: PathElement, set: FieldSet): void {
    if (set.isEmpty()) return;
    const k = serializePathElement(pe);
    const n = this.children.get(k);
    this.children.set(k, { pe, set: n ? n.set.union(set) : set });
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    let s: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && s; i++) s = s.child(path[i]);
    return s ? s.hasMember(path[path.length - 1]) : false;
  }

  hasMember(pe: PathElement): boolean {
    return this.members.has(serializePathElement(pe));
  }

  /** The child set below `pe`, if any. */
  child(pe: PathElement): FieldSet | undefined {
    return this.children.get(serializePathElement(pe))?.set;
  }

  /** The paths below `pe`, without the prefix (empty when there are none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.child(pe) ?? new FieldSet();
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const n of this.children.values()) if (!n.set.isEmpty()) return false;
    return true;
  }

  /** Number of members at every level. */
  size(): number {
    let n = this.members.size;
    for (const c of this.children.values()) n += c.set.size();
    return n;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, n] of this.children) if (!n.set.isEmpty()) out.children.set(k, { pe: n.pe, set: n.set.clone() });
    return out;
  }

  union(o: FieldSet): FieldSet {
    const out = this.clone();
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, n] of o.children) {
      if (n.set.isEmpty()) continue;
      const mine = out.children.get(k);
      out.children.set(k, { pe: n.pe, set: mine ? mine.set.union(n.set) : n.set.clone() });
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, n] of this.children) {
      const other = o.children.get(k);
      if (!other) continue;
      const i = n.set.intersection(other.set);
      if (!i.isEmpty()) out.children.set(k, { pe: n.pe, set: i });
    }
    return out;
  }

  /** Members of this set not in `o`; a parent minus a child is the parent, a child minus its parent stays. */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, n] of this.children) {
      const other = o.children.get(k);
      const d = other ? n.set.difference(other.set) : n.set.clone();
      if (!d.isEmpty()) out.children.set(k, { pe: n.pe, set: d });
    }
    return out;
  }

  /** Like difference, but a member of `o` also removes everything below it. */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, n] of this.children) {
      if (o.members.has(k)) continue;
      const other = o.children.get(k);
      const d = other ? n.set.recursiveDifference(other.set) : n.set.clone();
      if (!d.isEmpty()) out.children.set(k, { pe: n.pe, set: d });
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    if (this.members.size !== o.members.size) return false;
    for (const k of this.members.keys()) if (!o.members.has(k)) return false;
    const mine = [...this.children].filter(([, n]) => !n.set.isEmpty());
    const theirs = [...o.children].filter(([, n]) => !n.set.isEmpty());
    if (mine.length !== theirs.length) return false;
    for (const [k, n] of mine) {
      const other = o.children.get(k);
      if (!other || !n.set.equals(other.set)) return false;
    }
    return true;
  }

  sortedMembers(): PathElement[] {
    return [...this.members.values()].sort(comparePathElements);
  }

  /** Non-empty children in path-element order. */
  sortedChildren(): [PathElement, FieldSet][] {
    return [...this.children.values()]
      .filter((n) => !n.set.isEmpty())
      .sort((a, b) => comparePathElements(a.pe, b.pe))
      .map((n) => [n.pe, n.set]);
  }

  /** Calls fn for every member path, preorder: this level's members, then each child in order. */
  iterate(fn: (path: FieldPath) => void, prefix: FieldPath = []): void {
    for (const pe of this.sortedMembers()) fn([...prefix, pe]);
    for (const [pe, set] of this.sortedChildren()) set.iterate(fn, [...prefix, pe]);
  }

  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    this.iterate((p) => out.push(p));
    return out;
  }
}
