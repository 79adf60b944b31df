import { QuantInputError } from '../stats/errors';
import { Distribution, distributionOf } from './distribution';
import {
  ClosedTrade, MICRO, PriceSeries, checkRuinFloor, checkSims, checkStartEquity, checkTrades, dailyReturnsOf, inExitOrder, microPnl,
  tradesPerYear,
} from './inputs';
import { PathSet, blockBootstrapPaths, tradePaths } from './paths';
import { Xoshiro128 } from './prng';
import { randomEntryNull } from './random-entry';

export interface MonteCarloOptions {
  /** USDC the record started with (portfolio.initial_equity) */
  readonly startEquity: number;
  /** whole number 0..2^32 − 1 */
  readonly seed: number;
  /** simulations per method; default 1000 */
  readonly sims?: number;
  /** ruined = equity below this fraction of the starting equity at any point; default 0.5 */
  readonly ruinFloor?: number;
  /** mean block length of the stationary bootstrap, in days (≥ 1); default the cube root of the number of days */
  readonly meanBlockLength?: number;
  /** per market (a trade's `market`): its price history, for the random-entry null; without it the null is skipped */
  readonly prices?: ReadonlyMap<string, PriceSeries>;
}

export interface PathMetrics {
  readonly finalReturn: number;
  readonly maxDrawdown: number;
  readonly sharpe: number;
}

export interface MethodResult {
  readonly finalReturn: Distribution;
  readonly maxDrawdown: Distribution;
  readonly sharpe: Distribution;
  /** share of paths whose equity fell below the ruin floor */
  readonly probabilityOfRuin: number;
}

export interface MonteCarloReport {
  readonly seed: number;
  readonly sims: number;
  readonly trades: number;
  readonly days: number;
  readonly startEquity: number;
  readonly ruinFloor: number;
  /** trades per year of the record: the trade Sharpe's annualization (√ of it) */
  readonly tradesPerYear: number;
  /** the record as it happened: trades in exit order, and its daily returns */
  readonly observed: { readonly trades: PathMetrics; readonly daily: PathMetrics | null };
  /** same trades in random orders: drawdown and ruin risk of the same edge (final return is the observed one on every path) */
  readonly reshuffle: MethodResult;
  /** trades drawn with replacement */
  readonly bootstrap: MethodResult;
  /** stationary block bootstrap of daily returns; null when every trade closed on the same UTC day */
  readonly blockBootstrap: (MethodResult & { readonly meanBlockLength: number }) | null;
  /** null = no price series were given */
  readonly randomEntry: { readonly strategySharpe: number; readonly pValue: number; readonly nullSharpe: Distribution } | null;
}

/** Stream numbers of the methods: each has its own generator (jumps of one seed), so none shifts another's numbers. */
const STREAM = { reshuffle: 0, bootstrap: 1, blockBootstrap: 2, randomEntry: 3 } as const;

/**
 * Monte Carlo validation of a record of closed trades (docs/validation.md): reshuffle, bootstrap, stationary
 * block bootstrap of daily returns, and — given price series — the random-entry null. Deterministic for a seed.
 */
export function runMonteCarlo(trades: readonly ClosedTrade[], options: MonteCarloOptions): MonteCarloReport {
  const sims = options.sims ?? 1000;
  const ruinFloor = options.ruinFloor ?? 0.5;
  checkTrades(trades);
  checkStartEquity(options.startEquity, trades);
  checkSims(sims);
  checkRuinFloor(ruinFloor);
  // validated here so a bad seed is reported before any work
  new Xoshiro128(options.seed);

  const ordered = inExitOrder(trades);
  const pnl = microPnl(ordered);
  const start = Math.round(options.startEquity * MICRO);
  const perYear = tradesPerYear(ordered);
  const daily = dailyReturnsOf(ordered, options.startEquity);
  const meanBlockLength = options.meanBlockLength ?? Math.max(1, Math.cbrt(daily.length));
  if (!Number.isFinite(meanBlockLength) || meanBlockLength < 1) {
    throw new QuantInputError('BAD_PARAMETER', `meanBlockLength: expected a number of days ≥ 1, got ${meanBlockLength}`);
  }

  // the observed record's mean return per trade and per day: the shift that keeps the one-pass variance stable
  const observedTrades = tradePaths(pnl, start, 1, null, 'as-is', ruinFloor, perYear, 0);
  const tradeShift = meanTradeReturn(pnl, start);
  const dayShift = daily.reduce((a, r) => a + r, 0) / daily.length;
  const observedDaily = daily.length >= 2 ? blockBootstrapPaths(daily, 1, null, 1, ruinFloor, 365, 0) : null;

  const reshuffle = tradePaths(pnl, start, sims, Xoshiro128.stream(options.seed, STREAM.reshuffle), 'reshuffle', ruinFloor, perYear, tradeShift);
  const bootstrap = tradePaths(pnl, start, sims, Xoshiro128.stream(options.seed, STREAM.bootstrap), 'bootstrap', ruinFloor, perYear, tradeShift);
  // a sample sd needs two days: a record closed within one UTC day has no daily resampling
  const block = daily.length >= 2
    ? blockBootstrapPaths(daily, sims, Xoshiro128.stream(options.seed, STREAM.blockBootstrap), meanBlockLength, ruinFloor, 365, dayShift)
    : null;

  let randomEntry: MonteCarloReport['randomEntry'] = null;
  if (options.prices) {
    const r = randomEntryNull(ordered, options.prices, sims, Xoshiro128.stream(options.seed, STREAM.randomEntry));
    randomEntry = { strategySharpe: r.strategySharpe, pValue: r.pValue, nullSharpe: distributionOf(r.nullSharpe) };
  }

  return {
    seed: options.seed, sims, trades: trades.length, days: daily.length, startEquity: options.startEquity, ruinFloor, tradesPerYear: perYear,
    observed: { trades: first(observedTrades), daily: observedDaily && first(observedDaily) },
    reshuffle: summarize(reshuffle, sims),
    bootstrap: summarize(bootstrap, sims),
    blockBootstrap: block === null ? null : { ...summarize(block, sims), meanBlockLength },
    randomEntry,
  };
}

function summarize(paths: PathSet, sims: number): MethodResult {
  return {
    finalReturn: distributionOf(paths.finalReturn),
    maxDrawdown: distributionOf(paths.maxDrawdown),
    sharpe: distributionOf(paths.sharpe),
    probabilityOfRuin: paths.ruined / sims,
  };
}

function first(paths: PathSet): PathMetrics {
  return { finalReturn: paths.finalReturn[0], maxDrawdown: paths.maxDrawdown[0], sharpe: paths.sharpe[0] };
}

/** Mean of the observed path's per-trade returns on the equity before each trade. */
function meanTradeReturn(pnl: Float64Array, start: number): number {
  let equity = start;
  let sum = 0;
  for (let i = 0; i < pnl.length; i++) {
    if (equity > 0) sum += pnl[i] / equity;
    equity += pnl[i];
  }
  return sum / pnl.length;
}
