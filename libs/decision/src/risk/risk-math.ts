import type { PositionState } from '@polytrader/persistence';

/** Equity = initial equity + realized PnL (net of fees) + unrealized PnL of the open positions. */
export function equityOf(initialEquity: number, realizedPnl: number, positions: Iterable<PositionState>): number {
  let unrealized = 0;
  for (const p of positions) unrealized += p.unrealizedPnl;
  return initialEquity + realizedPnl + unrealized;
}

/** Percent change of `value` against `base` (negative = loss); 0 when base is not positive. */
export function pctOf(value: number, base: number): number {
  return base > 0 ? ((value - base) / base) * 100 : 0;
}

/** Rounds for messages: 2 decimals, no "-0". */
export function fmt(n: number, digits = 2): string {
  const s = n.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}
