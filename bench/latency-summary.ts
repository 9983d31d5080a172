// Percentiles of a set of latency samples (nearest-rank), as the benchmarks report them.

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile `q` (0 < q <= 1) of samples already sorted ascending; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** p50 and p99 of latency samples in milliseconds, rounded to microseconds. */
export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { count: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)) };
}
