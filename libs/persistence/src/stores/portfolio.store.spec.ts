import {
  createTestDatabase, RISK_T0 as T0, riskDecision as decision, riskOpenStep as openStep, riskOrder as order, riskPosition as position,
  riskState as state, riskTrade as trade, type TestDatabase,
} from '../testing';
import { RiskJournalStore } from './journal.store';
import { PortfolioStore } from './portfolio.store';
import { RiskStateStore } from './risk-state.store';
import type { RiskCommit } from './risk.records';

const T1 = '2026-11-30T11:00:00.000Z';
const T2 = '2026-11-30T12:00:00.000Z';

/** The risk stores run on risk's own SQLite driver (the inline writer) too. */
const SETUPS = ['sqlite', 'sqlite inline writer', 'postgres'] as const;
const open = (setup: (typeof SETUPS)[number]) =>
  setup === 'postgres' ? createTestDatabase('postgres') : createTestDatabase('sqlite', { inlineWriter: setup === 'sqlite inline writer' });

describe.each(SETUPS)('risk stores (%s)', (engine) => {
  let db: TestDatabase;
  let journal: RiskJournalStore;
  let portfolio: PortfolioStore;
  let states: RiskStateStore;

  beforeEach(async () => {
    db = await open(engine);
    journal = new RiskJournalStore(db.ds);
    portfolio = new PortfolioStore(db.ds, 1000);
    states = new RiskStateStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should have the tables exactly as the entities describe them', async () => {
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('should tell whether a decision (by signal id) or an order (by id) is stored: anyStored()', async () => {
    expect(await journal.anyStored(['s1'], [])).toBe(false);
    await journal.commit({ ...openStep(), orders: [order('o7')] });
    expect(await journal.anyStored(['x', 's1'], [])).toBe(true);
    expect(await journal.anyStored([], ['o7'])).toBe(true);
    expect(await journal.anyStored(['s2'], ['s1', 'o8'])).toBe(false);
    expect(await journal.anyStored([], [])).toBe(false);
  });

  describe('RiskJournalStore.commit()', () => {
    it('should write a step once: a second commit for the same signal writes nothing and resolves false', async () => {
      expect(await journal.commit(openStep())).toBe(true);
      const again = openStep();
      again.positions.upsert[0].size = 999;
      again.state.realizedPnl = -50;
      expect(await journal.commit(again)).toBe(false);
      expect((await portfolio.openPositions())[0].size).toBe(100);
      expect((await states.load())?.realizedPnl).toBe(-0.1);
      expect(await journal.ordersForSignal('s1')).toEqual([order('s1')]);
      expect(await journal.decision('s1')).toEqual(decision('s1'));
    });

    it('should write a rejected decision once too: a second commit with only the decision resolves false and writes nothing', async () => {
      const rejected = (pnl: number): RiskCommit => ({
        decision: { ...decision('r1'), decision: 'rejected', size: null }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state({ realizedPnl: pnl }),
      });
      expect(await journal.commit(rejected(-1))).toBe(true);
      expect(await journal.commit(rejected(-2))).toBe(false);
      expect((await states.load())?.realizedPnl).toBe(-1);
    });

    it('should store a step whose text holds NUL on SQLite', async () => {
      if (engine === 'postgres') return; // PostgreSQL text cannot hold NUL at all
      const step: RiskCommit = { decision: { ...decision('nul'), marketId: 'm\u0000x' }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state() };
      expect(await journal.commit(step)).toBe(true);
      expect((await journal.decision('nul'))?.marketId).toBe('m\u0000x');
    });

    it('should roll back the whole step when an order id already exists (an exit committed before)', async () => {
      await journal.commit(openStep());
      const dup: RiskCommit = { orders: [order('s1', { ts: T1 })], trades: [trade({ status: 'closed' })], positions: { upsert: [], remove: [{ marketId: 'm1', tokenId: 'tok1' }] }, state: state() };
      expect(await journal.commit(dup)).toBe(false);
      expect(await portfolio.openPositions()).toHaveLength(1);
      expect((await journal.trades(['t1']))[0].status).toBe('open');
    });
  });

  describe('PortfolioStore', () => {
    it('should refuse a non-positive initial equity, naming the value', () => {
      expect(() => new PortfolioStore(db.ds, 0)).toThrow('initialEquity must be a positive number, got 0');
    });

    it('should list open positions with unrealized PnL at their mark (long and short)', async () => {
      await journal.commit(openStep());
      await journal.commit({
        decision: decision('s2'), orders: [order('s2', { tradeId: 't2', marketId: 'm2', tokenId: 'tok2', side: 'SELL', fees: 0, realizedPnl: 0 })],
        trades: [trade({ tradeId: 't2', marketId: 'm2', tokenId: 'tok2', side: 'SELL', fees: 0 })],
        positions: { upsert: [position({ marketId: 'm2', tokenId: 'tok2', tradeId: 't2', side: 'SELL', size: 10, avgPrice: 0.7, cost: 3, markPrice: 0.6, sector: null, openedAt: T1 })], remove: [] },
        state: state(),
      });
      const open = await portfolio.openPositions();
      expect(open).toEqual([
        { marketId: 'm1', tokenId: 'tok1', outcome: 'Yes', sector: 'politics', side: 'BUY', size: 100, avgPrice: 0.5, cost: 50, markPrice: 0.6, unrealizedPnl: expect.closeTo(10, 9), openedAt: T0 },
        { marketId: 'm2', tokenId: 'tok2', outcome: 'Yes', sector: null, side: 'SELL', size: 10, avgPrice: 0.7, cost: 3, markPrice: 0.6, unrealizedPnl: expect.closeTo(1, 9), openedAt: T1 },
      ]);
    });

    it('should sum realized PnL and fees of the period, count trades, and compute equity from everything', async () => {
      await journal.commit(openStep());
      // close t1 at T1 for +19.8 net (sold 100 @ 0.7, fee 0.2)
      await journal.commit({
        orders: [order('t1:take_profit', { signalId: null, side: 'SELL', intent: 'close', trigger: 'take_profit', requestedNotional: null, requestedSize: 100, avgPrice: 0.7, notional: 70, fees: 0.2, realizedPnl: 19.8, ts: T1 })],
        trades: [trade({ status: 'closed', fees: 0.3, realizedPnl: 19.7, closedAt: T1 })],
        positions: { upsert: [], remove: [{ marketId: 'm1', tokenId: 'tok1' }] }, state: state({ realizedPnl: 19.7, dayStartEquity: 990 }),
      });
      // an open loser in m2 at T2
      await journal.commit({
        decision: decision('s3', T2), orders: [order('s3', { tradeId: 't3', marketId: 'm2', tokenId: 'tok2', fees: 0, realizedPnl: 0, ts: T2 })],
        trades: [trade({ tradeId: 't3', marketId: 'm2', tokenId: 'tok2', fees: 0, openedAt: T2 })],
        positions: { upsert: [position({ marketId: 'm2', tokenId: 'tok2', tradeId: 't3', markPrice: 0.45, fees: 0, realizedPnl: 0, openedAt: T2 })], remove: [] },
        state: state({ realizedPnl: 19.7, dayStartEquity: 990 }),
      });

      const all = await portfolio.pnlSummary(T0);
      expect(all.realizedPnl).toBeCloseTo(19.7, 9);
      expect(all.fees).toBeCloseTo(0.3, 9);
      expect(all.unrealizedPnl).toBeCloseTo(-5, 9);
      expect(all.equity).toBeCloseTo(1000 + 19.7 - 5, 9);
      expect(all.startOfDayEquity).toBe(990);
      expect([all.tradesOpened, all.tradesClosed]).toEqual([2, 1]);
      expect(all.best).toEqual({ marketId: 'm1', pnl: expect.closeTo(19.7, 9) });
      expect(all.worst).toEqual({ marketId: 'm2', pnl: expect.closeTo(-5, 9) });

      const firstHour = await portfolio.pnlSummary(T0, T1);
      expect(firstHour.realizedPnl).toBeCloseTo(-0.1, 9);
      expect([firstHour.tradesOpened, firstHour.tradesClosed]).toEqual([1, 0]);
      expect(firstHour.equity).toBeCloseTo(all.equity, 9);
    });

    it('should report initial equity and no best/worst on an empty book', async () => {
      expect(await portfolio.pnlSummary(T0)).toEqual({
        realizedPnl: 0, unrealizedPnl: 0, fees: 0, tradesOpened: 0, tradesClosed: 0, equity: 1000, startOfDayEquity: 1000, best: null, worst: null,
      });
    });
  });

  describe('RiskJournalStore.entries()', () => {
    it('should list decisions and orders since a time, each decision before its order', async () => {
      await journal.commit(openStep());
      await journal.commit({ decision: { ...decision('s9', T2), decision: 'rejected', size: null, reasons: ['max open positions: 10 open, limit 10'] }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state() });
      expect((await journal.entries()).map((e) => `${e.kind}:${e.signalId}`)).toEqual(['decision:s1', 'order:s1', 'decision:s9']);
      expect((await journal.entries(T1)).map((e) => e.signalId)).toEqual(['s9']);
      expect((await journal.entries(undefined, 2)).map((e) => `${e.kind}:${e.signalId}`)).toEqual(['decision:s1', 'order:s1']);
    });

    it('should list the newest entries, oldest first, at most the limit', async () => {
      await journal.commit(openStep());
      await journal.commit({ decision: { ...decision('s9', T2), decision: 'rejected', size: null, reasons: ['max open positions: 10 open, limit 10'] }, orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state() });
      expect((await journal.latestEntries(2)).map((e) => `${e.kind}:${e.signalId}`)).toEqual(['order:s1', 'decision:s9']);
      expect((await journal.latestEntries(10)).map((e) => e.signalId)).toEqual(['s1', 's1', 's9']);
    });
  });
});

describe.each(SETUPS)('RiskJournalStore.commitMany() (%s)', (engine) => {
  let db: TestDatabase;
  let journal: RiskJournalStore;

  beforeEach(async () => {
    db = await open(engine);
    journal = new RiskJournalStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should store several steps in one transaction, the last write of a position, trade and state winning', async () => {
    const close: RiskCommit = {
      decision: decision('s2', T1), orders: [order('s2', { side: 'SELL', intent: 'close', ts: T1, realizedPnl: 5 })],
      trades: [trade({ status: 'closed', realizedPnl: 4.9, closedAt: T1 })], positions: { upsert: [], remove: [{ marketId: 'm1', tokenId: 'tok1' }] },
      state: state({ realizedPnl: 4.9 }),
    };
    expect(await journal.commitMany([openStep(), close])).toBe(true);
    expect(await new PortfolioStore(db.ds, 1000).openPositions()).toEqual([]);
    expect(await journal.allTrades()).toEqual([trade({ status: 'closed', realizedPnl: 4.9, closedAt: T1 })]);
    expect(await journal.recentTrades(undefined, 10)).toEqual(await journal.allTrades());
    expect(await journal.recentTrades(T1, 10)).toEqual([]);
    expect((await new RiskStateStore(db.ds).load())?.realizedPnl).toBe(4.9);
    expect([...(await journal.decisions(['s1', 's2', 'nope'])).keys()].sort()).toEqual(['s1', 's2']);
    expect((await journal.ordersForSignals(['s1', 's2'])).get('s2')?.map((o) => o.intent)).toEqual(['close']);
  });

  it('should store nothing of a group when one of its decisions exists already', async () => {
    await journal.commit(openStep());
    const fresh: RiskCommit = { decision: decision('s3'), orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state({ realizedPnl: 99 }) };
    expect(await journal.commitMany([fresh, openStep()])).toBe(false);
    expect(await journal.decision('s3')).toBeNull();
    expect((await new RiskStateStore(db.ds).load())?.realizedPnl).toBe(-0.1);
  });

  it('should undo its migration (tables and the decision column) and redo it', async () => {
    const ran = await db.ds.query(`SELECT name FROM migrations ORDER BY id`);
    const names = (ran as { name: string }[]).map((r) => r.name);
    expect(names).toContain('RiskTables1764600000000');
    // undo down to (and including) the risk migration, then run everything again
    while ((await db.ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1'))[0].name !== 'RiskTables1764600000000') await db.ds.undoLastMigration();
    await db.ds.undoLastMigration();
    const tables = async () => ((await db.ds.query(engine !== 'postgres'
      ? "SELECT name FROM sqlite_master WHERE type = 'table'" : 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()')) as { name: string }[]).map((r) => r.name);
    expect(await tables()).not.toEqual(expect.arrayContaining(['positions']));
    expect(await tables()).not.toContain('orders');
    expect(await tables()).not.toContain('risk_state');
    await db.ds.runMigrations();
    expect(await tables()).toEqual(expect.arrayContaining(['positions', 'orders', 'risk_state']));
    const diff = await db.ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });
});
