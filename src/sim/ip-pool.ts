// One node's pod IPs: .2 to .254 of its /24 (.1 is the bridge), handed out in turn after the
// last one given (as CNI host-local does) and remembered by pod UID, so a retry gets the same IP.

export class IpPool {
  private readonly byOwner = new Map<string, number>();
  private readonly owners = new Map<number, string>();
  private next = 2;

  /** `prefix` is the first three octets, e.g. `10.128.0`. */
  constructor(readonly prefix: string, private readonly first = 2, private readonly last = 254) {
    this.next = first;
  }

  get size(): number { return this.byOwner.size; }

  /** The owner's IP, allocating one if it has none; undefined when the range is full. */
  allocate(owner: string): string | undefined {
    const have = this.byOwner.get(owner);
    if (have !== undefined) return this.ip(have);
    const span = this.last - this.first + 1;
    for (let k = 0; k < span; k++) {
      const host = this.first + ((this.next - this.first + k) % span);
      if (this.owners.has(host)) continue;
      this.take(owner, host);
      this.next = host === this.last ? this.first : host + 1;
      return this.ip(host);
    }
    return undefined;
  }

  /**
   * Records that `owner` already holds `ip` (a pod found running at start-up). Returns false when
   * the address is outside this pool or held by another owner.
   */
  claim(owner: string, ip: string): boolean {
    const host = this.hostOf(ip);
    if (host === undefined) return false;
    const holder = this.owners.get(host);
    if (holder !== undefined) return holder === owner;
    const prev = this.byOwner.get(owner);
    if (prev !== undefined) this.owners.delete(prev);
    this.take(owner, host);
    return true;
  }

  release(owner: string): void {
    const host = this.byOwner.get(owner);
    if (host === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(host);
  }

  /** `prefix.0/24`. */
  get cidr(): string { return `${this.prefix}.0/24`; }

  private take(owner: string, host: number): void {
    this.byOwner.set(owner, host);
    this.owners.set(host, owner);
  }

  private ip(host: number): string { return `${this.prefix}.${host}`; }

  private hostOf(ip: string): number | undefined {
    if (!ip.startsWith(`${this.prefix}.`)) return undefined;
    const rest = ip.slice(this.prefix.length + 1);
    if (!/^\d{1,3}$/.test(rest)) return undefined;
    const host = Number(rest);
    return host >= this.first && host <= this.last ? host : undefined;
  }
}
