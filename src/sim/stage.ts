// Simulated behaviour as data, after kwok's Stage: a selector over an object's fields, a delay,
// and what happens next (a status written from a named template, or deletion). The first stage
// whose selector matches an object is the one it is in.

import { fieldValues } from './field-values.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  /** A field path, e.g. `.metadata.deletionTimestamp` or `.metadata.ownerReferences.[].kind`. */
  key: string;
  operator: SelectorOperator;
  /** For In / NotIn. */
  values?: string[];
}

export interface StageDelay {
  /** Base delay. */
  ms: number;
  /** Up to this much more, at random. Default 0. */
  jitterMs?: number;
}

export interface StageNext {
  /** Writes the status the named template builds (see POD_STATUS_TEMPLATES). */
  statusTemplate?: string;
  /** Deletes the object (for pods: at once, gracePeriodSeconds 0, as a kubelet that has stopped the containers). */
  delete?: boolean;
}

export interface Stage {
  name: string;
  /** All requirements must hold. */
  selector: { matchExpressions: SelectorRequirement[] };
  /** How long an object stays matched before `next` happens. Default: at once. */
  delay?: StageDelay;
  next: StageNext;
}

/** Whether one requirement holds for `obj` (label-selector semantics: NotIn holds for an absent field). */
export function requirementMatches(req: SelectorRequirement, obj: unknown): boolean {
  const vals = fieldValues(obj, req.key);
  switch (req.operator) {
    case 'Exists': return vals.length > 0;
    case 'DoesNotExist': return vals.length === 0;
    case 'In': return vals.some((v) => (req.values ?? []).includes(v));
    case 'NotIn': return !vals.some((v) => (req.values ?? []).includes(v));
    default: throw new Error(`stage selector: unknown operator ${JSON.stringify(req.operator)}`);
  }
}

export function stageMatches(stage: Stage, obj: unknown): boolean {
  return stage.selector.matchExpressions.every((r) => requirementMatches(r, obj));
}

/** The first stage whose selector matches `obj`, if any. */
export function matchStage<S extends Stage>(stages: readonly S[], obj: unknown): S | undefined {
  for (const s of stages) if (stageMatches(s, obj)) return s;
  return undefined;
}

/** A stage's delay in ms for one object; `random` in [0, 1). */
export function stageDelayMs(stage: Stage, random: () => number): number {
  const d = stage.delay;
  if (!d) return 0;
  return Math.max(0, d.ms + (d.jitterMs ? Math.floor(random() * d.jitterMs) : 0));
}

/** Throws if a stage is malformed (unknown operator, missing values, bad path, nothing next). */
export function validateStage(stage: Stage, templates: readonly string[]): void {
  const where = `stage ${JSON.stringify(stage.name)}`;
  for (const r of stage.selector.matchExpressions) {
    fieldValues({}, r.key);
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator)) throw new Error(`${where}: unknown operator ${JSON.stringify(r.operator)}`);
    if ((r.operator === 'In' || r.operator === 'NotIn') && !(r.values?.length)) throw new Error(`${where}: ${r.operator} on ${r.key} needs values`);
  }
  if (!stage.next.delete && !stage.next.statusTemplate) throw new Error(`${where}: next must delete or name a statusTemplate`);
  if (stage.next.statusTemplate && !templates.includes(stage.next.statusTemplate)) {
    throw new Error(`${where}: unknown statusTemplate ${JSON.stringify(stage.next.statusTemplate)} (known: ${templates.join(', ')})`);
  }
  if (stage.delay && (!(stage.delay.ms >= 0) || (stage.delay.jitterMs ?? 0) < 0)) throw new Error(`${where}: delays must not be negative`);
}
