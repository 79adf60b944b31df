import type { TradingState } from '@polytrader/contracts';
import type { BookLevel, OrderIntent, TradeSide } from '@polytrader/persistence';
import { bookValue } from '@polytrader/quant';
import { fmt } from './risk-math';

export type TradingStateName = TradingState;

export interface CheckLimits {
  /** Negative percent of start-of-day equity. */
  dailyLossLimit: number;
  /** Negative percent below the high-water mark. */
  maxDrawdown: number;
  /** Percent of equity. */
  maxPositionPct: number;
  maxTotalExposurePct: number;
  sectorLimits: Record<string, number>;
  maxOpenPositions: number;
  /** USDC. */
  minLiquidity: number;
  minBookDepth: number;
  maxDataAgeMinutes: number;
  minHoursToResolution: number;
}

export interface CheckInput {
  now: Date;
  state: { name: TradingStateName; why: string };
  intent: OrderIntent;
  side: TradeSide;
  /** Shares asked for. */
  size: number;
  /** USDC the order adds at risk (0 for a reducing order). */
  addedExposure: number;
  signalTs: string;
  sector: string | null;
  metrics: { equity: number; dailyPnlPct: number; drawdownPct: number };
  /** USDC at risk now, before this order. */
  exposure: { market: number; sector: number; total: number; openPositions: number };
  market: { closed: boolean; endDate: string | null; liquidity: number | null } | null;
  /** The book side the order takes (asks for a buy, bids for a sell), best first, and its time; null when none is stored. */
  book: { levels: BookLevel[]; ts: string } | null;
  limits: CheckLimits;
}

type Check = (i: CheckInput) => string | null;

const isEntry = (i: CheckInput) => i.intent === 'open' || i.intent === 'increase';
const minutesOld = (i: CheckInput, ts: string) => (i.now.getTime() - Date.parse(ts)) / 60_000;

/**
 * Every pre-trade check, in order. Each returns its reason when it rejects, null when it passes. A
 * position-reducing order is only refused when HALTED or when there is no book to fill it against; a SELL
 * that is not position-reducing is always refused (`no_position`).
 */
export const CHECKS: readonly (readonly [name: string, check: Check])[] = [
  ['trading_state', (i) => {
    if (i.state.name === 'HALTED') return `halted: ${i.state.why}`;
    if (i.state.name === 'REDUCING' && isEntry(i)) return `reducing: only position-reducing orders pass (${i.state.why})`;
    return null;
  }],
  // Polymarket has no short selling (a bearish view is a BUY of the other outcome's token): a SELL only closes
  // shares held. A SELL that would open or add to a position holds nothing to sell.
  ['position', (i) => (i.side === 'SELL' && isEntry(i)
    ? `no_position: SELL of ${fmt(i.size, 4)} shares but none of the token are held (no short selling: buy the other outcome instead)` : null)],
  ['size', (i) => (i.size > 0 && Number.isFinite(i.size) ? null : `size: ${i.size} shares is nothing to trade`)],
  ['daily_loss', (i) => (isEntry(i) && i.metrics.dailyPnlPct <= i.limits.dailyLossLimit
    ? `daily loss limit: ${fmt(i.metrics.dailyPnlPct)}% of start-of-day equity reached the limit ${i.limits.dailyLossLimit}%` : null)],
  ['max_drawdown', (i) => (isEntry(i) && i.metrics.drawdownPct <= i.limits.maxDrawdown
    ? `max drawdown: ${fmt(i.metrics.drawdownPct)}% below the high-water mark reached the limit ${i.limits.maxDrawdown}%` : null)],
  ['market_open', (i) => {
    if (!i.market) return 'market unknown: not in the database';
    return isEntry(i) && i.market.closed ? 'market closed' : null;
  }],
  ['resolution', (i) => {
    if (!isEntry(i) || !i.market?.endDate) return null;
    const hours = (Date.parse(i.market.endDate) - i.now.getTime()) / 3_600_000;
    return hours < i.limits.minHoursToResolution
      ? `too close to resolution: ${fmt(hours, 1)} h left, minimum ${i.limits.minHoursToResolution} h` : null;
  }],
  ['stale_signal', (i) => {
    const age = minutesOld(i, i.signalTs);
    return isEntry(i) && age > i.limits.maxDataAgeMinutes ? `stale signal: ${fmt(age, 1)} min old, maximum ${i.limits.maxDataAgeMinutes} min` : null;
  }],
  ['stale_data', (i) => {
    if (!i.book) return 'no order book stored for the token';
    const age = minutesOld(i, i.book.ts);
    return age > i.limits.maxDataAgeMinutes ? `stale data: order book ${fmt(age, 1)} min old, maximum ${i.limits.maxDataAgeMinutes} min` : null;
  }],
  ['liquidity', (i) => {
    if (!isEntry(i)) return null;
    const liquidity = i.market?.liquidity ?? null;
    if (liquidity === null) return `liquidity unknown (minimum ${i.limits.minLiquidity} USDC)`;
    return liquidity < i.limits.minLiquidity ? `liquidity ${fmt(liquidity)} USDC below the minimum ${i.limits.minLiquidity}` : null;
  }],
  ['book_depth', (i) => {
    if (!isEntry(i) || !i.book) return null;
    const depth = bookValue(i.book.levels);
    return depth < i.limits.minBookDepth ? `book depth ${fmt(depth)} USDC below the minimum ${i.limits.minBookDepth}` : null;
  }],
  ['market_exposure', (i) => exposureReason(i, 'market exposure', i.exposure.market, i.limits.maxPositionPct)],
  ['sector_exposure', (i) => {
    const limit = i.sector === null ? undefined : i.limits.sectorLimits[i.sector];
    return limit === undefined ? null : exposureReason(i, `sector "${i.sector}" exposure`, i.exposure.sector, limit);
  }],
  ['total_exposure', (i) => exposureReason(i, 'total exposure', i.exposure.total, i.limits.maxTotalExposurePct)],
  ['open_positions', (i) => (i.intent === 'open' && i.exposure.openPositions >= i.limits.maxOpenPositions
    ? `max open positions: ${i.exposure.openPositions} open, limit ${i.limits.maxOpenPositions}` : null)],
];

function exposureReason(i: CheckInput, what: string, current: number, limitPct: number): string | null {
  if (!isEntry(i)) return null;
  const after = current + i.addedExposure;
  const pct = i.metrics.equity > 0 ? (after / i.metrics.equity) * 100 : Infinity;
  // Floating point: an order that lands exactly on the limit passes.
  return pct > limitPct + 1e-9 ? `${what}: ${fmt(after)} USDC would be ${fmt(pct)}% of equity, limit ${limitPct}%` : null;
}

/**
 * Runs every check and returns every reason to reject (empty = approved). Fail-safe: a check that
 * throws rejects with its error — an exception can never let an order through.
 */
export function runPreTradeChecks(input: CheckInput): string[] {
  const reasons: string[] = [];
  for (const [name, check] of CHECKS) {
    try {
      const reason = check(input);
      if (reason !== null) reasons.push(reason);
    } catch (err) {
      reasons.push(`check ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return reasons;
}
