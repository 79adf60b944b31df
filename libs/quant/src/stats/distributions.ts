import { jStat } from 'jstat';

/**
 * F and Student t distributions, via jstat.
 *
 * Upper tails are computed directly as a regularized incomplete beta, not as `1 - cdf`, so a small
 * p-value keeps its relative precision (R's `pf(f, d1, d2, lower.tail = FALSE)` does the same):
 *   P(F > f) = I_{d2/(d2 + d1·f)}(d2/2, d1/2),   P(|T| > |t|) = I_{ν/(ν + t²)}(ν/2, 1/2).
 * Precision is jstat's: its continued fraction stops at a 3e-7 step tolerance and its log-gamma is good to
 * ~2e-10, so p-values carry up to ~2e-7 relative error (measured against scipy for df1 ≤ 10, df2 ≤ 5000) —
 * far inside the 4 significant digits R prints for a test, not a 15-digit reference. Invalid parameters give NaN.
 */

const validDf = (df: number) => df > 0 && Number.isFinite(df);

/** P(F ≤ f) for F(df1, df2): jStat.centralF.cdf. */
export function fCdf(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !validDf(df1) || !validDf(df2)) return NaN;
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  return jStat.centralF.cdf(f, df1, df2);
}

/** P(F > f) for F(df1, df2): the p-value of an F test. */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !validDf(df1) || !validDf(df2)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return jStat.ibeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom: jStat.studentt.cdf. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !validDf(df)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return jStat.studentt.cdf(t, df);
}

/** P(|T| > |t|): the two-sided p-value of a t test (R: `2 * pt(-abs(t), df)`). */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !validDf(df)) return NaN;
  if (!Number.isFinite(t)) return 0;
  if (t === 0) return 1;
  return jStat.ibeta(df / (df + t * t), df / 2, 0.5);
}
