/** Descriptive statistics on plain number arrays. Pure; no allocation beyond one sort copy. */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (n - 1 denominator), as R's var(). */
export function variance(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (n - 1);
}

export function stddev(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}

/** Quantile by linear interpolation between order statistics — R's default (type 7). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0 || q < 0 || q > 1 || Number.isNaN(q)) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(xs: readonly number[]): Summary {
  return {
    n: xs.length,
    min: xs.length ? Math.min(...xs) : NaN,
    p50: quantile(xs, 0.5),
    p99: quantile(xs, 0.99),
    max: xs.length ? Math.max(...xs) : NaN,
    mean: mean(xs),
  };
}
