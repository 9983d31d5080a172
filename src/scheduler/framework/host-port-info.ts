// Host ports in use on a node, by IP (framework.HostPortInfo). 0.0.0.0 conflicts with every IP.

export const BIND_ALL_IP = '0.0.0.0';

export class HostPortInfo {
  /** ip → `protocol/port` → how many pods use it. */
  private readonly byIp = new Map<string, Map<string, number>>();

  get size(): number {
    let n = 0;
    for (const m of this.byIp.values()) n += m.size;
    return n;
  }

  add(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const key = `${protocol || 'TCP'}/${port}`;
    const addr = ip || BIND_ALL_IP;
    let m = this.byIp.get(addr);
    if (!m) { m = new Map(); this.byIp.set(addr, m); }
    m.set(key, (m.get(key) ?? 0) + 1);
  }

  remove(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const key = `${protocol || 'TCP'}/${port}`;
    const addr = ip || BIND_ALL_IP;
    const m = this.byIp.get(addr);
    const n = m?.get(key);
    if (!m || n === undefined) return;
    if (n <= 1) m.delete(key); else m.set(key, n - 1);
    if (m.size === 0) this.byIp.delete(addr);
  }

  /** Would binding (ip, protocol, port) clash with a port in use? */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false;
    const key = `${protocol || 'TCP'}/${port}`;
    const addr = ip || BIND_ALL_IP;
    if (addr === BIND_ALL_IP) {
      for (const m of this.byIp.values()) if (m.has(key)) return true;
      return false;
    }
    return !!(this.byIp.get(BIND_ALL_IP)?.has(key) || this.byIp.get(addr)?.has(key));
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIp) c.byIp.set(ip, new Map(m));
    return c;
  }
}
