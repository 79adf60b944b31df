import { INestMicroservice, Type } from '@nestjs/common';
import { ServiceName } from '@polytrader/contracts';
import { StageTimingRecord, StageTimingStore, createDataSource } from '@polytrader/persistence';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisScheduler } from '../../../apps/analyzer/src/analysis/analysis.scheduler';
import { AnalyzerModule } from '../../../apps/analyzer/src/analyzer.module';
import { CollectionScheduler } from '../../../apps/collector/src/collection/collection.scheduler';
import { CollectorModule } from '../../../apps/collector/src/collector.module';
import { HypeScheduler } from '../../../apps/hype/src/cycle/hype.scheduler';
import { HypeModule } from '../../../apps/hype/src/hype.module';

jest.setTimeout(180_000);

/**
 * The profiler's rows as the services write them (docs/profiler.md): one collection, hype and analysis cycle
 * in-process against the simulator, on a private NATS and a temp SQLite file; each cycle leaves one set of rows
 * in stage_timings (its stages and the total) and its stages in polytrader_cycle_duration_seconds.
 */
describe('stage timings written by the services (real NATS, real SQLite)', () => {
  let nats: NatsServerHandle;
  let sim: Simulator;
  let dir: string;
  let dbFile: string;
  let rows: StageTimingRecord[];
  const apps: { app: INestMicroservice; runtime: ServiceRuntime }[] = [];

  async function service<T>(name: ServiceName, module: Type<unknown>, config: Record<string, Record<string, unknown>>, scheduler: new (...args: never[]) => T,
    env: NodeJS.ProcessEnv = {}): Promise<T> {
    const runtime = await createTestRuntime({ name, natsUrl: nats.url, env, config: { ...config, storage: { url: dbFile } } });
    const app = (await createServiceApp({ name, module }, runtime)) as INestMicroservice;
    apps.push({ app, runtime });
    return app.get(scheduler);
  }

  beforeAll(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'stage-timings-e2e-'));
    dbFile = join(dir, 'timings.sqlite');
    sim = await startSimulator({ port: 0, markets: 12, seed: 3, historyPoints: 100 });
    const fast = { rps: 10_000, burst: 10_000 };
    const collector = await service('collector', CollectorModule, {
      data_collection: { gamma_api_url: sim.urls.gamma, clob_api_url: sim.urls.clob, run_at_start: false, rate_limits: { gamma: fast, clob: fast } },
    }, CollectionScheduler);
    expect(await collector.runOnce()).toMatchObject({ outcome: 'completed' });
    const hype = await service('hype', HypeModule, {
      hype: { x_api_url: sim.urls.x, rss_feeds: [sim.urls.rss], run_at_start: false, backfill_intervals: 20, x_rate_limit: fast, rss_rate_limit: fast },
    }, HypeScheduler, { X_BEARER_TOKEN: 'e2e-bearer-token' });
    expect(await hype.runOnce()).toMatchObject({ outcome: 'completed' });
    const analyzer = await service('analyzer', AnalyzerModule, { analysis: { schedule: '0 3 * * *', min_points: 10 } }, AnalysisScheduler);
    expect(await analyzer.runOnce()).not.toBeNull();

    const ds = await createDataSource({ url: dbFile });
    try {
      rows = await new StageTimingStore(ds).recent({ lastCycles: 10 });
    } finally {
      await ds.destroy();
    }
  });

  afterAll(async () => {
    for (const { app, runtime } of apps.reverse()) await closeService(app, runtime);
    await sim?.close();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stagesOf = (cycle: string) => rows.filter((r) => r.cycle === cycle).map((r) => r.stage).sort();

  it('should store one set of rows per cycle: every stage it ran and its total', () => {
    expect(stagesOf('collection')).toEqual(['fetch.clob', 'fetch.gamma', 'parse', 'persist', 'publish', 'total']);
    expect(stagesOf('hype')).toEqual(['markets', 'news', 'persist', 'publish', 'score', 'sentiment', 'total', 'x']);
    expect(stagesOf('analysis')).toEqual(['align', 'granger', 'microstructure', 'persist', 'publish', 'total']);
    expect(new Set(rows.filter((r) => r.cycle === 'collection').map((r) => r.service))).toEqual(new Set(['collector']));
    expect(rows.every((r) => r.outcome === 'ok' && Number.isFinite(r.durationMs) && r.durationMs >= 0)).toBe(true);
  });

  it('should keep the stages within their cycle: no stage longer than the total, the sequential ones summing to at most it', () => {
    for (const cycle of ['collection', 'hype', 'analysis']) {
      const of = rows.filter((r) => r.cycle === cycle);
      const total = of.find((r) => r.stage === 'total')!.durationMs;
      // sentiment runs inside news and x (a sub-stage): left out of the sum
      const sequential = of.filter((r) => r.stage !== 'total' && r.stage !== 'sentiment');
      expect({ cycle, over: sequential.filter((r) => r.durationMs > total + 1).map((r) => r.stage) }).toEqual({ cycle, over: [] });
      expect(sequential.reduce((s, r) => s + r.durationMs, 0)).toBeLessThanOrEqual(total + 1);
    }
    const collectionTotal = rows.find((r) => r.cycle === 'collection' && r.stage === 'total')!;
    expect(collectionTotal.durationMs).toBeGreaterThan(0);
  });

  it('should observe each stage in polytrader_cycle_duration_seconds as <cycle>.<stage>', async () => {
    const collector = apps.find((a) => a.runtime.name === 'collector')!.runtime;
    const family = (await collector.metrics.snapshot()).find((f) => f.name === 'polytrader_cycle_duration_seconds')!;
    const counted = family.values.filter((v) => v.metricName === 'polytrader_cycle_duration_seconds_count' && v.value === 1).map((v) => String(v.labels.stage));
    expect(counted).toEqual(expect.arrayContaining(['collection', 'collection.fetch.gamma', 'collection.fetch.clob', 'collection.parse', 'collection.persist', 'collection.publish']));
  });
});
