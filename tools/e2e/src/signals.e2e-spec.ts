import { INestMicroservice } from '@nestjs/common';
import { MarketCycleCompletedEvent, Subjects, envelope, parse } from '@polytrader/contracts';
import { AnalysisStore, HypeScoreStore, MarketStore, RiskJournalStore, SignalStore, createDataSource } from '@polytrader/persistence';
import { ServiceRuntime, closeService, createServiceApp, validateConfigText } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AnalysisRun, AnalysisReport } from '../../../apps/analyzer/src/analysis/analysis-run';
import { CollectionScheduler } from '../../../apps/collector/src/collection/collection.scheduler';
import { CollectorModule } from '../../../apps/collector/src/collector.module';
import { HypeScheduler } from '../../../apps/hype/src/cycle/hype.scheduler';
import { HypeModule } from '../../../apps/hype/src/hype.module';
import { SignalsHandler } from '../../../apps/signals/src/pass/signals.handler';
import { SignalsService } from '../../../apps/signals/src/pass/signals.service';
import { RebalanceService } from '../../../apps/signals/src/rebalance/rebalance.service';
import { SignalsModule } from '../../../apps/signals/src/signals.module';

jest.setTimeout(120_000);

const MARKETS = 60;
const DAYS = 5;

/**
 * The acceptance run of issue 6 on the simulator's known ground truth: collect (with 5 days of price
 * history), hype backfill (5 days of X counts), the analyzer's Granger run, then signal passes through the
 * real service on a private NATS — signals fire only on markets whose prices truly follow hype, none while
 * halted, none repeated within the cooldown.
 */
describe('signals on the simulator (real NATS, real SQLite, real collector/hype/analyzer)', () => {
  let nats: NatsServerHandle;
  let sim: Simulator;
  let dir: string;
  let dbFile: string;
  let analysis: AnalysisReport;
  let runtime: ServiceRuntime;
  let app: INestMicroservice;
  let service: SignalsService;
  const signals: { marketId: string; side: string; size: number; reasons: string[] }[] = [];
  const invalid: string[] = [];

  async function inService<T>(name: 'collector' | 'hype', module: unknown, config: Record<string, Record<string, unknown>>, env: NodeJS.ProcessEnv, fn: (app: INestMicroservice) => Promise<T>): Promise<T> {
    const rt = await createTestRuntime({ name, natsUrl: nats.url, env, config: { ...config, storage: { url: dbFile } } });
    const a = (await createServiceApp({ name, module: module as never }, rt)) as INestMicroservice;
    try {
      return await fn(a);
    } finally {
      await closeService(a, rt);
    }
  }

  beforeAll(async () => {
    nats = await startNatsServer();
    sim = await startSimulator({ port: 0, markets: MARKETS, seed: 7, historyPoints: 500, ledFraction: 0.3 });
    dir = mkdtempSync(join(tmpdir(), 'signals-e2e-'));
    dbFile = join(dir, 'signals.sqlite');
    const fast = { rps: 1000, burst: 1000 };

    const cycle = await inService('collector', CollectorModule, {
      data_collection: {
        gamma_api_url: sim.urls.gamma, clob_api_url: sim.urls.clob, run_at_start: false, history_days: DAYS, history_fidelity_minutes: 15, history_backfill_per_cycle: 10_000,
        rate_limits: { gamma: fast, clob: fast },
      },
    }, {}, (a) => a.get(CollectionScheduler).runOnce());
    expect(cycle).toMatchObject({ outcome: 'completed' });

    const hype = await inService('hype', HypeModule, {
      hype: { x_api_url: sim.urls.x, rss_feeds: [], run_at_start: false, backfill_intervals: DAYS * 96, baseline_intervals: 16, x_rate_limit: fast, rss_rate_limit: fast },
    }, { X_BEARER_TOKEN: 'e2e-bearer-token' }, (a) => a.get(HypeScheduler).runOnce());
    expect(hype).toMatchObject({ outcome: 'completed' });

    const ds = await createDataSource({ url: dbFile });
    try {
      const { config } = validateConfigText(`analysis: {lookback_days: ${DAYS + 1}, min_points: 50, max_lag: 3}\n`, 'e2e.yaml');
      analysis = await new AnalysisRun({
        stores: { markets: new MarketStore(ds), hype: new HypeScoreStore(ds), results: new AnalysisStore(ds) },
        config: config.analysis, intervalMinutes: 15, publisher: null, logger: pino({ level: 'silent' }), source: 'analyzer',
      }).run();
    } finally {
      await ds.destroy();
    }

    runtime = await createTestRuntime({
      name: 'signals', natsUrl: nats.url,
      config: {
        // thresholds low enough that an eligible market signals whenever its hype moved at all: the test is about eligibility
        signals: { hype_roc_threshold: 0.01, max_price_roc: 10, no_entry_before_resolution_h: 0, cooldown_minutes: 60, max_p_value: 0.05 },
        storage: { url: dbFile },
      },
    });
    app = (await createServiceApp({ name: 'signals', module: SignalsModule }, runtime)) as INestMicroservice;
    service = app.get(SignalsService);
    runtime.nc.subscribe(Subjects.SignalGenerated, {
      callback: (_e, m) => {
        const valid = parse(Subjects.SignalGenerated, m.data);
        if (!valid.ok) invalid.push(valid.error.message);
        signals.push(JSON.parse(Buffer.from(m.data).toString()));
      },
    });
  });

  afterAll(async () => {
    if (app) await closeService(app, runtime);
    await sim?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const led = () => new Set(sim.truth().filter((t) => t.led).map((t) => t.marketId));
  const cycleDone = (): MarketCycleCompletedEvent => ({
    ...envelope('collector'), cycleId: `e2e-${Date.now()}`, markets: MARKETS, snapshots: MARKETS, books: 0, pricePoints: 0, rejected: 0, errors: [],
    breakers: {}, durationMs: 1, outcome: 'completed',
  });

  /** Publishes market.cycle.completed (the real trigger) and waits for the pass it causes. */
  async function passAfterCycle() {
    const before = service.lastReport();
    await runtime.bus.publish(Subjects.MarketCycleCompleted, cycleDone());
    await waitFor(() => service.lastReport() !== before, { what: 'a signal pass after market.cycle.completed' });
    return service.lastReport()!;
  }

  async function journal() {
    const ds: DataSource = await createDataSource({ url: dbFile });
    try {
      return await new SignalStore(ds).recent({ status: 'all', limit: 1000 });
    } finally {
      await ds.destroy();
    }
  }

  it('should have analysed the markets and found hype leading price on led markets', () => {
    const significant = analysis.ranking.filter((r) => r.hypeToPriceP < 0.05).map((r) => r.marketId);
    expect(significant.length).toBeGreaterThan(0);
    const truth = new Map(sim.truth().map((t) => [t.marketId, t]));
    if (process.env.SIGNALS_E2E_DEBUG) console.log(analysis.ranking.map((r) => `${r.marketId} p=${r.hypeToPriceP.toExponential(2)} lag=${r.hypeToPriceLag} r=${r.pearson.toFixed(3)} pts=${r.points} led=${truth.get(r.marketId)?.led} lag=${truth.get(r.marketId)?.lag}`).join('\n'));
  });

  it('should publish nothing while halted', async () => {
    runtime.nc.publish(Subjects.SystemKill, Buffer.from(JSON.stringify({ reason: 'e2e halt', source: 'e2e' })));
    await waitFor(() => runtime.killSwitch.isHalted(), { what: 'halted' });
    const report = await passAfterCycle();
    expect(report.outcome).toBe('halted');
    await runtime.nc.flush();
    expect(signals).toEqual([]);
    expect(await journal()).toEqual([]);
    runtime.nc.publish(Subjects.SystemReset, Buffer.from('e2e resume'));
    await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'reset' });
  });

  it('should fire signals only on ground-truth led markets, and journal each one', async () => {
    const report = await passAfterCycle();
    expect(report.outcome).toBe('completed');
    expect(report.published).toBeGreaterThan(0);
    if (process.env.SIGNALS_E2E_DEBUG) console.log(JSON.stringify(report));
    await waitFor(() => signals.length === report.published, { what: 'signal.generated per published signal' });
    const truth = led();
    expect(signals.filter((s) => !truth.has(s.marketId))).toEqual([]);
    expect(signals.every((s) => s.side === 'BUY' && s.size > 0 && s.reasons.some((r) => r.startsWith('granger p_adj=')))).toBe(true);
    const rows = await journal();
    expect(rows.filter((r) => r.status === 'published').map((r) => r.marketId).sort()).toEqual(signals.map((s) => s.marketId).sort());
    expect(invalid).toEqual([]);
  });

  it('should not repeat a signal within the cooldown, also after a restart of the service', async () => {
    const fired = new Set(signals.map((s) => s.marketId));
    const before = signals.length;
    const again = await passAfterCycle();
    expect(again.published).toBe(0);
    expect(again.skipped.cooldown).toBeGreaterThanOrEqual(fired.size);

    await closeService(app, runtime); // the cooldown is read from the signals table, not from memory
    runtime = await createTestRuntime({ name: 'signals', natsUrl: nats.url, config: { signals: { hype_roc_threshold: 0.01, max_price_roc: 10, no_entry_before_resolution_h: 0 }, storage: { url: dbFile } } });
    app = (await createServiceApp({ name: 'signals', module: SignalsModule }, runtime)) as INestMicroservice;
    service = app.get(SignalsService);
    const afterRestart = await service.runPass();
    expect(afterRestart.published).toBe(0);
    expect(afterRestart.skipped.cooldown).toBeGreaterThanOrEqual(fired.size);
    expect(signals.length).toBe(before);
  });

  it('should run no pass for an aborted, empty or old cycle (a backlog after downtime)', async () => {
    const handler = app.get(SignalsHandler);
    const before = service.lastReport();
    await handler.onCycle({ ...cycleDone(), outcome: 'aborted' });
    await handler.onCycle({ ...cycleDone(), snapshots: 0 });
    await handler.onCycle({ ...cycleDone(), ts: new Date(Date.now() - 31 * 60_000).toISOString() });
    expect(service.lastReport()).toBe(before);
    await handler.onCycle({ ...cycleDone(), ts: new Date(Date.now() - 29 * 60_000).toISOString() });
    expect(service.lastReport()).not.toBe(before);
  });

  it('should publish daily rebalancing suggestions: close a position in a market where hype does not lead, nothing while halted', async () => {
    const notLed = sim.truth().find((t) => !t.led && analysis.ranking.some((r) => r.marketId === t.marketId))!.marketId;
    const T = new Date().toISOString();
    const ds = await createDataSource({ url: dbFile });
    try {
      await new RiskJournalStore(ds).commit({
        orders: [], trades: [],
        positions: { upsert: [{ marketId: notLed, tokenId: `${notLed}-yes`, tradeId: 't-e2e', outcome: 'Yes', sector: null, side: 'BUY', size: 50, avgPrice: 0.5, cost: 25, markPrice: null, unrealizedPnl: 0, markedAt: null, fees: 0, realizedPnl: 0, openedAt: T, updatedAt: T }], remove: [] },
        state: { tradingDay: T.slice(0, 10), dayStartEquity: 1000, highWaterMark: 1000, realizedPnl: 0, consecutiveErrors: 0, reducing: null, breaker: null, firedKeys: [], warnedKeys: [], updatedAt: T },
      });
    } finally {
      await ds.destroy();
    }
    const seen: unknown[] = [];
    const sub = runtime.nc.subscribe(Subjects.SignalRebalance, {
      callback: (_e, m) => {
        const valid = parse(Subjects.SignalRebalance, m.data);
        seen.push(valid.ok ? valid.event : valid.error.message);
      },
    });
    const rebalance = app.get(RebalanceService);
    const event = await rebalance.runOnce();
    expect(event?.suggestions).toEqual([{ marketId: notLed, tokenId: `${notLed}-yes`, action: 'close', currentSize: 50, targetSize: 0, reason: expect.stringMatching(/^no longer eligible: /) }]);
    await waitFor(() => seen.length === 1, { what: 'signal.rebalance' });
    expect(seen[0]).toMatchObject({ suggestions: event!.suggestions });

    runtime.nc.publish(Subjects.SystemKill, Buffer.from('halt before the daily run'));
    await waitFor(() => runtime.killSwitch.isHalted(), { what: 'halted' });
    expect(await rebalance.runOnce()).toBeNull();
    await runtime.nc.flush();
    expect(seen).toHaveLength(1);
    sub.unsubscribe();
    runtime.nc.publish(Subjects.SystemReset, Buffer.from('resume'));
    await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'reset' });
  });
});
