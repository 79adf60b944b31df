import { studentTTwoSided } from './distributions';
import { QuantInputError } from './errors';
import { Series, assertNoInfinity, assertSameLength } from './series-input';

/** One lag of a cross-correlation: r = cor(x[t − lag], y[t]) over `n` complete pairs. */
export interface LaggedCorrelation {
  readonly lag: number;
  readonly r: number;
  readonly n: number;
}

/**
 * Pearson r of x[xStart + i] with y[yStart + i], i = 0..len-1, over the pairs where neither is NaN
 * (two passes: means first, then centred sums — no catastrophic cancellation on large levels).
 */
function pairwiseR(x: Series, y: Series, xStart: number, yStart: number, len: number): { r: number; n: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < len; i++) {
    const a = x[xStart + i];
    const b = y[yStart + i];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return { r: NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < len; i++) {
    const a = x[xStart + i];
    const b = y[yStart + i];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const dx = a - mx;
    const dy = b - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return { r: NaN, n };
  const r = sxy / Math.sqrt(sxx * syy);
  return { r: Math.max(-1, Math.min(1, r)), n };
}

/**
 * Pearson correlation over the pairwise-complete observations (R: `cor(x, y, use = "pairwise.complete.obs")`).
 * NaN when fewer than 2 complete pairs remain or either series is constant over them (R gives NA there).
 * Throws on a length mismatch or ±Infinity.
 */
export function pearson(x: Series, y: Series): number {
  assertSameLength(x, y, 'x', 'y');
  assertNoInfinity(x, 'x');
  assertNoInfinity(y, 'y');
  return pairwiseR(x, y, 0, 0, x.length).r;
}

/**
 * Two-sided p-value of H0: ρ = 0 for a Pearson r over n pairs: t = r·√((n−2)/(1−r²)) on n − 2 df
 * (R: `cor.test(x, y)$p.value`). NaN when n < 3 or r is NaN.
 */
export function pearsonPValue(r: number, n: number): number {
  if (Number.isNaN(r) || !(n >= 3) || Math.abs(r) > 1) return NaN;
  if (Math.abs(r) === 1) return 0;
  const df = n - 2;
  return studentTTwoSided(r * Math.sqrt(df / (1 - r * r)), df);
}

/**
 * Cross-correlation at lags k = −maxLag..maxLag, where entry k is cor(x[t − k], y[t]) over every t with both
 * indices inside the series: a positive k asks whether x *leads* y by k steps. Each lag is a separate
 * pairwise-complete Pearson r with its own means and its own `n` (pairs where either value is NaN are dropped),
 * i.e. for k ≥ 0 it equals R's `cor(x[1:(n-k)], y[(1+k):n], use = "pairwise.complete.obs")`. This is NOT R's
 * `ccf()`, which uses whole-series means, an n denominator, and the opposite sign convention for the lag.
 */
export function laggedCrossCorrelation(x: Series, y: Series, maxLag: number): LaggedCorrelation[] {
  assertSameLength(x, y, 'x', 'y');
  if (!Number.isInteger(maxLag) || maxLag < 0) {
    throw new QuantInputError('BAD_ORDER', `maxLag must be a whole number ≥ 0, got ${maxLag}`);
  }
  assertNoInfinity(x, 'x');
  assertNoInfinity(y, 'y');
  const n = x.length;
  const out: LaggedCorrelation[] = [];
  for (let k = -maxLag; k <= maxLag; k++) {
    const len = n - Math.abs(k);
    if (len <= 0) {
      out.push({ lag: k, r: NaN, n: 0 });
      continue;
    }
    const { r, n: pairs } = k >= 0 ? pairwiseR(x, y, 0, k, len) : pairwiseR(x, y, -k, 0, len);
    out.push({ lag: k, r, n: pairs });
  }
  return out;
}
