import { Subjects, parse } from '@polytrader/contracts';
import { AnalysisStore, HypeScoreStore, MarketStore, PortfolioStore, RiskJournalStore, SignalStore } from '@polytrader/persistence';
import { createTestDatabase, type TestDatabase } from '@polytrader/persistence/testing';
import { EventBus, KillSwitch, ensureStreams } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { SignalRuleSettings, SizingSettings } from '@polytrader/quant';
import { NatsConnection, connect } from 'nats';
import pino from 'pino';
import { seedSyntheticSignalData } from '../testing/synthetic-inputs';
import type { SignalStores } from '@polytrader/decision';
import { SignalPass, SignalPassOptions, SignalPublisher } from './signal-pass-runner';

const now = Date.parse('2026-11-30T12:05:00.000Z');
const rules: SignalRuleSettings = {
  rocWindow: 4, hypeRocThreshold: 1, strongRocMultiple: 2, rvrThreshold: 2, maxPriceRoc: 0.1, maxPValue: 0.05, minAbsPearson: 0.1,
  maxAnalysisAgeMs: 48 * 3_600_000, cooldownMs: 3_600_000, noEntryWindowMs: 24 * 3_600_000, intervalMinutes: 15,
};
const sizing: SizingSettings = { kellyFraction: 0.25, maxEdge: 0.1, maxPositionPct: 5, maxTotalExposurePct: 50, sectorLimitsPct: { politics: 0 }, maxSlippagePct: 2 };

describe('SignalPass (real SQLite, real NATS and kill switch)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let bus: EventBus;
  let ks: KillSwitch;
  let db: TestDatabase;
  let stores: SignalStores;
  const received: { marketId: string; side: string; strength: string; size: number; reasons: string[] }[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStreams(await nc.jetstreamManager());
    bus = new EventBus(nc, 'signals', pino({ level: 'silent' }));
    ks = new KillSwitch(nc, await nc.jetstreamManager(), 'signals', pino({ level: 'silent' }));
    await ks.start();
    nc.subscribe(Subjects.SignalGenerated, {
      callback: (_e, m) => {
        expect(parse(Subjects.SignalGenerated, m.data).ok).toBe(true);
        received.push(JSON.parse(Buffer.from(m.data).toString()));
      },
    });
  });

  afterAll(async () => {
    ks?.stop();
    await nc?.close();
    await nats?.stop();
  });

  beforeEach(async () => {
    received.length = 0;
    db = await createTestDatabase('sqlite');
    stores = {
      markets: new MarketStore(db.ds), hype: new HypeScoreStore(db.ds), analysis: new AnalysisStore(db.ds),
      portfolio: new PortfolioStore(db.ds, 1000), signals: new SignalStore(db.ds),
    };
    await seedSyntheticSignalData(db.ds, { markets: 12, nowMs: now, risingFraction: 0.5 });
  });

  afterEach(async () => {
    if (ks.isHalted()) {
      nc.publish(Subjects.SystemReset, Buffer.from('test done'));
      await waitFor(() => !ks.isHalted(), { what: 'reset' });
    }
    await db?.drop();
  });

  const pass = (publisher: SignalPublisher = bus, over: Partial<SignalPassOptions> = {}) =>
    new SignalPass({ stores, publisher, halt: ks, logger: pino({ level: 'silent' }), rules, sizing, events: [], initialEquity: 1000, source: 'signals', ...over });

  it('should publish sized BUY signals for the rising markets, journal them, and suppress what a sector limit leaves no room for', async () => {
    const report = await pass().run(now);
    // m0…m5 rise; m0 and m3 are politics (limit 0 %): suppressed
    expect(report).toMatchObject({ markets: 12, eligible: 12, proposals: 6, published: 4, suppressed: 2, halted: 0, failed: 0, equity: 1000 });
    expect(report.skipped).toEqual({ eligibility: 0, rule: 6 });
    await waitFor(() => received.length === 4, { what: 'four signal.generated' });
    expect(received.map((s) => s.marketId).sort()).toEqual(['m1', 'm2', 'm4', 'm5']);
    expect(received.every((s) => s.side === 'BUY' && s.strength === 'STRONG' && s.size > 0)).toBe(true);
    expect(received[0].reasons).toEqual(expect.arrayContaining(['rvr=2.50 ≥ 2', expect.stringMatching(/^size [\d.]+ shares = [\d.]+ USDC \(kelly/)]));
    const journal = await stores.signals.recent({ status: 'all' });
    expect(journal.filter((r) => r.status === 'suppressed').map((r) => [r.marketId, r.sector, r.size, r.note])).toEqual(
      expect.arrayContaining([['m0', 'politics', 0, expect.stringMatching(/^size 0: sector limit reached/)], ['m3', 'politics', 0, expect.any(String)]]),
    );
    expect(journal.filter((r) => r.status === 'published').map((r) => r.id).sort()).toEqual([...report.signalIds].sort());
  });

  it('should stop publishing the moment the kill switch flips during a pass, journaling the rest as halted', async () => {
    let first = true;
    const killAfterFirst: SignalPublisher = {
      publish: async (subject, event) => {
        await bus.publish(subject, event);
        if (!first) return;
        first = false;
        nc.publish(Subjects.SystemKill, Buffer.from('{"reason":"mid-pass kill","source":"test"}'));
        await waitFor(() => ks.isHalted(), { what: 'halted mid-pass' });
      },
    };
    const report = await pass(killAfterFirst, { publishConcurrency: 1 }).run(now);
    expect(report).toMatchObject({ published: 1, halted: 3, suppressed: 2 });
    await nc.flush();
    await waitFor(() => received.length === 1, { what: 'the one signal before the kill' });
    const halted = await stores.signals.recent({ status: 'halted' });
    expect(halted.map((r) => r.note)).toEqual(['kill switch on at publish time', 'kill switch on at publish time', 'kill switch on at publish time']);
    expect((await stores.signals.lastSignalTimes()).size).toBe(1); // only the published one starts a cooldown
  });

  it('should exit a held outcome that hype now expects to fall: SELL at the bid, the shares held, and size other entries on what is left', async () => {
    const T = '2026-11-30T11:00:00.000Z';
    const held = (marketId: string, tokenId: string, outcome: string, size: number, cost: number) => ({
      marketId, tokenId, tradeId: `t-${tokenId}`, outcome, sector: null, side: 'BUY' as const, size, avgPrice: cost / size, cost, markPrice: null,
      unrealizedPnl: 0, markedAt: null, fees: 0, realizedPnl: 0, openedAt: T, updatedAt: T,
    });
    await new RiskJournalStore(db.ds).commit({
      orders: [], trades: [], positions: { upsert: [held('m1', 'm1-no', 'No', 120, 60), held('m2', 'm2-yes', 'Yes', 100, 40)], remove: [] },
      state: { tradingDay: '2026-11-30', dayStartEquity: 1000, highWaterMark: 1000, realizedPnl: 0, consecutiveErrors: 0, reducing: null, breaker: null, firedKeys: [], warnedKeys: [], updatedAt: T },
    });
    const report = await pass().run(now);
    expect(report).toMatchObject({ proposals: 6, published: 4, suppressed: 2 });
    await waitFor(() => received.length === 4, { what: 'signals' });
    const exit = received.find((s) => s.marketId === 'm1');
    // m1's Yes rises, so the No held is sold: at its best bid, all 120 shares (the best bid level holds 1000)
    expect(exit).toMatchObject({ side: 'SELL', outcome: 'No', size: 120 });
    expect(exit?.reasons.at(-2)).toBe('exit: holding No, hype now points to Yes');
    // m2 (crypto) already holds 40 USDC of its 50 (5 % of 1000): the new entry is cut to the 10 left
    const m2 = (await stores.signals.recent({ marketId: 'm2' }))[0];
    expect(m2.stake).toBeCloseTo(10, 9);
    expect(m2.reasons.at(-1)).toMatch(/capped by market\)$/);
  });

  it('should do nothing at all when halted at the start', async () => {
    nc.publish(Subjects.SystemKill, Buffer.from('halted before the pass'));
    await waitFor(() => ks.isHalted(), { what: 'halted' });
    const report = await pass().run(now);
    expect(report).toMatchObject({ outcome: 'halted', proposals: 0, published: 0 });
    expect(await stores.signals.recent({ status: 'all' })).toEqual([]);
  });

  it('should journal a signal the bus refused as failed, with the error', async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete('SIGNAL'); // JetStream now has no stream for signal.generated: every publish is refused
    try {
      // 1 % total exposure leaves room for one signal only: one refused publish (each waits for JetStream's timeout)
      const report = await pass(bus, { sizing: { ...sizing, maxTotalExposurePct: 1 } }).run(now);
      expect(report).toMatchObject({ outcome: 'partial', published: 0, failed: 1, suppressed: 5 });
      const failed = await stores.signals.recent({ status: 'failed' });
      expect(failed).toHaveLength(1);
      expect(failed.every((r) => r.note !== null && r.note.length > 0)).toBe(true);
      expect(await stores.signals.lastSignalTimes()).toEqual(new Map()); // a failed signal does not start a cooldown
    } finally {
      await ensureStreams(jsm);
    }
  });
});
