import { drawdownSeries, pnlBuckets, type PnlInterval } from '@polytrader/quant';
import type { DataSource } from 'typeorm';
import { engineOfDataSource } from '../engine';
import { execute, withRunner } from '../sql/exclusive';
import { readNum, toIso } from '../sql/values';
import { PortfolioStore } from '../stores/portfolio.store';

export const PNL_INTERVALS = ['hour', 'day'] as const;
/** Most days one series covers: 90 days of hours is 2,160 points; of days, 1,000 points. */
export const MAX_PNL_RANGE_DAYS: Record<PnlInterval, number> = { hour: 90, day: 1000 };

export interface PnlSeriesQuery {
  from: string;
  to: string;
  interval: PnlInterval;
}

/** Equity at `ts`: right after the last order of an interval, or at the range's start, or now. */
export interface EquityCurvePoint {
  ts: string;
  /** initial equity + realized PnL to ts (+ unrealizedPnl on the `now` point) */
  equity: number;
  /** realized PnL, net of fees, from the range's start to ts */
  realizedPnl: number;
  /** realized PnL and fees of this point's interval, and how many orders */
  pnl: number;
  fees: number;
  orders: number;
  /** known only now: positions keep their last mark, not a history of marks */
  unrealizedPnl: number | null;
}

export interface DailyPnl {
  /** YYYY-MM-DD, UTC (risk's own trading day follows risk.timezone) */
  day: string;
  pnl: number;
  fees: number;
  orders: number;
  startEquity: number;
  endEquity: number;
  returnPct: number;
}

export interface PnlSeries {
  range: { from: string; to: string; interval: PnlInterval };
  initialEquity: number;
  points: EquityCurvePoint[];
  daily: DailyPnl[];
  /** per point: equity − running peak (from the range's start), ≤ 0, and in percent of the peak */
  drawdown: { ts: string; drawdown: number; drawdownPct: number }[];
  maxDrawdown: { drawdown: number; drawdownPct: number; peakAt: string; troughAt: string; recoveredAt: string | null } | null;
  totals: {
    startEquity: number;
    /** at `to`, realized only */
    endEquity: number;
    realizedPnl: number;
    fees: number;
    orders: number;
    returnPct: number;
    tradesOpened: number;
    tradesClosed: number;
    /** now, as /api/pnl reports them */
    unrealizedPnl: number;
    equityNow: number;
  };
}

/**
 * The equity curve, daily PnL and drawdown over [from, to). Nothing stores equity over time: it is
 * derived from the order journal, initial equity (`portfolio.initial_equity`) plus every order's realized
 * PnL net of fees, summed per UTC hour or day in SQL. Unrealized PnL is known only now (positions keep
 * their last mark), so it appears once, on a final `now` point when now falls in [from, to]; drawdown
 * between orders and from marks is therefore not seen.
 */
export async function pnlSeries(ds: DataSource, initialEquity: number, query: PnlSeriesQuery, nowMs: number): Promise<PnlSeries> {
  const from = toIso(query.from, 'from');
  const to = toIso(query.to, 'to');
  const { interval } = query;
  const p = (n: number) => (engineOfDataSource(ds) === 'postgres' ? `$${n}` : '?');
  // canonical ISO text: its first 13 (10) characters name the UTC hour (day)
  const grouped = (chars: number) =>
    `SELECT SUBSTR(ts, 1, ${chars}) AS k, MAX(ts) AS last_ts, SUM(realized_pnl) AS pnl, SUM(fees) AS fees, COUNT(*) AS n
     FROM orders WHERE ts >= ${p(1)} AND ts < ${p(2)} GROUP BY SUBSTR(ts, 1, ${chars}) ORDER BY k`;
  const { before, rows, days, opened, closed } = await withRunner(ds, async (runner) => {
    const q = async (sql: string, params: unknown[]) => (await execute(runner, sql, params)).rows;
    return {
      before: (await q(`SELECT COALESCE(SUM(realized_pnl), 0) AS pnl FROM orders WHERE ts < ${p(1)}`, [from]))[0],
      rows: await q(grouped(interval === 'hour' ? 13 : 10), [from, to]),
      days: interval === 'day' ? null : await q(grouped(10), [from, to]),
      opened: (await q(`SELECT COUNT(*) AS n FROM trades WHERE opened_at >= ${p(1)} AND opened_at < ${p(2)}`, [from, to]))[0],
      closed: (await q(`SELECT COUNT(*) AS n FROM trades WHERE closed_at >= ${p(1)} AND closed_at < ${p(2)}`, [from, to]))[0],
    };
  });
  const now = await new PortfolioStore(ds, initialEquity).pnlSummary(from);
  const startEquity = initialEquity + readNum(before.pnl);
  const changes = (list: Record<string, unknown>[]) =>
    list.map((r) => ({ tsMs: Date.parse(String(r.last_ts)), pnl: readNum(r.pnl), fees: readNum(r.fees), count: readNum(r.n) }));

  const buckets = pnlBuckets(changes(rows), startEquity, interval);
  const points: EquityCurvePoint[] = [{ ts: from, equity: startEquity, realizedPnl: 0, pnl: 0, fees: 0, orders: 0, unrealizedPnl: null }];
  rows.forEach((r, i) => {
    const b = buckets[i];
    points.push({ ts: String(r.last_ts), equity: b.endEquity, realizedPnl: b.endEquity - startEquity, pnl: b.pnl, fees: b.fees, orders: b.count, unrealizedPnl: null });
  });
  const endEquity = buckets.length ? buckets[buckets.length - 1].endEquity : startEquity;
  const nowIso = new Date(nowMs).toISOString();
  // `to` itself counts: the default range ends now
  if (nowIso > points[points.length - 1].ts && nowIso >= from && nowIso <= to) {
    points.push({ ts: nowIso, equity: endEquity + now.unrealizedPnl, realizedPnl: endEquity - startEquity, pnl: 0, fees: 0, orders: 0, unrealizedPnl: now.unrealizedPnl });
  }

  const { series, max } = drawdownSeries(points.map((pt) => ({ tsMs: Date.parse(pt.ts), equity: pt.equity })));
  const daily = pnlBuckets(changes(days ?? rows), startEquity, 'day').map((b) => ({
    day: new Date(b.startMs).toISOString().slice(0, 10), pnl: b.pnl, fees: b.fees, orders: b.count, startEquity: b.startEquity, endEquity: b.endEquity, returnPct: b.returnPct,
  }));
  const iso = (ms: number) => new Date(ms).toISOString();
  let fees = 0;
  let orders = 0;
  for (const b of buckets) { fees += b.fees; orders += b.count; }
  return {
    range: { from, to, interval }, initialEquity, points, daily,
    drawdown: series.map((d) => ({ ts: iso(d.tsMs), drawdown: d.drawdown, drawdownPct: d.drawdownPct })),
    maxDrawdown: max && { drawdown: max.drawdown, drawdownPct: max.drawdownPct, peakAt: iso(max.peakMs), troughAt: iso(max.troughMs), recoveredAt: max.recoveredMs === null ? null : iso(max.recoveredMs) },
    totals: {
      startEquity, endEquity, realizedPnl: endEquity - startEquity, fees, orders,
      returnPct: startEquity > 0 ? ((endEquity - startEquity) / startEquity) * 100 : 0,
      tradesOpened: readNum(opened.n), tradesClosed: readNum(closed.n), unrealizedPnl: now.unrealizedPnl, equityNow: now.equity,
    },
  };
}
