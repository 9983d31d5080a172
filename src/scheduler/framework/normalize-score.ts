// helper.DefaultNormalizeScore: scales scores to 0..maxPriority relative to the highest, optionally
// reversed (so that fewer of something scores higher).

/** Go's int64 division truncates toward zero. */
function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = idiv(maxPriority * scores[i]!, max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
