import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { PersistenceError } from '../errors';
import { execute, withRunner } from '../sql/exclusive';
import { readNum, toIso } from '../sql/values';
import type { PnlSummary, PositionRecord, PositionState } from './risk.records';
import { POSITION_COLUMNS, STATE_ID, toPosition } from './risk.rows';

/**
 * The read side of positions and PnL (written by the risk service, read by the signals sizer and the
 * notifier). Equity = initial equity (`portfolio.initial_equity`) + every order's realized PnL (net of
 * fees) + the open positions' unrealized PnL at their last mark.
 */
export class PortfolioStore {
  private readonly engine: Engine;

  constructor(private readonly ds: DataSource, private readonly initialEquity: number) {
    if (!(Number.isFinite(initialEquity) && initialEquity > 0)) {
      throw new PersistenceError(`PortfolioStore: initialEquity must be a positive number, got ${initialEquity}`);
    }
    this.engine = engineOfDataSource(ds);
  }

  /** Open positions, oldest first. */
  async openPositions(): Promise<PositionRecord[]> {
    return (await this.positionStates()).map(toRecord);
  }

  /** Open positions with their bookkeeping (trade id, fees, realized so far) — what the risk service recovers from. */
  async positionStates(): Promise<PositionState[]> {
    const rows = await this.select(`SELECT ${POSITION_COLUMNS.join(', ')} FROM positions ORDER BY opened_at, market_id, token_id`);
    return rows.map(toPosition);
  }

  /** PnL of the orders with fromIso ≤ ts < toIso (open-ended without toIso), plus the current unrealized PnL and equity. */
  async pnlSummary(fromIso: string, toIso_?: string): Promise<PnlSummary> {
    const from = toIso(fromIso, 'fromIso');
    const to = toIso_ === undefined ? null : toIso(toIso_, 'toIso');
    const params: unknown[] = [from];
    let range = `ts >= ${this.p(1)}`;
    if (to !== null) {
      params.push(to);
      range += ` AND ts < ${this.p(2)}`;
    }
    const perMarket = await this.select(
      `SELECT market_id, SUM(realized_pnl) AS pnl, SUM(fees) AS fees FROM orders WHERE ${range} GROUP BY market_id`, params,
    );
    const tradeRange = (column: string) => `${column} >= ${this.p(1)}${to !== null ? ` AND ${column} < ${this.p(2)}` : ''}`;
    const [opened] = await this.select(`SELECT COUNT(*) AS n FROM trades WHERE ${tradeRange('opened_at')}`, params);
    const [closed] = await this.select(`SELECT COUNT(*) AS n FROM trades WHERE ${tradeRange('closed_at')}`, params);
    const [allRealized] = await this.select('SELECT COALESCE(SUM(realized_pnl), 0) AS pnl FROM orders');
    const [state] = await this.select(`SELECT day_start_equity FROM risk_state WHERE id = ${this.p(1)}`, [STATE_ID]);
    const positions = await this.positionStates();

    const pnlByMarket = new Map<string, number>();
    let realizedPnl = 0;
    let fees = 0;
    for (const r of perMarket) {
      const pnl = readNum(r.pnl);
      realizedPnl += pnl;
      fees += readNum(r.fees);
      pnlByMarket.set(String(r.market_id), pnl);
    }
    let unrealizedPnl = 0;
    for (const p of positions) {
      unrealizedPnl += p.unrealizedPnl;
      pnlByMarket.set(p.marketId, (pnlByMarket.get(p.marketId) ?? 0) + p.unrealizedPnl);
    }
    const ranked = [...pnlByMarket].map(([marketId, pnl]) => ({ marketId, pnl })).sort((a, b) => b.pnl - a.pnl || a.marketId.localeCompare(b.marketId));
    return {
      realizedPnl, unrealizedPnl, fees,
      tradesOpened: readNum(opened.n), tradesClosed: readNum(closed.n),
      equity: this.initialEquity + readNum(allRealized.pnl) + unrealizedPnl,
      startOfDayEquity: state ? readNum(state.day_start_equity) : this.initialEquity,
      best: ranked[0] ?? null,
      worst: ranked[ranked.length - 1] ?? null,
    };
  }

  private select(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return withRunner(this.ds, async (runner) => (await execute(runner, sql, params)).rows);
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }
}

function toRecord(p: PositionState): PositionRecord {
  return {
    marketId: p.marketId, tokenId: p.tokenId, outcome: p.outcome, sector: p.sector, side: p.side, size: p.size, avgPrice: p.avgPrice,
    cost: p.cost, markPrice: p.markPrice, unrealizedPnl: p.unrealizedPnl, openedAt: p.openedAt,
  };
}
