import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import {
  createTestDatabase, riskDecision as decision, riskOpenStep as openStep, riskOrder as order, riskPosition as position, riskState as state,
  riskTrade as trade, type TestDatabase,
} from '../testing';
import { RiskJournalStore } from './journal.store';
import { LoggedRiskJournal } from './logged-journal';
import { PortfolioStore } from './portfolio.store';
import { RiskStateStore } from './risk-state.store';
import type { RiskCommit } from './risk.records';

const T1 = '2026-11-30T11:00:00.000Z';
/** A second connection (the driver has no type declarations here). */
const Database = require('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void };

/** s1 opens, a REDUCING command (state only), s2 closes: every kind of write a step makes. */
function sequence(): RiskCommit[] {
  const command: RiskCommit = { orders: [], trades: [], positions: { upsert: [], remove: [] }, state: state({ realizedPnl: -0.1, reducing: { reason: 'r', source: 'cli', ts: T1 } }) };
  const close: RiskCommit = {
    decision: { ...decision('s2', T1), signal: { id: 's2', side: 'SELL' } },
    orders: [order('s2', { side: 'SELL', intent: 'close', avgPrice: 0.6, notional: 60, realizedPnl: 9.9, ts: T1 })],
    trades: [trade({ status: 'closed', realizedPnl: 9.8, closedAt: T1 })],
    positions: { upsert: [], remove: [{ marketId: 'm1', tokenId: 'tok1' }] },
    state: state({ realizedPnl: 9.8, reducing: { reason: 'r', source: 'cli', ts: T1 } }),
  };
  return [openStep(), command, close];
}

/** Everything the journal writes, as the tables hold it. */
async function tables(db: TestDatabase) {
  const journal = new RiskJournalStore(db.ds);
  return {
    entries: await journal.entries(), trades: await journal.allTrades(), positions: await new PortfolioStore(db.ds, 1000).positionStates(),
    state: await new RiskStateStore(db.ds).load(),
  };
}

describe('LoggedRiskJournal (group commit through a step log, SQLite inline writer)', () => {
  let db: TestDatabase;
  let store: RiskJournalStore;
  let file: string;
  const open = () => LoggedRiskJournal.open(store, file, { flushMs: 10_000 });

  beforeEach(async () => {
    db = await createTestDatabase('sqlite', { inlineWriter: true });
    store = new RiskJournalStore(db.ds);
    file = `${db.url}-risk-steps`;
  });
  afterEach(() => db?.drop());

  it('should log a commit at once and write it to the tables on flush, then empty the log', async () => {
    const { journal } = await open();
    expect(await journal.commit(openStep())).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(0);
    expect(await store.decision('s1')).toBeNull();
    await journal.flush();
    expect(await store.decision('s1')).toEqual(decision('s1'));
    expect(await new PortfolioStore(db.ds, 1000).positionStates()).toEqual([{ ...position(), unrealizedPnl: expect.closeTo(10, 9) }]);
    expect(statSync(file).size).toBe(0);
    await journal.close();
  });

  it('should write to the tables within flushMs without being asked', async () => {
    const { journal } = await LoggedRiskJournal.open(store, file, { flushMs: 5 });
    await journal.commit(openStep());
    for (let i = 0; i < 200 && !(await store.decision('s1')); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await store.decision('s1')).toEqual(decision('s1'));
    await journal.close();
  });

  it('should refuse a decision or order already logged or stored, or twice in one commit, and log nothing for it', async () => {
    const { journal } = await open();
    expect(await journal.commit(openStep())).toBe(true);
    const size = statSync(file).size;
    expect(await journal.commit(openStep())).toBe(false); // logged, not yet in the tables
    expect(await journal.commitMany([{ ...openStep(), decision: decision('s9'), orders: [] }, { ...openStep(), decision: decision('s9'), orders: [] }])).toBe(false);
    const exitOnly = (id: string): RiskCommit => ({ orders: [order(id, { signalId: null })], trades: [], positions: { upsert: [], remove: [] }, state: state() });
    expect(await journal.commit(exitOnly('s1'))).toBe(false); // an order id logged before
    expect(statSync(file).size).toBe(size);
    await journal.flush();
    expect(await journal.commit(openStep())).toBe(false); // now stored
    expect(await journal.commit(exitOnly('x1'))).toBe(true);
    await journal.flush();
    expect(await journal.commit(exitOnly('x1'))).toBe(false);
    await journal.close();
  });

  it('should read through itself what it has not written to the tables yet', async () => {
    const { journal } = await open();
    await journal.commitMany(sequence());
    expect((await journal.decisions(['s1', 's2'])).size).toBe(2);
    expect((await journal.ordersForSignals(['s2'])).get('s2')?.[0].intent).toBe('close');
    await journal.close();
  });

  it('should replay after a crash (log written, tables not) to exactly what direct commits give', async () => {
    const crashed = await open();
    for (const step of sequence()) expect(await crashed.journal.commit(step)).toBe(true);
    // no flush, no close: the process died here
    const reference = await createTestDatabase('sqlite', { inlineWriter: true });
    try {
      const direct = new RiskJournalStore(reference.ds);
      for (const step of sequence()) expect(await direct.commit(step)).toBe(true);
      const { journal, replayed, droppedBytes } = await open();
      expect([replayed, droppedBytes]).toEqual([3, 0]);
      expect(await tables(db)).toEqual(await tables(reference));
      expect(statSync(file).size).toBe(0);
      expect(await journal.commit(openStep())).toBe(false); // replayed decisions count as stored
      await journal.close();
    } finally {
      await reference.drop();
    }
  });

  it('should replay a log whose first steps were in the tables already (a crash between the write and the emptying)', async () => {
    const first = await open();
    await first.journal.commitMany(sequence().slice(0, 2));
    const written = readFileSync(file);
    await first.journal.flush(); // in the tables; the log is emptied
    await first.journal.commit(sequence()[2]); // logged only: the process dies here
    writeFileSync(file, Buffer.concat([written, readFileSync(file)])); // as if the emptying had not happened
    const { journal, replayed } = await open();
    expect(replayed).toBe(3);
    const end = await tables(db);
    expect(end.positions).toEqual([]);
    expect(end.state).toEqual(sequence()[2].state);
    expect(end.entries.map((e) => `${e.kind}:${e.signalId}`)).toEqual(['decision:s1', 'order:s1', 'decision:s2', 'order:s2']);
    expect(end.trades).toEqual([trade({ status: 'closed', realizedPnl: 9.8, closedAt: T1 })]);
    await journal.close();
  });

  it('should drop a step torn by a crash: its commit never returned', async () => {
    const first = await open();
    await first.journal.commit(openStep());
    appendFileSync(file, '{"steps":[{"decision":{"signalId":"s2"');
    const { journal, replayed, droppedBytes } = await open();
    expect([replayed, droppedBytes]).toEqual([1, 38]);
    expect((await store.decisions(['s1', 's2'])).size).toBe(1);
    await journal.close();
  });

  it('should keep the steps and retry when the tables cannot be written, and refuse commits once closed', async () => {
    const errors: Error[] = [];
    const { journal } = await LoggedRiskJournal.open(store, file, { flushMs: 5, onFlushError: (e) => errors.push(e) });
    const other = new Database(db.url);
    other.exec('BEGIN IMMEDIATE'); // another process holds the write lock past the 5 s busy timeout
    try {
      expect(await journal.commit(openStep())).toBe(true);
      for (let i = 0; i < 800 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(errors[0]?.message).toMatch(/locked|busy/i);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    for (let i = 0; i < 200 && !(await store.decision('s1')); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await store.decision('s1')).toEqual(decision('s1'));
    await journal.close();
    await expect(journal.commit(openStep())).rejects.toThrow(/journal is closed/);
  }, 20_000);
});
