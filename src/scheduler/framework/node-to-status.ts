// Why each node was rejected (framework.NodeToStatus): explicit statuses for the nodes that were
// filtered, and one status standing for every node not listed (by default
// UnschedulableAndUnresolvable with no reason, as for nodes a PreFilter result excluded).

import type { NodeInfo } from './node-info.js';
import { Status, type Code } from './status.js';

export class NodeToStatus {
  private readonly statuses = new Map<string, Status>();
  private absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, status: Status): void { this.statuses.set(node, status); }

  /** The node's status, or the absent-nodes status when it has none. */
  get(node: string): Status { return this.statuses.get(node) ?? this.absent; }

  /** How many nodes have an explicit status. */
  get size(): number { return this.statuses.size; }

  setAbsentNodesStatus(status: Status): void { this.absent = status; }

  absentNodesStatus(): Status { return this.absent; }

  forEachExplicit(fn: (node: string, status: Status) => void): void {
    for (const [n, s] of this.statuses) fn(n, s);
  }

  /** The nodes among `all` whose status (explicit or absent) has `code`. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    const out: NodeInfo[] = [];
    const absentMatches = this.absent.code === code;
    for (const ni of all) {
      const s = this.statuses.get(ni.name);
      if (s ? s.code === code : absentMatches) out.push(ni);
    }
    return out;
  }
}
