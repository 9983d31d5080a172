// Per-scheduling-cycle scratch space: plugins compute once in PreFilter/PreScore and read in
// Filter/Score. Keys are typed, so a read gets back what the matching write stored.

/** A typed key; create one per plugin state (`new StateKey<MyState>('PreFilterMyPlugin')`). */
export class StateKey<T> {
  declare private readonly phantom: T;
  constructor(readonly name: string) {}
}

/** State that preemption's dry runs may change (AddPod/RemovePod) implements clone(). */
export interface Cloneable<T> {
  clone(): T;
}

function isCloneable(v: unknown): v is Cloneable<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { clone?: unknown }).clone === 'function';
}

export class CycleState {
  private readonly data = new Map<StateKey<unknown>, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run this cycle. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run this cycle. */
  readonly skipScorePlugins = new Set<string>();

  read<T>(key: StateKey<T>): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write<T>(key: StateKey<T>, value: T): void {
    this.data.set(key, value);
  }

  delete<T>(key: StateKey<T>): void {
    this.data.delete(key);
  }

  /** A copy whose cloneable values are cloned (others shared, as they are read-only). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, isCloneable(v) ? v.clone() : v);
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
