// A node and the pods on it (framework.NodeInfo), with running totals kept up to date as pods are
// added and removed: requested resources, non-zero requests for scoring, host ports in use, and
// the pods carrying (anti-)affinity terms.

import type { Labels } from '../../machinery/labels.js';
import type { Node, Taint } from '../api-types.js';
import { HostPortInfo } from './host-port-info.js';
import type { PodInfo } from './pod-info.js';
import { addResource, cloneResource, emptyResource, resourceFromList, type Resource } from './resource.js';

let generationCounter = 0;

/** A number that grows with every change to any NodeInfo. */
export function nextGeneration(): number {
  return ++generationCounter;
}

const NO_LABELS: Labels = Object.freeze({});
const NO_TAINTS: readonly Taint[] = Object.freeze([]);

export class NodeInfo {
  node: Node | undefined;
  labels: Labels = NO_LABELS;
  taints: readonly Taint[] = NO_TAINTS;
  unschedulable = false;
  allocatable: Resource = emptyResource();
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  requested: Resource = emptyResource();
  /** Requests with defaults for request-less containers (cpu, memory only). */
  nonZeroRequested: Resource = emptyResource();
  usedPorts = new HostPortInfo();
  generation = nextGeneration();

  constructor(readonly name: string, node?: Node) {
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.generation = nextGeneration();
  }

  /** Forgets the Node object (the node was deleted while pods still reference it). */
  removeNode(): void {
    this.node = undefined;
    this.generation = nextGeneration();
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.hasAffinity) this.podsWithAffinity.push(pi);
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with `key`; returns it, or undefined when it was not here. */
  removePod(key: string): PodInfo | undefined {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return undefined;
    const pi = this.pods[i]!;
    this.pods.splice(i, 1);
    if (pi.hasAffinity) removeKey(this.podsWithAffinity, key);
    if (pi.hasRequiredAntiAffinity) removeKey(this.podsWithRequiredAntiAffinity, key);
    this.update(pi, -1);
    return pi;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, pi.requests, sign);
    this.nonZeroRequested.milliCPU += sign * pi.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * pi.nonZero.memory;
    for (const hp of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp.ip, hp.protocol, hp.port);
      else this.usedPorts.remove(hp.ip, hp.protocol, hp.port);
    }
    this.generation = nextGeneration();
  }

  /** A deep enough copy to add and remove pods on without touching this one. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.pods.push(...this.pods);
    c.podsWithAffinity.push(...this.podsWithAffinity);
    c.podsWithRequiredAntiAffinity.push(...this.podsWithRequiredAntiAffinity);
    c.requested = cloneResource(this.requested);
    c.nonZeroRequested = cloneResource(this.nonZeroRequested);
    c.usedPorts = this.usedPorts.clone();
    c.generation = this.generation;
    return c;
  }
}

function removeKey(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}
