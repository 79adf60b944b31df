/**
 * Equity curve arithmetic shared by the gateway's PnL series and the backtest: drawdown from the running
 * peak, and PnL summed per UTC hour or day. Pure; times are epoch ms (UTC).
 */

export interface EquityPoint {
  readonly tsMs: number;
  readonly equity: number;
}

export interface DrawdownPoint {
  readonly tsMs: number;
  /** the highest equity up to and including this point */
  readonly peak: number;
  /** equity − peak: 0 at a new high, negative below it (USDC) */
  readonly drawdown: number;
  /** drawdown as a percentage of the peak, ≤ 0 (the sign risk's `max_drawdown` limit uses); 0 when the peak is ≤ 0 */
  readonly drawdownPct: number;
}

export interface MaxDrawdown {
  /** the deepest equity − peak, ≤ 0 */
  readonly drawdown: number;
  /** the deepest drawdown in percent of its peak, ≤ 0 (may come from another trough than `drawdown`) */
  readonly drawdownPct: number;
  /** the peak and trough of the deepest `drawdown` */
  readonly peakMs: number;
  readonly troughMs: number;
  /** the first point back at or above that peak after the trough; null while still below it */
  readonly recoveredMs: number | null;
}

/** Drawdown at each point from the running peak (the first point starts it), and the deepest one. Points in time order. */
export function drawdownSeries(points: readonly EquityPoint[]): { series: DrawdownPoint[]; max: MaxDrawdown | null } {
  const series: DrawdownPoint[] = [];
  let peak = -Infinity;
  let peakMs = 0;
  let worst: { drawdown: number; peak: number; peakMs: number; troughMs: number } | null = null;
  let worstPct = 0;
  let recoveredMs: number | null = null;
  for (const p of points) {
    if (p.equity >= peak) {
      peak = p.equity;
      peakMs = p.tsMs;
      if (worst && recoveredMs === null && p.equity >= worst.peak && p.tsMs > worst.troughMs) recoveredMs = p.tsMs;
    }
    const drawdown = p.equity - peak;
    const drawdownPct = peak > 0 ? (drawdown / peak) * 100 : 0;
    series.push({ tsMs: p.tsMs, peak, drawdown, drawdownPct });
    if (drawdown < (worst?.drawdown ?? 0)) {
      worst = { drawdown, peak, peakMs, troughMs: p.tsMs };
      recoveredMs = null;
    }
    worstPct = Math.min(worstPct, drawdownPct);
  }
  if (points.length === 0) return { series, max: null };
  const max: MaxDrawdown = worst
    ? { drawdown: worst.drawdown, drawdownPct: worstPct, peakMs: worst.peakMs, troughMs: worst.troughMs, recoveredMs }
    : { drawdown: 0, drawdownPct: 0, peakMs: points[0].tsMs, troughMs: points[0].tsMs, recoveredMs: null };
  return { series, max };
}

export type PnlInterval = 'hour' | 'day';

const INTERVAL_MS: Record<PnlInterval, number> = { hour: 3_600_000, day: 86_400_000 };

/** The start of the UTC hour or day holding tsMs. */
export function utcBucketStart(tsMs: number, interval: PnlInterval): number {
  const size = INTERVAL_MS[interval];
  return Math.floor(tsMs / size) * size;
}

/** Realized PnL booked at one time (an order, or an already summed bucket). */
export interface PnlChange {
  readonly tsMs: number;
  /** net of fees */
  readonly pnl: number;
  readonly fees: number;
  /** how many orders it sums (1 for one order) */
  readonly count: number;
}

export interface PnlBucket {
  /** start of the UTC hour or day */
  readonly startMs: number;
  readonly pnl: number;
  readonly fees: number;
  readonly count: number;
  readonly startEquity: number;
  /** equity at the bucket's close: startEquity + pnl */
  readonly endEquity: number;
  /** pnl as a percentage of startEquity; 0 when startEquity is ≤ 0 */
  readonly returnPct: number;
}

/**
 * Changes summed per UTC hour or day, each bucket with the equity it opened and closed at, starting from
 * `startEquity`. Buckets with no change are left out (the equity is flat through them). Changes in any order.
 */
export function pnlBuckets(changes: readonly PnlChange[], startEquity: number, interval: PnlInterval): PnlBucket[] {
  const sums = new Map<number, { pnl: number; fees: number; count: number }>();
  for (const c of changes) {
    const key = utcBucketStart(c.tsMs, interval);
    const s = sums.get(key) ?? { pnl: 0, fees: 0, count: 0 };
    s.pnl += c.pnl;
    s.fees += c.fees;
    s.count += c.count;
    sums.set(key, s);
  }
  const out: PnlBucket[] = [];
  let equity = startEquity;
  for (const [startMs, s] of [...sums].sort((a, b) => a[0] - b[0])) {
    const endEquity = equity + s.pnl;
    out.push({ startMs, pnl: s.pnl, fees: s.fees, count: s.count, startEquity: equity, endEquity, returnPct: equity > 0 ? (s.pnl / equity) * 100 : 0 });
    equity = endEquity;
  }
  return out;
}
