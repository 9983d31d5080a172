// Freezes a decoded JSON value in place, all the way down, so cached objects cannot be mutated
// by accident (a write throws TypeError in strict-mode code).

export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  Object.freeze(v);
  if (Array.isArray(v)) {
    for (const e of v) deepFreeze(e);
  } else {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
