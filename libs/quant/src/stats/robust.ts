import { quantile } from './descriptive';

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Median absolute deviation (raw, not scaled), as R's mad(x, constant = 1). */
export function mad(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/**
 * Robust z-score of `x` against a reference sample (Iglewicz & Hoaglin's modified z:
 * 0.6745·(x − median)/MAD). Infinity when the sample has no spread but x differs from it;
 * 0 when x equals the median; NaN for an empty sample.
 */
export function robustZ(x: number, sample: readonly number[]): number {
  if (sample.length === 0) return NaN;
  const m = median(sample);
  const d = mad(sample);
  if (d === 0) return x === m ? 0 : Math.sign(x - m) * Infinity;
  return (0.6745 * (x - m)) / d;
}
