// A pod plus what the scheduler derives from it once (framework.PodInfo): resource requests,
// parsed affinity terms, host ports and priority. Pods are shared informer objects: never mutated.

import { errorMessage } from '../../machinery/errors.js';
import type { Pod } from '../api-types.js';
import { affinityTerms, weightedAffinityTerms, type AffinityTerm, type WeightedAffinityTerm } from './affinity-term.js';
import { podNonZeroRequests, podRequests, type NonZeroRequest, type Resource } from './resource.js';

export interface HostPort {
  /** '0.0.0.0' when unset. */
  ip: string;
  /** 'TCP' when unset. */
  protocol: string;
  port: number;
}

/** `namespace/name`. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** Host ports the pod's containers (and sidecars) claim. */
export function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec ?? {};
  const add = (c: { ports?: readonly { hostPort?: number; containerPort?: number; hostIP?: string; protocol?: string }[] | null }): void => {
    for (const p of c.ports ?? []) {
      const port = p.hostPort ?? (spec.hostNetwork ? p.containerPort : undefined) ?? 0;
      if (port > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port });
    }
  };
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') add(c);
  for (const c of spec.containers ?? []) add(c);
  return out;
}

export class PodInfo {
  readonly key: string;
  readonly requests: Resource;
  readonly nonZero: NonZeroRequest;
  readonly requiredAffinityTerms: AffinityTerm[] = [];
  readonly requiredAntiAffinityTerms: AffinityTerm[] = [];
  readonly preferredAffinityTerms: WeightedAffinityTerm[] = [];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[] = [];
  /** Set when an affinity term has an invalid selector. */
  readonly parseError: string | undefined;
  readonly hostPorts: HostPort[];

  constructor(
    readonly pod: Pod,
    /** Resolved priority (spec.priority, else from the PriorityClass). */
    readonly priority = pod.spec?.priority ?? 0,
  ) {
    this.key = podKey(pod);
    this.requests = podRequests(pod);
    this.nonZero = podNonZeroRequests(pod);
    this.hostPorts = hostPortsOf(pod);
    const a = pod.spec?.affinity;
    if (a && (a.podAffinity || a.podAntiAffinity)) {
      const errs: string[] = [];
      const parse = <T>(what: string, fn: () => T[], into: T[]): void => {
        try { into.push(...fn()); } catch (e) { errs.push(`${what}: ${errorMessage(e)}`); }
      };
      parse('requiredAffinityTerms', () => affinityTerms(pod, a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution), this.requiredAffinityTerms);
      parse('requiredAntiAffinityTerms', () => affinityTerms(pod, a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution), this.requiredAntiAffinityTerms);
      parse('preferredAffinityTerms', () => weightedAffinityTerms(pod, a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution), this.preferredAffinityTerms);
      parse('preferredAntiAffinityTerms', () => weightedAffinityTerms(pod, a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution), this.preferredAntiAffinityTerms);
      this.parseError = errs.length ? errs.join('; ') : undefined;
    }
  }

  get namespace(): string { return this.pod.metadata.namespace ?? ''; }
  get name(): string { return this.pod.metadata.name ?? ''; }
  get uid(): string { return this.pod.metadata.uid ?? ''; }
  get nodeName(): string { return this.pod.spec?.nodeName ?? ''; }
  get terminating(): boolean { return !!this.pod.metadata.deletionTimestamp; }

  /** Has any pod affinity or anti-affinity term. */
  get hasAffinity(): boolean {
    return this.requiredAffinityTerms.length + this.requiredAntiAffinityTerms.length + this.preferredAffinityTerms.length + this.preferredAntiAffinityTerms.length > 0;
  }

  get hasRequiredAntiAffinity(): boolean { return this.requiredAntiAffinityTerms.length > 0; }

  /** The same pod (with derived data) as assumed on `nodeName`. */
  assumedOn(nodeName: string): PodInfo {
    const pod: Pod = { ...this.pod, spec: { ...this.pod.spec, nodeName } };
    return Object.assign(Object.create(PodInfo.prototype) as PodInfo, this, { pod });
  }

  /** The same derived data for a newer version of the pod whose spec did not change. */
  withPod(pod: Pod): PodInfo {
    return Object.assign(Object.create(PodInfo.prototype) as PodInfo, this, { pod });
  }
}
