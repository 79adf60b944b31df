import { Xoshiro128, checkBound } from './prng';

/**
 * The simulated paths' outcomes, one entry per path. Filled by the hot loops below, which allocate nothing
 * per path: one working copy of the input and these three arrays per call.
 */
export interface PathSet {
  /** (final equity − start) / start */
  readonly finalReturn: Float64Array;
  /** the deepest (equity − running peak) / peak, ≤ 0; the peak starts at the starting equity */
  readonly maxDrawdown: Float64Array;
  /** annualized Sharpe of the path's per-step returns (see docs/validation.md) */
  readonly sharpe: Float64Array;
  /** paths whose equity fell below the ruin floor at some point */
  readonly ruined: number;
}

export type TradeResampling = 'reshuffle' | 'bootstrap' | 'as-is';

/**
 * Paths of trade PnL in whole micro-USDC (exact in doubles, so a reordering gives bit-identical sums):
 * - `reshuffle`: each path a uniformly random order of the same trades (Fisher–Yates, run downwards in place on
 *   one working copy, consuming position i when it is fixed — one draw per trade);
 * - `bootstrap`: n trades drawn with replacement;
 * - `as-is`: the given order once (the observed path; `sims` must be 1, no draws).
 * A trade's return is its PnL over the path's equity before it; the Sharpe is mean / sample sd of those returns
 * times √annualization. A path whose equity is ≤ 0 before a trade is bust: its Sharpe is −Infinity.
 *
 * The Sharpe is computed here from running sums rather than by libs/quant's performance metrics: this loop
 * runs sims × trades times (10 million in the bench) and must not build a returns array per path. The sums
 * are shifted by `shift` (the mean return of the observed record) so that the one-pass variance does not cancel.
 */
export function tradePaths(
  pnlMicro: Float64Array, startMicro: number, sims: number, rng: Xoshiro128 | null, mode: TradeResampling,
  ruinFloor: number, annualization: number, shift: number,
): PathSet {
  const n = pnlMicro.length;
  checkBound(n, 'trades');
  if (mode === 'as-is' && sims !== 1) throw new Error('tradePaths: as-is is one path');
  if (mode !== 'as-is' && rng === null) throw new Error(`tradePaths: ${mode} needs a generator`);
  const finalReturn = new Float64Array(sims);
  const maxDrawdown = new Float64Array(sims);
  const sharpe = new Float64Array(sims);
  // reshuffle permutes this copy path after path (any start order gives a uniform permutation);
  // as-is reads it from the end, so it holds the trades reversed
  const work = mode === 'as-is' ? Float64Array.from(pnlMicro).reverse() : Float64Array.from(pnlMicro);
  const floorEquity = ruinFloor * startMicro;
  const scale = Math.sqrt(annualization);
  const reshuffle = mode === 'reshuffle';
  const bootstrap = mode === 'bootstrap';
  const g = rng as Xoshiro128;
  let ruinedPaths = 0;
  for (let s = 0; s < sims; s++) {
    let equity = startMicro;
    let peak = startMicro;
    let worst = 0;
    let ruined = false;
    let bust = false;
    let sum = 0;
    let sumSq = 0;
    for (let i = n - 1; i >= 0; i--) {
      let x: number;
      if (reshuffle) {
        const j = g.below(i + 1);
        x = work[j];
        work[j] = work[i];
        work[i] = x;
      } else if (bootstrap) {
        x = work[g.below(n)];
      } else {
        x = work[i];
      }
      if (equity > 0) {
        const d = x / equity - shift;
        sum += d;
        sumSq += d * d;
      } else {
        bust = true;
      }
      equity += x;
      if (equity > peak) {
        peak = equity;
      } else if (equity - peak < worst * peak) {
        // a new deepest drawdown (peak > 0 always: it starts at the starting equity); dividing only then keeps
        // the division out of most steps
        worst = (equity - peak) / peak;
      }
      if (equity < floorEquity) ruined = true;
    }
    finalReturn[s] = (equity - startMicro) / startMicro;
    maxDrawdown[s] = worst;
    sharpe[s] = bust ? -Infinity : shiftedSharpe(sum, sumSq, n, shift, scale);
    if (ruined) ruinedPaths++;
  }
  return { finalReturn, maxDrawdown, sharpe, ruined: ruinedPaths };
}

/**
 * Politis–Romano stationary bootstrap of daily returns: a path of the same length as `returns`, built from
 * blocks that start at a uniformly drawn day and run on (wrapping round the end) until a new block starts,
 * which happens before each day with probability 1 / meanBlockLength — block lengths are geometric with that
 * mean. Equity compounds; the Sharpe is mean / sample sd of the path's daily returns × √annualization.
 * `as-is` (rng null, sims 1) is the observed order.
 */
export function blockBootstrapPaths(
  returns: Float64Array, sims: number, rng: Xoshiro128 | null, meanBlockLength: number, ruinFloor: number, annualization: number, shift: number,
): PathSet {
  const n = returns.length;
  checkBound(n, 'daily returns');
  const finalReturn = new Float64Array(sims);
  const maxDrawdown = new Float64Array(sims);
  const sharpe = new Float64Array(sims);
  const pNew = 1 / meanBlockLength;
  const scale = Math.sqrt(annualization);
  const g = rng as Xoshiro128;
  const observed = rng === null;
  if (observed && sims !== 1) throw new Error('blockBootstrapPaths: the observed path is one path');
  let ruinedPaths = 0;
  for (let s = 0; s < sims; s++) {
    let equity = 1;
    let peak = 1;
    let worst = 0;
    let ruined = false;
    let sum = 0;
    let sumSq = 0;
    let at = observed ? 0 : g.below(n);
    for (let d = 0; d < n; d++) {
      if (d > 0) {
        if (observed) at = d;
        else if (g.nextDouble() < pNew) at = g.below(n);
        else if (++at === n) at = 0;
      }
      const r = returns[at];
      const dev = r - shift;
      sum += dev;
      sumSq += dev * dev;
      equity *= 1 + r;
      if (equity > peak) {
        peak = equity;
      } else {
        const dd = (equity - peak) / peak;
        if (dd < worst) worst = dd;
      }
      if (equity < ruinFloor) ruined = true;
    }
    finalReturn[s] = equity - 1;
    maxDrawdown[s] = worst;
    sharpe[s] = shiftedSharpe(sum, sumSq, n, shift, scale);
    if (ruined) ruinedPaths++;
  }
  return { finalReturn, maxDrawdown, sharpe, ruined: ruinedPaths };
}

/**
 * mean / sample sd × scale from sums of (r − shift) and (r − shift)². A zero sd gives 0 for a zero mean and
 * ±Infinity otherwise (a riskless gain is as good as it gets), so percentiles stay defined.
 */
export function shiftedSharpe(sum: number, sumSq: number, n: number, shift: number, scale: number): number {
  const mean = shift + sum / n;
  const variance = Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  if (sd === 0) return mean === 0 ? 0 : mean > 0 ? Infinity : -Infinity;
  return (mean / sd) * scale;
}
