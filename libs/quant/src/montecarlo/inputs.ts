import { QuantInputError } from '../stats/errors';
import { pnlBuckets, utcBucketStart } from '../trading/equity-curve';
import type { PositionSide } from '../trading/position-pnl';

/** One closed trade, as the Monte Carlo takes it (from the `trades` table, a backtest or a file). */
export interface ClosedTrade {
  /** epoch ms (UTC) the position was opened */
  readonly entryMs: number;
  /** epoch ms it was closed; > entryMs */
  readonly exitMs: number;
  /** realized PnL net of fees (USDC) */
  readonly pnl: number;
  /** USDC put at risk at entry (`positionCost`: shares × price long, shares × (1 − price) short); > 0 */
  readonly stake: number;
  /** the price series it traded (a token id): needed by the random-entry null only */
  readonly market?: string;
  /** long (BUY) or short (SELL) that series: needed by the random-entry null only */
  readonly side?: PositionSide;
}

/** A market's price history: times ascending (epoch ms), prices in [0, 1]. */
export interface PriceSeries {
  readonly tsMs: ArrayLike<number>;
  readonly price: ArrayLike<number>;
}

/** USDC are turned into whole micro-USDC (6 decimals, as on chain) so that path sums are exact in doubles. */
export const MICRO = 1e6;
/** Micro-USDC sums are exact while every partial sum stays below 2^53 micro-USDC (≈ 9.007e9 USDC). */
const MAX_USDC = 2 ** 53 / MICRO;

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365 * DAY_MS;

const bad = (message: string) => new QuantInputError('BAD_PARAMETER', message);
const nonFinite = (message: string) => new QuantInputError('NON_FINITE', message);

/** Refuses what the simulation could not use; messages name the trade index, the field and the value. */
export function checkTrades(trades: readonly ClosedTrade[], minTrades = 2): void {
  if (trades.length < minTrades) {
    throw new QuantInputError('TOO_FEW_OBSERVATIONS', `trades: the Monte Carlo needs at least ${minTrades} closed trades, got ${trades.length}`);
  }
  trades.forEach((t, i) => {
    for (const field of ['entryMs', 'exitMs', 'pnl', 'stake'] as const) {
      if (typeof t[field] !== 'number' || !Number.isFinite(t[field])) throw nonFinite(`trades[${i}].${field}: expected a finite number, got ${t[field]}`);
    }
    if (t.exitMs <= t.entryMs) {
      throw new QuantInputError('BAD_ORDER', `trades[${i}]: exit ${new Date(t.exitMs).toISOString()} is not after entry ${new Date(t.entryMs).toISOString()}`);
    }
    if (t.stake <= 0) throw bad(`trades[${i}].stake: expected a positive amount (USDC at risk), got ${t.stake}`);
  });
}

/**
 * A positive starting equity, small enough that start + n × the largest |PnL| (the farthest any path,
 * bootstrap repeats included, can go) stays below 2^53 micro-USDC.
 */
export function checkStartEquity(startEquity: number, trades: readonly ClosedTrade[]): void {
  if (!Number.isFinite(startEquity) || startEquity <= 0) throw bad(`startEquity: expected a positive amount (USDC), got ${startEquity}`);
  let largest = 0;
  for (const t of trades) largest = Math.max(largest, Math.abs(t.pnl));
  if (startEquity + trades.length * largest >= MAX_USDC) {
    throw bad(`trades: starting equity ${startEquity} plus ${trades.length} × the largest |pnl| ${largest} reaches ${MAX_USDC} USDC, beyond exact micro-USDC sums`);
  }
}

export function checkSims(sims: number): void {
  if (!Number.isInteger(sims) || sims < 1 || sims > 10_000_000) throw bad(`sims: expected a whole number in 1..10000000, got ${sims}`);
}

/** The ruin floor is a fraction of the starting equity: 0.5 = ruined once equity falls below half of it. */
export function checkRuinFloor(ruinFloor: number): void {
  if (!Number.isFinite(ruinFloor) || ruinFloor < 0 || ruinFloor >= 1) throw bad(`ruinFloor: expected a fraction of the starting equity in [0, 1), got ${ruinFloor}`);
}

/** Trades ordered by exit (then entry): the order the realized PnL was booked in, the observed path. */
export function inExitOrder(trades: readonly ClosedTrade[]): ClosedTrade[] {
  return [...trades].sort((a, b) => a.exitMs - b.exitMs || a.entryMs - b.entryMs);
}

/** Whole micro-USDC of each trade's PnL, in the given order. */
export function microPnl(trades: readonly ClosedTrade[]): Float64Array {
  const out = new Float64Array(trades.length);
  for (let i = 0; i < trades.length; i++) out[i] = Math.round(trades[i].pnl * MICRO);
  return out;
}

/**
 * Trades per year of the observed record, n / (last exit − first entry) in years of 365 days: annualizes
 * a per-trade Sharpe as √(trades per year), as daily Sharpe is annualized by √365.
 */
export function tradesPerYear(trades: readonly ClosedTrade[]): number {
  let first = Infinity;
  let last = -Infinity;
  for (const t of trades) {
    first = Math.min(first, t.entryMs);
    last = Math.max(last, t.exitMs);
  }
  return trades.length / ((last - first) / YEAR_MS);
}

/**
 * Daily returns of the observed record: realized PnL booked on its exit's UTC day (`pnlBuckets`), each day's
 * PnL over the equity it opened with; the days between the first and last booked day without a close are 0.
 */
export function dailyReturnsOf(trades: readonly ClosedTrade[], startEquity: number): Float64Array {
  const buckets = pnlBuckets(trades.map((t) => ({ tsMs: t.exitMs, pnl: t.pnl, fees: 0, count: 1 })), startEquity, 'day');
  if (buckets.length === 0) return new Float64Array(0);
  const first = buckets[0].startMs;
  const days = (utcBucketStart(buckets[buckets.length - 1].startMs, 'day') - first) / DAY_MS + 1;
  const out = new Float64Array(days);
  for (const b of buckets) out[(b.startMs - first) / DAY_MS] = b.startEquity > 0 ? b.pnl / b.startEquity : b.pnl < 0 ? -1 : 0;
  return out;
}
