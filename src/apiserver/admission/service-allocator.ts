// Service IP and NodePort allocation: a ClusterIP from the service CIDR (default 10.43.0.0/16) and
// NodePorts from 30000-32767, never handed out twice. The allocator's state is rebuilt from the
// services in the cache at start; an allocation is released when the write that needed it fails.

import type { AdmissionPlugin } from '../registry/generic.js';
import type { KubeObject } from '../../api/types.js';
import { invalid, type FieldError } from '../../machinery/errors.js';

export interface ServiceCidr { base: number; size: number; text: string }

export function parseCidr(cidr: string): ServiceCidr {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`invalid service CIDR ${JSON.stringify(cidr)}: expected an IPv4 CIDR such as 10.43.0.0/16`);
  const [a, b, c, d, bits] = m.slice(1).map(Number) as [number, number, number, number, number];
  if ([a, b, c, d].some((x) => x > 255) || bits < 8 || bits > 30) throw new Error(`invalid service CIDR ${JSON.stringify(cidr)}: prefix length must be between 8 and 30`);
  const size = 2 ** (32 - bits);
  const base = (((a << 24) >>> 0) + (b << 16) + (c << 8) + d) & ~(size - 1) >>> 0;
  return { base: base >>> 0, size, text: cidr };
}

export function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipToNumber(s: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return undefined;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
}

interface ServiceShape {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { nodePort?: number; port?: number; name?: string }[];
}

export class ServiceAllocator {
  private ips = new Set<number>();
  private ports = new Set<number>();
  private nextIp = 0;
  private nextPort = 0;

  constructor(readonly cidr: ServiceCidr, readonly portRange: [number, number] = [30000, 32767]) {}

  /** Marks what existing services hold. */
  observe(svc: KubeObject): void {
    const spec = (svc.spec ?? {}) as ServiceShape;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      const n = ipToNumber(ip);
      if (n !== undefined) this.ips.add(n);
    }
    for (const p of spec.ports ?? []) if (p.nodePort) this.ports.add(p.nodePort);
  }

  release(svc: KubeObject | undefined, keep?: KubeObject): void {
    if (!svc) return;
    const spec = (svc.spec ?? {}) as ServiceShape;
    const keepSpec = (keep?.spec ?? {}) as ServiceShape;
    const keepIps = new Set(keepSpec.clusterIPs ?? []);
    const keepPorts = new Set((keepSpec.ports ?? []).map((p) => p.nodePort));
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      if (keepIps.has(ip)) continue;
      const n = ipToNumber(ip);
      if (n !== undefined) this.ips.delete(n);
    }
    for (const p of spec.ports ?? []) if (p.nodePort && !keepPorts.has(p.nodePort)) this.ports.delete(p.nodePort);
  }

  /** The reserved first address (10.43.0.1) belongs to the kubernetes service. */
  allocateIp(requested?: string): { ip?: string; error?: string } {
    if (requested) {
      const n = ipToNumber(requested);
      if (n === undefined) return { error: 'must be a valid IP address' };
      if (n <= this.cidr.base || n >= this.cidr.base + this.cidr.size - 1) return { error: `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.cidr.text}` };
      if (this.ips.has(n)) return { error: `failed to allocate IP ${requested}: provided IP is already allocated` };
      this.ips.add(n);
      return { ip: requested };
    }
    const usable = this.cidr.size - 2;
    for (let i = 0; i < usable; i++) {
      const off = 2 + ((this.nextIp + i) % (usable - 1));
      const n = this.cidr.base + off;
      if (!this.ips.has(n)) {
        this.ips.add(n);
        this.nextIp = off - 1;
        return { ip: ipToString(n) };
      }
    }
    return { error: 'range is full' };
  }

  allocatePort(requested?: number): { port?: number; error?: string } {
    const [lo, hi] = this.portRange;
    if (requested) {
      if (requested < lo || requested > hi) return { error: `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}` };
      if (this.ports.has(requested)) return { error: 'provided port is already allocated' };
      this.ports.add(requested);
      return { port: requested };
    }
    const n = hi - lo + 1;
    for (let i = 0; i < n; i++) {
      const p = lo + ((this.nextPort + i) % n);
      if (!this.ports.has(p)) { this.ports.add(p); this.nextPort = p - lo + 1; return { port: p }; }
    }
    return { error: 'range is full' };
  }

  unreserveIp(ip: string): void { const n = ipToNumber(ip); if (n !== undefined) this.ips.delete(n); }
  unreservePort(p: number): void { this.ports.delete(p); }
}

/** The admission plugin that assigns ClusterIPs and NodePorts to services. */
export function serviceAllocation(alloc: ServiceAllocator): AdmissionPlugin {
  // Allocations made during a request, released if the write does not happen.
  const pending = new Map<string, { ips: string[]; ports: number[] }>();
  const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  return {
    name: 'ServiceAllocation',
    admit(op, obj, old, ctx) {
      if (ctx.resource.kind !== 'Service' || ctx.resource.group !== '' || ctx.subresource) return;
      if (op !== 'CREATE' && op !== 'UPDATE') return;
      const spec = (obj.spec ??= {}) as ServiceShape;
      const oldSpec = (old?.spec ?? {}) as ServiceShape;
      const made = { ips: [] as string[], ports: [] as number[] };
      const errs: FieldError[] = [];
      const type = spec.type ?? 'ClusterIP';
      if (type === 'ExternalName') {
        delete spec.clusterIP; delete spec.clusterIPs;
      } else if (op === 'UPDATE' && oldSpec.clusterIP) {
        // ClusterIP is immutable; an empty value in the update keeps it.
        if (!spec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
        if (!spec.clusterIPs?.length) spec.clusterIPs = oldSpec.clusterIPs ?? [oldSpec.clusterIP];
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      } else {
        const r = alloc.allocateIp(spec.clusterIP || spec.clusterIPs?.[0]);
        if (r.error) errs.push({ type: 'FieldValueInvalid', field: 'spec.clusterIPs', badValue: spec.clusterIPs ?? [spec.clusterIP], detail: r.error });
        else { spec.clusterIP = r.ip; spec.clusterIPs = [r.ip!]; made.ips.push(r.ip!); }
        (spec as Record<string, unknown>).ipFamilies ??= ['IPv4'];
        (spec as Record<string, unknown>).ipFamilyPolicy ??= 'SingleStack';
      }
      const wantsNodePorts = type === 'NodePort' || type === 'LoadBalancer';
      const oldPorts = new Map((oldSpec.ports ?? []).map((p) => [`${p.name ?? ''}/${p.port}`, p.nodePort]));
      (spec.ports ?? []).forEach((p, i) => {
        if (!wantsNodePorts) { delete p.nodePort; return; }
        const prev = oldPorts.get(`${p.name ?? ''}/${p.port}`);
        if (!p.nodePort && prev) { p.nodePort = prev; return; }
        if (p.nodePort && p.nodePort === prev) return;
        const r = alloc.allocatePort(p.nodePort);
        if (r.error) errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, badValue: p.nodePort, detail: r.error });
        else { p.nodePort = r.port; made.ports.push(r.port!); }
      });
      if (errs.length) {
        for (const ip of made.ips) alloc.unreserveIp(ip);
        for (const p of made.ports) alloc.unreservePort(p);
        throw invalid('', 'Service', obj.metadata.name ?? '', errs);
      }
      pending.set(keyOf(obj), made);
    },
    committed(op, obj, old, ctx, ok) {
      if (ctx.resource.kind !== 'Service' || ctx.resource.group !== '') return;
      if (op === 'DELETE') { if (ok) alloc.release(old); return; }
      if (!obj) return;
      const made = pending.get(keyOf(obj));
      pending.delete(keyOf(obj));
      if (!made) { if (ok && op === 'UPDATE' && old) alloc.release(old, obj); return; }
      if (!ok) {
        for (const ip of made.ips) alloc.unreserveIp(ip);
        for (const p of made.ports) alloc.unreservePort(p);
      } else if (op === 'UPDATE' && old) {
        alloc.release(old, obj);
      }
    },
  };
}
