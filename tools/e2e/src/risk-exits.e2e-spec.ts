import { MarketCycleCompletedEvent, SignalGeneratedEvent, Subjects, envelope } from '@polytrader/contracts';
import { DecisionRecord, OrderRecord, PortfolioStore, PositionState, RiskJournalStore, createDataSource } from '@polytrader/persistence';
import type { ServiceRuntime } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RiskModule } from '../../../apps/risk/src/risk.module';
import { makeSignal, seedMarkets } from './risk-fixtures';
import { InProcessRisk, RiskBusEvent, startRiskInProcess } from './risk-in-process';

jest.setTimeout(60_000);

const BOOK = { bids: [[0.49, 1000]] as [number, number][], asks: [[0.5, 1000]] as [number, number][] };
/** Marked at 0.31: a BUY at 0.50 is 38 % down, past the 20 % stop-loss. */
const CRASHED = { bids: [[0.3, 1000]] as [number, number][], asks: [[0.32, 1000]] as [number, number][] };

describe('risk exits and start-up migration (real NATS, real SQLite, in process)', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let dbFile: string;
  let risk: InProcessRisk | null = null;
  let runtime: ServiceRuntime | null = null;
  const events: RiskBusEvent[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'risk-exits-'));
    dbFile = join(dir, 'risk.sqlite');
    events.length = 0;
  });

  afterEach(async () => {
    await stopRisk();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startRisk(): Promise<void> {
    risk = await startRiskInProcess({ natsUrl: nats.url, dbFile, module: RiskModule, execution: { stop_loss_pct: 20, take_profit_pct: 50 }, events });
    runtime = risk.runtime;
  }

  async function stopRisk(): Promise<void> {
    await risk?.stop();
    risk = null;
    runtime = null;
  }

  const publishSignal = (s: SignalGeneratedEvent) => risk!.publishSignal(s);
  const decisionOf = (signalId: string) => risk!.decisionOf(signalId);

  function cycleEvent(cycleId: string): MarketCycleCompletedEvent {
    return {
      ...envelope('collector'), cycleId, markets: 3, snapshots: 3, books: 3, pricePoints: 0, rejected: 0, errors: [], breakers: {}, durationMs: 1, outcome: 'completed',
    };
  }
  const publishCycle = (c: MarketCycleCompletedEvent, msgId: string) =>
    runtime!.nc.jetstream().publish(Subjects.MarketCycleCompleted, Buffer.from(JSON.stringify(c)), { msgID: msgId });

  async function streamCount(stream: string, subject: string): Promise<number> {
    const info = await runtime!.jsm.streams.info(stream, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  }

  async function stored() {
    const ds = await createDataSource({ url: dbFile });
    try {
      return { positions: await new PortfolioStore(ds, 1000).openPositions(), journal: await new RiskJournalStore(ds).entries(), trades: await new RiskJournalStore(ds).allTrades() };
    } finally {
      await ds.destroy();
    }
  }

  it('should publish the closes of a redelivered market cycle again, with the same event ids, when its exits are already applied', async () => {
    const t0 = new Date();
    await seedMarkets(dbFile, 3, BOOK, t0);
    await startRisk();
    await publishSignal(makeSignal('open-m0', 'm0', 'BUY', 40));
    await waitFor(() => decisionOf('open-m0'), { what: 'decision' });
    expect(decisionOf('open-m0')?.subject).toBe(Subjects.RiskApproved);

    const t1 = new Date(t0.getTime() + 1000);
    await seedMarkets(dbFile, 3, CRASHED, t1);
    const cycle = cycleEvent(`seed-${t1.getTime()}`);
    await publishCycle(cycle, 'cycle-first');
    const closed = await waitFor(() => events.find((e) => e.subject === Subjects.TradeClosed), { what: 'stop-loss close' });
    expect(closed.body).toMatchObject({ trigger: 'stop_loss', marketId: 'm0', size: 40, price: 0.3 });
    const firstRun = events.filter((e) => e.subject === Subjects.TradeClosed || e.subject === Subjects.RiskWarning);

    // the same cycle again past JetStream's de-duplication, as a redelivery after a crash between commit and publish would be
    events.length = 0;
    await publishCycle(cycle, 'cycle-again');
    await waitFor(() => events.filter((e) => e.subject === Subjects.TradeClosed).length === firstRun.filter((e) => e.subject === Subjects.TradeClosed).length || null,
      { what: 'closes published again' });
    await new Promise((r) => setTimeout(r, 300));
    const again = events.filter((e) => e.subject === Subjects.TradeClosed || e.subject === Subjects.RiskWarning);
    expect(again.map((e) => [e.subject, e.body.id])).toEqual(firstRun.map((e) => [e.subject, e.body.id]));
    expect(again.map((e) => e.body)).toEqual(firstRun.map((e) => e.body));
    // stored once on the bus (same ids), applied once in the database
    expect(await streamCount('RISK', Subjects.TradeClosed)).toBe(1);
    await stopRisk(); // the step log reaches the tables
    const db = await stored();
    expect(db.positions).toEqual([]);
    expect(db.journal.filter((e) => e.kind === 'order').map((e) => (e.detail as { trigger: string }).trigger)).toEqual(['signal', 'stop_loss']);
  });

  /** A short as older versions stored it: SELL side, collateral 1 − price per share. */
  async function storeShort(ds: Awaited<ReturnType<typeof createDataSource>>, marketId: string, tradeId: string, avgPrice: number, markPrice: number | null): Promise<void> {
    const ts = new Date().toISOString();
    const p: PositionState = {
      marketId, tokenId: `${marketId}-yes`, outcome: 'Yes', sector: 'politics', side: 'SELL', size: 40, avgPrice, cost: 40 * (1 - avgPrice), markPrice,
      unrealizedPnl: markPrice === null ? 0 : (avgPrice - markPrice) * 40, openedAt: ts, tradeId, markedAt: markPrice === null ? null : ts, fees: 0, realizedPnl: 0, updatedAt: ts,
    };
    const ok = await new RiskJournalStore(ds).commit({
      orders: [], positions: { upsert: [p], remove: [] },
      trades: [{ tradeId, marketId, tokenId: p.tokenId, side: 'SELL', size: 40, price: avgPrice, fees: 0, realizedPnl: null, mode: 'paper', status: 'open', openedAt: ts, closedAt: null }],
      state: {
        tradingDay: ts.slice(0, 10), dayStartEquity: 1000, highWaterMark: 1000, realizedPnl: 0, consecutiveErrors: 0, reducing: null, breaker: null, firedKeys: [],
        warnedKeys: [], updatedAt: ts,
      },
    });
    expect(ok).toBe(true);
  }

  it('should close the shorts an older version stored at start-up, at the mark (else the entry price, saying so), once', async () => {
    await seedMarkets(dbFile, 3, BOOK); // m0 has a book: mark 0.495
    const ds = await createDataSource({ url: dbFile });
    try {
      await storeShort(ds, 'm0', 'T-short-m0', 0.6, 0.55);
      await storeShort(ds, 'm9', 'T-short-m9', 0.3, null); // no market, no mark
    } finally {
      await ds.destroy();
    }

    await startRisk();
    await waitFor(() => events.filter((e) => e.subject === Subjects.TradeClosed).length === 2 || null, { what: 'two closes' });
    const closes = events.filter((e) => e.subject === Subjects.TradeClosed).map((e) => e.body);
    expect(closes).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'trade-T-short-m0:short_migrated', tradeId: 'T-short-m0', side: 'BUY', size: 40, price: 0.495, realizedPnl: 4.2 }),
      expect.objectContaining({ id: 'trade-T-short-m9:short_migrated', tradeId: 'T-short-m9', side: 'BUY', size: 40, price: 0.3, realizedPnl: 0 }),
    ]));
    expect(events.filter((e) => e.subject === Subjects.RiskApproved || e.subject === Subjects.RiskRejected)).toEqual([]);
    await stopRisk();

    const check = async () => {
      const db = await stored();
      expect(db.positions).toEqual([]);
      expect(db.trades.map((t) => [t.tradeId, t.status, t.realizedPnl === null ? null : Math.round(t.realizedPnl * 1e6) / 1e6]).sort())
        .toEqual([['T-short-m0', 'closed', 4.2], ['T-short-m9', 'closed', 0]]);
      const decisions = db.journal.filter((e) => e.kind === 'decision').map((e) => e.detail as DecisionRecord);
      expect(decisions.map((d) => d.signalId).sort()).toEqual(['short_migrated:T-short-m0', 'short_migrated:T-short-m9']);
      const reasons = Object.fromEntries(decisions.map((d) => [d.signalId, d.reasons[0]]));
      expect(reasons['short_migrated:T-short-m0']).toMatch(/^short_migrated: short position of 40\.0000 shares .* closed at the mark 0\.4950/);
      expect(reasons['short_migrated:T-short-m9']).toMatch(/^short_migrated: .* closed at its entry price 0\.3000 \(no mark known\)/);
      const orders = db.journal.filter((e) => e.kind === 'order').map((e) => e.detail as OrderRecord);
      expect(orders.map((o) => [o.orderId, o.side, o.intent, o.filledSize]).sort()).toEqual([
        ['T-short-m0:short_migrated', 'BUY', 'close', 40], ['T-short-m9:short_migrated', 'BUY', 'close', 40],
      ]);
    };
    await check();

    // idempotent: a second start finds no short and changes nothing
    events.length = 0;
    await startRisk();
    await new Promise((r) => setTimeout(r, 500));
    expect(events.filter((e) => e.subject === Subjects.TradeClosed)).toEqual([]);
    await stopRisk();
    await check();
  });
});
