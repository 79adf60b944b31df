import { QuantInputError } from '../stats/errors';
import type { ClosedTrade, PriceSeries } from './inputs';
import { shiftedSharpe } from './paths';
import type { Xoshiro128 } from './prng';

export interface RandomEntryNull {
  /** mean / sample sd of the strategy's per-trade returns on stake (pnl / stake), not annualized */
  readonly strategySharpe: number;
  /** the same statistic of each null set of trades */
  readonly nullSharpe: Float64Array;
  /** (1 + #{null Sharpe ≥ strategy's}) / (1 + sims): the share of random entries doing at least as well, +1 corrected */
  readonly pValue: number;
}

/**
 * The random-entry null: each simulation places every trade again on its own market's price series, with its
 * own side and holding time, entered at a uniformly drawn moment in [first observation, last observation −
 * holding time]. Prices are the last observation at or before a moment. A long's return on stake is
 * (exit − entry) / entry, a short's (entry − exit) / (1 − entry) — the return per USDC of `positionCost` —
 * and 0 where the entry costs nothing (price 0 long, 1 short). Null trades pay no fees while the strategy's PnL
 * is net of them: the test leans towards "no edge".
 *
 * The statistic is the per-trade Sharpe (not annualized: both sides have the same number of trades over the
 * same holding times, so any annualization factor would cancel).
 */
export function randomEntryNull(
  trades: readonly ClosedTrade[], prices: ReadonlyMap<string, PriceSeries>, sims: number, rng: Xoshiro128,
): RandomEntryNull {
  const n = trades.length;
  // every series once into two flat arrays; per trade: its series' [from, to) slice, the window of entry times,
  // the holding time and the side — all typed, so the loop below allocates nothing
  const seriesAt = new Map<string, { from: number; to: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const key = marketOf(trades[i], i);
    if (seriesAt.has(key)) continue;
    const series = prices.get(key);
    if (!series) throw new QuantInputError('BAD_PARAMETER', `prices: no price series for market ${JSON.stringify(key)} (traded by trades[${i}])`);
    checkSeries(series, key);
    seriesAt.set(key, { from: total, to: total + series.tsMs.length });
    total += series.tsMs.length;
  }
  const times = new Float64Array(total);
  const values = new Float64Array(total);
  for (const [key, at] of seriesAt) {
    const series = prices.get(key) as PriceSeries;
    for (let i = 0; i < at.to - at.from; i++) {
      times[at.from + i] = series.tsMs[i];
      values[at.from + i] = series.price[i];
    }
  }
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const earliest = new Float64Array(n);
  const window = new Float64Array(n);
  const hold = new Float64Array(n);
  const long = new Uint8Array(n);
  let sum = 0;
  let sumSq = 0;
  const strategyReturns = trades.map((t) => t.pnl / t.stake);
  const shift = strategyReturns.reduce((a, r) => a + r, 0) / n;
  trades.forEach((t, i) => {
    const key = marketOf(t, i);
    const at = seriesAt.get(key) as { from: number; to: number };
    from[i] = at.from;
    to[i] = at.to;
    hold[i] = t.exitMs - t.entryMs;
    earliest[i] = times[at.from];
    window[i] = times[at.to - 1] - hold[i] - times[at.from];
    if (window[i] < 0) {
      throw new QuantInputError('BAD_PARAMETER',
        `prices: the series of ${JSON.stringify(key)} spans ${(times[at.to - 1] - times[at.from]) / 3_600_000} h, shorter than trades[${i}]'s holding time of ${hold[i] / 3_600_000} h`);
    }
    if (t.side !== 'BUY' && t.side !== 'SELL') throw new QuantInputError('BAD_PARAMETER', `trades[${i}].side: expected BUY or SELL for the random-entry null, got ${String(t.side)}`);
    long[i] = t.side === 'BUY' ? 1 : 0;
    const d = strategyReturns[i] - shift;
    sum += d;
    sumSq += d * d;
  });
  const strategySharpe = shiftedSharpe(sum, sumSq, n, shift, 1);

  const nullSharpe = new Float64Array(sims);
  let atLeast = 0;
  for (let s = 0; s < sims; s++) {
    let ns = 0;
    let nsSq = 0;
    for (let i = 0; i < n; i++) {
      const entryMs = earliest[i] + rng.nextDouble() * window[i];
      const entry = values[lastAtOrBefore(times, from[i], to[i], entryMs)];
      const exit = values[lastAtOrBefore(times, from[i], to[i], entryMs + hold[i])];
      const cost = long[i] ? entry : 1 - entry;
      const r = cost > 0 ? (long[i] ? exit - entry : entry - exit) / cost : 0;
      const d = r - shift;
      ns += d;
      nsSq += d * d;
    }
    const sharpe = shiftedSharpe(ns, nsSq, n, shift, 1);
    nullSharpe[s] = sharpe;
    if (sharpe >= strategySharpe) atLeast++;
  }
  return { strategySharpe, nullSharpe, pValue: (1 + atLeast) / (1 + sims) };
}

function marketOf(t: ClosedTrade, i: number): string {
  if (typeof t.market !== 'string' || t.market === '') throw new QuantInputError('BAD_PARAMETER', `trades[${i}].market: expected the id of its price series for the random-entry null, got ${String(t.market)}`);
  return t.market;
}

function checkSeries(series: PriceSeries, key: string): void {
  const n = series.tsMs.length;
  if (n !== series.price.length) throw new QuantInputError('LENGTH_MISMATCH', `prices[${JSON.stringify(key)}]: ${n} times but ${series.price.length} prices`);
  if (n < 2) throw new QuantInputError('TOO_FEW_OBSERVATIONS', `prices[${JSON.stringify(key)}]: expected at least 2 observations, got ${n}`);
  for (let i = 0; i < n; i++) {
    const t = series.tsMs[i];
    const p = series.price[i];
    if (!Number.isFinite(t) || !Number.isFinite(p)) throw new QuantInputError('NON_FINITE', `prices[${JSON.stringify(key)}][${i}]: time ${t}, price ${p}`);
    if (p < 0 || p > 1) throw new QuantInputError('BAD_PARAMETER', `prices[${JSON.stringify(key)}][${i}].price: expected a price in [0, 1], got ${p}`);
    if (i > 0 && t <= series.tsMs[i - 1]) throw new QuantInputError('BAD_ORDER', `prices[${JSON.stringify(key)}][${i}]: time ${t} is not after the one before (${series.tsMs[i - 1]})`);
  }
}

/** Index of the last time ≤ t in times[from..to) (binary search); `from` when t is before the first. */
function lastAtOrBefore(times: Float64Array, from: number, to: number, t: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
