import { fUpperTail } from './distributions';
import { QuantInputError } from './errors';
import { householderQr, sumSquares } from './householder';
import { Series, assertSameLength } from './series-input';

/** A Granger F test: does the past of `cause` help predict `effect` beyond effect's own past? */
export interface GrangerResult {
  /** Wald/F statistic ((RSS_r − RSS_u)/df1) / (RSS_u/df2). */
  readonly f: number;
  /** Numerator df: the order k (number of cause lags restricted to zero). */
  readonly df1: number;
  /** Denominator df: n − 2k − 1. */
  readonly df2: number;
  /** P(F(df1, df2) > f). */
  readonly p: number;
  /** Rows used: t = k..N−1 minus any row touching a NaN. */
  readonly n: number;
}

// Reused between calls (grown on demand): a Granger scan over 1,000 markets allocates almost nothing.
// Safe because the functions are synchronous and never re-enter.
let a = new Float64Array(0);
let z = new Float64Array(0);
let rows = new Int32Array(0);
const rDiag = new Float64Array(64);
const colNorm = new Float64Array(64);

function checkOrder(order: number, name: string): void {
  if (!Number.isInteger(order) || order < 1 || 2 * order + 1 > 63) {
    throw new QuantInputError('BAD_ORDER', `${name} must be a whole number from 1 to 31, got ${order}`);
  }
}

/** Index of the first NaN in either series, or -1; throws on ±Infinity. */
function scan(cause: Series, effect: Series): number {
  let firstNaN = -1;
  for (let i = 0; i < effect.length; i++) {
    const c = cause[i];
    const e = effect[i];
    if (c - c === 0 && e - e === 0) continue; // both finite: the common case, one test each
    for (const [v, name] of [[c, 'cause'], [e, 'effect']] as const) {
      if (v === Infinity || v === -Infinity) throw new QuantInputError('NON_FINITE', `${name}[${i}] is ${v}; use NaN for a missing value`);
    }
    if (firstNaN < 0) firstNaN = i;
  }
  return firstNaN;
}

function isConstant(xs: Series, from: number, to: number): boolean {
  let first = NaN;
  for (let i = from; i < to; i++) {
    const v = xs[i];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function rankFailure(bad: number, k: number, cause: Series, effect: Series, from: number, to: number): QuantInputError {
  if (isConstant(effect, from, to)) {
    return new QuantInputError('CONSTANT_SERIES', 'effect is constant over the rows used: there is no variation to explain');
  }
  if (isConstant(cause, from, to)) {
    return new QuantInputError('CONSTANT_SERIES', 'cause is constant over the rows used: its lags duplicate the intercept');
  }
  const what = bad === 0 ? 'the intercept' : bad <= k ? `effect lag ${bad}` : `cause lag ${bad - k}`;
  return new QuantInputError('RANK_DEFICIENT', `${what} is a linear combination of the other regressors (collinear series)`);
}

/**
 * Granger causality F test of order k, the same model and numbers as R's
 * `lmtest::grangertest(effect ~ cause, order = k)`:
 *  - rows t = k..N−1 (the first k are lost to lags); a row is dropped when effect[t], cause[t], or any
 *    effect[t−j] / cause[t−j] (j = 1..k) is NaN — R's na.omit over `merge(x, y, lags…)`, which includes the
 *    current cause value even though the model does not use it;
 *  - unrestricted: effect[t] ~ 1 + effect[t−1..t−k] + cause[t−1..t−k]; restricted: without the cause lags;
 *  - F = ((RSS_r − RSS_u)/k) / (RSS_u/(n − 2k − 1)), df1 = k, df2 = n − 2k − 1, p = P(F(df1, df2) > F).
 * One Householder QR of the unrestricted design (columns in the order above) yields both fits: RSS_u is the
 * squared tail of Qᵀy and RSS_r − RSS_u is Σ (Qᵀy)² over the cause-lag positions, so the numerator is
 * computed without subtracting two nearly equal RSS values.
 *
 * Throws QuantInputError: LENGTH_MISMATCH, BAD_ORDER (k not a whole number in 1..31), NON_FINITE (±Infinity;
 * NaN means missing), TOO_FEW_OBSERVATIONS (df2 < 1), CONSTANT_SERIES (cause or effect constant over the rows
 * used), RANK_DEFICIENT (other exact collinearity). An exact fit (RSS_u = 0) gives f = Infinity, p = 0 when the
 * cause lags explain something, and f = NaN, p = NaN when they do not.
 */
export function grangerTest(cause: Series, effect: Series, order: number): GrangerResult {
  assertSameLength(cause, effect, 'cause', 'effect');
  checkOrder(order, 'order');
  const k = order;
  const N = effect.length;
  const firstNaN = scan(cause, effect);

  let m: number;
  let contiguous: boolean;
  if (firstNaN < 0) {
    m = Math.max(0, N - k);
    contiguous = true;
  } else {
    if (rows.length < N) rows = new Int32Array(N);
    m = 0;
    let lastNaN = -1;
    for (let t = 0; t < N; t++) {
      if (Number.isNaN(cause[t]) || Number.isNaN(effect[t])) lastNaN = t;
      if (t >= k && lastNaN < t - k) rows[m++] = t;
    }
    contiguous = false;
  }
  const p = 2 * k + 1;
  const df2 = m - p;
  if (df2 < 1) {
    throw new QuantInputError(
      'TOO_FEW_OBSERVATIONS',
      `order ${k} needs at least ${p + 1} usable rows (after losing the first ${k} to lags and any row touching a NaN), got ${m}`,
    );
  }

  if (a.length < m * p) a = new Float64Array(Math.max(m * p, 2 * a.length));
  if (z.length < m) z = new Float64Array(Math.max(m, 2 * z.length));
  for (let r = 0; r < m; r++) {
    const t = contiguous ? k + r : rows[r];
    z[r] = effect[t];
    a[r] = 1;
    for (let j = 1; j <= k; j++) {
      a[j * m + r] = effect[t - j];
      a[(k + j) * m + r] = cause[t - j];
    }
  }
  const bad = householderQr(a, z, m, p, rDiag, colNorm);
  if (bad >= 0) {
    const from = (contiguous ? k : rows[0]) - k;
    const to = (contiguous ? N - 1 : rows[m - 1]) + 1;
    throw rankFailure(bad, k, cause, effect, from, to);
  }
  const rssU = sumSquares(z, p, m);
  const explained = sumSquares(z, k + 1, p); // RSS_r − RSS_u
  let f: number;
  if (rssU > 0) f = explained / k / (rssU / df2);
  else f = explained > 0 ? Infinity : NaN;
  return { f, df1: k, df2, p: fUpperTail(f, k, df2), n: m };
}

/**
 * `grangerTest` for every order 1..maxLag (entry i is order i + 1). Each order is an independent R-style test on
 * its own rows, so n shrinks by one per extra lag. Throws as `grangerTest` does for the first order that fails.
 */
export function grangerLags(cause: Series, effect: Series, maxLag: number): GrangerResult[] {
  checkOrder(maxLag, 'maxLag');
  const out: GrangerResult[] = [];
  for (let k = 1; k <= maxLag; k++) out.push(grangerTest(cause, effect, k));
  return out;
}
