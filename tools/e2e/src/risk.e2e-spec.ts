import { INestMicroservice } from '@nestjs/common';
import { RiskCommandEvent, SignalGeneratedEvent, Subjects, envelope, parse } from '@polytrader/contracts';
import { PortfolioStore, RiskJournalStore, RiskStateStore, createDataSource } from '@polytrader/persistence';
import { decisionConfigHash } from '@polytrader/decision';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RiskModule } from '../../../apps/risk/src/risk.module';
import { RiskService } from '../../../apps/risk/src/risk.service';
import { makeSignal, seedMarkets } from './risk-fixtures';

jest.setTimeout(60_000);

/** Wide spread: buy at 0.50, sell at 0.30, marked at the mid 0.40 — every round trip loses. */
const LOSING_BOOK = { bids: [[0.3, 1000]] as [number, number][], asks: [[0.5, 1000]] as [number, number][] };

interface Running {
  runtime: ServiceRuntime;
  app: INestMicroservice;
  service: RiskService;
}

describe('risk service (real NATS, real SQLite, in process)', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let dbFile: string;
  let risk: Running | null = null;
  let observer: ServiceRuntime | null = null;
  const events: { subject: string; body: Record<string, unknown> }[] = [];
  const invalid: string[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'risk-e2e-'));
    dbFile = join(dir, 'risk.sqlite');
    events.length = 0;
    invalid.length = 0;
  });

  afterEach(async () => {
    if (risk) await closeService(risk.app, risk.runtime);
    risk = null;
    if (observer) {
      observer.killSwitch.stop();
      await observer.nc.drain();
    }
    observer = null;
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(invalid).toEqual([]);
  });

  async function startRisk(): Promise<Running> {
    const runtime = await createTestRuntime({
      name: 'risk', natsUrl: nats.url,
      config: {
        storage: { url: dbFile }, bus: { ack_wait_s: 1 },
        portfolio: { initial_equity: 1000, max_position_pct: 10, max_total_exposure_pct: 90 },
        risk: { daily_loss_limit: -5, warning_threshold: 0.8, max_open_positions: 10, min_liquidity: 1000, min_book_depth: 50 },
        execution: { fee_bps: 0, max_slippage_pct: 5 },
      },
    });
    for (const subject of ['risk.>', 'trade.>']) {
      runtime.nc.subscribe(subject, {
        callback: (_e, m) => {
          const valid = parse(m.subject, m.data);
          if (!valid.ok) invalid.push(valid.error.message);
          events.push({ subject: m.subject, body: JSON.parse(Buffer.from(m.data).toString()) });
        },
      });
    }
    const app = (await createServiceApp({ name: 'risk', module: RiskModule }, runtime)) as INestMicroservice;
    risk = { runtime, app, service: app.get(RiskService) };
    return risk;
  }

  async function publishSignal(s: SignalGeneratedEvent, msgId = s.id): Promise<void> {
    await risk!.runtime.nc.jetstream().publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(s)), { msgID: msgId });
  }

  const decisionOf = (signalId: string) => events.find((e) => (e.subject === Subjects.RiskApproved || e.subject === Subjects.RiskRejected) && e.body.signalId === signalId);
  const waitDecision = (signalId: string) => waitFor(() => decisionOf(signalId), { what: `decision on ${signalId}` });

  async function stored<T>(fn: (ds: Awaited<ReturnType<typeof createDataSource>>) => Promise<T>): Promise<T> {
    const ds = await createDataSource({ url: dbFile });
    try {
      return await fn(ds);
    } finally {
      await ds.destroy();
    }
  }

  async function streamCount(stream: string, subject: string): Promise<number> {
    const info = await risk!.runtime.jsm.streams.info(stream, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  }

  it('should decide every signal exactly once: a redelivered signal re-publishes its decision and never trades twice', async () => {
    await seedMarkets(dbFile, 3, { bids: [[0.49, 1000]], asks: [[0.5, 1000]] });
    await startRisk();
    const s = makeSignal('dup-1', 'm0', 'BUY', 40);
    await publishSignal(s);
    await waitDecision('dup-1');
    await publishSignal(s, 'another-msg-id'); // the same signal again, past JetStream's de-duplication
    await publishSignal(makeSignal('after-dup', 'm1', 'BUY', 40));
    await waitDecision('after-dup'); // ordered consumer: the duplicate was handled before this one
    expect(decisionOf('dup-1')?.subject).toBe(Subjects.RiskApproved);
    const { orders, positions, decision } = await stored(async (ds) => ({
      orders: await new RiskJournalStore(ds).ordersForSignal('dup-1'), positions: await new PortfolioStore(ds, 1000).openPositions(),
      decision: await new RiskJournalStore(ds).decision('dup-1'),
    }));
    expect(orders).toHaveLength(1);
    // the stored decision keeps what it read: the book it walked, with the cycle that observed it, and the config hash
    expect(decision?.inputs).toMatchObject({
      configHash: decisionConfigHash(risk!.runtime.config), book: { tokenId: 'm0-yes', bids: [[0.49, 1000]], asks: [[0.5, 1000]], observedAt: expect.any(String) },
    });
    expect(positions.map((p) => [p.marketId, p.size])).toEqual([['m0', 40], ['m1', 40]]);
    // the re-published events carry the same ids, so the RISK stream stored each once
    expect(await streamCount('RISK', Subjects.RiskApproved)).toBe(2);
    expect(await streamCount('RISK', Subjects.TradeOpened)).toBe(2);
  });

  it('should publish system.kill exactly once when losing trades cross the daily loss limit, halt every service, and stay halted until a reset', async () => {
    await seedMarkets(dbFile, 6, LOSING_BOOK);
    await startRisk();
    observer = await createTestRuntime({ name: 'collector', natsUrl: nats.url });
    expect(observer.killSwitch.isHalted()).toBe(false);
    const kills: Record<string, unknown>[] = [];
    risk!.runtime.nc.subscribe(Subjects.SystemKill, { callback: (_e, m) => void kills.push(JSON.parse(Buffer.from(m.data).toString())) });

    // four entries of 100 shares at 0.50 (5 % of equity each), marked at 0.40: −40 = −4 % → REDUCING after the fourth
    for (const m of ['m0', 'm1', 'm2', 'm3']) await publishSignal(makeSignal(`open-${m}`, m, 'BUY', 100));
    await waitDecision('open-m3');
    expect(['m0', 'm1', 'm2', 'm3'].map((m) => decisionOf(`open-${m}`)?.subject)).toEqual(Array(4).fill(Subjects.RiskApproved));
    expect(events.filter((e) => e.subject === Subjects.RiskWarning).map((e) => e.body)).toEqual([
      expect.objectContaining({ limit: 'daily_loss_limit', value: -4, threshold: -5, message: 'Approaching daily limit: -4.00 (limit -5)' }),
    ]);
    await publishSignal(makeSignal('open-m4', 'm4', 'BUY', 100));
    await waitDecision('open-m4');
    expect(decisionOf('open-m4')).toMatchObject({ subject: Subjects.RiskRejected, body: { tradingState: 'REDUCING' } });

    // closing m0 at 0.30 realizes −20: equity −50 = −5 % → the breaker trips
    await publishSignal(makeSignal('close-m0', 'm0', 'SELL', 100));
    await waitDecision('close-m0');
    expect(decisionOf('close-m0')?.subject).toBe(Subjects.RiskApproved);
    await waitFor(() => observer!.killSwitch.isHalted(), { what: 'the other service halted' });
    expect(kills).toEqual([expect.objectContaining({ source: 'risk', reason: 'daily loss limit breached: -5.00% of start-of-day equity (limit -5%)' })]);
    expect(kills[0].metrics).toMatchObject({ equity: 950, dailyPnlPct: -5, startOfDayEquity: 1000 });

    // halted: more losing closes are refused, and no second kill follows
    await waitFor(() => risk!.runtime.killSwitch.isHalted(), { what: 'risk halted' });
    await publishSignal(makeSignal('close-m1', 'm1', 'SELL', 100));
    await waitDecision('close-m1');
    expect(decisionOf('close-m1')).toMatchObject({ subject: Subjects.RiskRejected, body: { tradingState: 'HALTED' } });
    expect((decisionOf('close-m1')!.body.reasons as string[])).toContain('halted: daily loss limit breached: -5.00% of start-of-day equity (limit -5%)');
    expect(await streamCount('CONTROL', Subjects.SystemKill)).toBe(1);
    expect(risk!.service.status()).toMatchObject({ tradingState: 'HALTED' });

    // a restart does not resume: the kill is on the bus, the breaker state in the database
    await closeService(risk!.app, risk!.runtime);
    risk = null;
    await startRisk();
    expect(risk!.runtime.killSwitch.isHalted()).toBe(true);
    expect(risk!.service.status()).toMatchObject({ tradingState: 'HALTED', breaker: { key: expect.stringMatching(/^daily_loss:/), published: true } });

    // only a manual reset resumes; the same breach does not kill again
    await risk!.runtime.nc.jetstream().publish(Subjects.SystemReset, Buffer.from(JSON.stringify({ reason: 'owner checked', source: 'cli' })));
    await waitFor(() => {
      const states = { collector: observer!.killSwitch.current, risk: risk!.runtime.killSwitch.current };
      if (states.collector.state !== 'running' || states.risk.state !== 'running') throw new Error(JSON.stringify(states)); // which one, and why
      return true;
    }, { what: 'reset everywhere' });
    await publishSignal(makeSignal('close-m1b', 'm1', 'SELL', 100));
    await waitDecision('close-m1b');
    expect(decisionOf('close-m1b')).toMatchObject({ subject: Subjects.RiskApproved, body: { tradingState: 'REDUCING' } });
    expect(await streamCount('CONTROL', Subjects.SystemKill)).toBe(1);
    expect(kills).toHaveLength(1);
  });

  it('should enter REDUCING on risk.command and leave it on resume', async () => {
    await seedMarkets(dbFile, 3, { bids: [[0.49, 1000]], asks: [[0.5, 1000]] });
    await startRisk();
    const command = async (c: 'reduce' | 'resume') => {
      const e: RiskCommandEvent = { ...envelope('cli'), command: c, reason: 'big news pending' };
      await risk!.runtime.nc.jetstream().publish(Subjects.RiskCommand, Buffer.from(JSON.stringify(e)));
    };
    await command('reduce');
    await waitFor(() => risk!.service.status().tradingState === 'REDUCING', { what: 'REDUCING' });
    await publishSignal(makeSignal('r1', 'm0', 'BUY', 20));
    await waitDecision('r1');
    expect(decisionOf('r1')?.body.reasons).toEqual(['trading state REDUCING: on command from cli: big news pending', 'reducing: only position-reducing orders pass (on command from cli: big news pending)']);
    await command('resume');
    await waitFor(() => risk!.service.status().tradingState === 'ACTIVE', { what: 'ACTIVE' });
    await publishSignal(makeSignal('r2', 'm0', 'BUY', 20));
    await waitDecision('r2');
    expect(decisionOf('r2')?.subject).toBe(Subjects.RiskApproved);
    const state = await stored((ds) => new RiskStateStore(ds).load());
    expect(state?.reducing).toBeNull();
  });
});
