// Fake addresses for simulated nodes: node i has InternalIP 10.240.x.y (i+1 spread over the last
// two octets) and hands its pods addresses from its own /24 under 10.128.0.0/9, so pod IPs are
// unique across up to 32,768 nodes and stay clear of the default service range (10.43.0.0/16).

/** Most nodes the address plan holds. */
export const MAX_SIM_NODES = 32_768;

function checkIndex(i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= MAX_SIM_NODES) throw new Error(`node index must be an integer in [0, ${MAX_SIM_NODES}), got ${i}`);
}

/** The InternalIP of simulated node `i`. */
export function nodeInternalIp(i: number): string {
  checkIndex(i);
  const n = i + 1;
  return `10.240.${n >> 8}.${n & 255}`;
}

/** The first three octets of node `i`'s pod /24, e.g. `10.128.3`. */
export function podSubnetPrefix(i: number): string {
  checkIndex(i);
  return `10.${128 + (i >> 8)}.${i & 255}`;
}

/** Node `i`'s pod range in CIDR form. */
export function podCidr(i: number): string {
  return `${podSubnetPrefix(i)}.0/24`;
}

/**
 * The address slot of node `i` of a simulator whose names start with `prefix`: simulators with
 * different prefixes start at different slots (an FNV-1a hash of the prefix), so two `kite sim`
 * processes on one cluster do not hand out the same node and pod addresses.
 */
export function addressSlot(prefix: string, i: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < prefix.length; k++) {
    h ^= prefix.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const base = prefix === 'sim-' ? 0 : h % MAX_SIM_NODES;
  return (base + i) % MAX_SIM_NODES;
}
