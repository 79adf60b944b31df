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

const dayFormats = new Map<string, Intl.DateTimeFormat>();
let lastDay = { tz: '', minute: NaN, day: '' };

/** The calendar day (YYYY-MM-DD) of `at` in time zone `tz`: daily PnL rolls over at midnight there. */
export function tradingDay(at: Date, tz: string): string {
  // Every decision asks; time zones change days on whole minutes, so one answer per minute is enough.
  const minute = Math.floor(at.getTime() / 60_000);
  if (lastDay.tz === tz && lastDay.minute === minute) return lastDay.day;
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, f);
  }
  lastDay = { tz, minute, day: f.format(at) };
  return lastDay.day;
}

/** Rounds for messages: 2 decimals, no "-0". */
export function fmt(n: number, digits = 2): string {
  const s = n.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}
