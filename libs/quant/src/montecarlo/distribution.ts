/**
 * Percentiles and percentile confidence intervals of one simulated quantity. The values arrive in a
 * Float64Array that is sorted in place (typed-array sort is numeric): sorting once serves every percentile.
 */

export interface Distribution {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  /** central 90 % of the simulations: [5th, 95th percentile] */
  readonly ci90: readonly [number, number];
  /** central 95 %: [2.5th, 97.5th percentile] */
  readonly ci95: readonly [number, number];
}

/**
 * Type-7 quantile (R's default, as `quantile` in stats/descriptive) of an already sorted typed array. Written
 * here instead of calling `quantile`, which copies and re-sorts a plain array on every call: nine calls over
 * 10,000 values per quantity would cost more than the simulation they summarize. An infinite neighbour (a bust
 * path's −∞ Sharpe, a riskless path's +∞) is weighted as (1 − f)·a + f·b, which is that infinity instead of
 * a + f·(∞ − a) = NaN; −∞ next to +∞ gives the lower one.
 */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo];
  const b = sorted[hi];
  const f = h - lo;
  if (f === 0 || a === b) return a;
  if (Number.isFinite(a) && Number.isFinite(b)) return a + f * (b - a);
  const weighted = (1 - f) * a + f * b;
  return Number.isNaN(weighted) ? a : weighted;
}

/** Sorts `values` in place and reads the percentiles. */
export function distributionOf(values: Float64Array): Distribution {
  values.sort();
  const q = (p: number) => sortedQuantile(values, p);
  return { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), ci90: [q(0.05), q(0.95)], ci95: [q(0.025), q(0.975)] };
}
