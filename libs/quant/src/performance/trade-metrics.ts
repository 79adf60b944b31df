import { QuantInputError } from '../stats/errors';

/**
 * Trade-list metrics for a backtest or the live journal: win rate, profit factor, exposure and turnover over
 * closed trades. Pure; times are epoch ms (UTC). Definitions in docs/quant.md "Performance metrics".
 */

/** What a closed trade came to: the minimum the trade-list metrics need. */
export interface ClosedTradeOutcome {
  /** realized PnL after fees, USDC (settlement included) */
  readonly pnl: number;
  /** what opening the position cost (shares × fill price + entry fee), USDC, > 0 */
  readonly cost: number;
  readonly entryMs: number;
  readonly exitMs: number;
}

/** The time the metrics are measured over (a backtest's --from/--to), epoch ms, fromMs < toMs. */
export interface TimeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

function checkTrades(trades: readonly ClosedTradeOutcome[]): void {
  trades.forEach((t, i) => {
    if (!Number.isFinite(t.pnl)) throw new QuantInputError('NON_FINITE', `trades[${i}].pnl is ${t.pnl}; a closed trade has a finite PnL`);
    if (!Number.isFinite(t.cost) || t.cost <= 0) throw new QuantInputError('BAD_PARAMETER', `trades[${i}].cost must be a finite number > 0 (USDC), got ${t.cost}`);
    if (!Number.isFinite(t.entryMs)) throw new QuantInputError('NON_FINITE', `trades[${i}].entryMs is ${t.entryMs}`);
    if (!Number.isFinite(t.exitMs)) throw new QuantInputError('NON_FINITE', `trades[${i}].exitMs is ${t.exitMs}`);
    if (t.exitMs < t.entryMs) throw new QuantInputError('BAD_ORDER', `trades[${i}] exits (${t.exitMs}) before it enters (${t.entryMs})`);
  });
}

/** Share of trades with pnl > 0 (a break-even trade is not a win). No trades → NaN. */
export function winRate(trades: readonly ClosedTradeOutcome[]): number {
  checkTrades(trades);
  if (trades.length === 0) return NaN;
  return trades.filter((t) => t.pnl > 0).length / trades.length;
}

/**
 * Gross profit / gross loss (sum of winning PnL over |sum of losing PnL|). Profits without a loss → +Infinity;
 * no profit and no loss (no trades, or all break-even) → NaN; losses only → 0.
 */
export function profitFactor(trades: readonly ClosedTradeOutcome[]): number {
  checkTrades(trades);
  let gain = 0;
  let loss = 0;
  for (const t of trades) {
    if (t.pnl > 0) gain += t.pnl;
    else loss -= t.pnl;
  }
  if (loss === 0) return gain > 0 ? Infinity : NaN;
  return gain / loss;
}

function checkWindow(window: TimeWindow): void {
  if (!Number.isFinite(window.fromMs) || !Number.isFinite(window.toMs) || !(window.toMs > window.fromMs)) {
    throw new QuantInputError('BAD_ORDER', `window must have finite fromMs < toMs, got fromMs ${window.fromMs}, toMs ${window.toMs}`);
  }
}

/**
 * Share of the window during which at least one trade was open: the union of [entryMs, exitMs) clipped to the
 * window, over its length (overlapping trades count once). In [0, 1].
 */
export function exposure(trades: readonly ClosedTradeOutcome[], window: TimeWindow): number {
  checkTrades(trades);
  checkWindow(window);
  const spans = trades
    .map((t) => [Math.max(t.entryMs, window.fromMs), Math.min(t.exitMs, window.toMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (a > end) {
      if (end > start) covered += end - start;
      start = a;
      end = b;
    } else if (b > end) end = b;
  }
  if (end > start) covered += end - start;
  return covered / (window.toMs - window.fromMs);
}

/**
 * Capital turnover: the total cost of the positions opened in the window, over the capital (how many times the
 * capital was put to work). With `perYear`, divided by the window's length in 365-day years.
 */
export function turnover(trades: readonly ClosedTradeOutcome[], capital: number, window: TimeWindow, opts: { perYear?: boolean } = {}): number {
  checkTrades(trades);
  checkWindow(window);
  if (!Number.isFinite(capital) || capital <= 0) throw new QuantInputError('BAD_PARAMETER', `capital must be a finite number > 0 (USDC), got ${capital}`);
  let opened = 0;
  for (const t of trades) if (t.entryMs >= window.fromMs && t.entryMs < window.toMs) opened += t.cost;
  const times = opened / capital;
  return opts.perYear ? times / ((window.toMs - window.fromMs) / (365 * 86_400_000)) : times;
}
