import type { DataSource } from 'typeorm';
import { engineOfDataSource, type Engine } from '../engine';
import { messageOf, PersistenceError } from '../errors';
import { execute, runExclusive, withRunner, withTransaction } from '../sql/exclusive';
import { type BoundStatement, runInlineTransaction, selectInline } from '../sql/inline-writer';
import { placeholders, Upsert } from '../sql/upsert';
import { chunk, toIso } from '../sql/values';
import { RiskStateStore } from './risk-state.store';
import type { DecisionRecord, JournalEntry, OrderRecord, PositionState, RiskCommit, TradeRecord } from './risk.records';
import {
  DECISION_COLUMNS, ORDER_COLUMNS, POSITION_COLUMNS, TRADE_COLUMNS, decisionRow, orderRow, positionRow, toDecision, toOrder, toTrade, tradeRow,
} from './risk.rows';

/**
 * The trade journal: every decision (with the signal and its reasons), order, fill, close and realized PnL.
 * `commit` writes one risk step — decision, orders, trades, positions and risk state — in ONE transaction,
 * keyed by the signal id, so a redelivered signal can never produce a second trade.
 */
export class RiskJournalStore {
  private readonly engine: Engine;
  private readonly decisionInsert: Upsert;
  private readonly orderInsert: Upsert;
  private readonly tradeUpsert: Upsert;
  private readonly positionUpsert: Upsert;
  private readonly state: RiskStateStore;

  constructor(private readonly ds: DataSource) {
    this.engine = engineOfDataSource(ds);
    this.decisionInsert = new Upsert(this.engine, { table: 'risk_decisions', columns: DECISION_COLUMNS, conflict: ['signal_id'], update: [] });
    this.orderInsert = new Upsert(this.engine, { table: 'orders', columns: ORDER_COLUMNS, conflict: ['order_id'], update: [] });
    this.tradeUpsert = new Upsert(this.engine, { table: 'trades', columns: TRADE_COLUMNS, conflict: ['trade_id'], update: TRADE_COLUMNS.slice(1) });
    this.positionUpsert = new Upsert(this.engine, {
      table: 'positions', columns: POSITION_COLUMNS, conflict: ['market_id', 'token_id'], update: POSITION_COLUMNS.slice(2),
    });
    this.state = new RiskStateStore(ds);
  }

  /**
   * All or nothing. Resolves false (and writes nothing) when the decision's signal already has one, or
   * when an order id already exists: the step was committed before (a redelivery after a crash).
   */
  async commit(c: RiskCommit): Promise<boolean> {
    return this.commitMany([c]);
  }

  /**
   * Several steps, in order, in ONE transaction (positions and trades: the last write of each wins; state: the last).
   * `idempotent`: a decision or order already stored is left as it is and the rest is written — for replaying a
   * step log, whose steps may be stored already (see LoggedRiskJournal); resolves true.
   */
  async commitMany(steps: readonly RiskCommit[], options: { idempotent?: boolean } = {}): Promise<boolean> {
    const strict = !options.idempotent;
    if (steps.length === 0) return true;
    const decisions = steps.flatMap((c) => (c.decision ? [c.decision] : []));
    const orders = steps.flatMap((c) => c.orders);
    const trades = new Map<string, RiskCommit['trades'][number]>();
    const positions = new Map<string, { upsert?: PositionState; remove?: { marketId: string; tokenId: string } }>();
    for (const c of steps) {
      for (const t of c.trades) trades.set(t.tradeId, t);
      for (const p of c.positions.upsert) positions.set(`${p.marketId}\u0000${p.tokenId}`, { upsert: p });
      for (const r of c.positions.remove) positions.set(`${r.marketId}\u0000${r.tokenId}`, { remove: r });
    }
    const upserts = [...positions.values()].flatMap((p) => (p.upsert ? [p.upsert] : []));
    const removes = [...positions.values()].flatMap((p) => (p.remove ? [p.remove] : []));
    if (this.ds.options.type === 'better-sqlite3') {
      return this.commitInline(this.inlineStatements(decisions, orders, [...trades.values()], upserts, removes, steps[steps.length - 1].state, strict));
    }
    try {
      return await withTransaction(this.ds, async (runner) => {
        if (decisions.length && (await this.decisionInsert.run(runner, decisions.map(decisionRow))) !== decisions.length && strict) throw DUPLICATE;
        if (orders.length && (await this.orderInsert.run(runner, orders.map(orderRow))) !== orders.length && strict) throw DUPLICATE;
        if (trades.size) await this.tradeUpsert.run(runner, [...trades.values()].map(tradeRow));
        if (upserts.length) await this.positionUpsert.run(runner, upserts.map(positionRow));
        for (const k of removes) {
          await execute(runner, `DELETE FROM positions WHERE market_id = ${this.p(1)} AND token_id = ${this.p(2)}`, [k.marketId, k.tokenId]);
        }
        await this.state.saveWith(runner, steps[steps.length - 1].state);
        return true;
      });
    } catch (err) {
      if (err === DUPLICATE) return false;
      throw new PersistenceError(`risk step not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /**
   * The inline writer: the whole commit as one transaction of compiled statements (runInlineTransaction) —
   * decisions and orders as plain INSERTs unless idempotent, so an existing key fails it (a step committed before).
   */
  private inlineStatements(
    decisions: DecisionRecord[], orders: OrderRecord[], trades: TradeRecord[], upserts: PositionState[], removes: { marketId: string; tokenId: string }[],
    state: RiskCommit['state'], strict: boolean,
  ): BoundStatement[] {
    const statements: BoundStatement[] = [];
    if (decisions.length) statements.push(this.decisionInsert.bound(decisions.map(decisionRow), strict));
    if (orders.length) statements.push(this.orderInsert.bound(orders.map(orderRow), strict));
    if (trades.length) statements.push(this.tradeUpsert.bound(trades.map(tradeRow)));
    if (upserts.length) statements.push(this.positionUpsert.bound(upserts.map(positionRow)));
    for (const k of removes) statements.push({ sql: 'DELETE FROM positions WHERE market_id = ? AND token_id = ?', params: [k.marketId, k.tokenId] });
    statements.push(this.state.saveBound(state));
    return statements;
  }

  /** True once committed; false when a decision or order key exists already. */
  private async commitInline(statements: BoundStatement[]): Promise<boolean> {
    try {
      await runInlineTransaction(this.ds, statements);
      return true;
    } catch (err) {
      if (/UNIQUE constraint failed: (risk_decisions\.signal_id|orders\.order_id)/.test(messageOf(err))) return false;
      throw new PersistenceError(`risk step not saved (rolled back): ${messageOf(err)}`, { cause: err });
    }
  }

  /** Whether a decision of any of these signals, or any of these orders, is stored (one query for up to IDS_PER_QUERY of each). */
  async anyStored(signalIds: readonly string[], orderIds: readonly string[]): Promise<boolean> {
    const signals = chunk([...new Set(signalIds)], IDS_PER_QUERY);
    const orders = chunk([...new Set(orderIds)], IDS_PER_QUERY);
    for (let i = 0; i < Math.max(signals.length, orders.length); i++) {
      const [s = [], o = []] = [signals[i], orders[i]];
      const parts = [
        ...(s.length ? [`SELECT 1 AS found FROM risk_decisions WHERE signal_id IN (${placeholders(this.engine, s.length)})`] : []),
        ...(o.length ? [`SELECT 1 AS found FROM orders WHERE order_id IN (${placeholders(this.engine, o.length, s.length)})`] : []),
      ];
      if ((await this.select(`${parts.join(' UNION ALL ')} LIMIT 1`, [...s, ...o])).length) return true;
    }
    return false;
  }

  /** Every commit is in the tables when it resolves: nothing to wait for here (see LoggedRiskJournal). */
  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  /** The stored decisions among these signal ids. */
  async decisions(signalIds: readonly string[]): Promise<Map<string, DecisionRecord>> {
    const out = new Map<string, DecisionRecord>();
    for (const part of chunk([...new Set(signalIds)], IDS_PER_QUERY)) {
      const rows = await this.select(`SELECT ${DECISION_COLUMNS.join(', ')} FROM risk_decisions WHERE signal_id IN (${placeholders(this.engine, part.length)})`, part);
      for (const r of rows) out.set(String(r.signal_id), toDecision(r));
    }
    return out;
  }

  /** The orders of these signals, by signal id, each list in time order. */
  async ordersForSignals(signalIds: readonly string[]): Promise<Map<string, OrderRecord[]>> {
    const out = new Map<string, OrderRecord[]>();
    for (const part of chunk([...new Set(signalIds)], IDS_PER_QUERY)) {
      const rows = await this.select(
        `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders WHERE signal_id IN (${placeholders(this.engine, part.length)}) ORDER BY ts, order_id`, part,
      );
      for (const o of rows.map(toOrder)) {
        const list = out.get(o.signalId!);
        if (list) list.push(o);
        else out.set(o.signalId!, [o]);
      }
    }
    return out;
  }

  async decision(signalId: string): Promise<DecisionRecord | null> {
    return (await this.decisions([signalId])).get(signalId) ?? null;
  }

  async ordersForSignal(signalId: string): Promise<OrderRecord[]> {
    return (await this.ordersForSignals([signalId])).get(signalId) ?? [];
  }

  async order(orderId: string): Promise<OrderRecord | null> {
    const [row] = await this.select(`SELECT ${ORDER_COLUMNS.join(', ')} FROM orders WHERE order_id = ${this.p(1)}`, [orderId]);
    return row ? toOrder(row) : null;
  }

  async trades(tradeIds: readonly string[]): Promise<TradeRecord[]> {
    if (tradeIds.length === 0) return [];
    const ids = [...new Set(tradeIds)];
    const rows = await this.select(`SELECT ${TRADE_COLUMNS.join(', ')} FROM trades WHERE trade_id IN (${placeholders(this.engine, ids.length)})`, ids);
    return rows.map(toTrade);
  }

  /** Decisions and orders with ts ≥ since (everything without), oldest first; at most `limit` of each. */
  async entries(since?: string, limit = 100_000): Promise<JournalEntry[]> {
    const from = since === undefined ? '' : toIso(since, 'since');
    // the first `limit` of the union are among the first `limit` of each table
    return (await this.journalRows(`ts >= ${this.p(1)}`, 'ASC', [from, limit])).slice(0, limit);
  }

  /** The newest `limit` decisions and orders, oldest first: what a dashboard shows. */
  async latestEntries(limit: number): Promise<JournalEntry[]> {
    return (await this.journalRows('1 = 1', 'DESC', [limit], 1)).slice(-limit);
  }

  private async journalRows(where: string, order: 'ASC' | 'DESC', params: unknown[], limitParam = 2): Promise<JournalEntry[]> {
    const decisions = (await this.select(
      `SELECT ${DECISION_COLUMNS.join(', ')} FROM risk_decisions WHERE ${where} ORDER BY ts ${order}, signal_id ${order} LIMIT ${this.p(limitParam)}`, params,
    )).map(toDecision);
    const orders = (await this.select(
      `SELECT ${ORDER_COLUMNS.join(', ')} FROM orders WHERE ${where} ORDER BY ts ${order}, order_id ${order} LIMIT ${this.p(limitParam)}`, params,
    )).map(toOrder);
    // newest-first reads are turned back to oldest first, so ties keep the ascending (ts, id) order
    if (order === 'DESC') { decisions.reverse(); orders.reverse(); }
    const out: JournalEntry[] = [
      ...decisions.map((d): JournalEntry => ({ ts: d.ts, kind: 'decision', signalId: d.signalId, marketId: d.marketId, detail: d })),
      ...orders.map((o): JournalEntry => ({ ts: o.ts, kind: 'order', signalId: o.signalId, marketId: o.marketId, detail: o })),
    ];
    // A signal's decision comes before its order at the same instant.
    return out.sort((a, b) => a.ts.localeCompare(b.ts) || (a.kind === b.kind ? 0 : a.kind === 'decision' ? -1 : 1));
  }

  /** The newest `limit` trades opened at or after `since`, newest first (the gateway's /api/trades). */
  async recentTrades(since: string | undefined, limit: number): Promise<TradeRecord[]> {
    const from = since === undefined ? '' : toIso(since, 'since');
    return (await this.select(
      `SELECT ${TRADE_COLUMNS.join(', ')} FROM trades WHERE opened_at >= ${this.p(1)} ORDER BY opened_at DESC, trade_id DESC LIMIT ${this.p(2)}`, [from, limit],
    )).map(toTrade);
  }

  /** Every trade, oldest first (the CLI and the crash test compare them). */
  async allTrades(): Promise<TradeRecord[]> {
    return (await this.select(`SELECT ${TRADE_COLUMNS.join(', ')} FROM trades ORDER BY opened_at, trade_id`)).map(toTrade);
  }

  private async select(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    // queued like every store operation: a TypeORM transaction open on this connection is never read half-done
    if (this.ds.options.type === 'better-sqlite3') return runExclusive(this.ds, async () => selectInline(this.ds, { sql, params }));
    return withRunner(this.ds, async (runner) => (await execute(runner, sql, [...params])).rows);
  }

  private p(n: number): string {
    return this.engine === 'postgres' ? `$${n}` : '?';
  }
}

const DUPLICATE = new Error('risk step already committed');
const IDS_PER_QUERY = 500;
